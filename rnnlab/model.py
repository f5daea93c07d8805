"""The vanilla RNN of the lecture note and its exact gradients (back-propagation through time).

For one sequence of token ids x_1..x_T with targets y_1..y_T and an initial state h_0:

    z_t = W_hh h_{t-1} + W_hx[:, x_t] + b_h        h_t = f(z_t)
    p_t = softmax(W_S h_t + b_y)                  J_t = -log p_t[y_t]        J = (1/T) sum_t J_t

A batch of B sequences averages J over the batch too. The input projection W_hx x_t of a one-hot
x_t is the column W_hx[:, x_t]: we index, never multiply by one-hot vectors.
"""

from __future__ import annotations

import os
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from rnnlab.cells import activations as act_table
from rnnlab.cells import get_cell
from rnnlab.cells.base import sum_rows_by_id as _sum_rows_by_id
from rnnlab.cells.elman import INITS

ACTIVATIONS = tuple(act_table.ACTIVATIONS)


@dataclass
class Params:
    """The weights of a recurrent network, named as in the lecture (W^(hx), W^(hh), W^(S)).

    For the lecture's RNN (cell "rnn") the five arrays are exactly the lecture's. The gated cells
    stack their G gate blocks in PyTorch's order: W_hx (G·H, V) is PyTorch's weight_ih, W_hh
    (G·H, H) its weight_hh, b_h (G·H,) its bias_ih and b_hh (G·H,) its bias_hh (G = 3 for the
    GRU, r z n; 4 for the LSTM, i f g o). `to_torch` gives PyTorch's names.
    """

    W_hx: np.ndarray  # (G·H, V)
    W_hh: np.ndarray  # (G·H, H)
    b_h: np.ndarray  # (G·H,)
    W_S: np.ndarray  # (V, H)
    b_y: np.ndarray  # (V,)
    b_hh: np.ndarray | None = None  # (G·H,), gated cells only
    cell: str = "rnn"

    NAMES = ("W_hx", "W_hh", "b_h", "W_S", "b_y")  # the RNN's; gated cells add b_hh
    TORCH_NAMES = {"W_hx": "weight_ih_l0", "W_hh": "weight_hh_l0", "b_h": "bias_ih_l0",
                   "b_hh": "bias_hh_l0", "W_S": "out.weight", "b_y": "out.bias"}

    @property
    def names(self) -> tuple[str, ...]:
        return self.NAMES if self.b_hh is None else self.NAMES + ("b_hh",)

    @property
    def hidden_size(self) -> int:
        return self.W_hh.shape[1]

    @property
    def vocab_size(self) -> int:
        return self.W_hx.shape[1]

    def arrays(self) -> list[np.ndarray]:
        return [getattr(self, n) for n in self.names]

    def as_dict(self) -> dict[str, np.ndarray]:
        return {n: getattr(self, n) for n in self.names}

    def with_arrays(self, arrays) -> Params:
        """Parameters of the same cell holding `arrays`, in the order of `names`."""
        named = dict(zip(self.names, arrays, strict=True))
        return Params(**named, cell=self.cell)

    def copy(self) -> Params:
        return self.with_arrays([a.copy() for a in self.arrays()])

    def is_finite(self) -> bool:
        return all(np.isfinite(a).all() for a in self.arrays())

    def global_norm(self) -> float:
        return float(np.sqrt(sum(float(np.vdot(a, a)) for a in self.arrays())))

    def to_torch(self) -> dict[str, np.ndarray]:
        """The arrays under PyTorch's names for nn.RNN / nn.GRU / nn.LSTM (one layer) + nn.Linear:
        weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0, out.weight, out.bias. The RNN's
        bias_hh_l0 is zero (its one bias b_h is bias_ih_l0)."""
        out = {self.TORCH_NAMES[n]: a.copy() for n, a in self.as_dict().items()}
        if self.b_hh is None:
            out["bias_hh_l0"] = np.zeros_like(self.b_h)
        return out

    @classmethod
    def from_torch(cls, state: dict, cell: str = "rnn") -> Params:
        """The inverse of to_torch. A PyTorch RNN's two biases act as one:
        b_h = bias_ih + bias_hh."""
        a = {n: np.array(state[t], dtype=np.float64) for n, t in cls.TORCH_NAMES.items()}
        if cell == "rnn":
            a["b_h"] = a["b_h"] + a.pop("b_hh")
        return cls(**a, cell=cell)


def derivative_bound(activation: str) -> float:
    """beta_h = sup_z |f'(z)|: 1/4 for the sigmoid (at z = 0), 1 for tanh, ReLU and linear."""
    return act_table.get(activation).sup_df


def activate(activation: str, z: np.ndarray) -> np.ndarray:
    """h = f(z), element-wise."""
    return act_table.get(activation).f(z)


def derivative(activation: str, z: np.ndarray) -> np.ndarray:
    """f'(z), element-wise, taken at the pre-activation z. ReLU's derivative at 0 is 0.

    Exact for saturated units and clamped to sup|f'| (see rnnlab.cells.activations).
    """
    return act_table.get(activation).df(np.asarray(z, dtype=np.float64))


def derivative_from_output(activation: str, h: np.ndarray, out: np.ndarray | None = None
                           ) -> np.ndarray:
    """f'(z) written through h = f(z): sigmoid h(1-h), tanh 1-h^2, ReLU [h>0], linear 1.

    `out`, when given, receives it (the BPTT hot path reuses one buffer across steps).
    """
    out = np.empty_like(h) if out is None else out
    if activation == "sigmoid":
        np.subtract(1.0, h, out=out)
        out *= h
    elif activation == "tanh":
        np.multiply(h, h, out=out)
        np.subtract(1.0, out, out=out)
    elif activation == "relu":
        np.greater(h, 0.0, out=out)
    else:
        out.fill(1.0)
    return out


# the LSTM's forget gates start mostly open, f = σ(1) ≈ 0.73 (Jozefowicz, Zaremba & Sutskever 2015)
FORGET_BIAS = 1.0


def init_params(vocab_size: int, hidden_size: int, *, cell: str = "rnn", init: str = "gaussian",
                spectral_norm: float | None = None, seed: int = 0,
                forget_bias: float = FORGET_BIAS) -> Params:
    """Random weights of `cell` ("rnn", "gru" or "lstm"). `init` chooses the recurrent matrix
    (each gate's H x H block for the gated cells); `spectral_norm` then rescales it (each block)
    to ||.||_2 = that. `forget_bias` is the LSTM's starting forget-gate bias.

    gaussian: N(0, 1/H) entries (min-char-rnn style small random); orthogonal: Q of a QR
    decomposition; identity: I (the IRNN of Le, Jaitly & Hinton 2015).
    """
    if init not in INITS:
        raise ValueError(f"unknown init {init!r}; choose one of {', '.join(INITS)}")
    if vocab_size < 1 or hidden_size < 1:
        raise ValueError("vocab_size and hidden_size must be at least 1")
    if spectral_norm is not None and not (np.isfinite(spectral_norm) and spectral_norm >= 0):
        raise ValueError(f"spectral_norm must be a finite number >= 0, got {spectral_norm!r}")
    c = get_cell(cell)
    rng = np.random.default_rng(seed)
    arrays = c.init_weights(vocab_size, hidden_size, rng, init=init,
                            spectral_norm=spectral_norm, forget_bias=forget_bias)
    return Params(**arrays, cell=cell)


def forward_states(params: Params, inputs: np.ndarray, h0: np.ndarray, activation: str
                   ) -> np.ndarray:
    """All hidden states h_1..h_T for time-major inputs (T, B) and h0 (B, H); returns (T, B, H).

    The maths runs in W_hh's dtype: float64 unless the caller cast the weights.
    """
    Hs = np.empty(inputs.shape + (params.hidden_size,), dtype=params.W_hh.dtype)  # (T, B, H)
    return _forward_into(Hs, params, inputs, h0, activation)


def forward_outputs(params: Params, inputs: np.ndarray, s0: np.ndarray, activation: str
                    ) -> np.ndarray:
    """The outputs h_1..h_T the head reads, for any cell: time-major inputs (T, B), the state
    s0 (B, S); returns (T, B, H)."""
    if params.cell == "rnn":
        return forward_states(params, inputs, s0, activation)
    ax = params.W_hx.T[inputs] + params.b_h  # (T, B, G·H)
    return get_cell(params.cell).forward(params, ax, s0, activation).h[1:]


def _forward_into(Hs: np.ndarray, params: Params, inputs: np.ndarray, h0: np.ndarray,
                  activation: str, steps: list | None = None) -> np.ndarray:
    """forward_states, written into Hs (T, B, H) of W_hh's dtype; returns Hs.

    `steps`, Hs's per-step views as _step_views makes them, spares making them again."""
    T, B = inputs.shape
    W_hh = params.W_hh
    # z_t's x-part W_hx[:, x_t] + b_h, overwritten by h_t in turn. Fewer tokens than the
    # vocabulary: gather their columns into Hs; else a table per token id (V, H), then gather.
    # ids are checked upstream; mode="clip" writes straight into Hs, not through a temporary
    W_hx_T = params.W_hx.T  # (V, H)
    few = inputs.size < W_hx_T.shape[0]
    if few:
        W_hx_T.take(inputs, axis=0, out=Hs, mode="clip")
        Hs += params.b_h
    xpart = Hs if few else np.add(W_hx_T, params.b_h, order="C")  # (T, B, H) or (V, H)
    # h @ W_hh^T: BLAS takes a single h with the transpose for free; a batch runs fastest on a
    # C-ordered copy
    W_T = W_hh.T if B == 1 else W_hh.T.copy()  # (H, H)
    h = h0.astype(W_hh.dtype, copy=False)  # (B, H)
    squash = activation in ("sigmoid", "tanh")
    if activation == "sigmoid":
        # sigmoid(z) = (1 + tanh(z/2)) / 2, so with u = 2h - 1 the step is a single tanh:
        # u_t = tanh(W_hh/4 u_{t-1} + (W_hh 1/4 + Xp_t/2)); same maths, fewer numpy calls.
        xpart *= 0.5
        xpart += 0.25 * W_hh.sum(axis=1)
        W_T = 0.25 * W_T
        h = 2.0 * h - 1.0
    if not few:
        xpart.take(inputs, axis=0, out=Hs, mode="clip")
    hs = _rows(Hs) if steps is None else steps
    h = h[0] if B == 1 else h
    Wh = np.empty_like(h)  # (B, H): W_hh h_{t-1}
    # the ufuncs as locals, called with positional out: at B = 1 every 0.03 µs is 1% a step
    add, squash_f = np.add, (np.tanh if squash else None)
    for h_t in hs:
        h.dot(W_T, Wh)
        add(h_t, Wh, h_t)  # z_t
        if squash_f:
            squash_f(h_t, h_t)
        elif activation == "relu":
            np.maximum(h_t, 0.0, out=h_t)
        h = h_t
    if activation == "sigmoid":
        Hs *= 0.5
        Hs += 0.5
    return Hs


def pre_activations(params: Params, inputs: np.ndarray, Hs: np.ndarray, h0: np.ndarray
                    ) -> np.ndarray:
    """z_t = W_hh h_{t-1} + W_hx[:, x_t] + b_h for all t, from time-major inputs (T, B), states
    (T, B, H) and h0 (B, H); returns (T, B, H)."""
    H_prev = np.concatenate([h0[None], Hs[:-1]], axis=0)  # (T, B, H)
    return H_prev @ params.W_hh.T + params.W_hx.T[inputs] + params.b_h


def loss_and_grads(params: Params, inputs, targets, h0=None, activation: str = "sigmoid"
                   ) -> tuple[float, Params, np.ndarray]:
    """J and its exact gradient dJ/dtheta by BPTT; returns (J, grads, h_T).

    inputs, targets: int arrays (T,) or (B, T); h0: (H,) or (B, H), zeros when None (for the
    LSTM an (h0, c0) pair, and h_T comes back as (h_T, c_T)). h_T comes back with h0's shape
    ((H,) for 1-D inputs when h0 is None). `grads` holds the same cell's arrays. The gated cells
    have their own fixed nonlinearities: `activation` only chooses the RNN's f.
    """
    inputs, targets, s0, squeeze = check_inputs(params, inputs, targets, h0, activation)
    with np.errstate(over="ignore"):  # exp(S) straight may overflow; then S is shifted
        loss, grads, s_last = batch_loss_and_grads(params, inputs, targets, s0, activation)
    return loss, grads, split_state(params.cell, s_last[0] if squeeze else s_last)


def batch_loss_and_grads(params: Params, inputs: np.ndarray, targets: np.ndarray,
                         s0: np.ndarray, activation: str, out: Params | None = None,
                         dtype=np.float64, work: dict | None = None
                         ) -> tuple[float, Params, np.ndarray]:
    """Unchecked BPTT for any cell on (B, T) int inputs/targets and the state s0 (B, S): the
    training loop's hot path; returns (J, grads, s_T). Call it under np.errstate(over="ignore").

    `out` receives the gradients in place; `dtype` is the precision of the maths; `work` keeps
    scratch arrays from one call to the next (see rnn_kernel).
    """
    if params.cell == "rnn":
        return rnn_kernel(params, inputs, targets, s0, activation, out, dtype, work)
    return _gated_loss_and_grads(params, inputs, targets, s0, out, dtype, work)


def _gated_loss_and_grads(params: Params, inputs: np.ndarray, targets: np.ndarray,
                          s0: np.ndarray, out: Params | None, dtype, work: dict | None = None
                          ) -> tuple[float, Params, np.ndarray]:
    """The softmax head over a cell's outputs h_t, and the cell's BPTT behind it:

        p_t = softmax(W_S h_t + b_y),  J = (1/N) Σ -ln p_t[y_t],  ∂J/∂logits = (p_t - y_t) / N

    `work` keeps the head's large arrays from one call to the next (fresh ones cost a page
    fault every 4 KiB); nothing returned lives in them.
    """
    cell = get_cell(params.cell)
    dtype = np.dtype(dtype)
    p = params if params.W_hh.dtype == dtype else params.with_arrays(
        [a.astype(dtype) for a in params.arrays()])
    B, T = inputs.shape
    N, H = T * B, p.hidden_size
    V, GH = p.vocab_size, p.W_hh.shape[0]
    x = np.ascontiguousarray(inputs.T)  # (T, B)
    ax = p.W_hx.T.take(x, axis=0, out=_scratch(work, "ax", (T, B, GH), dtype))  # (T, B, G·H)
    ax += p.b_h  # W_hx x_t + b_h
    # the activation only chooses the RNN's f: a gated cell's nonlinearities are its own
    tr = cell.forward(p, ax, s0.astype(dtype), "tanh")
    Hf = tr.h[1:].reshape(N, H)  # (N, H), rows time-major
    logits = np.dot(Hf, p.W_S.T, out=_scratch(work, "logits", (N, V), dtype))  # (N, V)
    logits += p.b_y
    logits -= logits.max(axis=1, keepdims=True)
    P = np.exp(logits, out=_scratch(work, "P", (N, V), dtype))  # (N, V)
    sums = P.sum(axis=1)  # (N,)
    y = targets.T.reshape(-1)  # (N,)
    rows = np.arange(N)
    loss = float((np.log(sums) - logits[rows, y]).sum()) / N
    dS = P  # (N, V): ∂J/∂logits, in place
    dS /= sums[:, None] * N
    dS[rows, y] -= 1.0 / N
    grads = {"W_S": dS.T @ Hf, "b_y": dS.sum(axis=0)}
    dh = np.dot(dS, p.W_S, out=_scratch(work, "dh_head", (N, H), dtype)).reshape(T, B, H)
    cell_grads, _ = cell.backward(p, x, tr, dh)
    grads.update(cell_grads)
    g = p.with_arrays([grads[n] for n in p.names])
    if out is not None:
        for dst, src in zip(out.arrays(), g.arrays(), strict=True):
            dst[...] = src
        g = out
    return loss, g, tr.s[-1].copy()


def rnn_kernel(params: Params, inputs: np.ndarray, targets: np.ndarray, h0: np.ndarray,
               activation: str, out: Params | None = None, dtype=np.float64,
               work: dict | None = None) -> tuple[float, Params, np.ndarray]:
    """Unchecked BPTT on (B, T) int inputs/targets and h0 (B, H): the training loop's hot path.
    Call it with floating-point overflow warnings off (np.errstate(over="ignore")).

    `out`, when given, receives the gradients in place (the trainer keeps them in one flat buffer).
    `dtype` is the precision of the maths: float32 roughly halves the time of large batches. The
    weights and h0 are cast to it; the gradients land in `out`'s dtype, h_T comes back in dtype.
    `work`, a dict kept by the caller, holds the large scratch arrays from one call to the next:
    fresh ones cost a page fault every 4 KiB, which on a virtual machine is most of a large batch.
    """
    B, T = inputs.shape
    N = T * B  # rows of every (N, .) array below are time-major: row t*B + b is (t, b)
    dtype = np.dtype(dtype)
    p = params  # the weights share one dtype (views into the trainer's one flat vector)
    if p.W_hh.dtype != dtype:
        p = p.with_arrays([a.astype(dtype) for a in p.arrays()])
    h0 = h0.astype(dtype, copy=False)
    H, V = p.hidden_size, p.vocab_size
    x = np.ascontiguousarray(inputs.T)  # (T, B)
    y = targets.T.reshape(-1)  # (N,)
    H_all = _scratch(work, "H_all", (T + 1, B, H), dtype)  # (T+1, B, H): h_0 .. h_T
    dH = _scratch(work, "dH", (N, H), dtype)  # (N, H): dJ/dh_t
    dZ = _scratch(work, "dZ", (N, H), dtype)  # (N, H): f'(z_t), then dJ/dz_t
    hs, dhs, dzs = _step_views(work, H_all, dH, dZ)
    H_all[0] = h0
    Hs = _forward_into(H_all[1:], p, x, h0, activation, hs)  # (T, B, H)
    Hf = Hs.reshape(N, H)  # (N, H): h_t
    H_prev = H_all[:-1].reshape(N, H)  # (N, H): h_{t-1}
    same = out is not None and out.W_hh.dtype == p.W_hh.dtype
    g = out if same else p.with_arrays([np.empty_like(a) for a in p.arrays()])
    # sums over rows or columns as BLAS dot products with ones: several times faster than
    # numpy's reductions on these shapes. The method a.dot(b) skips np.dot's dispatch, 0.2 µs a
    # call, which at B = 1 is 10 µs a step
    ones = _scratch(work, "ones", (max(N, V),), dtype, fill=1.0)

    # logits S = W_S h_t + b_y, vocabulary-major so that softmax sums over V run across rows.
    # Softmax is the same for S and S - c_i in column i; exp(S) straight is safe while each
    # column's sum stays far from 0 and from overflow, else each column is shifted by its max
    picked = y * N + np.arange(N)  # flat index of S[y_i, i]
    S_buf = _scratch(work, "S", (V, N), dtype)
    lo, hi = _SAFE_SUMS[dtype.char]  # sums in (lo, hi) are normal numbers with room to spare
    for shift in (False, True):
        S = p.W_S.dot(Hf.T, out=S_buf)  # (V, N)
        S += p.b_y[:, None]
        if shift:
            S -= S.max(axis=0)
        picked_sum = float(S.ravel()[picked].sum())
        P = np.exp(S, out=S)  # (V, N), unnormalised (may overflow: the caller ignores that)
        sums = ones[:V].dot(P)  # (N,)
        if shift or (sums.min() > lo and sums.max() < hi):
            break
    # cross-entropy is ≥ 0, but this difference of two sums rounds to about ±1e-17 where every
    # prediction is certain (a text of one character); below 0 it is rounding alone (a NaN
    # stays NaN: training stops on it)
    loss = (float(np.log(sums).sum()) - picked_sum) / N
    loss = 0.0 if loss < 0 else loss

    # dJ/dS = (p - onehot(y)) / N
    dS = P
    dS *= (1.0 / N) / sums
    dS.ravel()[picked] -= 1.0 / N
    beside = N * V * H >= _BESIDE_FROM  # large: products that wait for nothing use a 2nd core
    if beside:
        W_S_done = _beside(dS.dot, Hf, g.W_S)
    else:
        dS.dot(Hf, out=g.W_S)  # (V, H)
    dS.dot(ones[:N], out=g.b_y)  # (V,)
    # dJ/dh_t through p_t only, for now; the walk below adds the part through z_{t+1}
    dS.T.dot(p.W_S, out=dH)  # (N, H)

    # dJ/dz_t = f'(z_t) * dJ/dh_t, and dJ/dh_{t-1} gains W_hh^T dJ/dz_t: walked backwards
    # dZ holds f'(z_t) until the walk overwrites it
    derivative_from_output(activation, Hf, out=dZ)
    W_hh = p.W_hh
    add, multiply = np.add, np.multiply
    back = np.empty_like(dzs[0])  # (H,) or (B, H): W_hh^T dJ/dz_t
    for dz_t, dh_t, dh_prev in zip(dzs[:0:-1], dhs[:0:-1], dhs[-2::-1], strict=True):
        multiply(dz_t, dh_t, dz_t)
        add(dh_prev, dz_t.dot(W_hh, back), dh_prev)
    dzs[0] *= dhs[0]

    # the walk is done with dH: its memory takes the rows sorted by id
    by_id = (dZ, x.reshape(-1), V, dH)  # _sum_rows_by_id's arguments
    if beside:
        W_S_done.result()
        W_hx_done = _beside(_sum_rows_by_id, *by_id)
    dZ.T.dot(H_prev, out=g.W_hh)  # (H, H): sum_t dz_t h_{t-1}^T
    ones[:N].dot(dZ, out=g.b_h)  # (H,)
    g.W_hx[...] = (W_hx_done.result() if beside else _sum_rows_by_id(*by_id)).T  # (H, V)
    if out is not None and not same:
        for dst, src in zip(out.arrays(), g.arrays(), strict=True):
            dst[...] = src
        g = out
    return loss, g, Hs[-1].copy()


# BPTT hands the products that wait for nothing (dJ/dW_S beside the backward walk, dJ/dW_hx
# beside dJ/dW_hh) to one worker thread when they are this large (N V H multiply-adds): BLAS
# releases the GIL, so they run on the second core. Smaller, handing over costs more than it saves.
# One worker for the whole process: concurrent runs queue for it rather than add threads.
_BESIDE = ThreadPoolExecutor(1, thread_name_prefix="rnnlab-bptt")
_BESIDE_FROM = 2_000_000


def _beside(fn, *args) -> Future:
    """fn(*args) on the worker thread, under the caller's floating-point error handling (numpy
    keeps np.errstate per thread)."""
    err = np.geterr()

    def run():
        with np.errstate(**err):
            return fn(*args)

    return _BESIDE.submit(run)


def _new_worker_after_fork() -> None:
    """A forked child has no worker thread behind the inherited executor: give it its own."""
    global _BESIDE
    _BESIDE = ThreadPoolExecutor(1, thread_name_prefix="rnnlab-bptt")


os.register_at_fork(after_in_child=_new_worker_after_fork)

# per dtype code: sums of exp(S) in this range need no shift: sqrt of the smallest normal number
# and of the largest float (1e-154 and 1e154 for float64, 1e-19 and 2e19 for float32)
_SAFE_SUMS = {np.dtype(t).char: (np.sqrt(np.finfo(t).tiny), np.sqrt(np.finfo(t).max))
              for t in (np.float32, np.float64)}


def _rows(A: np.ndarray) -> list[np.ndarray]:
    """Per-step views of a time-major (T, B, H) array: 1-D rows (H,) when B = 1, numpy's fastest
    path for the recurrence's small products, else (B, H) blocks."""
    return list(A[:, 0]) if A.shape[1] == 1 else list(A)


def _step_views(work: dict | None, H_all: np.ndarray, dH: np.ndarray, dZ: np.ndarray
                ) -> tuple[list, list, list]:
    """_rows of h_1..h_T, dJ/dh_t and dJ/dz_t (H_all (T+1, B, H), dH and dZ (T*B, H)); kept in
    `work` with the arrays, since making 3T views costs about 7 µs a step at T = 25."""
    cached = None if work is None else work.get("views")
    if cached is not None and cached[0] is H_all and cached[1] is dH and cached[2] is dZ:
        return cached[3]
    shape = H_all[1:].shape  # (T, B, H)
    views = (_rows(H_all[1:]), _rows(dH.reshape(shape)), _rows(dZ.reshape(shape)))
    if work is not None:
        work["views"] = (H_all, dH, dZ, views)
    return views


def _scratch(work: dict | None, name: str, shape: tuple, dtype, fill: float | None = None
             ) -> np.ndarray:
    """work[name] when it has this shape and dtype, else a new array, kept in work when work is
    given; a new array is filled with `fill`, or left uninitialised when fill is None."""
    a = None if work is None else work.get(name)
    if a is None or a.shape != shape or a.dtype != dtype:
        a = np.empty(shape, dtype) if fill is None else np.full(shape, fill, dtype)
        if work is not None:
            work[name] = a
    return a


def _check_activation(activation: str) -> None:
    if activation not in ACTIVATIONS:
        raise ValueError(f"unknown activation {activation!r}; "
                         f"choose one of {', '.join(ACTIVATIONS)}")


def check_inputs(params: Params, inputs, targets, h0, activation: str):
    """Validate and normalise to (B, T) int arrays and a (B, S) float state s0.

    h0 is the RNN's and the GRU's h_0, (H,) or (B, H); for the LSTM an (h_0, c_0) pair of those.
    """
    _check_activation(activation)
    cell = get_cell(params.cell)
    H, V = params.hidden_size, params.vocab_size
    GH = cell.gates * H
    shapes = {"W_hx": (GH, V), "W_hh": (GH, H), "b_h": (GH,), "W_S": (V, H), "b_y": (V,)}
    if cell.has_b_hh:
        shapes["b_hh"] = (GH,)
    for name, shape in shapes.items():
        got = getattr(params, name)
        if got is None or got.shape != shape:
            raise ValueError(f"{name} has shape {getattr(got, 'shape', None)}, expected {shape}")
    if not params.is_finite():
        raise ValueError("parameters contain NaN or infinity")
    inputs, targets = np.asarray(inputs), np.asarray(targets)
    for name, a in (("inputs", inputs), ("targets", targets)):
        if a.ndim not in (1, 2):
            raise ValueError(f"{name} must have shape (T,) or (B, T), got {a.shape}")
        if a.size and not np.issubdtype(a.dtype, np.integer):
            raise ValueError(f"{name} must be integer token ids, got dtype {a.dtype}")
        if a.size == 0 or a.shape[-1] == 0:
            raise ValueError(f"{name} is empty: a sequence needs at least one step")
        if a.min() < 0 or a.max() >= V:
            raise ValueError(f"{name} holds ids outside 0..{V - 1} (vocabulary size {V})")
    if inputs.shape != targets.shape:
        raise ValueError(f"inputs {inputs.shape} and targets {targets.shape} differ in shape")
    squeeze = inputs.ndim == 1
    inputs, targets = np.atleast_2d(inputs).astype(np.intp), np.atleast_2d(targets).astype(np.intp)
    B = inputs.shape[0]
    parts = cell.state_size(H) // H  # 1, or 2 for the LSTM's (h, c)
    if h0 is None:
        return inputs, targets, np.zeros((B, parts * H)), squeeze
    if parts > 1:
        if not (isinstance(h0, tuple | list) and len(h0) == parts):
            raise ValueError(f"the {params.cell} state h0 must be a pair (h0, c0)")
        pieces = [np.asarray(a, dtype=np.float64) for a in h0]
    else:
        pieces = [np.asarray(h0, dtype=np.float64)]
    for piece in pieces:
        if piece.shape not in ((H,), (B, H)) or (piece.ndim == 1 and B != 1) \
                or piece.shape != pieces[0].shape:
            raise ValueError(f"h0 has shape {piece.shape}, expected ({B}, {H})"
                             + (f" or ({H},)" if B == 1 else ""))
        if not np.isfinite(piece).all():
            raise ValueError("h0 contains NaN or infinity")
    squeeze = pieces[0].ndim == 1
    return inputs, targets, np.concatenate([np.atleast_2d(a) for a in pieces], axis=1), squeeze


def split_state(cell: str, s: np.ndarray):
    """The public form of a state s (..., S): h itself, or the LSTM's (h, c) pair."""
    c = get_cell(cell)
    if c.state_size(1) == 1:
        return s
    H = s.shape[-1] // 2
    return s[..., :H], s[..., H:]

"""Training: truncated BPTT over B parallel streams, SGD/Adagrad/Adam, value or norm clipping.

The trainer knows nothing of the page: it reports every step to an optional callback, which may
ask it to stop. Parameters and gradients live in one flat vector each, so the optimizer and the
clipping are a handful of vector operations however many weight matrices there are.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from rnnlab.cells import get_cell
from rnnlab.config import LabConfig, check_trainable
from rnnlab.model import Params, batch_loss_and_grads, init_params

ADAM_BETAS = (0.9, 0.999)
EPS = 1e-8
# ||W_hh||_2 and the spectral radius cost an SVD and an eigen-decomposition: measured at most
# this many times per run, evenly spaced, always at the first and the last step
MAX_MATRIX_MEASUREMENTS = 150
CHECKPOINT_FRACTIONS = (0.0, 0.25, 0.5, 0.75, 1.0)

# state_norm: max over the batch of ‖h_T‖₂ at the window's end, the forward state's size
HISTORY_COLUMNS = ("step", "loss", "grad_norm", "clipped", "w_norm", "spectral_radius",
                   "state_norm")


@dataclass
class TrainResult:
    """What a run leaves behind. `params` are the last finite parameters."""

    config: LabConfig
    history: pd.DataFrame  # one row per step taken: HISTORY_COLUMNS
    checkpoints: dict[int, Params]  # updates applied -> parameters (0 = initial)
    params: Params
    h_last: np.ndarray  # (B, S) the carried state s after the last finite step
    diverged_at: int | None = None  # the step whose loss or gradient was not finite
    stopped_at: int | None = None  # the step before which the caller asked to stop
    steps_done: int = 0

    @property
    def finished(self) -> bool:
        return self.diverged_at is None and self.stopped_at is None

    def nbytes(self) -> int:
        arrays = [a for p in self.checkpoints.values() for a in p.arrays()]
        return int(sum(a.nbytes for a in arrays) + self.history.memory_usage(deep=True).sum())


@dataclass
class FlatParams:
    """Params whose arrays are views into one flat vector theta (P,)."""

    theta: np.ndarray  # (P,)
    params: Params = field(init=False)

    @classmethod
    def like(cls, params: Params, values: Params | None = None) -> FlatParams:
        sizes = [a.size for a in params.arrays()]
        flat = cls(np.zeros(sum(sizes)))
        views, start = [], 0
        for a, n in zip(params.arrays(), sizes, strict=True):
            views.append(flat.theta[start:start + n].reshape(a.shape))
            start += n
        flat.params = params.with_arrays(views)
        if values is not None:
            for dst, src in zip(views, values.arrays(), strict=True):
                dst[...] = src
        return flat


def windows(ids: np.ndarray, batch: int, seq_len: int):
    """Endless (inputs, targets, fresh) windows of shape (B, T) from B streams through `ids`.

    The text is cut into B equal streams; each window moves T characters on. When a stream runs
    out, every stream starts over from its beginning and `fresh` is True (the state is reset).
    """
    n = (len(ids) - 1) // batch  # characters per stream
    streams = ids[:batch * n].reshape(batch, n)  # (B, n): stream b is ids[b n : (b + 1) n]
    nexts = ids[1:batch * n + 1].reshape(batch, n)  # (B, n): the character after each
    pos, fresh = 0, True
    while True:
        if pos + seq_len > n:
            pos, fresh = 0, True
        # read-only views into ids, no copies
        yield streams[:, pos:pos + seq_len], nexts[:, pos:pos + seq_len], fresh
        pos, fresh = pos + seq_len, False


def measure_steps(steps: int) -> set[int]:
    """The steps (1-based) at which ||W_hh||_2 and the spectral radius are measured."""
    count = min(steps, MAX_MATRIX_MEASUREMENTS)
    return set(np.unique(np.linspace(1, steps, count).round().astype(int)).tolist())


def train(config: LabConfig, corpus, on_step: Callable[[dict], bool | None] | None = None
          ) -> TrainResult:
    """Train the network of `config` (its cell is `config.cell`) on a corpus (anything with
    `ids` (N,) and a `vocab`).

    `on_step(record)` is called after every step with that step's history row; returning True
    stops training there (the result says `stopped_at`). A non-finite loss or gradient ends the
    run cleanly with `diverged_at` set: no exception reaches the caller for that.
    """
    why = check_trainable(config)
    if why:
        raise ValueError(f"invalid config: {why}")
    ids = np.asarray(corpus.ids, dtype=np.intp)
    vocab_size = len(corpus.vocab)
    if len(ids) < config.batch * config.seq_len + 1:
        raise ValueError(f"the text has {len(ids)} characters, fewer than one window needs "
                         f"({config.batch} streams x {config.seq_len} + 1)")
    c = config
    init = init_params(vocab_size, c.hidden, cell=c.cell, init=c.init, spectral_norm=c.rho,
                       seed=c.seed)
    S = get_cell(c.cell).state_size(c.hidden)
    flat = FlatParams.like(init, init)
    grad = FlatParams.like(init)
    good = flat.theta.copy()  # the last parameters whose loss and gradient were finite
    m, v = optimizer_state(c.optimizer, flat.theta.size)
    checkpoint_at = {round(f * c.steps) for f in CHECKPOINT_FRACTIONS}
    checkpoints: dict[int, Params] = {}
    measure_at = measure_steps(c.steps)
    rows: list[tuple] = []
    h = np.zeros((c.batch, S))  # (B, S)
    h_good = h
    diverged_at = stopped_at = None
    stream = windows(ids, c.batch, c.seq_len)
    work: dict = {}  # batch_loss_and_grads's scratch arrays, reused from step to step

    for step in range(1, c.steps + 1):
        if step - 1 in checkpoint_at:
            checkpoints[step - 1] = flat.params.copy()
        inputs, targets, fresh = next(stream)
        if fresh or c.reset_state:
            h = np.zeros((c.batch, S))
        with np.errstate(all="ignore"):
            loss, _, h = batch_loss_and_grads(flat.params, inputs, targets, h, c.activation,
                                              out=grad.params, work=work)
            g = grad.theta
            norm = math.sqrt(g.dot(g))
            h_T = h[:, :c.hidden]  # (B, H): what the head reads (the LSTM's s is (h, c))
            state_norm = math.sqrt(float(np.einsum("bi,bi->b", h_T, h_T).max()))
        if not (np.isfinite(loss) and np.isfinite(norm) and np.isfinite(h).all()):
            diverged_at = step
            rows.append((step, loss, norm, False, np.nan, np.nan, state_norm))
            if on_step:
                on_step(dict(zip(HISTORY_COLUMNS, rows[-1], strict=True)))
            break
        good[...] = flat.theta
        h_good = h
        # like the loss and the gradient, ||W_hh||_2 and rho describe the weights this step
        # started from: step 1 shows the initial W_hh
        w_norm = rho = np.nan
        if step in measure_at:
            w_norm, rho = _matrix_norms(flat.params.W_hh)
        clipped = clip_gradient(g, norm, c.clip, c.clip_at)
        apply_update(flat.theta, g, m, v, step, c.optimizer, c.lr)
        rows.append((step, loss, norm, clipped, w_norm, rho, state_norm))
        if on_step and on_step(dict(zip(HISTORY_COLUMNS, rows[-1], strict=True))):
            stopped_at = step + 1 if step < c.steps else None
            if stopped_at:
                break

    if diverged_at is None:
        good[...] = flat.theta
    last = FlatParams.like(init)
    last.theta[...] = good
    steps_done = len(rows) - (diverged_at is not None)
    # `good` holds the parameters the last finite step started from: one update fewer than
    # steps_done when the run diverged (the update of that step is what broke it)
    kept = max(0, diverged_at - 2) if diverged_at is not None else steps_done
    checkpoints = {s: p for s, p in checkpoints.items() if s <= kept}
    checkpoints.setdefault(kept, last.params.copy())
    params = last.params
    if all(np.array_equal(a, b) for a, b in zip(checkpoints[kept].arrays(), params.arrays(),
                                                strict=True)):
        params = checkpoints[kept]  # the same values: one copy, in the cache and on the pipe
    history = pd.DataFrame(rows, columns=list(HISTORY_COLUMNS))
    history = history.astype({"step": "int64", "clipped": "bool"})
    return TrainResult(config=c, history=history, checkpoints=checkpoints, params=params,
                       h_last=h_good, diverged_at=diverged_at, stopped_at=stopped_at,
                       steps_done=steps_done)


def clip_gradient(g: np.ndarray, norm: float, mode: str, c: float) -> bool:
    """Clip the flat gradient in place; True when anything was changed.

    value: each component to [-c, c] (min-char-rnn, Mikolov 2012).
    norm: g <- g c / ||g|| when ||g|| > c (Pascanu, Mikolov & Bengio 2013, Algorithm 1).
    """
    if mode == "value":
        if norm <= c or (-c <= g.min() and g.max() <= c):  # |g_i| <= ||g||: often no scan
            return False
        np.clip(g, -c, c, out=g)
        return True
    if mode == "norm" and norm > c:
        g *= c / norm
        return True
    return False


def optimizer_state(optimizer: str, size: int) -> tuple[np.ndarray, np.ndarray]:
    """(m, v) for apply_update, (P,) each: Adagrad's sum of squares starts at eps (so that its step
    needs no separate + eps), Adam's moments at 0; SGD keeps v as scratch space."""
    m = np.full(size, EPS) if optimizer == "adagrad" else np.zeros(size)
    return m, np.zeros(size)


def apply_update(theta: np.ndarray, g: np.ndarray, m: np.ndarray, v: np.ndarray, step: int,
            optimizer: str, lr: float) -> None:
    """One optimizer step on the flat vectors, in place.

    m is Adagrad's sum of squares (started at eps by optimizer_state) or Adam's first moment, v
    Adam's second moment; SGD and Adagrad use v as scratch space, so that no temporary vector is
    made.
    """
    if optimizer == "sgd":
        np.multiply(g, lr, out=v)
        theta -= v
    elif optimizer == "adagrad":  # theta -= lr g / sqrt(eps + sum of g^2), after m += g^2
        np.multiply(g, g, out=v)
        m += v
        np.sqrt(m, out=v)
        np.divide(g, v, out=v)
        v *= lr
        theta -= v
    else:  # theta -= step_size m / (sqrt(v) + eps), after the moments' updates
        b1, b2 = ADAM_BETAS
        m *= b1
        m += (1 - b1) * g
        scratch = g * g
        scratch *= 1 - b2
        v *= b2
        v += scratch
        np.sqrt(v, out=scratch)
        scratch += EPS
        step_size = lr * np.sqrt(1 - b2**step) / (1 - b1**step)
        delta = step_size * m
        delta /= scratch
        theta -= delta


def _matrix_norms(W_hh: np.ndarray) -> tuple[float, float]:
    """(||W_hh||_2, spectral radius rho(W_hh)): largest singular value and largest |eigenvalue|.

    A gated cell's W_hh stacks its gates' blocks (G·H, H): its norm is the stack's, and it has
    no spectral radius (NaN)."""
    if not np.isfinite(W_hh).all():
        return np.nan, np.nan
    square = W_hh.shape[0] == W_hh.shape[1]
    rho = float(np.abs(np.linalg.eigvals(W_hh)).max()) if square else np.nan
    return float(np.linalg.norm(W_hh, 2)), rho


def sample(params: Params, vocab, prime: str, length: int, temperature: float = 1.0,
           seed: int = 0, activation: str = "sigmoid") -> str:
    """`length` characters drawn from the model after reading `prime`; temperature > 0."""
    if not temperature > 0:
        raise ValueError("temperature must be positive")
    cell = get_cell(params.cell)
    rng = np.random.default_rng(seed)
    s = np.zeros((1, cell.state_size(params.hidden_size)))  # (1, S)

    def read(x: int) -> np.ndarray:  # one step of the cell: s_t from s_{t-1} and x_t
        ax = (params.W_hx[:, x] + params.b_h)[None, None]  # (1, 1, G·H)
        return cell.forward(params, ax, s, activation).s[-1]  # (1, S)

    for x in vocab.encode(prime) if prime else []:
        s = read(int(x))
    out = []
    for _ in range(length):
        h = cell.output(s)[0]  # (H,)
        logits = (params.W_S @ h + params.b_y) / temperature  # (V,)
        p = np.exp(logits - logits.max())
        x = int(rng.choice(len(p), p=p / p.sum()))
        out.append(x)
        s = read(x)
    return vocab.decode(out)

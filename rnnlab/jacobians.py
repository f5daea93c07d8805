"""The Jacobians ∂h_t/∂h_k of the recurrence, their exact spectral norms, and the lecture's bound.

One step of the recurrence z_j = W_hh h_{j-1} + W_hx[:, x_j] + b_h, h_j = f(z_j) has the Jacobian

    ∂h_j/∂h_{j-1} = diag(f'(z_j)) W_hh                       (H, H)

and a distance t - k multiplies t - k of them:

    ∂h_t/∂h_k = Π_{j=k+1..t} diag(f'(z_j)) W_hh
    ‖∂h_t/∂h_k‖₂ ≤ Π_{j=k+1..t} ‖W_hh‖₂ max_i |f'(z_{j,i})| ≤ (β_W β_h)^(t-k)

with β_W = ‖W_hh‖₂ and β_h = sup |f'|. The lecture note writes the step as W_hhᵀ diag(f'(h_{j-1})):
the transpose is the back-propagation (denominator-layout) form and has the same norm, but f' is
taken at h_{j-1} instead of z_j, which changes the numbers. `form="lecture"` computes that version.

The gated cells (rnnlab.cells) carry a state s (h for the GRU, (h, c) for the LSTM): the same
analysis measures ‖∂s_t/∂s_k‖₂, the product of their exact one-step Jacobians ∂s_j/∂s_{j-1},
against the stepwise bound Π ‖∂s_j/∂s_{j-1}‖₂; the lecture's (β_W β_h)^(t-k) is a theorem about the
RNN only.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import pandas as pd

from rnnlab import blas, cost
from rnnlab.cells import Trace, get_cell
from rnnlab.model import (
    Params,
    check_inputs,
    derivative,
    derivative_bound,
    forward_states,
    pre_activations,
)

FORMS = ("correct", "transpose", "lecture")
_LOG10_2 = np.log10(2.0)
_WORKERS = min(2, os.cpu_count() or 1)
# the one-step Jacobians are measured in slices of about this many numbers (16 MB): a whole
# stack (T, S, S) of them is 300 MB for the LSTM at H = 256, and its temporaries as many again
_SLICE_WORDS = 2**21


@dataclass(frozen=True)
class ForwardPass:
    """One sequence passed forward: what every analysis of that sequence shares."""

    x: np.ndarray  # (T,) input ids x_1..x_T
    y: np.ndarray  # (T,) target ids y_1..y_T (the inputs again when no targets were given)
    h: np.ndarray  # (T+1, H) h_0..h_T
    z: np.ndarray | None  # (T, H) z_1..z_T (the RNN's)
    fprime: np.ndarray | None  # (T, H) f'(z_1)..f'(z_T) (the RNN's)
    activation: str
    cell: str = "rnn"
    trace: Trace | None = None  # a gated cell's forward pass, batch of 1

    @property
    def s(self) -> np.ndarray:
        """(T+1, S) the states s_0..s_T (the RNN's and the GRU's s is h)."""
        return self.h if self.trace is None else self.trace.s[:, 0]


def run_sequence(params: Params, inputs, targets=None, h0=None, activation: str = "sigmoid"
                 ) -> ForwardPass:
    """Validate one sequence (inputs, targets: int (T,); h0: (H,), an LSTM's (h0, c0) pair, or
    None) and run it forward."""
    if np.ndim(inputs) != 1 or (targets is not None and np.ndim(targets) != 1):
        raise ValueError("the analysis takes one sequence: inputs and targets of shape (T,)")
    pair = isinstance(h0, tuple | list)
    if h0 is not None and any(np.ndim(a) != 1 for a in (h0 if pair else [h0])):
        raise ValueError(f"h0 must have shape (H,) = ({params.hidden_size},), got {np.shape(h0)}")
    targets = inputs if targets is None else targets
    x, y, h0, _ = check_inputs(params, inputs, targets, h0, activation)
    x, y = x[0], y[0]
    if params.cell != "rnn":
        cell = get_cell(params.cell)
        ax = (params.W_hx.T[x] + params.b_h)[:, None]  # (T, 1, G·H)
        tr = cell.forward(params, ax, h0, activation)
        return ForwardPass(x, y, tr.h[:, 0], None, None, activation, params.cell, tr)
    hs = forward_states(params, x[:, None], h0, activation)  # (T, 1, H)
    z = pre_activations(params, x[:, None], hs, h0)[:, 0]  # (T, H)
    h = np.concatenate([h0, hs[:, 0]])  # (T+1, H)
    return ForwardPass(x, y, h, z, derivative(activation, z), activation)


@contextmanager
def single_threaded_blas():
    """A context in which BLAS runs on one thread: the lab's setting everywhere (rnnlab/blas.py).

    Small LAPACK and BLAS calls (H ≤ 512) get up to tenfold slower when OpenBLAS threads them on
    a busy machine; the analyses split their work over their own threads instead.
    """
    blas.set_threads(1)
    yield


def _diagonals(fwd: ForwardPass, form: str) -> np.ndarray:
    """The diagonal of each step's factor: f'(z_j) (the right point), or f'(h_{j-1}) (the note)."""
    if form not in FORMS:
        raise ValueError(f"unknown form {form!r}; choose one of {', '.join(FORMS)}")
    if form == "lecture":
        return derivative(fwd.activation, fwd.h[:-1])  # (T, H)
    return fwd.fprime  # (T, H)


def step_jacobians(params: Params, inputs, h0=None, activation: str = "sigmoid",
                   form: str = "correct") -> np.ndarray:
    """All one-step Jacobians, (T, H, H); entry j-1 is, by `form`,

    correct:   ∂h_j/∂h_{j-1} = diag(f'(z_j)) W_hh
    transpose: W_hhᵀ diag(f'(z_j)), the same matrix transposed (what backprop multiplies by)
    lecture:   W_hhᵀ diag(f'(h_{j-1})), the note's formula, with f' at the wrong point
    """
    fwd = run_sequence(params, inputs, None, h0, activation)
    d = _diagonals(fwd, form)  # (T, H)
    if form == "correct":
        return d[:, :, None] * params.W_hh  # (T, H, H)
    return params.W_hh.T * d[:, None, :]  # (T, H, H)


def spectral_norms(A: np.ndarray) -> np.ndarray:
    """‖A_i‖₂ for a stack (..., m, n), as the square root of the largest eigenvalue of A_iᵀA_i.

    Each A_i is first scaled by a power of two so its largest entry is in [1/2, 1): the Gram matrix
    then neither underflows nor overflows, and the scaling itself is exact. A long stack (T, m, n)
    goes in slices of about _SLICE_WORDS numbers, so that its scaled copy and its Gram matrices
    stay small (the same numbers, matrix by matrix)."""
    A = np.asarray(A, dtype=np.float64)
    if A.ndim == 3 and A.size > _SLICE_WORDS:
        step = max(1, _SLICE_WORDS // A[0].size)
        return np.concatenate([spectral_norms(A[i:i + step]) for i in range(0, len(A), step)])
    if A.shape[-2] < A.shape[-1]:
        A = np.swapaxes(A, -1, -2)
    _, e = np.frexp(np.abs(A).max(axis=(-2, -1)))
    A = A * np.ldexp(1.0, -e)[..., None, None]
    top = np.linalg.eigvalsh(np.swapaxes(A, -1, -2) @ A)[..., -1]
    return np.ldexp(np.sqrt(np.maximum(top, 0.0)), e)


# top_eigenvalues: Lanczos checks its largest Ritz value after these many steps, and a proof by
# Cholesky accepts it when λ_max < θ (1 + _PROOF_MARGIN); below LANCZOS_FROM rows, LAPACK is faster
_LANCZOS_CHECKS = (12, 16, 20, 24, 28, 32, 36, 40, 44, 48)
_PROOF_MARGIN = 2.0**-36  # about 1.5e-11
LANCZOS_FROM = 64
# a fixed, generic start vector for Lanczos (public: tests start from it too)
LANCZOS_START = np.random.default_rng(20131121).standard_normal(512)


def top_eigenvalues(G: np.ndarray) -> np.ndarray:
    """λ_max of each symmetric positive semidefinite G_i in a stack (n, r, r), float64; returns
    (n,). G is used as scratch space: its contents are lost.

    Every value is proven to relative accuracy 2^-36 (≈ 1.5e-11), or computed by LAPACK.
    Lanczos on G_i gives θ_i, the largest eigenvalue of G_i restricted to a Krylov subspace, so
    θ_i ≤ λ_max. A Cholesky factorisation of θ_i (1 + 2^-36) I − G_i exists only if that matrix is
    positive definite, that is if λ_max < θ_i (1 + 2^-36): when it succeeds, θ_i is returned.
    When Lanczos has not settled after 48 steps (close top eigenvalues), or the factorisation
    fails, G_i goes to np.linalg.eigvalsh. About 2.5x cheaper than eigvalsh for r = 128: a step
    is one matrix-vector product, and the proof costs r³/3 flops where eigvalsh's tridiagonal
    reduction costs 4r³/3, at a lower rate.
    """
    n, r, _ = G.shape
    if r < LANCZOS_FROM or r > LANCZOS_START.size or n == 0:
        return np.linalg.eigvalsh(G)[:, -1]
    # each G_i scaled by a power of two (exact) so that its largest entry is in [1/2, 1): the
    # recurrence's squares can neither overflow nor underflow
    _, scale = np.frexp(np.abs(G).max(axis=(1, 2)))  # (n,)
    G *= np.ldexp(1.0, -scale)[:, None, None]
    return np.ldexp(_top_of_scaled(G), scale)


def _top_of_scaled(G: np.ndarray) -> np.ndarray:
    """top_eigenvalues for a stack (n, r, r) whose entries are at most 1 in size."""
    n, r, _ = G.shape
    theta, settled = lanczos_top(G)
    proven = settled & (theta > 0)
    mu = theta * (1.0 + _PROOF_MARGIN)
    i = np.arange(r)
    np.negative(G, out=G)  # G now holds μI − G, for the matrices that go to the proof
    G[:, i, i] += mu[:, None]
    proven[proven] = _positive_definite(G, proven)
    if proven.all():
        return theta
    rest = ~proven
    G[:, i, i] -= mu[:, None]  # back to −G: the diagonal within an ulp of μ, ≤ 2^-52 λ_max
    top = theta.copy()
    top[rest] = np.linalg.eigvalsh(-G[rest])[:, -1]
    return top


def lanczos_top(G: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(θ, settled): the largest Ritz value of Lanczos on each G_i (n, r, r), a lower bound of
    λ_max, and whether it moved by less than 1e-14 relative between the last two checks.

    The plain three-term recurrence, without reorthogonalisation: in floating point its Ritz
    values still lie inside the spectrum (Paige 1980), and the caller proves the result anyway.
    """
    n, r, _ = G.shape
    steps = _LANCZOS_CHECKS[-1]
    alpha = np.zeros((n, steps))  # diagonal of the tridiagonal T
    beta = np.zeros((n, steps))  # its subdiagonal
    start = LANCZOS_START[:r] / np.linalg.norm(LANCZOS_START[:r])  # (r,)
    v = np.repeat(start[None], n, axis=0)  # (n, r)
    v_prev = np.zeros_like(v)  # (n, r)
    theta = np.zeros(n)
    settled = np.zeros(n, dtype=bool)
    for j in range(steps):
        w = np.matvec(G, v)  # (n, r)
        a = alpha[:, j] = np.vecdot(v, w)  # (n,)
        w -= a[:, None] * v
        if j:
            w -= beta[:, j - 1, None] * v_prev
        b = beta[:, j] = np.sqrt(np.vecdot(w, w))  # (n,)
        np.divide(w, b[:, None], out=w, where=b[:, None] > 0)  # a breakdown (b = 0) leaves w = 0
        v_prev, v = v, w
        if j + 1 in _LANCZOS_CHECKS:
            m = j + 1
            T = np.zeros((n, m, m))  # (n, m, m)
            k = np.arange(m)
            T[:, k, k] = alpha[:, :m]
            T[:, k[1:], k[:-1]] = beta[:, :m - 1]
            new = np.linalg.eigvalsh(T)[:, -1]  # eigvalsh reads the lower triangle
            settled = new - theta <= 1e-14 * np.abs(new)
            theta = new
            if settled.all():
                break
    return theta, settled


def _positive_definite(M: np.ndarray, which: np.ndarray) -> np.ndarray:
    """Whether each M_i (n, r, r) with which[i] has a Cholesky factorisation: (which.sum(),)."""
    idx = np.flatnonzero(which)
    try:
        np.linalg.cholesky(M if idx.size == len(M) else M[idx])
        return np.ones(idx.size, dtype=bool)
    except np.linalg.LinAlgError:  # one of the stack failed: find which
        ok = np.ones(idx.size, dtype=bool)
        for j, k in enumerate(idx):
            try:
                np.linalg.cholesky(M[k])
            except np.linalg.LinAlgError:
                ok[j] = False
        return ok


def one_step_norms(params: Params, inputs, h0=None, activation: str = "sigmoid"
                   ) -> pd.DataFrame:
    """Per step j = 1..T, the spectral norms of the three forms of the one-step Jacobian:

    correct = ‖diag(f'(z_j)) W_hh‖₂, transpose = ‖W_hhᵀ diag(f'(z_j))‖₂ (always equal to correct),
    lecture = ‖W_hhᵀ diag(f'(h_{j-1}))‖₂ (equal only when f' is constant, i.e. linear).
    """
    fwd = run_sequence(params, inputs, None, h0, activation)
    W = params.W_hh
    T = len(fwd.x)
    if fwd.trace is not None:  # a gated cell: one form, ‖∂s_j/∂s_{j-1}‖₂
        with single_threaded_blas():
            norms = np.concatenate([spectral_norms(J)
                                    for _, _, J in _state_jacobian_slices(params, fwd)])
        nan = np.full(T, np.nan)
        return pd.DataFrame({"j": np.arange(1, T + 1), "correct": norms,
                             "transpose": norms, "lecture": nan})
    lecture = _diagonals(fwd, "lecture")  # (T, H)
    step = max(1, _SLICE_WORDS // W.size)

    def norms(factors):  # ‖.‖₂ of factors(j) (n, H, H) for the steps j, a slice at a time
        return np.concatenate([spectral_norms(factors(slice(a, a + step)))
                               for a in range(0, T, step)])

    with single_threaded_blas():
        return pd.DataFrame({
            "j": np.arange(1, T + 1),
            "correct": norms(lambda j: fwd.fprime[j, :, None] * W),
            "transpose": norms(lambda j: W.T * fwd.fprime[j, None, :]),
            "lecture": norms(lambda j: W.T * lecture[j, None, :]),
        })


def _state_jacobian_slices(params: Params, fwd: ForwardPass):
    """(a, b, J) over a gated fwd in slices: J (b - a, S, S) holds ∂s_j/∂s_{j-1} for the steps
    j = a+1..b, from the cell's state_jacobians of those steps' own trace."""
    cell, tr = get_cell(fwd.cell), fwd.trace
    T, S = len(fwd.x), tr.s.shape[-1]
    step = max(1, _SLICE_WORDS // (S * S))
    for a in range(0, T, step):
        b = min(a + step, T)
        steps = Trace(s=tr.s[a:b + 1], h=tr.h[a:b + 1],
                      local={name: v[a:b] for name, v in tr.local.items()})
        yield a, b, cell.state_jacobians(params, steps)


def jacobian_norms(params: Params, inputs, h0=None, activation: str = "sigmoid", *,
                   form: str = "correct", ks=None, max_distance: int | None = None
                   ) -> pd.DataFrame:
    """‖∂h_t/∂h_k‖₂ for every pair 0 ≤ k < t ≤ T, next to the stepwise bound and the note's bound.

    .. math::
        \\text{measured} = \\|\\prod_{j=k+1}^{t} \\operatorname{diag}(f'(z_j)) W_{hh}\\|_2
        \\le \\text{stepwise\\_bound} = \\prod_{j=k+1}^{t} \\beta_W \\max_i |f'(z_{j,i})|
        \\le \\text{bound} = (\\beta_W \\beta_h)^{t-k}

    Columns t, k, distance = t - k, measured, stepwise_bound, bound, and log10_ of the last three
    (exact even where the value itself under- or overflows float64). Rows are sorted by (t, k).
    `form="lecture"` takes f' at h_{j-1} (the note's slip); "transpose" equals "correct".
    `ks` (start steps k) and `max_distance` restrict the pairs when all of them cost too much.

    The products are built incrementally, ∂h_t/∂h_k = diag(f'(z_t)) W_hh ∂h_{t-1}/∂h_k, for all k
    at once, each rescaled by a power of two every step; their norms are the largest eigenvalues
    of the scaled Gram matrices (top_eigenvalues: Lanczos with a proof, or LAPACK), on two
    threads. Cost O(pairs · H³): about 0.7 ms of CPU a pair at H = 128, 2.9 ms at 256, 16 ms at
    512 (rnnlab.cost.pair_seconds); pair_budget and starts_within keep a call within a budget.
    """
    fwd = run_sequence(params, inputs, None, h0, activation)
    T = len(fwd.x)
    ks = np.arange(T) if ks is None else np.unique(np.asarray(ks, dtype=np.int64))
    if ks.size == 0 or ks.min() < 0 or ks.max() >= T:
        raise ValueError(f"ks must be start steps in 0..{T - 1}")
    max_distance = T if max_distance is None else int(max_distance)
    if max_distance < 1:
        raise ValueError("max_distance must be at least 1")
    if fwd.trace is not None:
        if form != "correct":
            raise ValueError("the note's form and its transpose are the RNN's; a gated cell "
                             "has form='correct' only")
        return _gated_norms(params, fwd, ks, max_distance)
    d = _diagonals(fwd, form)  # (T, H)
    W_T = np.ascontiguousarray(params.W_hh.T)  # (H, H)

    def step_T(t: int):  # (∂h_t/∂h_{t-1})ᵀ = W_hhᵀ diag(d_t), and the columns that are not 0
        return W_T * d[t - 1], np.flatnonzero(d[t - 1])

    t, k, mant, exp2, _ = _all_norms(step_T, T, params.hidden_size, ks, max_distance)
    dist = t - k

    with single_threaded_blas():
        beta_W = float(spectral_norms(params.W_hh))
    beta_h = derivative_bound(activation)
    # log10(0) = -inf is the exact answer for an exactly-zero product; values beyond float64
    # (~1.8e308) are inf in the value columns and exact in the log10 ones
    with np.errstate(divide="ignore", over="ignore"):
        log10_measured = np.log10(mant) + exp2 * _LOG10_2
        # Π_{j=k+1..t} β_W max|f'|
        log10_stepwise = _log10_products(np.log10(d.max(axis=1)) + np.log10(beta_W), t, k)
        log10_bound = dist * np.log10(beta_W * beta_h)
        return pd.DataFrame({
            "t": t, "k": k, "distance": dist,
            "measured": np.ldexp(mant, exp2),
            "stepwise_bound": 10.0 ** log10_stepwise,
            "bound": (beta_W * beta_h) ** dist.astype(np.float64),
            "log10_measured": log10_measured,
            "log10_stepwise_bound": log10_stepwise,
            "log10_bound": log10_bound,
        })


def _log10_products(step: np.ndarray, t: np.ndarray, k: np.ndarray) -> np.ndarray:
    """log10 Π_{j=k+1..t} q_j for every pair, from step = log10 q_j (T,); a step with q_j = 0
    (log10 = -inf) makes every product over it exactly 0."""
    zero = np.isneginf(step)
    zeros = np.concatenate([[0], np.cumsum(zero)])  # (T+1,)
    logs = np.concatenate([[0.0], np.cumsum(np.where(zero, 0.0, step))])  # (T+1,)
    return np.where(zeros[t] > zeros[k], -np.inf, logs[t] - logs[k])


def _gated_norms(params: Params, fwd: ForwardPass, ks: np.ndarray, max_distance: int
                 ) -> pd.DataFrame:
    """jacobian_norms of a gated cell: ‖∂s_t/∂s_k‖₂ of the whole state against Π ‖∂s_j/∂s_{j-1}‖₂,
    the lecture's bound NaN (it is the RNN's theorem), and for the LSTM the cell path
    ‖∂c_t/∂c_k‖₂ (the lower right block of ∂s_t/∂s_k) as measured_c."""
    T, S = len(fwd.x), fwd.trace.s.shape[-1]
    H = params.hidden_size
    J_T = np.empty((T, S, S))  # (T, S, S): (∂s_j/∂s_{j-1})ᵀ, a slice at a time
    one_step = np.empty(T)  # (T,): ‖∂s_j/∂s_{j-1}‖₂
    with single_threaded_blas(), np.errstate(divide="ignore", over="ignore"):
        for a, b, J in _state_jacobian_slices(params, fwd):
            one_step[a:b] = spectral_norms(J)
            J_T[a:b] = np.swapaxes(J, 1, 2)
    c_block = slice(H, S) if S > H else None
    t, k, mant, exp2, mant_c = _all_norms(lambda t: (J_T[t - 1], None), T, S, ks, max_distance,
                                          c_block)
    dist = t - k
    with np.errstate(divide="ignore", over="ignore"):
        log10_measured = np.log10(mant) + exp2 * _LOG10_2
        log10_stepwise = _log10_products(np.log10(one_step), t, k)
        nan = np.full(len(t), np.nan)
        frame = {
            "t": t, "k": k, "distance": dist,
            "measured": np.ldexp(mant, exp2),
            "stepwise_bound": 10.0 ** log10_stepwise,
            "bound": nan,
            "log10_measured": log10_measured,
            "log10_stepwise_bound": log10_stepwise,
            "log10_bound": nan,
        }
        if c_block is not None:
            frame["measured_c"] = np.ldexp(mant_c, exp2)
            frame["log10_measured_c"] = np.log10(mant_c) + exp2 * _LOG10_2
    return pd.DataFrame(frame)


def _all_norms(step_T, T: int, S: int, ks: np.ndarray, max_distance: int, block=None):
    """_norms_from over the start steps ks, split over the analysis's threads; returns flat
    arrays (t, k, mantissa, exponent, block mantissa or None) sorted by (t, k)."""
    groups = [ks[i::_WORKERS] for i in range(_WORKERS) if ks[i::_WORKERS].size]
    with single_threaded_blas(), ThreadPoolExecutor(len(groups)) as pool:
        parts = list(pool.map(lambda g: _norms_from(step_T, T, S, g, max_distance, block),
                              groups))
    t, k, mant, exp2, mant_b = (np.concatenate(a) for a in zip(*parts, strict=True))
    order = np.lexsort((k, t))
    return (t[order], k[order], mant[order], exp2[order],
            mant_b[order] if block is not None else None)


def pair_budget(params, T: int, seconds: float = cost.PAGE_PAIR_SECONDS) -> int:
    """How many (t, k) pairs jacobian_norms may measure on a text of T steps in `seconds` of CPU
    (the page's budget by default), at the measured cost of a pair for the cell and its state
    size S (rnnlab.cost.pair_seconds: c_0 + c_2 S² + c_3 S³, the LSTM's cell block included);
    never fewer than T (one start step)."""
    return cost.pair_count(params.cell, params.hidden_size, T, seconds)


def starts_within(T: int, max_pairs: int, max_distance: int | None = None) -> np.ndarray:
    """Evenly spaced start steps k (every s-th, s as small as possible) for jacobian_norms, so that
    the pairs (t, k) number at most max_pairs (always at least one start).

    max_pairs = pair_budget(params, T) keeps a call within the page's CPU seconds. Every start
    still gets every distance up to max_distance.
    """
    m = T if max_distance is None else max_distance
    for s in range(1, T + 1):
        ks = np.arange(0, T, s)
        if np.minimum(T - ks, m).sum() <= max_pairs:
            return ks
    return np.zeros(1, dtype=np.int64)


def _norms_from(step_T, T: int, S: int, ks: np.ndarray, max_distance: int, block=None):
    """σ_max(∂s_t/∂s_k) for the sorted start steps ks and k < t ≤ k + max_distance.

    step_T(t) gives (∂s_t/∂s_{t-1})ᵀ (S, S) and the indices of its nonzero columns (None: all).
    Keeps Q_k = (∂s_t/∂s_k)ᵀ 2^-E_k, so a step is one tall product [Q_k]_k (∂s_t/∂s_{t-1})ᵀ; returns
    flat arrays (t, k, mantissa, exponent, block mantissa) with σ_max = mantissa · 2^exponent. With
    `block` (a slice), the last is σ_max of the block [block, block] of each product, else zeros.
    """
    n = ks.size
    Q = np.empty((n, S, S))  # (n, S, S), Q[i] for start step ks[i]
    E = np.zeros(n, dtype=np.int64)  # (n,)
    chunk = max(1, 2**18 // (S * S))  # blocks per BLAS call, about 1 MB: stays in cache
    tmp = np.empty((chunk, S, S))
    lo = hi = 0  # active blocks Q[lo:hi]
    out = []
    for t in range(1, T + 1):
        while lo < hi and t - ks[lo] > max_distance:
            lo += 1
        if hi < n and ks[hi] == t - 1:
            Q[hi] = np.eye(S)  # ∂s_k/∂s_k
            E[hi] = 0
            hi += 1
        if lo == hi:
            continue
        step, live = step_T(t)  # (S, S), (r,) or None
        mant = np.zeros(hi - lo)
        mant_b = np.zeros(hi - lo)
        for c0 in range(lo, hi, chunk):
            c1 = min(c0 + chunk, hi)
            blocks, buf = Q[c0:c1], tmp[:c1 - c0]
            np.matmul(blocks.reshape(-1, S), step, out=buf.reshape(-1, S))
            largest = np.maximum(buf.max(axis=(1, 2)), -buf.min(axis=(1, 2)))  # (c,) max |entry|
            _, e = np.frexp(largest)
            np.multiply(buf, np.ldexp(1.0, -e)[:, None, None], out=blocks)
            E[c0:c1] += e
            if live is None or live.size:
                B = blocks if live is None or live.size == S else blocks[:, :, live]  # (c, S, r)
                top = top_eigenvalues(B.transpose(0, 2, 1) @ B)
                mant[c0 - lo:c1 - lo] = np.sqrt(np.maximum(top, 0.0))
            if block is not None:
                Bb = blocks[:, block, block]  # (c, b, b): the block, transposed like Q
                top = top_eigenvalues(Bb.transpose(0, 2, 1) @ Bb)
                mant_b[c0 - lo:c1 - lo] = np.sqrt(np.maximum(top, 0.0))
        out.append((np.full(hi - lo, t), ks[lo:hi], mant, E[lo:hi].copy(), mant_b))
    if not out:
        return (np.zeros(0, np.int64),) * 2 + (np.zeros(0), np.zeros(0, np.int64), np.zeros(0))
    return tuple(np.concatenate(a) for a in zip(*out, strict=True))

"""How much each earlier step k, character and word contributes to the loss J_t at step t.

The lecture's chain rule splits the gradient of J_t = -log p_t[y_t] into one term per earlier step:

    ∂J_t/∂W_hh = Σ_{k=1..t} ∂J_t/∂h_t · ∂h_t/∂h_k · ∂⁺h_k/∂W_hh = Σ_k (∂J_t/∂z_k) h_{k-1}ᵀ

where ∂J_t/∂h_t = W_Sᵀ (p_t - onehot(y_t)), ∂J_t/∂h_{k-1} = W_hhᵀ ∂J_t/∂z_k and
∂J_t/∂z_k = f'(z_k) ⊙ ∂J_t/∂h_k; ∂⁺ is the immediate partial (h_{k-1} held fixed). For the one-hot
input x_k, ∂J_t/∂x_k = W_hxᵀ ∂J_t/∂z_k. These vectors are walked back from k = t for all t at once,
each rescaled by a power of two every step, so norms of 1e-46 (or 1e-300) come out exact.

A gated cell walks back its whole state s (h, or the LSTM's (h, c)) with its own step_back:
grad_h = ‖∂J_t/∂s_k‖₂, grad_x = ‖W_hxᵀ ∂J_t/∂a^x_k‖₂ (the one-hot input, comparable across cells),
grad_W = ‖(∂J_t/∂a^h_k) h_{k-1}ᵀ‖_F, the step-k term of ∂J_t/∂W_hh (PyTorch's weight_hh_l0).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnnlab.cells import get_cell
from rnnlab.jacobians import ForwardPass, run_sequence, single_threaded_blas
from rnnlab.model import Params

QUANTITIES = ("grad_h", "grad_x", "grad_W")


def _seeds(params: Params, fwd: ForwardPass) -> np.ndarray:
    """∂J_t/∂h_t = W_Sᵀ (p_t - onehot(y_t)) for t = 1..T, (T, H)."""
    logits = fwd.h[1:] @ params.W_S.T + params.b_y  # (T, V)
    logits -= logits.max(axis=1, keepdims=True)
    p = np.exp(logits)  # (T, V)
    p /= p.sum(axis=1, keepdims=True)
    rows = np.arange(len(fwd.y))
    p[rows, fwd.y] = 0.0
    p[rows, fwd.y] = -p.sum(axis=1)  # p_y - 1 = -Σ_{v≠y} p_v, exact when p_y is close to 1
    return p @ params.W_S  # (T, H)


def _backward(params: Params, fwd: ForwardPass, ts: np.ndarray):
    """Walk ∂J_t/∂h_k back from k = t to 1 for the steps ts (sorted, 1-based), all at once.

    Yields (k, lo, dh, dz, dx, e) for k = max(ts)..1: the rows ts[lo:] are those with t ≥ k, and
    dh = ∂J_t/∂h_k, dz = ∂J_t/∂z_k, dx = ∂J_t/∂x_k = W_hxᵀ dz, each times 2^-e (e an int
    exponent per row). The yielded arrays are overwritten by the next step. For a gated cell,
    dh is ∂J_t/∂s_k (whole state) and dz is ∂J_t/∂a^h_k (see _gated_backward).
    """
    if fwd.trace is not None:
        yield from _gated_backward(params, fwd, ts)
        return
    seeds = _seeds(params, fwd)[ts - 1]  # (n, H)
    _, e0 = np.frexp(np.abs(seeds).max(axis=1))
    n, H = seeds.shape
    W = np.concatenate([params.W_hh, params.W_hx], axis=1)  # (H, H+V): both products at once
    dh = np.empty((n, H))  # (n, H)
    dz = np.empty((n, H))  # (n, H)
    back = np.empty((n, W.shape[1]))  # (n, H+V): [W_hhᵀ dz, W_hxᵀ dz] as rows
    e = np.zeros(n, dtype=np.int64)  # (n,)
    lo = n
    for k in range(int(ts[-1]), 0, -1):
        while lo > 0 and ts[lo - 1] == k:
            lo -= 1
            dh[lo] = np.ldexp(seeds[lo], -e0[lo])
            e[lo] = e0[lo]
        np.multiply(dh[lo:], fwd.fprime[k - 1], out=dz[lo:])
        np.matmul(dz[lo:], W, out=back[lo:])
        yield k, lo, dh[lo:], dz[lo:], back[lo:, H:], e[lo:]
        _, shift = np.frexp(np.abs(back[lo:, :H]).max(axis=1))
        np.multiply(back[lo:, :H], np.ldexp(1.0, -shift)[:, None], out=dh[lo:])
        e[lo:] += shift


def _gated_backward(params: Params, fwd: ForwardPass, ts: np.ndarray):
    """_backward for a gated cell: ∂J_t/∂s_k walked back through the cell's step_back.

    Yields (k, lo, ds, da_h, dx, e): ds = ∂J_t/∂s_k (n, S), da_h = ∂J_t/∂a^h_k (n, G·H), and
    dx = W_hxᵀ ∂J_t/∂a^x_k (n, V), each times 2^-e.
    """
    cell = get_cell(fwd.cell)
    tr = fwd.trace
    seeds = _seeds(params, fwd)[ts - 1]  # (n, H): ∂J_t/∂h_t
    _, e0 = np.frexp(np.abs(seeds).max(axis=1))
    n, H = seeds.shape
    S = tr.s.shape[-1]
    ds = np.zeros((n, S))  # (n, S); the LSTM's c part of ∂J_t/∂s_t is 0
    e = np.zeros(n, dtype=np.int64)  # (n,)
    lo = n
    for k in range(int(ts[-1]), 0, -1):
        while lo > 0 and ts[lo - 1] == k:
            lo -= 1
            ds[lo, :H] = np.ldexp(seeds[lo], -e0[lo])
            e[lo] = e0[lo]
        prev, da_x, da_h = cell.step_back(params, tr, k, ds[lo:])
        yield k, lo, ds[lo:], da_h, da_x @ params.W_hx, e[lo:]
        _, shift = np.frexp(np.abs(prev).max(axis=1))
        ds[lo:] = np.ldexp(prev, -shift[:, None])
        e[lo:] += shift


def distant_contributions(params: Params, inputs, targets, h0=None,
                          activation: str = "sigmoid") -> pd.DataFrame:
    """The contribution of step k to J_t for every pair 1 ≤ k ≤ t ≤ T (J_t not divided by T).

    Columns t, k, distance = t - k and

    - grad_h = ‖∂J_t/∂h_k‖₂
    - grad_x = ‖∂J_t/∂x_k‖₂ = ‖W_hxᵀ ∂J_t/∂z_k‖₂, x_k the one-hot input vector
    - grad_W = ‖(∂J_t/∂z_k) h_{k-1}ᵀ‖_F = ‖∂J_t/∂z_k‖₂ ‖h_{k-1}‖₂, the step-k term of ∂J_t/∂W_hh

    Rows are sorted by (t, k). Cost O(T² H (H + V)).
    """
    fwd = run_sequence(params, inputs, targets, h0, activation)
    T = len(fwd.x)
    sq = {q: np.zeros((T, T)) for q in QUANTITIES}  # (T, T) squared norms · 4^-e, [t-1, k-1]
    exp2 = {q: np.zeros((T, T), dtype=np.int64) for q in QUANTITIES}  # (T, T) each
    with single_threaded_blas():
        for k, lo, dh, dz, dx, e in _backward(params, fwd, np.arange(1, T + 1)):
            # dh and dz come scaled to entries below 1; dx = W_hxᵀ dz carries W_hx's own scale,
            # which exploded weights can push past 1e154, where its square would overflow
            _, s = np.frexp(np.abs(dx).max(axis=1))  # (n,)
            dx = np.ldexp(dx, -s[:, None])
            sq["grad_h"][lo:, k - 1] = np.einsum("ij,ij->i", dh, dh)
            sq["grad_x"][lo:, k - 1] = np.einsum("ij,ij->i", dx, dx)
            sq["grad_W"][lo:, k - 1] = np.einsum("ij,ij->i", dz, dz)
            for q in ("grad_h", "grad_W"):
                exp2[q][lo:, k - 1] = e
            exp2["grad_x"][lo:, k - 1] = e + s
    t, k = np.tril_indices(T)  # t ≥ k, sorted by (t, k)
    h_norm, s = _norm(fwd.h[:-1])  # (T,) each: ‖h_{k-1}‖ = h_norm 2^s
    frame = {"t": t + 1, "k": k + 1, "distance": t - k}
    with np.errstate(over="ignore"):  # a value beyond float64 (~1.8e308) is inf
        for q, a in sq.items():
            if q == "grad_W":
                frame[q] = np.ldexp(np.sqrt(a[t, k]) * h_norm[k], exp2[q][t, k] + s[k])
            else:
                frame[q] = np.ldexp(np.sqrt(a[t, k]), exp2[q][t, k])
    return pd.DataFrame(frame)


def weight_terms(params: Params, inputs, targets, t: int, h0=None,
                 activation: str = "sigmoid") -> np.ndarray:
    """The terms of ∂J_t/∂W_hh, one per earlier step: (t, H, H), entry k-1 = (∂J_t/∂z_k) h_{k-1}ᵀ.

    They sum over k to ∂J_t/∂W_hh; their Frobenius norms are distant_contributions' grad_W.
    """
    fwd = run_sequence(params, inputs, targets, h0, activation)
    t = _check_step(t, len(fwd.x))
    terms = np.empty((t,) + params.W_hh.shape)  # (t, G·H, H)
    with single_threaded_blas():
        for k, _, _, dz, _, e in _backward(params, fwd, np.array([t])):
            terms[k - 1] = np.outer(np.ldexp(dz[0], e[0]), fwd.h[k - 1])
    return terms


def word_contributions(params: Params, inputs, targets, t: int, spans, h0=None,
                       activation: str = "sigmoid", *, text: str | None = None,
                       quantity: str = "grad_x") -> tuple[pd.DataFrame, pd.DataFrame]:
    """The contribution of each earlier character and word to the prediction at step t (1-based).

    J_t scores the prediction of y_t, the character after x_t = text[t-1]. Character k (text[k-1],
    the input x_k) contributes c_k = `quantity` of the pair (t, k) (default ‖∂J_t/∂x_k‖₂), for
    k = 1..t; a word, given as a half-open span (start, end) of text positions, contributes the sum
    of c_k over its characters up to t. Characters outside every span (spaces, punctuation) get
    word -1. Returns (characters: k, char, distance, word, contribution;
    words: word, start, end, text, distance (from the word's last character before t),
    n_chars, contribution), words that start after t left out.
    """
    if quantity not in QUANTITIES:
        raise ValueError(f"unknown quantity {quantity!r}; choose one of {', '.join(QUANTITIES)}")
    fwd = run_sequence(params, inputs, targets, h0, activation)
    T = len(fwd.x)
    t = _check_step(t, T)
    if text is not None and len(text) != T:
        raise ValueError(f"text has {len(text)} characters but the sequence has T = {T} steps")
    spans = [(int(a), int(b)) for a, b in spans]
    if any(not 0 <= a < b <= T for a, b in spans):
        raise ValueError(f"word spans must satisfy 0 <= start < end <= T = {T}")

    c = np.zeros(t)  # (t,) c_k for k = 1..t
    with single_threaded_blas(), np.errstate(over="ignore"):  # beyond float64 (~1.8e308): inf
        for k, _, dh, dz, dx, e in _backward(params, fwd, np.array([t])):
            m, s = _norm({"grad_h": dh, "grad_x": dx, "grad_W": dz}[quantity][0])
            if quantity == "grad_W":  # ‖dz h_{k-1}ᵀ‖_F = ‖dz‖ ‖h_{k-1}‖
                m_h, s_h = _norm(fwd.h[k - 1])
                m, s = m * m_h, s + s_h
            c[k - 1] = np.ldexp(m, e[0] + s)
    word = np.full(t, -1)
    for i, (a, b) in enumerate(spans):
        word[a:min(b, t)] = i
    chars = pd.DataFrame({
        "k": np.arange(1, t + 1),
        "char": list(text[:t]) if text is not None else [""] * t,
        "distance": t - np.arange(1, t + 1),
        "word": word,
        "contribution": c,
    })
    kept = [(i, a, b) for i, (a, b) in enumerate(spans) if a < t]
    words = pd.DataFrame({
        "word": [i for i, _, _ in kept],
        "start": [a for _, a, _ in kept],
        "end": [b for _, _, b in kept],
        "text": [text[a:b] if text is not None else "" for _, a, b in kept],
        "distance": [t - min(b, t) for _, _, b in kept],
        "n_chars": [min(b, t) - a for _, a, b in kept],
        "contribution": [float(c[a:min(b, t)].sum()) for _, a, b in kept],
    })
    return chars, words


def _norm(v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """‖v‖₂ along the last axis as (m, s) with ‖v‖ = m 2^s, without overflow on the way:
    m = ‖2^-s v‖, 2^s near max |v_i| (a state of 1e200, from exploded weights, would square to
    infinity). v (..., n) gives m and s of shape (...)."""
    _, s = np.frexp(np.abs(v).max(axis=-1))
    return np.linalg.norm(np.ldexp(v, -s[..., None]), axis=-1), s


def _check_step(t, T: int) -> int:
    if not (np.issubdtype(type(t), np.integer) and 1 <= t <= T):
        raise ValueError(f"t must be a step in 1..{T}, got {t!r}")
    return int(t)

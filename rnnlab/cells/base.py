"""What every recurrent cell of the lab provides, and the BPTT written once on top of it.

A cell maps the previous state s_{t-1} and the input x_t to the new state s_t; its output h_t is
what the softmax head reads (p_t = softmax(W_S h_t + b_y)). For the lecture's RNN and the GRU the
state is h itself (S = H); the LSTM's state is (h, c) stacked, S = 2H, with h = s[..., :H].

The input enters every cell through G stacked pre-activations a^x_t = W_hx[:, x_t] + b_h of size
G·H (G = 1 for the RNN, 3 for the GRU, 4 for the LSTM) and the state through a^h_t = W_hh h_{t-1}
(+ b_hh for the gated cells), also G·H. A cell therefore needs only two things of its own:

- `forward(p, ax, s0, activation)`: the recurrence over a window, keeping what backward needs;
- `step_back(p, trace, j, ds)`: one step of the chain rule at step j. Given row vectors
  ds = ∂J/∂s_j (n, S), it returns ∂J/∂s_{j-1} through this step only (= ds ∂s_j/∂s_{j-1}), and the
  gradients with respect to the step's two pre-activations, ∂J/∂a^x_j and ∂J/∂a^h_j (n, G·H).

From those, this module derives exactly, for every cell: the gradients of every parameter
(`backward`), the one-step state Jacobians ∂s_j/∂s_{j-1} (`state_jacobians`), and the
contributions of distant steps (rnnlab.contributions). Rows of ds may be several sequences of a
batch (training) or several loss steps t of one sequence (the analyses): step_back broadcasts
the trace's batch of 1 against n rows.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import numpy as np


@dataclass
class Trace:
    """A window run forward by a cell: what backward and the analyses read.

    s: (T+1, B, S) the states s_0..s_T; h: (T+1, B, H) the outputs h_0..h_T (a view of s for the
    RNN and the GRU); local: the cell's per-step values (gates, slopes), each (T, B, ...).
    """

    s: np.ndarray
    h: np.ndarray
    local: dict = field(default_factory=dict)


class Cell:
    """The interface; subclasses set `name`, `gates` and write forward and step_back."""

    name: str = ""
    gates: int = 1  # G: pre-activation blocks of size H in W_hx, W_hh
    uses_activation: bool = False  # the RNN's f is a choice; the gated cells fix theirs
    has_b_hh: bool = True  # a second bias on the state side (PyTorch's bias_hh)
    gate_names: tuple[str, ...] = ()  # PyTorch's order of the stacked blocks

    def state_size(self, H: int) -> int:
        """S, the size of the state s_t."""
        return H

    def output(self, s: np.ndarray) -> np.ndarray:
        """h, the part of the state the head reads: (..., S) -> (..., H)."""
        return s

    def init_weights(self, V: int, H: int, rng: np.random.Generator, *, init: str,
                     spectral_norm: float | None, forget_bias: float) -> dict[str, np.ndarray]:
        """Every parameter, drawn from `rng`: W_hx (G·H, V), W_hh (G·H, H), b_h (G·H,), for gated
        cells b_hh (G·H,), and the head's W_S (V, H) and b_y (V,). `init` and `spectral_norm`
        shape the recurrent weights; `forget_bias` is the LSTM's starting forget-gate bias."""
        raise NotImplementedError

    def forward(self, p, ax: np.ndarray, s0: np.ndarray, activation: str) -> Trace:
        """Run the recurrence: ax (T, B, G·H) = W_hx[:, x_t] + b_h per step, s0 (B, S)."""
        raise NotImplementedError

    def step_back(self, p, tr: Trace, j: int, ds: np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(∂J/∂s_{j-1} through step j, ∂J/∂a^x_j, ∂J/∂a^h_j) for ds = ∂J/∂s_j (n, S); j is
        1-based."""
        raise NotImplementedError

    def gate_means(self, tr: Trace) -> dict[str, np.ndarray]:
        """Per step, the mean over units of the gates that keep the memory: {name: (T,)}."""
        return {}

    # ---- derived once for every cell ----

    def backward(self, p, x: np.ndarray, tr: Trace, dh: np.ndarray
                 ) -> tuple[dict[str, np.ndarray], np.ndarray]:
        """Exact BPTT: ({name: ∂J/∂name} for W_hx, W_hh, b_h (, b_hh)), ∂J/∂s_0 (B, S)).

        x: (T, B) ids; dh: (T, B, H), ∂J/∂h_t through the head only. Walking back,
        ∂J/∂s_t = (head part) + (part through s_{t+1}), and each step's a-gradients collect:

            ∂J/∂W_hh = Σ_t (∂J/∂a^h_t)ᵀ h_{t-1},  ∂J/∂b_hh = Σ_t ∂J/∂a^h_t,
            ∂J/∂W_hx[:, v] = Σ_{t: x_t = v} ∂J/∂a^x_t,  ∂J/∂b_h = Σ_t ∂J/∂a^x_t.
        """
        T, B, H = dh.shape
        S = tr.s.shape[-1]
        GH = self.gates * H
        da_x = np.empty((T, B, GH), dtype=dh.dtype)  # (T, B, G·H)
        da_h = np.empty_like(da_x)
        ds = np.zeros((B, S), dtype=dh.dtype)  # (B, S): ∂J/∂s_t from later steps
        for j in range(T, 0, -1):
            ds[:, :H] += dh[j - 1]
            ds, ax_j, ah_j = self.step_back(p, tr, j, ds)
            da_x[j - 1], da_h[j - 1] = ax_j, ah_j
        N = T * B
        ax_rows, ah_rows = da_x.reshape(N, GH), da_h.reshape(N, GH)
        h_prev = tr.h[:-1].reshape(N, H)  # (N, H)
        grads = {"W_hh": ah_rows.T @ h_prev, "b_h": ax_rows.sum(axis=0)}
        if self.has_b_hh:
            grads["b_hh"] = ah_rows.sum(axis=0)
        grads["W_hx"] = sum_rows_by_id(ax_rows, x.reshape(N), p.vocab_size).T  # (G·H, V)
        return grads, ds

    def state_jacobians(self, p, tr: Trace) -> np.ndarray:
        """∂s_j/∂s_{j-1} for j = 1..T of a single-sequence trace (B = 1): (T, S, S).

        Row i of ∂s_j/∂s_{j-1} is ∂s_{j,i}/∂s_{j-1}; step_back applied to the unit rows e_i gives
        e_i ∂s_j/∂s_{j-1}, that row, so the Jacobian is exactly what the BPTT multiplies by.
        """
        T, S = tr.s.shape[0] - 1, tr.s.shape[-1]
        eye = np.eye(S)
        return np.stack([self.step_back(p, tr, j, eye)[0] for j in range(1, T + 1)])


def sum_rows_by_id(rows: np.ndarray, ids: np.ndarray, n: int, scratch: np.ndarray | None = None
                   ) -> np.ndarray:
    """out[v] = sum of rows[i] with ids[i] == v: rows (N, H), ids (N,); returns (n, H).

    `scratch`, an (N, H) array of rows' dtype, spares large inputs a temporary copy.
    """
    N, H = rows.shape
    if N <= 256:  # small: one bincount over (id, column) pairs
        flat = (ids[:, None] * H + np.arange(H)).ravel()
        return np.bincount(flat, weights=rows.ravel(), minlength=n * H).reshape(n, H).astype(
            rows.dtype, copy=False)
    # large: sort the rows by id, then add up each id's run at once
    order = np.argsort(ids, kind="stable")
    runs = np.take(rows, order, axis=0, out=scratch, mode="clip")  # (N, H)
    out = np.zeros((n, H), dtype=rows.dtype)  # (n, H)
    start = 0
    for v, count in enumerate(np.bincount(ids, minlength=n).tolist()):
        if count:
            np.add.reduce(runs[start:start + count], axis=0, out=out[v])
            start += count
    return out


class Scratch(threading.local):
    """A cell's backward temporaries, kept per thread from one call to the next: fresh arrays
    cost a page fault every 4 KiB, a tenth of a training step at H=128, B=32, and the lab
    serves several sessions from threads of one process. Nothing returned to a caller lives
    here. Arrays above KEEP bytes are not kept: there the products outweigh the faults, and a
    server should not hold them between runs."""

    KEEP = 8 << 20

    def __init__(self):
        self.arrays: dict[str, np.ndarray] = {}

    def get(self, name: str, shape: tuple, dtype) -> np.ndarray:
        a = self.arrays.get(name)
        if a is None or a.shape != shape or a.dtype != dtype:
            self.arrays.pop(name, None)
            a = np.empty(shape, dtype=dtype)
            if a.nbytes <= self.KEEP:
                self.arrays[name] = a
        return a

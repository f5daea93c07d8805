"""The lecture's RNN, written as the lecture writes it, one line an equation:

    z_t = W_hh h_{t-1} + W_hx x_t + b_h,     h_t = f(z_t),     ∂h_t/∂h_{t-1} = diag(f'(z_t)) W_hh

The training loop runs the tuned kernel in rnnlab.model (the same maths, fewer numpy calls), which
the tests hold to this one to 1e-12 for every activation.
"""

from __future__ import annotations

import numpy as np

from rnnlab.cells import activations
from rnnlab.cells.base import Cell, Trace

INITS = ("gaussian", "orthogonal", "identity")


def recurrent_matrix(H: int, rng: np.random.Generator, init: str,
                     spectral_norm: float | None) -> np.ndarray:
    """W_hh (H, H): gaussian N(0, 1/H), orthogonal (Haar) or identity, then rescaled to
    ‖W_hh‖₂ = spectral_norm when one is given."""
    if init == "gaussian":
        W = rng.standard_normal((H, H)) / np.sqrt(H)  # (H, H)
    elif init == "orthogonal":
        Q, R = np.linalg.qr(rng.standard_normal((H, H)))
        W = Q * np.sign(np.diag(R))  # (H, H), uniformly (Haar) distributed
    elif init == "identity":
        W = np.eye(H)
    else:
        raise ValueError(f"unknown init {init!r}; choose one of {', '.join(INITS)}")
    if spectral_norm is not None:
        W = W * (spectral_norm / np.linalg.norm(W, 2))
    return W


class Elman(Cell):
    name = "rnn"
    gates = 1
    uses_activation = True
    has_b_hh = False

    def init_weights(self, V, H, rng, *, init, spectral_norm, forget_bias):
        W_hx = rng.standard_normal((H, V)) * 0.1  # (H, V)
        W_S = rng.standard_normal((V, H)) * 0.01  # (V, H): the first prediction is near uniform
        return {"W_hx": W_hx, "W_hh": recurrent_matrix(H, rng, init, spectral_norm),
                "b_h": np.zeros(H), "W_S": W_S, "b_y": np.zeros(V)}

    def forward(self, p, ax, s0, activation):
        act = activations.get(activation)
        T, B, H = ax.shape
        h = np.empty((T + 1, B, H), dtype=ax.dtype)  # (T+1, B, H)
        fprime = np.empty((T, B, H), dtype=ax.dtype)  # (T, B, H): f'(z_t)
        h[0] = s0
        for t in range(1, T + 1):
            z = h[t - 1] @ p.W_hh.T + ax[t - 1]  # (B, H): z_t
            h[t] = act.f(z)
            fprime[t - 1] = act.df(z)
        return Trace(s=h, h=h, local={"fprime": fprime})

    def step_back(self, p, tr, j, ds):
        dz = ds * tr.local["fprime"][j - 1]  # (n, H): ∂J/∂z_j = f'(z_j) ⊙ ∂J/∂h_j
        return dz @ p.W_hh, dz, dz  # ∂J/∂h_{j-1} = W_hhᵀ ∂J/∂z_j, as a row: dz W_hh

    def state_jacobians(self, p, tr):
        return tr.local["fprime"][:, 0, :, None] * p.W_hh  # (T, H, H): diag(f'(z_j)) W_hh

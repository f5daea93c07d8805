"""The gated recurrent unit (Cho et al. 2014) in PyTorch's form, gate blocks stacked r, z, n:

    a^x_t = W_hx[:, x_t] + b_h,   a^h_t = W_hh h_{t-1} + b_hh                  (3H each)
    r_t = σ(a^x_r + a^h_r),   z_t = σ(a^x_z + a^h_z),   n_t = tanh(a^x_n + r_t ⊙ a^h_n)
    h_t = (1 - z_t) ⊙ n_t + z_t ⊙ h_{t-1}

The state is h itself (S = H). The update gate z_t is the share of the old state kept: with
z_t = 1 the step copies h_{t-1} and ∂h_t/∂h_{t-1} = I, the path along which gradients need not
vanish. One step of the chain rule, for a row g = ∂J/∂h_t:

    ∂J/∂a_n = g ⊙ (1 - z) ⊙ (1 - n²)          ∂J/∂a^h_n = ∂J/∂a_n ⊙ r
    ∂J/∂a_z = g ⊙ (h_{t-1} - n) ⊙ z(1 - z)     ∂J/∂a_r = ∂J/∂a_n ⊙ a^h_n ⊙ r(1 - r)
    ∂J/∂h_{t-1} = g ⊙ z + (∂J/∂a^h_t) W_hh

where a_r, a_z (the gates' whole pre-activations) take the same gradient on their x and h sides.
"""

from __future__ import annotations

import numpy as np

from rnnlab.cells.base import Cell, Scratch, Trace, sum_rows_by_id
from rnnlab.cells.elman import recurrent_matrix

_SCRATCH = Scratch()  # backward's temporaries, per thread


class GRU(Cell):
    name = "gru"
    gates = 3
    uses_activation = False
    has_b_hh = True
    gate_names = ("r", "z", "n")

    def init_weights(self, V, H, rng, *, init, spectral_norm, forget_bias):
        """Drawn in this order: W_hx, then W_hh's r, z and n blocks, then W_S. Each block of
        W_hh is one `recurrent_matrix`, so the lab's init and ‖·‖₂ dial apply per gate;
        `forget_bias` is the LSTM's and unused here. The biases start at zero."""
        W_hx = rng.standard_normal((3 * H, V)) * 0.1  # (3H, V)
        W_hh = np.concatenate([recurrent_matrix(H, rng, init, spectral_norm)
                               for _ in self.gate_names])  # (3H, H)
        W_S = rng.standard_normal((V, H)) * 0.01  # (V, H): the first prediction is near uniform
        return {"W_hx": W_hx, "W_hh": W_hh, "b_h": np.zeros(3 * H), "b_hh": np.zeros(3 * H),
                "W_S": W_S, "b_y": np.zeros(V)}

    def forward(self, p, ax, s0, activation):
        """h_0..h_T (T+1, B, H) in ax's dtype; local: the gates r, z, the candidate n and
        hn = a^h_n = W_hn h_{t-1} + b_hn, each (T, B, H)."""
        T, B, GH = ax.shape
        H = GH // 3
        dt = ax.dtype
        h = np.empty((T + 1, B, H), dtype=dt)  # (T+1, B, H)
        h[0] = s0
        # σ(a) = (1 + tanh(a/2)) / 2: r and z in one tanh, their a/2 built up in place
        b_hh = p.b_hh.astype(dt, copy=False)  # (3H,)
        rz = np.add(ax[..., :2 * H], b_hh[:2 * H])  # (T, B, 2H): a^x + b_hh, then r | z
        rz *= 0.5
        W_T = np.array(p.W_hh.T, dtype=dt, order="C")  # (H, 3H), C-ordered for the batch product
        W_T[:, :2 * H] *= 0.5
        b_hn = b_hh[2 * H:]  # (H,)
        hn = np.empty((T, B, H), dtype=dt)  # (T, B, H): a^h_n
        n = np.empty((T, B, H), dtype=dt)  # (T, B, H)
        gh = np.empty((B, GH), dtype=dt)  # (B, 3H): W_hh h_{t-1}, r and z columns halved
        r, z, ax_n = rz[..., :H], rz[..., H:], ax[..., 2 * H:]  # (T, B, H) each
        tanh, add, mul, dot = np.tanh, np.add, np.multiply, np.dot
        for t in range(T):
            dot(h[t], W_T, gh)
            a = rz[t]  # (B, 2H): a_r/2 | a_z/2, then r | z
            add(a, gh[:, :2 * H], a)
            tanh(a, a)
            mul(a, 0.5, a)
            add(a, 0.5, a)
            add(gh[:, 2 * H:], b_hn, hn[t])
            n_t = n[t]
            mul(r[t], hn[t], n_t)
            add(n_t, ax_n[t], n_t)
            tanh(n_t, n_t)
            h_t = h[t + 1]
            np.subtract(h[t], n_t, h_t)  # h_t = n + z ⊙ (h_{t-1} - n)
            mul(h_t, z[t], h_t)
            add(h_t, n_t, h_t)
        return Trace(s=h, h=h, local={"r": r, "z": z, "n": n, "hn": hn})

    def step_back(self, p, tr, j, ds):
        L = tr.local
        r, z, n, hn = L["r"][j - 1], L["z"][j - 1], L["n"][j - 1], L["hn"][j - 1]  # (B, H)
        h_prev = tr.h[j - 1]  # (B, H)
        dan = ds * (1 - z) * (1 - n * n)  # (n, H): ∂J/∂a_n
        daz = ds * (h_prev - n) * (z * (1 - z))  # (n, H)
        dar = dan * (hn * r * (1 - r))  # (n, H)
        da_x = np.concatenate([dar, daz, dan], axis=-1)  # (n, 3H)
        da_h = np.concatenate([dar, daz, dan * r], axis=-1)  # (n, 3H): n's a^h sits inside r ⊙ ·
        return ds * z + da_h @ p.W_hh, da_x, da_h

    def backward(self, p, x, tr, dh):
        """Cell.backward's exact BPTT, faster: every step's local factors are taken at once
        before the walk back, which is then five products and one (B, 3H) @ (3H, H) a step."""
        T, B, H = dh.shape
        N, dt = T * B, dh.dtype
        L = tr.local
        r, z, n, hn = L["r"], L["z"], L["n"], L["hn"]  # (T, B, H) each
        h_prev = tr.h[:-1]  # (T, B, H)
        kn, kz, kr, tmp = (_SCRATCH.get(k, (T, B, H), dt) for k in ("kn", "kz", "kr", "tmp"))
        np.multiply(n, n, kn)  # ∂J/∂a_n = g ⊙ kn, kn = (1 - n²)(1 - z)
        np.subtract(1, kn, kn)
        np.subtract(1, z, tmp)
        kn *= tmp
        np.multiply(z, tmp, kz)  # ∂J/∂a_z = g ⊙ kz, kz = z(1 - z)(h_{t-1} - n)
        np.subtract(h_prev, n, tmp)
        kz *= tmp
        np.subtract(1, r, kr)  # ∂J/∂a_r = ∂J/∂a_n ⊙ kr, kr = r(1 - r) a^h_n
        kr *= r
        kr *= hn
        da_x = _SCRATCH.get("da_x", (T, B, 3 * H), dt)  # (T, B, 3H)
        da_h = _SCRATCH.get("da_h", (T, B, 3 * H), dt)  # (T, B, 3H)
        g = np.empty((B, H), dtype=dt)  # (B, H): ∂J/∂h_t
        ds = np.zeros((B, H), dtype=dt)  # (B, H): ∂J/∂h_t through h_{t+1}, at the end ∂J/∂h_0
        gz = np.empty((B, H), dtype=dt)  # (B, H)
        W_hh = p.W_hh.astype(dt, copy=False)  # (3H, H)
        add, mul, dot = np.add, np.multiply, np.dot
        for t in range(T - 1, -1, -1):
            add(dh[t], ds, g)
            dan, ah = da_x[t, :, 2 * H:], da_h[t]  # (B, H), (B, 3H)
            mul(g, kn[t], dan)
            mul(g, kz[t], ah[:, H:2 * H])
            mul(dan, kr[t], ah[:, :H])
            mul(dan, r[t], ah[:, 2 * H:])
            dot(ah, W_hh, ds)
            mul(g, z[t], gz)
            add(ds, gz, ds)
        da_x[..., :2 * H] = da_h[..., :2 * H]  # r and z: one pre-activation, one gradient
        ax_rows, ah_rows = da_x.reshape(N, 3 * H), da_h.reshape(N, 3 * H)
        grads = {"W_hh": ah_rows.T @ h_prev.reshape(N, H), "b_hh": ah_rows.sum(axis=0)}
        # da_h is spent: it lends its memory to the sort of da_x's rows by token id
        dW_hx = sum_rows_by_id(ax_rows, x.reshape(N), p.vocab_size, ah_rows)  # (V, 3H)
        grads["W_hx"], grads["b_h"] = dW_hx.T, dW_hx.sum(axis=0)  # (3H, V), (3H,)
        return grads, ds

    def gate_means(self, tr):
        return {"z": tr.local["z"][:, 0].mean(axis=1)}  # (T,): the share of h_{t-1} kept

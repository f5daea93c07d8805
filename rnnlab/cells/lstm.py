"""The LSTM (Hochreiter & Schmidhuber 1997, with the forget gate of Gers et al. 2000), as PyTorch
writes it, gate blocks stacked in the order i, f, g, o:

    a_t = a^x_t + a^h_t = (W_hx[:, x_t] + b_h) + (W_hh h_{t-1} + b_hh)      (4H)
    i_t, f_t, o_t = σ(a_t[i]), σ(a_t[f]), σ(a_t[o]),   g_t = tanh(a_t[g])
    c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t,                    h_t = o_t ⊙ tanh(c_t)

The state is s_t = (h_t, c_t) stacked, S = 2H. The cell c_t is the additive path: its own
one-step factor is ∂⁺c_j/∂c_{j-1} = diag(f_j) (h_{j-1} held fixed), so with f ≈ 1 and i ≈ 0
it is copied and that path's gradient neither vanishes nor explodes; the paths that leave the
memory through h_j = o_j ⊙ tanh(c_j) and come back through the next step's gates come on top.
One step back, for row vectors ∂J/∂h_j, ∂J/∂c_j:

    δc_j = ∂J/∂c_j + ∂J/∂h_j ⊙ o_j ⊙ (1 - tanh²(c_j))         (∂J/∂c_j through h_j too)
    ∂J/∂a_j = [δc_j ⊙ g_j ⊙ i_j(1-i_j),  δc_j ⊙ c_{j-1} ⊙ f_j(1-f_j),
               δc_j ⊙ i_j ⊙ (1-g_j²),   ∂J/∂h_j ⊙ tanh(c_j) ⊙ o_j(1-o_j)]    (= ∂J/∂a^x = ∂J/∂a^h)
    ∂J/∂h_{j-1} = ∂J/∂a_j W_hh,   ∂J/∂c_{j-1} = δc_j ⊙ f_j
"""

from __future__ import annotations

import numpy as np

from rnnlab.cells.base import Cell, Trace, sum_rows_by_id
from rnnlab.cells.elman import recurrent_matrix


class LSTM(Cell):
    name = "lstm"
    gates = 4
    uses_activation = False
    has_b_hh = True
    gate_names = ("i", "f", "g", "o")

    def state_size(self, H):
        return 2 * H

    def output(self, s):
        return s[..., : s.shape[-1] // 2]

    def init_weights(self, V, H, rng, *, init, spectral_norm, forget_bias):
        """Drawn from `rng` in this order: W_hx, the blocks of W_hh (i, f, g, o), W_S. The forget
        block of b_h starts at `forget_bias` (1 by default, Jozefowicz et al. 2015): f_0 ≈ 0.73,
        so c is mostly kept from the start and gradients reach back along it."""
        W_hx = rng.standard_normal((4 * H, V)) * 0.1  # (4H, V)
        W_hh = np.concatenate([recurrent_matrix(H, rng, init, spectral_norm)
                               for _ in self.gate_names])  # (4H, H)
        W_S = rng.standard_normal((V, H)) * 0.01  # (V, H): the first prediction is near uniform
        b_h = np.zeros(4 * H)  # (4H,)
        b_h[H:2 * H] = forget_bias
        return {"W_hx": W_hx, "W_hh": W_hh, "b_h": b_h, "b_hh": np.zeros(4 * H),
                "W_S": W_S, "b_y": np.zeros(V)}

    def forward(self, p, ax, s0, activation):
        T, B, G = ax.shape  # G = 4H
        H = G // 4
        dt = ax.dtype
        # σ(a) = (1 + tanh(a/2)) / 2: halving the i, f, o columns of a_t lets one tanh over all
        # 4H columns do the four gates, then one affine map turns the σ columns into σ
        half = np.full(G, 0.5, dtype=dt)  # (4H,)
        half[2 * H:3 * H] = 1.0
        shift = half.copy()  # (4H,): 0.5 for i, f, o; 0 for g
        shift[2 * H:3 * H] = 0.0
        W_T = np.ascontiguousarray(p.W_hh.T * half, dtype=dt)  # (H, 4H): C-ordered is faster
        a = np.add(ax, p.b_hh.astype(dt, copy=False))  # (T, B, 4H): a^x_t + b_hh, then gates
        a *= half
        s = np.empty((T + 1, B, 2 * H), dtype=dt)  # (T+1, B, 2H): (h_t, c_t)
        s[0] = s0
        tanh_c = np.empty((T, B, H), dtype=dt)  # (T, B, H): tanh(c_t)
        Wh = np.empty((B, G), dtype=dt)  # (B, 4H): W_hh h_{t-1}, halved where σ
        ig = np.empty((B, H), dtype=dt)  # (B, H): i_t ⊙ g_t
        add, mul, tanh, dot = np.add, np.multiply, np.tanh, np.dot
        for t in range(T):
            z, h_prev, c_prev = a[t], s[t, :, :H], s[t, :, H:]
            h, c = s[t + 1, :, :H], s[t + 1, :, H:]
            dot(h_prev, W_T, Wh)
            add(z, Wh, z)
            tanh(z, z)
            mul(z, half, z)
            add(z, shift, z)  # (B, 4H): i, f, g, o
            mul(z[:, H:2 * H], c_prev, c)
            mul(z[:, :H], z[:, 2 * H:3 * H], ig)
            add(c, ig, c)  # c_t = f ⊙ c_{t-1} + i ⊙ g
            tanh(c, tanh_c[t])
            mul(z[:, 3 * H:], tanh_c[t], h)  # h_t = o ⊙ tanh(c_t)
        i, f, g, o = (a[..., k * H:(k + 1) * H] for k in range(4))  # (T, B, H) each
        return Trace(s=s, h=s[..., :H], local={"gates": a, "i": i, "f": f, "g": g, "o": o,
                                               "tanh_c": tanh_c})

    def step_back(self, p, tr, j, ds):
        H = ds.shape[-1] // 2
        L, t = tr.local, j - 1
        i, f, g, o, tc = L["i"][t], L["f"][t], L["g"][t], L["o"][t], L["tanh_c"][t]  # (B, H)
        c_prev = tr.s[t, :, H:]  # (B, H): c_{j-1}
        dh, dc = ds[:, :H], ds[:, H:]  # (n, H)
        dc = dc + dh * o * (1.0 - tc * tc)  # δc_j: the cell's gradient through h_j too
        da = np.concatenate([dc * g * i * (1.0 - i), dc * c_prev * f * (1.0 - f),
                             dc * i * (1.0 - g * g), dh * tc * o * (1.0 - o)], axis=-1)  # (n, 4H)
        ds_prev = np.concatenate([da @ p.W_hh, dc * f], axis=-1)  # (n, 2H)
        return ds_prev, da, da

    def gate_means(self, tr):
        return {"f": tr.local["f"][:, 0].mean(axis=1), "i": tr.local["i"][:, 0].mean(axis=1)}

    def backward(self, p, x, tr, dh):
        """Cell.backward's BPTT, step_back's maths written into preallocated buffers (fewer
        temporaries, the slopes of all four gates in one product); equal to it to rounding."""
        T, B, H = dh.shape
        N, G, dt = T * B, 4 * H, dh.dtype
        gates, tanh_c = tr.local["gates"], tr.local["tanh_c"]  # (T, B, 4H), (T, B, H)
        # the gates' slopes from their values, one product over all 4H columns:
        # σ' = σ(1 - σ) = (1 - σ)(σ + 0) and tanh' = 1 - g² = (1 - g)(g + 1)
        plus = np.zeros(G, dtype=dt)  # (4H,)
        plus[2 * H:3 * H] = 1.0
        da = np.empty((T, B, G), dtype=dt)  # (T, B, 4H): ∂J/∂a_t
        slope = np.empty((B, G), dtype=dt)  # (B, 4H): σ' or tanh' of each column
        M = np.empty((B, G), dtype=dt)  # (B, 4H): what each slope multiplies
        tmp = np.empty((B, G), dtype=dt)
        tmp_h = tmp[:, :H]
        dh_t = dh[T - 1].copy()  # (B, H): ∂J/∂h_t, head part plus the part through s_{t+1}
        dc = np.zeros((B, H), dtype=dt)  # (B, H): ∂J/∂c_t from s_{t+1}, then δc_t
        W_hh = p.W_hh
        add, sub, mul, dot = np.add, np.subtract, np.multiply, np.dot
        for t in range(T - 1, -1, -1):
            z, tc, c_prev = gates[t], tanh_c[t], tr.s[t, :, H:]
            i, f, g, o = z[:, :H], z[:, H:2 * H], z[:, 2 * H:3 * H], z[:, 3 * H:]
            sub(1.0, z, slope)
            add(z, plus, tmp)
            mul(slope, tmp, slope)
            mul(tc, tc, tmp_h)
            sub(1.0, tmp_h, tmp_h)
            mul(tmp_h, o, tmp_h)
            mul(tmp_h, dh_t, tmp_h)
            add(dc, tmp_h, dc)  # δc_t = ∂J/∂c_t + ∂J/∂h_t ⊙ o ⊙ (1 - tanh²(c_t))
            mul(dc, g, M[:, :H])
            mul(dc, c_prev, M[:, H:2 * H])
            mul(dc, i, M[:, 2 * H:3 * H])
            mul(dh_t, tc, M[:, 3 * H:])
            mul(M, slope, da[t])
            mul(dc, f, dc)  # ∂J/∂c_{t-1}
            dot(da[t], W_hh, dh_t)  # ∂J/∂h_{t-1} through a_t
            if t:
                add(dh_t, dh[t - 1], dh_t)
        rows = da.reshape(N, G)  # (N, 4H)
        b = np.ones(N, dtype=dt) @ rows  # (4H,): a BLAS product, faster than a sum here
        grads = {"W_hh": rows.T @ tr.h[:-1].reshape(N, H), "b_h": b, "b_hh": b.copy(),
                 "W_hx": sum_rows_by_id(rows, x.reshape(N), p.vocab_size).T}
        return grads, np.concatenate([dh_t, dc], axis=1)

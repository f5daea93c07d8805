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

from rnnlab.cells.base import Cell, Scratch, Trace, sum_rows_by_id
from rnnlab.cells.elman import recurrent_matrix

_SCRATCH = Scratch()  # backward's temporaries, per thread


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
        """s_0..s_T (T+1, B, 2H) and h_0..h_T (T+1, B, H, its own contiguous array) in ax's
        dtype; local: "gates" (T, B, 4H) = i, f, g, o, their views "i", "f", "g", "o" (T, B, H)
        and "tanh_c" (T, B, H). Nothing more: every array of the trace is fresh memory, a page
        fault per 4 KiB, so backward recomputes the few products it needs."""
        T, B, G = ax.shape  # G = 4H
        H = G // 4
        dt = ax.dtype
        # σ(a) = (1 + tanh(a/2)) / 2: halving the i, f, o columns of a_t lets one tanh do the
        # four gates, then one affine map turns the σ columns into σ. The constants are whole
        # (B, 4H) arrays: numpy runs a contiguous op on two of them as one loop, but one loop per
        # row against a broadcast (4H,) row, several times slower at B = 32
        half = np.full(G, 0.5, dtype=dt)  # (4H,): 0.5 for i, f, o; 1 for g
        half[2 * H:3 * H] = 1.0
        shift = 1.0 - half  # (4H,): 0.5 for i, f, o; 0 for g
        HALF = np.ascontiguousarray(np.broadcast_to(half, (B, G)))  # (B, 4H)
        SHIFT = np.ascontiguousarray(np.broadcast_to(shift, (B, G)))  # (B, 4H)
        B_HH = np.ascontiguousarray(np.broadcast_to(p.b_hh * half, (B, G)), dtype=dt)  # (B, 4H)
        W_T = np.ascontiguousarray(p.W_hh.T * half, dtype=dt)  # (H, 4H): C-ordered is faster
        a = np.empty((T, B, G), dtype=dt)  # (T, B, 4H): a_t, halved where σ, then the gates
        s = np.empty((T + 1, B, 2 * H), dtype=dt)  # (T+1, B, 2H): (h_t, c_t)
        s[0] = s0
        h = np.empty((T + 1, B, H), dtype=dt)  # (T+1, B, H): h_t, contiguous for the products
        h[0] = s0[:, :H]
        tanh_c = np.empty((T, B, H), dtype=dt)  # (T, B, H): tanh(c_t)
        ig = np.empty((B, H), dtype=dt)  # (B, H): i_t ⊙ g_t
        Wh = np.empty((B, G), dtype=dt)  # (B, 4H): W_hh h_{t-1}, halved where σ
        i, f, g, o = (a[..., k * H:(k + 1) * H] for k in range(4))  # (T, B, H) each
        c = s[..., H:]  # (T+1, B, H): c_t
        add, mul, tanh, dot = np.add, np.multiply, np.tanh, np.dot
        for t in range(T):
            z = a[t]  # (B, 4H)
            dot(h[t], W_T, Wh)
            mul(ax[t], HALF, z)
            add(z, Wh, z)
            add(z, B_HH, z)  # a_t, halved where σ
            tanh(z, z)
            mul(z, HALF, z)
            add(z, SHIFT, z)  # (B, 4H): i, f, g, o
            mul(i[t], g[t], ig)
            mul(f[t], c[t], c[t + 1])
            add(c[t + 1], ig, c[t + 1])  # c_t = f ⊙ c_{t-1} + i ⊙ g
            tanh(c[t + 1], tanh_c[t])
            mul(o[t], tanh_c[t], h[t + 1])  # h_t = o ⊙ tanh(c_t)
        s[1:, :, :H] = h[1:]
        return Trace(s=s, h=h, local={"gates": a, "i": i, "f": f, "g": g, "o": o,
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
        """Cell.backward's BPTT, step_back's maths in few wide operations; equal to it to
        rounding. Each step's factors take two products over all 4H columns,

            K_t = (1 - gates_t) ⊙ y_t = [g⊙i(1-i), c_{t-1}⊙f(1-f), i⊙(1-g²), tanh(c_t)⊙o(1-o)]
                  with y_t = [i⊙g, f⊙c_{t-1}, i⊙(1+g), h_t] (i⊙(1+g) = i + i⊙g),
            A_t = (1 - tanh(c_t)) ⊙ (o_t + h_t) = o_t ⊙ (1 - tanh²(c_t)),

        and the walk back is then, for ∂J/∂h_t = head_t + back and dc = ∂J/∂c_t from s_{t+1},

            δc = dc + ∂J/∂h_t ⊙ A_t,   ∂J/∂a_t = [δc, δc, δc, ∂J/∂h_t] ⊙ K_t,
            back = ∂J/∂a_t W_hh,       dc = δc ⊙ f_t,

        one (B, 4H) @ (4H, H) product and a few (B, 4H) or (B, H) operations a step."""
        T, B, H = dh.shape
        N, G, dt = T * B, 4 * H, dh.dtype
        L = tr.local
        gates, tanh_c, i, g, o, f = (L[k] for k in ("gates", "tanh_c", "i", "g", "o", "f"))
        s, h = tr.s, tr.h  # (T+1, B, 2H), (T+1, B, H)
        da = _SCRATCH.get("da", (T, B, G), dt)  # (T, B, 4H): ∂J/∂a_t
        K = _SCRATCH.get("K", (B, G), dt)  # (B, 4H): K_t
        Y = _SCRATCH.get("Y", (B, G), dt)  # (B, 4H): y_t
        yig, yfc, yi1g, yh = (Y[:, k * H:(k + 1) * H] for k in range(4))  # (B, H) each
        E = _SCRATCH.get("E", (B, G), dt)  # (B, 4H): [δc, δc, δc, ∂J/∂h_t]
        E3, Eh = E.reshape(B, 4, H)[:, :3], E[:, 3 * H:]  # (B, 3, H), (B, H)
        A = _SCRATCH.get("A", (B, H), dt)  # (B, H): A_t, then ∂J/∂h_t ⊙ A_t
        dht = _SCRATCH.get("dht", (B, H), dt)  # (B, H): 1 - tanh(c_t), then ∂J/∂h_t
        back = np.zeros((B, H), dtype=dt)  # (B, H): ∂J/∂h_t through s_{t+1}; at the end ∂J/∂h_0
        dc = np.zeros((B, H), dtype=dt)  # (B, H): ∂J/∂c_t from s_{t+1}, then δc_t
        W_hh = p.W_hh.astype(dt, copy=False)  # (4H, H)
        add, sub, mul, dot, copyto = np.add, np.subtract, np.multiply, np.dot, np.copyto
        for t in range(T - 1, -1, -1):
            mul(i[t], g[t], yig)
            mul(f[t], s[t, :, H:], yfc)
            add(i[t], yig, yi1g)
            copyto(yh, h[t + 1])
            sub(1.0, gates[t], K)
            mul(K, Y, K)  # K_t
            add(o[t], h[t + 1], A)
            sub(1.0, tanh_c[t], dht)
            mul(A, dht, A)  # A_t
            add(dh[t], back, dht)
            mul(dht, A, A)
            add(dc, A, dc)  # δc_t = ∂J/∂c_t + ∂J/∂h_t ⊙ o ⊙ (1 - tanh²(c_t))
            copyto(E3, dc[:, None])
            copyto(Eh, dht)
            mul(E, K, da[t])  # ∂J/∂a_t
            dot(da[t], W_hh, back)  # ∂J/∂h_{t-1} through a_t
            mul(dc, f[t], dc)  # ∂J/∂c_{t-1}
        rows = da.reshape(N, G)  # (N, 4H)
        dW_hx = sum_rows_by_id(rows, x.reshape(N), p.vocab_size,
                               _SCRATCH.get("sorted", (N, G), dt))  # (V, 4H)
        b = dW_hx.sum(axis=0)  # (4H,): Σ_t ∂J/∂a_t, every row counted once in dW_hx
        grads = {"W_hh": rows.T @ tr.h[:-1].reshape(N, H), "b_h": b, "b_hh": b.copy(),
                 "W_hx": dW_hx.T}
        return grads, np.concatenate([back, dc], axis=1)

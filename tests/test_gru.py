"""The GRU cell against independent references: central finite differences of the loss and of
one step, the generic BPTT of cells.base, PyTorch's nn.GRU, and cases whose answer is known."""

import sys
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from numeric import numeric_grads

from rnnlab import Params, init_params, loss_and_grads
from rnnlab.cells.base import Cell
from rnnlab.cells.gru import GRU
from rnnlab.model import batch_loss_and_grads


def _params(V=7, H=5, seed=0, spectral_norm=1.3):
    """A GRU with nonzero biases everywhere and a large head, so that gradients are not tiny."""
    p = init_params(V, H, cell="gru", init="gaussian", spectral_norm=spectral_norm, seed=seed)
    rng = np.random.default_rng(seed + 100)
    p.W_hx[:] = rng.standard_normal(p.W_hx.shape) * 0.7
    p.b_h[:] = rng.standard_normal(3 * H) * 0.3
    p.b_hh[:] = rng.standard_normal(3 * H) * 0.3
    p.b_y[:] = rng.standard_normal(V) * 0.3
    p.W_S[:] = rng.standard_normal((V, H))
    return p


def _data(V, H, shape, seed=1):
    rng = np.random.default_rng(seed)
    x, y = rng.integers(0, V, shape), rng.integers(0, V, shape)
    h0 = rng.standard_normal((H,) if len(shape) == 1 else (shape[0], H)) * 0.5
    return x, y, h0


def _trace(p, x, h0):
    """GRU().forward on (B, T) ids and h0 (B, H), as model._gated_loss_and_grads calls it."""
    xt = np.ascontiguousarray(x.T)  # (T, B)
    ax = p.W_hx.T[xt] + p.b_h  # (T, B, 3H)
    return xt, GRU().forward(p, ax, h0, "tanh")


def _numeric(p, x, y, h0):
    return numeric_grads(p, x, y, h0, eps=1e-6)


def _rel(a, b):
    """The largest difference of a from b, relative to b's largest entry."""
    return float(np.abs(a - b).max() / max(np.abs(b).max(), 1e-300))


@pytest.mark.parametrize("with_h0", [False, True])
@pytest.mark.parametrize(("shape", "last_shape"),
                         [((6,), (5,)), ((1, 6), (1, 5)), ((3, 6), (3, 5))])
def test_every_gradient_matches_central_differences(shape, last_shape, with_h0):
    p = _params()
    x, y, h0 = _data(7, 5, shape)
    h0 = h0 if with_h0 else None
    loss, grads, h_last = loss_and_grads(p, x, y, h0)
    assert grads.cell == "gru" and grads.names == p.names
    num = _numeric(p, x, y, h0)
    for name, g, n in zip(p.names, grads.arrays(), num.arrays(), strict=True):
        # a central difference at eps = 1e-6 carries ~ε_mach·J/eps ≈ 5e-10 of rounding: the
        # GRU's small gradients (a rare token's column of W_hx) are held to 1e-9 absolute
        rel = np.abs(g - n) / np.maximum(np.abs(g) + np.abs(n), 1e-3)
        assert rel.max() < 1e-6, f"{shape} h0={with_h0} {name}: max relative error {rel.max():.2e}"
    assert h_last.shape == last_shape


@pytest.mark.parametrize("B", [1, 4])
def test_fast_backward_equals_the_generic_bptt_of_the_cell_interface(B):
    """GRU.backward (factors taken at once, buffers reused) is base Cell.backward's exact BPTT
    through step_back, to 1e-12, for every gradient and for ∂J/∂h_0."""
    p = _params(V=9, H=8, seed=3)
    x, _, h0 = _data(9, 8, (B, 20), seed=4)
    xt, tr = _trace(p, x, h0)
    dh = np.random.default_rng(5).standard_normal(tr.h[1:].shape)  # (T, B, H)
    fast, fast_h0 = GRU().backward(p, xt, tr, dh)
    base, base_h0 = Cell.backward(GRU(), p, xt, tr, dh)
    assert set(fast) == set(base) == {"W_hx", "W_hh", "b_h", "b_hh"}
    for name in base:
        assert fast[name].shape == base[name].shape
        assert _rel(fast[name], base[name]) < 1e-12, name
    assert _rel(fast_h0, base_h0) < 1e-12
    kept = {name: a.copy() for name, a in fast.items()}
    GRU().backward(p, xt, tr, 2 * dh + 1)  # its reused buffers must not hold what it returned
    for name in base:
        np.testing.assert_array_equal(fast[name], kept[name])


def test_backward_in_threads_side_by_side_is_backward_alone():
    """The lab serves sessions from threads of one process: each thread has its own buffers."""
    p = _params(V=9, H=8, seed=22)
    x, _, h0 = _data(9, 8, (4, 20), seed=23)
    xt, tr = _trace(p, x, h0)
    rng = np.random.default_rng(24)
    dhs = [rng.standard_normal(tr.h[1:].shape) for _ in range(8)]
    alone = [GRU().backward(p, xt, tr, dh)[0] for dh in dhs]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads often, inside the walk back
    try:
        with ThreadPoolExecutor(4) as pool:
            for _ in range(40):
                together = list(pool.map(lambda dh: GRU().backward(p, xt, tr, dh)[0], dhs))
                for a, b in zip(together, alone, strict=True):
                    for name in a:
                        np.testing.assert_array_equal(a[name], b[name])
    finally:
        sys.setswitchinterval(interval)


def test_float32_maths_is_close_to_float64_and_stays_float32():
    p = _params(V=11, H=16, seed=6)
    x, y, h0 = _data(11, 16, (4, 20), seed=7)
    loss64, g64, h64 = batch_loss_and_grads(p, x, y, h0, "tanh")
    loss32, g32, h32 = batch_loss_and_grads(p, x, y, h0, "tanh", dtype=np.float32)
    assert abs(loss32 - loss64) < 1e-4 * abs(loss64)
    assert h32.dtype == np.float32 and _rel(h32, h64) < 1e-4
    for name, a, b in zip(p.names, g32.arrays(), g64.arrays(), strict=True):
        assert a.dtype == np.float32, name
        assert np.linalg.norm(a - b) < 1e-4 * np.linalg.norm(b), name
    out = p.with_arrays([np.zeros_like(a) for a in p.arrays()])  # the trainer's float64 buffer
    _, got, _ = batch_loss_and_grads(p, x, y, h0, "tanh", out=out, dtype=np.float32)
    assert got is out
    for name, a, b in zip(p.names, out.arrays(), g32.arrays(), strict=True):
        assert a.dtype == np.float64
        np.testing.assert_array_equal(a, b, err_msg=name)


def test_forward_keeps_float32():
    p = _params(V=7, H=5)
    p32 = p.with_arrays([a.astype(np.float32) for a in p.arrays()])
    x, _, h0 = _data(7, 5, (2, 6))
    _, tr = _trace(p32, x, h0.astype(np.float32))
    assert tr.h.dtype == np.float32
    assert all(a.dtype == np.float32 and a.shape == (6, 2, 5) for a in tr.local.values())
    _, tr64 = _trace(p, x, h0)
    assert _rel(tr.h, tr64.h) < 1e-5


def test_to_torch_names_shapes_and_round_trip():
    V, H = 7, 5
    p = _params(V, H, seed=2)
    state = p.to_torch()
    shapes = {"weight_ih_l0": (3 * H, V), "weight_hh_l0": (3 * H, H), "bias_ih_l0": (3 * H,),
              "bias_hh_l0": (3 * H,), "out.weight": (V, H), "out.bias": (V,)}
    assert {k: v.shape for k, v in state.items()} == shapes
    np.testing.assert_array_equal(state["bias_hh_l0"], p.b_hh)  # not folded into bias_ih
    back = Params.from_torch(state, "gru")
    assert back.cell == "gru" and back.names == p.names
    for name, a, b in zip(p.names, p.arrays(), back.arrays(), strict=True):
        np.testing.assert_array_equal(a, b, err_msg=name)


def test_loss_and_gradients_equal_torch_nn_gru():
    torch = pytest.importorskip("torch")
    V, H, B, T = 7, 5, 3, 6
    p = _params(V, H, seed=8)
    x, y, h0 = _data(V, H, (B, T), seed=9)
    loss, grads, h_last = loss_and_grads(p, x, y, h0)

    gru = torch.nn.GRU(V, H, batch_first=True).double()
    head = torch.nn.Linear(H, V).double()
    state = {k: torch.from_numpy(v) for k, v in p.to_torch().items()}
    gru.load_state_dict({k: v for k, v in state.items() if not k.startswith("out.")})
    head.load_state_dict({"weight": state["out.weight"], "bias": state["out.bias"]})
    one_hot = torch.eye(V, dtype=torch.float64)[torch.from_numpy(x)]  # (B, T, V)
    out, h_T = gru(one_hot, torch.from_numpy(h0)[None])  # (B, T, H), (1, B, H)
    t_loss = torch.nn.functional.cross_entropy(head(out).reshape(-1, V),
                                               torch.from_numpy(y).reshape(-1))
    t_loss.backward()
    assert abs(loss - t_loss.item()) < 1e-12
    np.testing.assert_allclose(h_last, h_T[0].detach().numpy(), rtol=1e-12, atol=1e-14)
    t_grads = {"weight_ih_l0": gru.weight_ih_l0, "weight_hh_l0": gru.weight_hh_l0,
               "bias_ih_l0": gru.bias_ih_l0, "bias_hh_l0": gru.bias_hh_l0,
               "out.weight": head.weight, "out.bias": head.bias}
    for name, t_name in Params.TORCH_NAMES.items():
        np.testing.assert_allclose(getattr(grads, name), t_grads[t_name].grad.numpy(),
                                   rtol=1e-10, atol=1e-13, err_msg=name)


def test_one_step_jacobians_are_finite_differences_of_one_step():
    p = _params(V=7, H=5, seed=10)
    x, _, h0 = _data(7, 5, (1, 8), seed=11)
    xt, tr = _trace(p, x, h0)
    J = GRU().state_jacobians(p, tr)  # (T, H, H)
    assert J.shape == (8, 5, 5)
    ax = p.W_hx.T[xt] + p.b_h  # (T, 1, 3H)
    eps = 1e-6
    for j in range(1, 9):
        num = np.empty((5, 5))
        for k in range(5):
            e = np.zeros((1, 5))
            e[0, k] = eps
            up = GRU().forward(p, ax[j - 1:j], tr.h[j - 1] + e, "tanh").h[-1, 0]
            down = GRU().forward(p, ax[j - 1:j], tr.h[j - 1] - e, "tanh").h[-1, 0]
            num[:, k] = (up - down) / (2 * eps)  # column k: ∂h_j/∂h_{j-1,k}
        np.testing.assert_allclose(J[j - 1], num, rtol=0, atol=1e-7, err_msg=f"step {j}")


def test_step_back_broadcasts_a_single_sequence_against_many_rows():
    """The analyses hand step_back n rows of ∂J/∂h_j for a trace of batch 1: the same answer
    as a trace repeated n times."""
    p = _params(seed=12)
    x, _, h0 = _data(7, 5, (1, 6), seed=13)
    _, tr = _trace(p, x, h0)
    _, tiled = _trace(p, np.repeat(x, 4, axis=0), np.repeat(h0, 4, axis=0))
    ds = np.random.default_rng(14).standard_normal((4, 5))
    for j in (1, 4, 6):
        for a, b in zip(GRU().step_back(p, tr, j, ds), GRU().step_back(p, tiled, j, ds),
                        strict=True):
            assert a.shape == b.shape
            np.testing.assert_allclose(a, b, rtol=1e-14, atol=1e-15)


def test_an_update_gate_forced_open_copies_the_state_with_identity_jacobians():
    H = 5
    p = _params(H=H, seed=15, spectral_norm=3.0)  # a W_hh that would blow the state up
    x, y, h0 = _data(7, H, (1, 12), seed=16)
    _, _, h_free = loss_and_grads(p, x, y, h0)
    assert np.abs(h_free - h0).max() > 0.1  # with the gates as drawn, the state moves
    p.b_h[H:2 * H] = 30.0
    p.b_hh[H:2 * H] = 30.0  # z = σ(60 + ...) = 1: h_t = h_{t-1}
    _, _, h_last = loss_and_grads(p, x, y, h0)
    np.testing.assert_allclose(h_last, h0, rtol=0, atol=1e-12)
    _, tr = _trace(p, x, h0)
    np.testing.assert_allclose(GRU().gate_means(tr)["z"], 1.0, rtol=0, atol=1e-12)
    J = GRU().state_jacobians(p, tr)  # (T, H, H)
    norms = np.linalg.norm(J, 2, axis=(1, 2))  # (T,): ‖∂h_j/∂h_{j-1}‖₂
    np.testing.assert_allclose(norms, 1.0, rtol=0, atol=1e-6)
    np.testing.assert_allclose(J, np.broadcast_to(np.eye(H), J.shape), rtol=0, atol=1e-6)


@pytest.mark.parametrize("shape", [(12,), (3, 12)])
def test_carrying_h_across_windows_is_one_long_window(shape):
    p = _params(seed=17)
    x, y, h0 = _data(7, 5, shape, seed=18)
    whole, _, h_whole = loss_and_grads(p, x, y, h0)
    first, _, h_mid = loss_and_grads(p, x[..., :6], y[..., :6], h0)
    second, _, h_end = loss_and_grads(p, x[..., 6:], y[..., 6:], h_mid)
    assert abs(whole - (first + second) / 2) < 1e-12 * whole  # J averages over the 12 steps
    np.testing.assert_allclose(h_end, h_whole, rtol=1e-13, atol=1e-15)


def test_gate_means_is_the_mean_update_gate_of_the_first_sequence():
    p = _params(seed=19)
    x, _, h0 = _data(7, 5, (2, 6), seed=20)
    _, tr = _trace(p, x, h0)
    means = GRU().gate_means(tr)
    assert set(means) == {"z"} and means["z"].shape == (6,)
    np.testing.assert_allclose(means["z"], tr.local["z"][:, 0].mean(axis=1))
    assert ((means["z"] > 0) & (means["z"] < 1)).all()


def test_init_draws_each_gate_block_of_w_hh_with_the_chosen_norm():
    V, H = 7, 6
    p = init_params(V, H, cell="gru", init="orthogonal", spectral_norm=0.8, seed=21)
    assert p.cell == "gru" and p.W_hx.shape == (3 * H, V) and p.W_hh.shape == (3 * H, H)
    assert not p.b_h.any() and not p.b_hh.any() and not p.b_y.any()
    for k, gate in enumerate(GRU.gate_names):
        block = p.W_hh[k * H:(k + 1) * H]  # (H, H)
        np.testing.assert_allclose(np.linalg.svd(block, compute_uv=False), 0.8, rtol=1e-12,
                                   err_msg=gate)  # orthogonal, rescaled: every σ_i = 0.8
    assert not np.allclose(p.W_hh[:H], p.W_hh[H:2 * H])  # three draws, not one block repeated
    again = init_params(V, H, cell="gru", init="orthogonal", spectral_norm=0.8, seed=21)
    for a, b in zip(p.arrays(), again.arrays(), strict=True):
        np.testing.assert_array_equal(a, b)

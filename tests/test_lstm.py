"""The LSTM cell (rnnlab.cells.lstm) against independent references: central finite differences
for every gradient and one-step Jacobian, the generic BPTT of cells.base for the fast backward,
float64 for float32, PyTorch when it is installed, and the closed form of a copying cell."""

import sys
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from numeric import numeric_grads

from rnnlab import Params, init_params, loss_and_grads
from rnnlab.cells import get_cell
from rnnlab.cells.base import Cell
from rnnlab.model import batch_loss_and_grads

V, H, T = 7, 5, 6
LSTM = get_cell("lstm")


def _params(seed=0, V=V, H=H):
    """Small weights with every bias nonzero and a larger head, so no gradient is trivially 0."""
    p = init_params(V, H, cell="lstm", seed=seed)
    rng = np.random.default_rng(seed + 100)
    p.W_hx[:] = rng.standard_normal(p.W_hx.shape) * 0.5
    p.W_hh[:] = rng.standard_normal(p.W_hh.shape) * 0.5
    p.b_h[:] = rng.standard_normal(p.b_h.shape) * 0.5
    p.b_hh[:] = rng.standard_normal(p.b_hh.shape) * 0.5
    p.W_S[:] = rng.standard_normal(p.W_S.shape)
    p.b_y[:] = rng.standard_normal(p.b_y.shape) * 0.5
    return p


def _numeric(p, x, y, h0):
    """Central differences. eps = 1e-4, not 1e-6: the loss's rounding (~4e-16 / eps) would
    exceed 1e-6 relative on the smallest entries (~1e-5); the truncation error, eps² times J's
    third derivative, stays below 1e-7 relative."""
    return numeric_grads(p, x, y, h0, eps=1e-4)


def _trace(p, x, s0):
    """The cell's forward on ids x (T, B) from the state s0 (B, 2H)."""
    return LSTM.forward(p, p.W_hx.T[x] + p.b_h, s0, "tanh")


def _head(p, tr, y):
    """J = mean -ln softmax(W_S h_t + b_y)[y_t] over a trace, and ∂J/∂h_t (T, B, H)."""
    hs = tr.h[1:]  # (T, B, H)
    logits = hs @ p.W_S.T + p.b_y  # (T, B, V)
    P = np.exp(logits - logits.max(axis=-1, keepdims=True))
    P /= P.sum(axis=-1, keepdims=True)
    N = y.size
    J = -np.log(np.take_along_axis(P, y[..., None], axis=-1)).sum() / N
    dlogits = P.copy()
    np.put_along_axis(dlogits, y[..., None], np.take_along_axis(P, y[..., None], -1) - 1, -1)
    return J, dlogits / N @ p.W_S


@pytest.mark.parametrize("shape", [(T,), (1, T), (3, T)])
@pytest.mark.parametrize("with_h0", [False, True])
def test_gradients_of_every_parameter_match_central_differences(shape, with_h0):
    p = _params()
    rng = np.random.default_rng(1)
    x, y = rng.integers(0, V, shape), rng.integers(0, V, shape)
    state_shape = shape[:-1] + (H,)
    h0 = (rng.standard_normal(state_shape), rng.standard_normal(state_shape)) if with_h0 else None
    loss, grads, (h_T, c_T) = loss_and_grads(p, x, y, h0)
    assert grads.names == p.names == ("W_hx", "W_hh", "b_h", "W_S", "b_y", "b_hh")
    num = _numeric(p, x, y, h0)
    for name, g, n in zip(p.names, grads.arrays(), num.arrays(), strict=True):
        assert np.abs(n).max() > 1e-4, f"{name}: the check would be vacuous"
        rel = np.abs(g - n) / np.maximum(np.abs(g) + np.abs(n), 1e-7)
        assert rel.max() < 1e-6, f"{shape} h0={with_h0} {name}: max relative error {rel.max():.2e}"
    assert h_T.shape == c_T.shape == state_shape


def test_the_h_c_pair_carries_one_window_into_the_next():
    p = _params(seed=2)
    rng = np.random.default_rng(3)
    x, y = rng.integers(0, V, 2 * T), rng.integers(0, V, 2 * T)
    whole, _, (h_end, c_end) = loss_and_grads(p, x, y)
    first, _, state = loss_and_grads(p, x[:T], y[:T])
    second, _, (h_2, c_2) = loss_and_grads(p, x[T:], y[T:], state)
    assert whole == pytest.approx((first + second) / 2, rel=1e-13)
    np.testing.assert_allclose(h_2, h_end, rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(c_2, c_end, rtol=1e-13, atol=1e-15)
    # the second window starting from c_T rather than 0 changes its loss
    assert abs(second - loss_and_grads(p, x[T:], y[T:], (state[0], 0 * state[1]))[0]) > 1e-4


def test_the_gradient_reaching_c0_matches_central_differences():
    p = _params(seed=4)
    rng = np.random.default_rng(5)
    B = 2
    x, y = rng.integers(0, V, (T, B)), rng.integers(0, V, (T, B))
    s0 = rng.standard_normal((B, 2 * H))
    loss, dh = _head(p, _trace(p, x, s0), y)
    reference = loss_and_grads(p, x.T, y.T, (s0[:, :H], s0[:, H:]))[0]
    assert loss == pytest.approx(reference, rel=1e-13)
    _, ds0 = Cell.backward(LSTM, p, x, _trace(p, x, s0), dh)  # (B, 2H): ∂J/∂(h_0, c_0)
    eps = 1e-6
    num = np.zeros_like(s0)
    for i in np.ndindex(s0.shape):
        up, down = s0.copy(), s0.copy()
        up[i] += eps
        down[i] -= eps
        num[i] = (_head(p, _trace(p, x, up), y)[0] - _head(p, _trace(p, x, down), y)[0]) / (2 * eps)
    assert np.abs(num[:, H:]).max() > 1e-4
    np.testing.assert_allclose(ds0, num, rtol=1e-6, atol=1e-10)


@pytest.mark.parametrize("B", [1, 4])
def test_the_fast_backward_equals_the_generic_bptt(B):
    p = _params(seed=6, V=9, H=6)
    rng = np.random.default_rng(7)
    Tn = 11
    x = rng.integers(0, 9, (Tn, B))
    tr = _trace(p, x, rng.standard_normal((B, 12)))
    dh = rng.standard_normal((Tn, B, 6))
    fast, ds_fast = LSTM.backward(p, x, tr, dh)
    ref, ds_ref = Cell.backward(LSTM, p, x, tr, dh)
    assert type(LSTM).backward is not Cell.backward
    assert fast.keys() == ref.keys() == {"W_hx", "W_hh", "b_h", "b_hh"}
    for name in ref:
        err = np.abs(fast[name] - ref[name]).max() / np.abs(ref[name]).max()
        assert err < 1e-12, f"{name}: relative difference {err:.1e}"
    assert np.abs(ds_fast - ds_ref).max() / np.abs(ds_ref).max() < 1e-12


def test_float32_maths_stays_float32_and_close_to_float64():
    p = _params(seed=8, V=11, H=16)
    rng = np.random.default_rng(9)
    B, Tn = 4, 12
    x, y = rng.integers(0, 11, (B, Tn)), rng.integers(0, 11, (B, Tn))
    s0 = rng.standard_normal((B, 32)) * 0.5
    loss64, g64, s64 = batch_loss_and_grads(p, x, y, s0, "tanh")
    loss32, g32, s32 = batch_loss_and_grads(p, x, y, s0, "tanh", dtype=np.float32)
    assert s32.dtype == np.float32 and all(a.dtype == np.float32 for a in g32.arrays())
    assert loss32 == pytest.approx(loss64, rel=1e-5)
    np.testing.assert_allclose(s32, s64, rtol=1e-4, atol=1e-5)
    for name, a, b in zip(p.names, g32.arrays(), g64.arrays(), strict=True):
        err = np.abs(a - b).max() / np.abs(b).max()
        assert err < 1e-4, f"{name}: float32 off by {err:.1e}"
    p32 = p.with_arrays([a.astype(np.float32) for a in p.arrays()])
    tr = _trace(p32, x.T, s0.astype(np.float32))
    assert tr.s.dtype == tr.h.dtype == np.float32
    assert all(a.dtype == np.float32 for a in tr.local.values())


def test_torch_names_and_shapes_round_trip():
    p = _params()
    state = p.to_torch()
    G = 4 * H
    assert {k: v.shape for k, v in state.items()} == {
        "weight_ih_l0": (G, V), "weight_hh_l0": (G, H), "bias_ih_l0": (G,),
        "bias_hh_l0": (G,), "out.weight": (V, H), "out.bias": (V,)}
    back = Params.from_torch(state, "lstm")
    assert back.cell == "lstm" and back.names == p.names
    for a, b in zip(back.arrays(), p.arrays(), strict=True):
        np.testing.assert_array_equal(a, b)


def test_loss_and_gradients_match_torch():
    torch = pytest.importorskip("torch")
    p = _params(seed=10)
    rng = np.random.default_rng(11)
    B = 3
    x, y = rng.integers(0, V, (B, T)), rng.integers(0, V, (B, T))
    h0, c0 = rng.standard_normal((B, H)), rng.standard_normal((B, H))
    loss, grads, (h_T, c_T) = loss_and_grads(p, x, y, (h0, c0))

    lstm = torch.nn.LSTM(V, H, batch_first=True).double()
    out = torch.nn.Linear(H, V).double()
    state = {k: torch.tensor(v) for k, v in p.to_torch().items()}
    lstm.load_state_dict({k: v for k, v in state.items() if not k.startswith("out.")})
    out.load_state_dict({"weight": state["out.weight"], "bias": state["out.bias"]})
    onehot = torch.nn.functional.one_hot(torch.tensor(x), V).double()  # (B, T, V)
    hs, (tT, tc) = lstm(onehot, (torch.tensor(h0)[None], torch.tensor(c0)[None]))
    ref = torch.nn.functional.cross_entropy(out(hs).reshape(-1, V), torch.tensor(y).reshape(-1))
    ref.backward()
    assert loss == pytest.approx(ref.item(), rel=1e-12)
    np.testing.assert_allclose(h_T, tT[0].detach().numpy(), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(c_T, tc[0].detach().numpy(), rtol=1e-12, atol=1e-14)
    torch_grads = {**{k: v.grad for k, v in lstm.named_parameters()},
                   "out.weight": out.weight.grad, "out.bias": out.bias.grad}
    for name in p.names:
        np.testing.assert_allclose(getattr(grads, name),
                                   torch_grads[Params.TORCH_NAMES[name]].numpy(),
                                   rtol=1e-9, atol=1e-12, err_msg=name)


def test_one_step_state_jacobians_match_central_differences():
    p = _params(seed=12)
    rng = np.random.default_rng(13)
    x = rng.integers(0, V, (T, 1))
    ax = p.W_hx.T[x] + p.b_h  # (T, 1, 4H)
    tr = LSTM.forward(p, ax, rng.standard_normal((1, 2 * H)), "tanh")
    jac = LSTM.state_jacobians(p, tr)  # (T, 2H, 2H): ∂s_j/∂s_{j-1}
    assert jac.shape == (T, 2 * H, 2 * H)
    eps = 1e-6
    for j in range(1, T + 1):
        num = np.empty((2 * H, 2 * H))
        for k in range(2 * H):
            up, down = tr.s[j - 1].copy(), tr.s[j - 1].copy()  # (1, 2H)
            up[0, k] += eps
            down[0, k] -= eps
            step = [LSTM.forward(p, ax[j - 1:j], s, "tanh").s[1, 0] for s in (up, down)]
            num[:, k] = (step[0] - step[1]) / (2 * eps)
        np.testing.assert_allclose(jac[j - 1], num, rtol=0, atol=1e-7, err_msg=f"step {j}")
        np.testing.assert_allclose(jac[j - 1][H:, H:], np.diag(tr.local["f"][j - 1, 0]),
                                   rtol=1e-14, atol=0)  # ∂c_j/∂c_{j-1} = diag(f_j)


def test_an_open_forget_gate_and_a_shut_input_gate_copy_the_cell():
    """f_t ≈ 1, i_t ≈ 0: c_t = c_{t-1}, every ∂c_j/∂c_{j-1} = diag(f_j) has norm 1, and so has
    their product over many steps: the additive path neither vanishes nor explodes. Shut the
    forget gate instead and the same product vanishes."""
    p = init_params(V, H, cell="lstm", seed=14)
    p.b_h[:H] = -30.0  # input gate shut
    p.b_h[H:2 * H] = 30.0  # forget gate open
    rng = np.random.default_rng(15)
    Tn = 200
    x = rng.integers(0, V, (Tn, 1))
    s0 = rng.standard_normal((1, 2 * H))
    tr = _trace(p, x, s0)
    np.testing.assert_allclose(tr.s[:, 0, H:], np.broadcast_to(s0[0, H:], (Tn + 1, H)),
                               rtol=1e-8, atol=1e-10)
    means = LSTM.gate_means(tr)
    assert means["f"].shape == means["i"].shape == (Tn,)
    assert means["f"].min() > 1 - 1e-9 and means["i"].max() < 1e-9
    cc = LSTM.state_jacobians(p, tr)[:, H:, H:]  # (T, H, H)
    norms = np.linalg.norm(cc, 2, axis=(1, 2))
    assert np.abs(norms - 1).max() < 1e-6
    product = np.eye(H)
    for block in cc:
        product = block @ product
    assert abs(np.linalg.norm(product, 2) - 1) < 1e-6

    p.b_h[H:2 * H] = -30.0  # forget gate shut: c is wiped every step
    cc = LSTM.state_jacobians(p, _trace(p, x, s0))[:, H:, H:]
    assert np.linalg.norm(cc[0], 2) < 1e-9


def test_init_stacks_four_recurrent_blocks_and_sets_the_forget_bias():
    p = init_params(V, H, cell="lstm", init="orthogonal", spectral_norm=0.9, seed=16,
                    forget_bias=2.5)
    assert p.cell == "lstm" and p.W_hx.shape == (4 * H, V) and p.W_hh.shape == (4 * H, H)
    for k in range(4):
        block = p.W_hh[k * H:(k + 1) * H]
        np.testing.assert_allclose(block @ block.T, 0.81 * np.eye(H), atol=1e-12)
    assert not np.allclose(p.W_hh[:H], p.W_hh[H:2 * H])  # four draws, not one repeated
    np.testing.assert_array_equal(p.b_h[H:2 * H], 2.5)
    assert not p.b_h[:H].any() and not p.b_h[2 * H:].any() and not p.b_hh.any()
    again = init_params(V, H, cell="lstm", init="orthogonal", spectral_norm=0.9, seed=16,
                        forget_bias=2.5)
    for a, b in zip(p.arrays(), again.arrays(), strict=True):
        np.testing.assert_array_equal(a, b)
    assert LSTM.state_size(H) == 2 * H and LSTM.output(np.arange(2 * H)).tolist() == list(range(H))


def test_the_fast_backward_equals_the_generic_bptt_on_a_large_batch():
    """N = T·B > 256 rows: W_hx's gradient takes sum_rows_by_id's sorting path."""
    p = _params(seed=30, V=9, H=6)
    rng = np.random.default_rng(31)
    Tn, B = 9, 40
    x = rng.integers(0, 9, (Tn, B))
    tr = _trace(p, x, rng.standard_normal((B, 12)))
    dh = rng.standard_normal((Tn, B, 6))
    fast, ds_fast = LSTM.backward(p, x, tr, dh)
    ref, ds_ref = Cell.backward(LSTM, p, x, tr, dh)
    for name in ref:
        assert np.abs(fast[name] - ref[name]).max() / np.abs(ref[name]).max() < 1e-12, name
    assert np.abs(ds_fast - ds_ref).max() / np.abs(ds_ref).max() < 1e-12


def test_the_reused_buffers_hold_nothing_that_backward_returned():
    p = _params(seed=32, V=9, H=6)
    rng = np.random.default_rng(33)
    x = rng.integers(0, 9, (7, 3))
    tr = _trace(p, x, rng.standard_normal((3, 12)))
    dh = rng.standard_normal((7, 3, 6))
    grads, ds = LSTM.backward(p, x, tr, dh)
    kept = {k: v.copy() for k, v in grads.items()}, ds.copy()
    LSTM.backward(p, x, tr, 2 * dh + 1)
    for name in grads:
        np.testing.assert_array_equal(grads[name], kept[0][name])
    np.testing.assert_array_equal(ds, kept[1])


def test_backward_in_threads_side_by_side_is_backward_alone():
    """The lab serves sessions from threads of one process: each thread has its own buffers."""
    p = _params(seed=34, V=9, H=8)
    rng = np.random.default_rng(35)
    x = rng.integers(0, 9, (20, 4))
    tr = _trace(p, x, rng.standard_normal((4, 16)))
    dhs = [rng.standard_normal((20, 4, 8)) for _ in range(8)]
    alone = [LSTM.backward(p, x, tr, dh) for dh in dhs]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads often, inside the walk back
    try:
        with ThreadPoolExecutor(4) as pool:
            for _ in range(20):
                together = list(pool.map(lambda dh: LSTM.backward(p, x, tr, dh), dhs))
                for (a, ds_a), (b, ds_b) in zip(together, alone, strict=True):
                    for name in a:
                        np.testing.assert_array_equal(a[name], b[name])
                    np.testing.assert_array_equal(ds_a, ds_b)
    finally:
        sys.setswitchinterval(interval)

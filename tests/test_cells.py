"""The cell seam: the readable RNN against the tuned kernel, and every cell's analyses against
independent references (explicit products, finite differences, measured ≤ bound)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rnnlab import ACTIVATIONS, Params, init_params, jacobian_norms, loss_and_grads
from rnnlab.cells import CELLS, get_cell
from rnnlab.contributions import distant_contributions, weight_terms
from rnnlab.jacobians import spectral_norms
from rnnlab.model import check_inputs, forward_outputs, rnn_kernel

ALL_CELLS = [pytest.param(c, marks=pytest.mark.skipif(c not in CELLS, reason=f"no {c} cell"))
             for c in ("rnn", "gru", "lstm")]


def _params(cell, V=6, H=4, seed=0, scale=1.0):
    p = init_params(V, H, cell=cell, init="gaussian", spectral_norm=1.2 * scale, seed=seed)
    rng = np.random.default_rng(seed + 50)
    p.b_h[:] = rng.standard_normal(p.b_h.shape) * 0.3
    if p.b_hh is not None:
        p.b_hh[:] = rng.standard_normal(p.b_hh.shape) * 0.3
    p.W_S[:] = rng.standard_normal(p.W_S.shape)
    p.W_hx[:] = rng.standard_normal(p.W_hx.shape) * 0.7
    return p


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("B", [1, 3])
def test_the_readable_rnn_is_the_tuned_kernel(activation, B):
    """cells/elman.py (the lecture's equations, line by line, with the BPTT derived from the cell
    interface) and model.rnn_kernel (the tuned kernel) agree to 1e-12."""
    p = _params("rnn", V=9, H=7)
    rng = np.random.default_rng(3)
    x, y = rng.integers(0, 9, (B, 11)), rng.integers(0, 9, (B, 11))
    h0 = np.abs(rng.standard_normal((B, 7))) * 0.5
    if activation == "relu":
        p.b_h[:] = np.abs(p.b_h) + 0.5
    fast_loss, fast, fast_h = rnn_kernel(p, x, y, h0, activation)
    cell = get_cell("rnn")
    ax = p.W_hx.T[x.T] + p.b_h  # (T, B, H)
    tr = cell.forward(p, ax, h0, activation)
    Hf = tr.h[1:].reshape(-1, 7)
    logits = Hf @ p.W_S.T + p.b_y
    logits -= logits.max(axis=1, keepdims=True)
    P = np.exp(logits)
    P /= P.sum(axis=1, keepdims=True)
    yf = y.T.reshape(-1)
    N = len(yf)
    loss = -np.log(P[np.arange(N), yf]).mean()
    P[np.arange(N), yf] -= 1.0
    dS = P / N
    grads, _ = cell.backward(p, x.T, tr, (dS @ p.W_S).reshape(11, B, 7))
    grads |= {"W_S": dS.T @ Hf, "b_y": dS.sum(axis=0)}
    assert abs(loss - fast_loss) <= 1e-12 * abs(loss)
    np.testing.assert_allclose(tr.h[-1], fast_h, rtol=1e-12, atol=1e-15)
    for name in Params.NAMES:
        np.testing.assert_allclose(grads[name], getattr(fast, name), rtol=1e-12, atol=1e-15,
                                   err_msg=f"{activation} {name}")


def test_rnn_to_torch_and_back_gives_identical_arrays():
    p = init_params(7, 5, seed=2)
    state = p.to_torch()
    assert set(state) == {"weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
                          "out.weight", "out.bias"}
    assert state["weight_ih_l0"].shape == (5, 7) and not state["bias_hh_l0"].any()
    back = Params.from_torch(state, "rnn")
    assert back.cell == "rnn"
    for a, b in zip(p.arrays(), back.arrays(), strict=True):
        np.testing.assert_array_equal(a, b)


def _run_loss(p, x, y, t, k, s_k):
    """J_t = -ln p_t[y_t] run from the state s_k through the inputs x_{k+1..t} (x 0-based)."""
    if t == k:
        h_t = get_cell(p.cell).output(s_k)
    else:
        h_t = forward_outputs(p, x[k:t, None], s_k[None], "tanh")[-1, 0]
    logits = p.W_S @ h_t + p.b_y
    return float(np.log(np.exp(logits - logits.max()).sum()) + logits.max() - logits[y[t - 1]])


def _states(p, x):
    """s_0..s_T of one sequence from s_0 = 0: (T+1, S)."""
    cell = get_cell(p.cell)
    _, _, s0, _ = check_inputs(p, x, x, None, "tanh")
    tr = cell.forward(p, (p.W_hx.T[x] + p.b_h)[:, None], s0, "tanh")
    return tr.s[:, 0], tr


@pytest.mark.parametrize("cell", ALL_CELLS)
def test_one_step_jacobians_are_finite_differences_of_one_step(cell):
    p = _params(cell)
    x = np.array([1, 4, 2, 0, 5, 3])
    s, tr = _states(p, x)
    J = get_cell(cell).state_jacobians(p, tr)  # (T, S, S)
    eps = 1e-6
    for j in (1, 3, 6):
        num = np.empty_like(J[j - 1])
        for i in range(s.shape[1]):
            up, down = s[j - 1].copy(), s[j - 1].copy()
            up[i] += eps
            down[i] -= eps
            step = get_cell(cell).forward
            ax = (p.W_hx.T[x[j - 1:j]] + p.b_h)[:, None]
            num[:, i] = (step(p, ax, up[None], "tanh").s[-1, 0]
                         - step(p, ax, down[None], "tanh").s[-1, 0]) / (2 * eps)
        np.testing.assert_allclose(J[j - 1], num, atol=1e-8)


@pytest.mark.parametrize("cell", ALL_CELLS)
def test_measured_norms_are_norms_of_the_explicit_products(cell):
    p = _params(cell, H=5)
    x = np.array([1, 4, 2, 0, 5, 3, 3, 1])
    _, tr = _states(p, x)
    J = get_cell(cell).state_jacobians(p, tr)
    norms = jacobian_norms(p, x, activation="tanh")
    for row in norms.itertuples():
        prod = _product(J, row.k, row.t)
        assert row.measured == pytest.approx(np.linalg.norm(prod, 2), rel=1e-9, abs=1e-300)
        assert row.measured <= row.stepwise_bound * (1 + 1e-9)


def _product(J, k, t):
    """∂s_t/∂s_k = J_t ⋯ J_{k+1}, explicitly: (S, S)."""
    prod = np.eye(J.shape[1])
    for j in range(k + 1, t + 1):
        prod = J[j - 1] @ prod
    return prod


@pytest.mark.skipif("lstm" not in CELLS, reason="no lstm cell")
def test_the_lstms_memory_norms_are_norms_of_the_explicit_memory_block():
    p = _params("lstm", H=5)
    x = np.array([1, 4, 2, 0, 5, 3, 3, 1])
    _, tr = _states(p, x)
    J = get_cell("lstm").state_jacobians(p, tr)  # (T, 2H, 2H): s = (h, c)
    H = p.hidden_size
    for row in jacobian_norms(p, x, activation="tanh").itertuples():
        block = _product(J, row.k, row.t)[H:, H:]  # ∂c_t/∂c_k
        assert row.measured_c == pytest.approx(np.linalg.norm(block, 2), rel=1e-9, abs=1e-300)


def test_the_rnns_bound_is_the_lectures_closed_form():
    """(β_W β_h)^(t−k) with β_h = sup|tanh′| = 1."""
    p = _params("rnn", H=5)
    norms = jacobian_norms(p, np.array([1, 4, 2, 0, 5, 3, 3, 1]), activation="tanh")
    np.testing.assert_allclose(norms["bound"],
                               np.linalg.norm(p.W_hh, 2) ** (norms["t"] - norms["k"]), rtol=1e-12)


@pytest.mark.parametrize("cell", [c for c in ALL_CELLS if c.values[0] != "rnn"])
def test_a_gated_cell_has_no_lectures_bound(cell):
    """The lecture's theorem is the RNN's: a gated cell's row leaves it empty."""
    norms = jacobian_norms(_params(cell, H=5), np.array([1, 4, 2, 0, 5, 3, 3, 1]))
    assert len(norms) and norms["bound"].isna().all() and norms["log10_bound"].isna().all()


@pytest.mark.parametrize("cell", [c for c in ALL_CELLS if c.values[0] != "rnn"])
@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), scale=st.floats(0.1, 6.0))
def test_gated_measured_never_exceeds_the_stepwise_bound(cell, seed, scale):
    p = _params(cell, H=6, seed=seed, scale=scale)
    x = np.random.default_rng(seed).integers(0, 6, 12)
    norms = jacobian_norms(p, x)
    assert (norms["log10_measured"] <= norms["log10_stepwise_bound"] + 1e-9).all()


@pytest.mark.parametrize("cell", ALL_CELLS)
def test_contributions_are_finite_differences_of_J_t(cell):
    """grad_h = ‖∂J_t/∂s_k‖ and grad_x = ‖∂J_t/∂x_k‖ (x_k the one-hot input as a real vector)
    against central differences of J_t."""
    p = _params(cell)
    x = np.array([1, 4, 2, 0, 5, 3])
    y = np.array([4, 2, 0, 5, 3, 1])
    table = distant_contributions(p, x, y, activation="tanh").set_index(["t", "k"])
    s, _ = _states(p, x)
    eps = 1e-6
    for t, k in ((6, 6), (6, 3), (5, 1), (4, 2)):
        g = np.empty(s.shape[1])
        for i in range(s.shape[1]):
            up, down = s[k].copy(), s[k].copy()
            up[i] += eps
            down[i] -= eps
            g[i] = (_run_loss(p, x, y, t, k, up) - _run_loss(p, x, y, t, k, down)) / (2 * eps)
        assert table.loc[(t, k), "grad_h"] == pytest.approx(np.linalg.norm(g), rel=1e-6)
        # ∂J_t/∂x_k[v]: moving x_k along e_v moves the input pre-activation by W_hx[:, v]
        gx = np.empty(p.vocab_size)
        for v in range(p.vocab_size):
            vals = []
            for sign in (1, -1):
                # a^x_k = W_hx x_k + b_h, moved at step k alone: run step k by itself
                s_prev = s[k - 1]
                ax = (p.W_hx.T[x[k - 1]] + p.b_h + sign * eps * p.W_hx[:, v])[None, None]
                s_k = get_cell(cell).forward(p, ax, s_prev[None], "tanh").s[-1, 0]
                vals.append(_run_loss(p, x, y, t, k, s_k))
            gx[v] = (vals[0] - vals[1]) / (2 * eps)
        assert table.loc[(t, k), "grad_x"] == pytest.approx(np.linalg.norm(gx), rel=1e-6)


@pytest.mark.parametrize("cell", ALL_CELLS)
def test_weight_terms_sum_to_the_gradient_of_J_t(cell):
    """Σ_k of the step-k terms of ∂J_t/∂W_hh is ∂J_t/∂W_hh (weight_hh_l0) by finite differences,
    and their Frobenius norms are distant_contributions' grad_W."""
    p = _params(cell)
    x = np.array([1, 4, 2, 0, 5, 3])
    y = np.array([4, 2, 0, 5, 3, 1])
    t = 5
    terms = weight_terms(p, x, y, t, activation="tanh")  # (t, G·H, H)
    zero = np.zeros(get_cell(cell).state_size(p.hidden_size))
    num = np.empty_like(p.W_hh)
    eps = 1e-6
    for i in np.ndindex(p.W_hh.shape):
        vals = []
        for sign in (1, -1):
            q = p.copy()
            q.W_hh[i] += sign * eps
            vals.append(_run_loss(q, x, y, t, 0, zero))
        num[i] = (vals[0] - vals[1]) / (2 * eps)
    np.testing.assert_allclose(terms.sum(axis=0), num, rtol=1e-6, atol=1e-9)
    table = distant_contributions(p, x, y, activation="tanh").set_index(["t", "k"])
    for k in range(1, t + 1):
        assert table.loc[(t, k), "grad_W"] == pytest.approx(np.linalg.norm(terms[k - 1]),
                                                            rel=1e-9, abs=1e-300)


@pytest.mark.parametrize("cell", ALL_CELLS)
def test_loss_and_grads_carries_the_state_across_windows(cell):
    p = _params(cell)
    rng = np.random.default_rng(1)
    x, y = rng.integers(0, 6, 10), rng.integers(0, 6, 10)
    whole, _, _ = loss_and_grads(p, x, y)
    first, _, s = loss_and_grads(p, x[:5], y[:5])
    second, _, _ = loss_and_grads(p, x[5:], y[5:], s)
    assert whole == pytest.approx((first + second) / 2, rel=1e-12)


def test_spectral_norm_helper_is_exact_on_a_known_matrix():
    A = np.diag([3.0, -5.0, 1e-200])
    assert float(spectral_norms(A)) == 5.0

"""The gradient-flow analysis against independent references: finite differences of J_t and of
one recurrence step, explicitly multiplied Jacobian products, closed forms, and the theorem
measured ≤ stepwise_bound ≤ bound on random weights."""

import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rnnlab.analysis import (
    bound_gaps,
    decay_rate,
    distant_contributions,
    horizon,
    jacobian_norms,
    one_step_norms,
    regime,
    share_beyond,
    starts_within,
    step_jacobians,
    summarize,
    weight_terms,
    word_contributions,
)
from rnnlab.jacobians import LANCZOS_START, lanczos_top, top_eigenvalues
from rnnlab.model import (
    ACTIVATIONS,
    Params,
    activate,
    derivative,
    forward_states,
    init_params,
    pre_activations,
)

V, H, T = 7, 5, 6


def _setup(activation, spectral_norm=1.5, seed=0, T=T, H=H, V=V):
    """Small weights with a non-zero bias, inputs, targets and a random h0."""
    p = init_params(V, H, spectral_norm=spectral_norm, seed=seed)
    rng = np.random.default_rng(seed + 100)
    p.W_hx = rng.standard_normal((H, V))  # larger inputs: units leave the linear regime
    p.W_S = rng.standard_normal((V, H))
    p.b_h = 0.3 * rng.standard_normal(H)
    x, y = rng.integers(0, V, T), rng.integers(0, V, T)
    h0 = activate(activation, rng.standard_normal(H)) if activation != "linear" else np.zeros(H)
    return p, x, y, h0


def _loss_t(p, x, y, h0, activation, t, k=None, dh=None, dz=None, dx=None, W_hh=None):
    """J_t = -log p_t[y_t], recomputed from scratch, optionally nudged at step k: dz (and
    W_hx dx, dx a change of the one-hot x_k) added to z_k, dh added to h_k."""
    W_hh = p.W_hh if W_hh is None else W_hh
    h = h0
    for j in range(1, t + 1):
        z = W_hh @ h + p.W_hx[:, x[j - 1]] + p.b_h
        if j == k and dz is not None:
            z = z + dz
        if j == k and dx is not None:
            z = z + p.W_hx @ dx
        h = activate(activation, z)
        if j == k and dh is not None:
            h = h + dh
    logits = p.W_S @ h + p.b_y
    return float(np.log(np.exp(logits - logits.max()).sum()) + logits.max() - logits[y[t - 1]])


def _central(f, n, eps=1e-6):
    """Central finite differences of f: R^n -> R, (n,)."""
    eye = np.eye(n) * eps
    return np.array([(f(eye[i]) - f(-eye[i])) / (2 * eps) for i in range(n)])


# -- one step and its products ---------------------------------------------------------------

@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_step_jacobians_match_finite_differences_of_one_step(activation):
    p, x, _, h0 = _setup(activation)
    A = step_jacobians(p, x, h0, activation)  # (T, H, H)
    h = h0
    for j in range(1, T + 1):
        def step(h_prev, j=j):
            return activate(activation, p.W_hh @ h_prev + p.W_hx[:, x[j - 1]] + p.b_h)
        fd = np.array([(step(h + e) - step(h - e)) / 2e-6 for e in np.eye(H) * 1e-6]).T
        np.testing.assert_allclose(A[j - 1], fd, rtol=1e-6, atol=1e-8)
        h = step(h)


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_step_jacobian_forms(activation):
    p, x, _, h0 = _setup(activation)
    correct = step_jacobians(p, x, h0, activation)
    np.testing.assert_array_equal(step_jacobians(p, x, h0, activation, form="transpose"),
                                  correct.transpose(0, 2, 1))
    lecture = step_jacobians(p, x, h0, activation, form="lecture")
    h_prev = h0
    for j in range(1, T + 1):
        # the note's W_hhᵀ diag(f'(h_{j-1})), f' written out by hand
        f = {"sigmoid": lambda u: np.exp(-u) / (1 + np.exp(-u)) ** 2,
             "tanh": lambda u: 1 / np.cosh(u) ** 2,
             "relu": lambda u: (u > 0).astype(float),
             "linear": np.ones_like}[activation](h_prev)
        np.testing.assert_allclose(lecture[j - 1], p.W_hh.T * f, rtol=1e-12)
        h_prev = activate(activation, p.W_hh @ h_prev + p.W_hx[:, x[j - 1]] + p.b_h)
    norms = one_step_norms(p, x, h0, activation)
    np.testing.assert_allclose(norms["transpose"], norms["correct"], rtol=1e-12)
    explicit = [np.linalg.norm(a, 2) for a in lecture]
    np.testing.assert_allclose(norms["lecture"], explicit, rtol=1e-10)


def test_the_notes_form_has_the_true_norms_for_a_linear_rnn():
    """f′ = 1 everywhere: where the note takes f′ changes nothing."""
    p, x, _, h0 = _setup("linear")
    norms = one_step_norms(p, x, h0, "linear")
    np.testing.assert_allclose(norms["lecture"], norms["correct"], rtol=1e-12)


@pytest.mark.parametrize("activation", [a for a in ACTIVATIONS if a != "linear"])
def test_the_notes_form_changes_the_norms_of_a_nonlinear_rnn(activation):
    """f′ at h_{j−1} instead of z_j: other numbers."""
    p, x, _, h0 = _setup(activation)
    norms = one_step_norms(p, x, h0, activation)
    assert np.abs(norms["lecture"] / norms["correct"] - 1).max() > 1e-3


@pytest.mark.parametrize("form", ["correct", "lecture"])
@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_measured_norms_equal_the_explicit_products(activation, form):
    Tl, Hl = 14, 8
    p, x, _, h0 = _setup(activation, spectral_norm=2.5, T=Tl, H=Hl)
    df = jacobian_norms(p, x, h0, activation, form=form)
    assert len(df) == Tl * (Tl + 1) // 2
    A = step_jacobians(p, x, h0, activation, form=form)  # lecture: the transposed factors
    for (t, k), row in df.set_index(["t", "k"]).iterrows():
        P = np.eye(Hl)
        for j in range(k + 1, t + 1):
            P = A[j - 1] @ P if form == "correct" else P @ A[j - 1]
        ref = np.linalg.svd(P, compute_uv=False)[0]
        assert row["measured"] == pytest.approx(ref, rel=1e-9, abs=1e-300)
        if ref > 0:
            assert row["log10_measured"] == pytest.approx(np.log10(ref), abs=1e-12)
    assert (df["distance"] == df["t"] - df["k"]).all()
    assert df[["t", "k"]].equals(df[["t", "k"]].sort_values(["t", "k"]))


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_measured_norms_at_the_proven_lanczos_size_equal_the_explicit_products(activation):
    """From H = 64 on, the norms come from Lanczos with a Cholesky proof (top_eigenvalues)."""
    Tl, Hl = 10, 96
    p, x, _, h0 = _setup(activation, spectral_norm=2.5, T=Tl, H=Hl)
    df = jacobian_norms(p, x, h0, activation).set_index(["t", "k"])
    A = step_jacobians(p, x, h0, activation)
    for k in range(Tl):
        P = np.eye(Hl)
        for t in range(k + 1, Tl + 1):
            P = A[t - 1] @ P
            ref = np.linalg.svd(P, compute_uv=False)[0]
            assert df.loc[(t, k), "measured"] == pytest.approx(ref, rel=1e-10, abs=1e-300)


def _psd(eigenvalues, rng, first=None):
    """Q diag(eigenvalues) Qᵀ (r, r) with a random orthogonal Q, whose first column (the top
    eigenvector when the values are sorted down) is `first` when given."""
    r = len(eigenvalues)
    M = rng.standard_normal((r, r))
    if first is not None:
        M[:, 0] = first
    Q, _ = np.linalg.qr(M)
    return (Q * eigenvalues) @ Q.T


def test_top_eigenvalues_are_proven_or_fall_back_to_lapack():
    r = 128
    rng = np.random.default_rng(3)
    start = LANCZOS_START[:r] / np.linalg.norm(LANCZOS_START[:r])
    hidden = rng.standard_normal(r)
    hidden -= (hidden @ start) * start  # a top eigenvector Lanczos's start vector cannot see
    spread = np.geomspace(1.0, 1e-8, r)
    cases = {
        "random": (lambda A: A @ A.T)(rng.standard_normal((r, r))),
        "identity": np.eye(r),
        "zero": np.zeros((r, r)),
        "rank one": np.outer(hidden, hidden),
        "two equal at the top": _psd(np.r_[2.0, 2.0, spread[2:]], rng),
        "top two 1e-9 apart": _psd(np.r_[1.0, 1.0 - 1e-9, 0.5 * spread[2:]], rng),
        "tiny scale": 1e-200 * _psd(spread, rng),
        "hidden top": _psd(np.r_[1.0, 0.99, 0.9 * spread[2:]], rng, first=hidden),
    }
    G = np.stack(list(cases.values()))
    ref = np.linalg.eigvalsh(G)[:, -1]
    got = top_eigenvalues(G.copy())
    for name, a, b in zip(cases, got, ref, strict=True):
        assert a == pytest.approx(b, rel=1e-10, abs=1e-300), name
    scales = np.array([1e300, 1e160, 1e-160, 1e-300, 1.0, 1.0, 1.0, 1.0])  # squares overflow
    scaled = G * scales[:, None, None]
    got = top_eigenvalues(scaled.copy())
    for name, a, b in zip(cases, got, np.linalg.eigvalsh(scaled)[:, -1], strict=True):
        assert a == pytest.approx(b, rel=1e-10, abs=1e-300), name
    theta, settled = lanczos_top(G[-1:].copy())  # the hidden top: Lanczos finds 0.99 only,
    assert theta[0] < 0.995 and settled[0]  # so the proof fails and LAPACK answers
    assert got[-1] == pytest.approx(1.0, rel=1e-12)


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_start_steps_and_max_distance_select_rows_of_the_full_table(activation):
    p, x, _, h0 = _setup(activation, T=12)
    full = jacobian_norms(p, x, h0, activation).set_index(["t", "k"])
    part = jacobian_norms(p, x, h0, activation, ks=[0, 5, 7], max_distance=3)
    assert set(part["k"]) == {0, 5, 7} and part["distance"].max() == 3
    assert len(part) == 9
    part = part.set_index(["t", "k"])
    pd.testing.assert_frame_equal(part, full.loc[part.index])


@pytest.mark.parametrize(("budget", "max_distance"),
                         [(1000, None), (300, 10), (10**6, None), (1, 5)])
def test_starts_within_keeps_the_pair_count_in_budget(budget, max_distance):
    Tl = 100
    ks = starts_within(Tl, budget, max_distance)
    m = Tl if max_distance is None else max_distance

    def pairs(starts):
        return int(np.minimum(Tl - starts, m).sum())

    assert pairs(ks) <= budget or len(ks) == 1
    stride = ks[1] - ks[0] if len(ks) > 1 else Tl
    assert np.all(np.diff(ks) == stride) and ks[0] == 0
    if stride > 1:  # the next finer stride would not fit
        assert pairs(np.arange(0, Tl, stride - 1)) > budget


# The slack: measured and the bounds are computed along different float paths (SVD of a product of
# rounded matrices, a product of rounded maxima, a power), and in the tight cases (linear, or ReLU
# with all units on, and W_hh a multiple of an orthogonal matrix) they are equal in exact
# arithmetic, so rounding may put the smaller side a few ulps above the larger one.
SLACK = 1 + 1e-9


@settings(max_examples=60, deadline=None)
@given(activation=st.sampled_from(ACTIVATIONS), spectral_norm=st.floats(0.1, 5.0),
       init=st.sampled_from(["gaussian", "orthogonal"]), seed=st.integers(0, 2**16),
       Hs=st.integers(1, 10), Ts=st.integers(1, 16), input_scale=st.floats(0.0, 5.0))
def test_measured_below_stepwise_bound_below_bound(activation, spectral_norm, init, seed, Hs, Ts,
                                                   input_scale):
    p = init_params(V, Hs, init=init, spectral_norm=spectral_norm, seed=seed)
    p.W_hx *= input_scale / 0.1
    x = np.random.default_rng(seed).integers(0, V, Ts)
    df = jacobian_norms(p, x, activation=activation)
    assert (df["measured"] <= df["stepwise_bound"] * SLACK).all()
    assert (df["stepwise_bound"] <= df["bound"] * SLACK).all()
    assert (df["log10_measured"] <= df["log10_stepwise_bound"] + 1e-9).all()
    assert (df["log10_stepwise_bound"] <= df["log10_bound"] + 1e-9).all()


def test_linear_orthogonal_keeps_every_norm_at_one():
    p = init_params(V, 16, init="orthogonal", seed=3)
    x = np.random.default_rng(0).integers(0, V, 40)
    df = jacobian_norms(p, x, activation="linear")
    np.testing.assert_allclose(df["measured"], 1.0, rtol=1e-12)
    np.testing.assert_allclose(df["bound"], 1.0, rtol=1e-12)
    assert decay_rate(df) == pytest.approx(0.0, abs=1e-12)


def test_tanh_with_norm_one_half_decays_at_least_as_fast_as_the_bound():
    p = init_params(V, 16, spectral_norm=0.5, seed=4)
    x = np.random.default_rng(0).integers(0, V, 40)
    df = jacobian_norms(p, x, activation="tanh")
    assert (df["measured"] <= 0.5 ** df["distance"] * SLACK).all()
    np.testing.assert_allclose(df["bound"], 0.5 ** df["distance"], rtol=1e-12)
    assert decay_rate(df) <= np.log(0.5)


def test_linear_scaled_orthogonal_has_the_closed_form_rate():
    p = init_params(V, 8, init="orthogonal", spectral_norm=0.7, seed=5)
    df = jacobian_norms(p, np.zeros(30, dtype=int), activation="linear")
    np.testing.assert_allclose(df["measured"], 0.7 ** df["distance"], rtol=1e-12)
    assert decay_rate(df) == pytest.approx(np.log(0.7), rel=1e-9)


def test_bound_gaps_at_the_largest_distance():
    """Linear with a scaled orthogonal W_hh: ‖W^d‖ = ‖W‖^d and f' = 1 = β_h, so both bounds are
    tight and no gap holds any slack."""
    p = init_params(V, 8, init="orthogonal", spectral_norm=0.7, seed=5)
    x = np.zeros(30, dtype=int)
    gaps = bound_gaps(jacobian_norms(p, x, activation="linear"),
                      one_step_norms(p, x, activation="linear"))
    assert gaps.distance == 30
    for gap in (gaps.slopes, gaps.steps, gaps.products, gaps.below_bound):
        assert gap == pytest.approx(0.0, abs=1e-9)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
def test_bound_gaps_split_the_slack_as_the_explicit_products_do(activation):
    """steps = log10 of Π ‖W_hh‖₂ max|f'| over Π ‖J_j‖₂, products = log10 of Π ‖J_j‖₂ over
    ‖Π J_j‖₂, each computed here from explicit matrices by numpy's SVD."""
    p, x, _, _ = _setup(activation, spectral_norm=1.3, T=12)
    J = step_jacobians(p, x, activation=activation)  # (T, H, H)
    norms = jacobian_norms(p, x, activation=activation)
    gaps = bound_gaps(norms, one_step_norms(p, x, activation=activation))
    one = np.linalg.norm(J, 2, axis=(1, 2))  # (T,)
    P = np.linalg.multi_dot(J[::-1])  # J_T ... J_1 = ∂h_T/∂h_0
    beta_W = np.linalg.norm(p.W_hh, 2)
    hs = forward_states(p, x[:, None], np.zeros((1, H)), activation)
    z = pre_activations(p, x[:, None], hs, np.zeros((1, H)))[:, 0]
    fmax = np.abs(derivative(activation, z)).max(axis=1)  # (T,)
    assert gaps.distance == len(x)
    assert gaps.steps == pytest.approx(np.log10(np.prod(beta_W * fmax) / np.prod(one)), abs=1e-9)
    assert gaps.products == pytest.approx(np.log10(np.prod(one) / np.linalg.norm(P, 2)),
                                          abs=1e-9)
    assert gaps.steps >= -1e-12 and gaps.products >= -1e-12


def test_tiny_norms_stay_exact_far_below_float64():
    """A diagonal W_hh has the closed form ‖∂h_t/∂h_k‖ = max_i Π_j |f'(z_{j,i}) w_i|: 200 sigmoid
    steps with ‖W_hh‖ = 0.1 reach 10^-320 and beyond, where float64 itself gives out."""
    Hl, Tl = 4, 200
    p = init_params(V, Hl, seed=6)
    p.W_hh = np.diag([0.1, -0.05, 0.08, 0.02])
    p.W_hx *= 80  # saturated units: f' down to 1e-9 at some steps
    x = np.random.default_rng(1).integers(0, V, Tl)
    df = jacobian_norms(p, x, activation="sigmoid", ks=[0])
    h, logs = np.zeros(Hl), np.zeros(Hl)
    ref = []
    for j in range(Tl):
        z = p.W_hh @ h + p.W_hx[:, x[j]]
        logs += np.log10(np.exp(-abs(z)) / (1 + np.exp(-abs(z))) ** 2 * np.abs(np.diag(p.W_hh)))
        ref.append(logs.max())
        h = activate("sigmoid", z)
    np.testing.assert_allclose(df["log10_measured"], ref, rtol=1e-12)
    assert df["log10_measured"].min() < -400
    finite = df[df["log10_measured"] > -300]
    np.testing.assert_allclose(finite["measured"], 10.0 ** finite["log10_measured"], rtol=1e-10)


# -- contributions ---------------------------------------------------------------------------

@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_distant_contributions_match_finite_differences_of_J_t(activation):
    p, x, y, h0 = _setup(activation)
    df = distant_contributions(p, x, y, h0, activation)
    assert len(df) == T * (T + 1) // 2
    h = [h0]
    for j in range(T):
        h.append(activate(activation, p.W_hh @ h[-1] + p.W_hx[:, x[j]] + p.b_h))
    for (t, k), row in df.set_index(["t", "k"]).iterrows():
        def J(t=t, k=k, **nudge):
            return _loss_t(p, x, y, h0, activation, t, k=k, **nudge)
        grad_h = _central(lambda u: J(dh=u), H)
        grad_x = _central(lambda u: J(dx=u), V)
        grad_z = _central(lambda u: J(dz=u), H)
        assert row["grad_h"] == pytest.approx(np.linalg.norm(grad_h), rel=1e-5, abs=1e-9)
        assert row["grad_x"] == pytest.approx(np.linalg.norm(grad_x), rel=1e-5, abs=1e-9)
        assert row["grad_W"] == pytest.approx(
            np.linalg.norm(np.outer(grad_z, h[k - 1])), rel=1e-5, abs=1e-9)


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_weight_terms_sum_to_the_gradient_of_J_t(activation):
    p, x, y, h0 = _setup(activation)
    df = distant_contributions(p, x, y, h0, activation)
    for t in (1, 3, T):
        terms = weight_terms(p, x, y, t, h0, activation)  # (t, H, H)
        def J(u, t=t):
            return _loss_t(p, x, y, h0, activation, t, W_hh=p.W_hh + u.reshape(H, H))
        fd = _central(J, H * H).reshape(H, H)
        np.testing.assert_allclose(terms.sum(axis=0), fd, rtol=1e-5, atol=1e-9)
        np.testing.assert_allclose(np.linalg.norm(terms, axis=(1, 2)),
                                   df[df["t"] == t]["grad_W"], rtol=1e-12)


def test_contributions_stay_finite_for_states_whose_squares_overflow():
    """Exploded weights leave states near 1e180: ‖h‖² overflows float64, ‖h‖ does not."""
    p, x, y, h0 = _setup("linear", spectral_norm=0.5, T=8)
    p.W_hx *= 1e180
    with np.errstate(over="raise", invalid="raise"):
        pairs = distant_contributions(p, x, y, h0, "linear")
        chars, _ = word_contributions(p, x, y, 8, [(0, 3), (4, 8)], h0, "linear",
                                      quantity="grad_W")
    terms = weight_terms(p, x, y, 8, h0, "linear")  # (8, H, H), entries near 1e180
    ref = [np.linalg.norm(m / 1e180) * 1e180 for m in terms]
    at_8 = pairs[pairs.t == 8].sort_values("k")
    got = at_8["grad_W"].to_numpy()
    assert np.isfinite(got).all() and got.max() > 1e150
    np.testing.assert_allclose(got, ref, rtol=1e-12)
    np.testing.assert_allclose(chars["contribution"], ref, rtol=1e-12)
    # ∂J_8/∂h_k and ∂J_8/∂x_k = W_hxᵀ ∂J_8/∂z_k by hand (f' = 1), W_hx's 1e180 kept aside
    h = h0
    for j in range(8):
        h = p.W_hh @ h + p.W_hx[:, x[j]] + p.b_h
    logits = p.W_S @ h + p.b_y
    prob = np.exp(logits - logits.max())
    g = p.W_S.T @ (prob / prob.sum() - np.eye(V)[y[7]])  # ∂J_8/∂h_8
    ref_h, ref_x = [], []
    for _ in range(8):  # k = 8 .. 1
        ref_h.append(np.linalg.norm(g))
        ref_x.append(np.linalg.norm((p.W_hx / 1e180).T @ g) * 1e180)
        g = p.W_hh.T @ g
    np.testing.assert_allclose(at_8["grad_h"], ref_h[::-1], rtol=1e-10)
    np.testing.assert_allclose(at_8["grad_x"], ref_x[::-1], rtol=1e-10)
    assert at_8["grad_x"].max() > 1e150


def test_contributions_at_distance_100_agree_with_the_explicit_product():
    """Around 1e-46 at distance 100: exact, not flushed or noise."""
    Hl, Tl = 16, 101
    p = init_params(V, Hl, spectral_norm=0.7, seed=8)
    rng = np.random.default_rng(2)
    x, y = rng.integers(0, V, Tl), rng.integers(0, V, Tl)
    A = step_jacobians(p, x, activation="tanh")
    norms = jacobian_norms(p, x, activation="tanh", ks=[0, 1])
    contrib = distant_contributions(p, x, y, activation="tanh")
    P = np.eye(Hl)
    for j in range(2, Tl + 1):
        P = A[j - 1] @ P  # ∂h_j/∂h_1
    ref = np.linalg.svd(P, compute_uv=False)[0]
    row = norms[(norms["t"] == Tl) & (norms["k"] == 1)].iloc[0]
    assert 1e-50 < ref < 1e-40
    assert row["measured"] == pytest.approx(ref, rel=1e-9)
    # ∂J_t/∂h_1 = (∂h_t/∂h_1)ᵀ W_Sᵀ (p_t - onehot(y_t))
    h = np.zeros(Hl)
    for j in range(Tl):
        h = np.tanh(p.W_hh @ h + p.W_hx[:, x[j]] + p.b_h)
    logits = p.W_S @ h + p.b_y
    prob = np.exp(logits - logits.max())
    prob /= prob.sum()
    prob[y[-1]] -= 1
    g = P.T @ (p.W_S.T @ prob)
    got = contrib[(contrib["t"] == Tl) & (contrib["k"] == 1)].iloc[0]
    assert got["grad_h"] == pytest.approx(np.linalg.norm(g), rel=1e-9)
    assert (contrib[["grad_h", "grad_x"]] > 0).all().all()


def _words(text):
    """Word spans for the tests: runs of letters and digits; each CJK character its own word."""
    return [m.span() for m in re.finditer(r"[\u4e00-\u9fff]|[^\W\u4e00-\u9fff_]+", text)]


@pytest.mark.parametrize("quantity", ["grad_x", "grad_h", "grad_W"])
def test_word_contributions_sum_the_characters_of_each_word(quantity):
    text = "the cat, 猫在睡觉 sat."
    vocab = sorted(set(text))
    ids = np.array([vocab.index(c) for c in text])
    p = init_params(len(vocab), 12, spectral_norm=1.2, seed=9)
    x, y = ids[:-1], ids[1:]
    t = 15  # predicting the character after text[14]
    spans = _words(text[:-1])
    assert [text[a:b] for a, b in spans] == ["the", "cat", "猫", "在", "睡", "觉", "sat"]
    chars, words = word_contributions(p, x, y, t, spans, activation="tanh", text=text[:-1],
                                      quantity=quantity)
    pairs = distant_contributions(p, x, y, activation="tanh")
    expected = pairs[pairs["t"] == t].sort_values("k")[quantity].to_numpy()
    np.testing.assert_allclose(chars["contribution"], expected, rtol=1e-12)
    assert "".join(chars["char"]) == text[:t]
    assert list(chars.loc[chars["char"].isin([" ", ","]), "word"].unique()) == [-1]
    assert list(words["text"]) == ["the", "cat", "猫", "在", "睡", "觉", "sat"]
    for _, w in words.iterrows():
        mask = chars["word"] == w["word"]
        assert w["contribution"] == pytest.approx(chars.loc[mask, "contribution"].sum(), rel=1e-12)
    sat = words.iloc[-1]  # "sat" = text[14:17]: only its "s" comes before t = 15
    assert (sat["n_chars"], sat["distance"]) == (1, 0)
    assert words.iloc[0]["distance"] == t - 3
    _, early = word_contributions(p, x, y, 9, spans, activation="tanh")
    assert list(early["word"]) == [0, 1]  # words starting after t are left out


# -- summaries and the verdict ---------------------------------------------------------------

def test_summarize_gives_order_statistics_per_distance():
    pairs = pd.DataFrame({"distance": [0] * 4 + [1] * 3 + [2],
                          "grad_W": [1e-8, 1e-6, 1e-4, 1e-2, 0.0, 1e-40, 7.0, 5.0],
                          "grad_h": 1.0})
    s = summarize(pairs, low=0.0, high=1.0).set_index(["quantity", "distance"])
    median = s.loc["grad_W", "median"]
    assert median[0] in (1e-6, 1e-4)  # an observed value, not 5.0005e-5
    assert list(median[1:]) == [1e-40, 5.0]
    assert list(s.loc["grad_W", "p10"]) == [1e-8, 0.0, 5.0]
    assert list(s.loc["grad_W", "p90"]) == [1e-2, 7.0, 5.0]
    assert list(s.loc["grad_W", "n"]) == [4, 3, 1]
    assert set(s.index.get_level_values("quantity")) == {"grad_W", "grad_h"}


def _pairs(term, T=12):
    """A distant_contributions-like table with grad_W = term(t, k) for 1 ≤ k ≤ t ≤ T."""
    t, k = np.tril_indices(T)
    t, k = t + 1, k + 1
    return pd.DataFrame({"t": t, "k": k, "distance": t - k,
                         "grad_W": [term(a, b) for a, b in zip(t, k, strict=True)]})


def test_horizon_is_the_first_trusted_distance_below_the_fraction():
    pairs = _pairs(lambda t, k: 10.0 ** -(t - k))
    h = horizon(pairs, fraction=1e-3)
    assert (h.distance, h.verdict) == (4, "reached")  # 0.001 is not below 1e-3 · 1
    assert h.rate == pytest.approx(-np.log(10.0))
    assert horizon(pairs, fraction=1e-2).distance == 3
    # T = 12 has 12 - d pairs at distance d, 11 - d of them with k > 1: d ≤ 6 has 5 or more
    assert h.trusted_up_to == 6 and h.largest == 11
    far = horizon(pairs, fraction=1e-9)
    assert (far.distance, far.verdict) == (None, "beyond")
    with pytest.raises(ValueError, match="no distance-0 row for 'grad_W'"):
        horizon(pairs[pairs.distance > 0])


def test_horizon_ignores_the_step_1_terms_that_h0_makes_zero():
    """(∂J_t/∂z_1) h_0ᵀ = 0 at every t: the old median at the largest distances was that zero,
    a horizon at once for a gradient that does not decay."""
    flat = _pairs(lambda t, k: 0.0 if k == 1 else 1.0)
    h = horizon(flat)
    assert (h.distance, h.verdict, h.rate) == (None, "no_decay", pytest.approx(0.0, abs=1e-12))
    growing = horizon(_pairs(lambda t, k: 0.0 if k == 1 else 2.0 ** (t - k)))
    assert growing.verdict == "no_decay" and growing.rate == pytest.approx(np.log(2.0))


def test_horizon_needs_enough_pairs_at_a_distance():
    """A dip at distances with fewer than min_pairs pairs is not a horizon."""
    pairs = _pairs(lambda t, k: 1e-9 if t - k >= 8 else 0.9 ** (t - k))
    assert horizon(pairs).verdict == "beyond"
    assert horizon(pairs, min_pairs=1).distance == 8


def test_horizon_without_any_signal():
    assert horizon(_pairs(lambda t, k: 0.0)).verdict == "no_signal"


def test_share_beyond_sums_the_terms_past_each_distance():
    c = pd.DataFrame({"distance": [0, 0, 1, 2, 2], "grad_W": [1.0, 2.0, 3.0, 0.5, 1.5]})
    s = share_beyond(c)
    np.testing.assert_allclose(s["share"], [5 / 8, 2 / 8, 0.0])
    assert list(s["distance"]) == [0, 1, 2]


@pytest.mark.parametrize(("activation", "norm", "verdict"), [
    ("sigmoid", 3.9, "vanishing_guaranteed"), ("sigmoid", 4.1, "bound_silent"),
    ("tanh", 0.9, "vanishing_guaranteed"), ("tanh", 1.0, "bound_silent"),
    ("relu", 1.5, "bound_silent"), ("linear", 0.2, "vanishing_guaranteed"),
])
def test_regime_verdict_follows_beta_W_beta_h(activation, norm, verdict):
    p = init_params(V, 10, init="orthogonal", spectral_norm=norm, seed=1)
    r = regime(p, activation)
    assert r.verdict == verdict and r.measured_rate is None
    assert r.beta_W == pytest.approx(norm, rel=1e-12)
    assert r.bound_rate == pytest.approx(np.log(r.beta_W * r.beta_h), rel=1e-12)
    x = np.random.default_rng(0).integers(0, V, 20)
    measured = regime(p, activation, jacobian_norms(p, x, activation=activation)).measured_rate
    assert measured <= r.bound_rate + 1e-9


# -- validation ------------------------------------------------------------------------------

def test_clear_errors_on_bad_arguments():
    p, x, y, h0 = _setup("tanh")
    with pytest.raises(ValueError, match="one sequence"):
        jacobian_norms(p, x[None], activation="tanh")
    with pytest.raises(ValueError, match="h0"):
        distant_contributions(p, x, y, np.zeros((1, H)), "tanh")
    with pytest.raises(ValueError, match="form"):
        step_jacobians(p, x, form="note")
    with pytest.raises(ValueError, match="ks"):
        jacobian_norms(p, x, ks=[T])
    with pytest.raises(ValueError, match="max_distance"):
        jacobian_norms(p, x, max_distance=0)
    with pytest.raises(ValueError, match="t must"):
        weight_terms(p, x, y, T + 1)
    with pytest.raises(ValueError, match="spans"):
        word_contributions(p, x, y, 2, [(3, 2)])
    with pytest.raises(ValueError, match="activation"):
        distant_contributions(p, x, y, activation="softplus")
    with pytest.raises(ValueError, match="ids outside"):
        distant_contributions(p, x, y + V)
    assert isinstance(p, Params)


def test_analyses_run_blas_on_one_thread_even_when_called_concurrently():
    from concurrent.futures import ThreadPoolExecutor

    from rnnlab import blas

    blas.set_threads(2)
    p, x, y, h0 = _setup("tanh", T=30, H=16)
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: jacobian_norms(p, x, h0, "tanh"), range(8)))
    assert all(r.equals(results[0]) for r in results)
    assert blas.threads() in (1, None)


def test_the_horizon_of_a_text_too_short_for_any_trusted_distance_is_a_verdict_not_a_crash():
    from rnnlab.analysis import horizon

    p = init_params(6, 4, seed=0)
    x = np.array([1, 2, 3])
    h = horizon(distant_contributions(p, x, x))
    assert h.trusted_up_to == 0 and h.distance is None and h.verdict in ("beyond", "no_signal")

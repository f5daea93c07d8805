"""The model's exact gradients against central finite differences, and its input checks."""

import os
import signal
import time
import warnings

import numpy as np
import pytest
from numeric import numeric_grads

from rnnlab import ACTIVATIONS, Params, derivative_bound, init_params, loss_and_grads, model
from rnnlab.model import activate, derivative, rnn_kernel


def _problem(activation, B, seed=0, V=7, H=5, T=6):
    p = init_params(V, H, init="gaussian", spectral_norm=1.3, seed=seed)
    rng = np.random.default_rng(seed + 100)
    p.b_h[:] = rng.standard_normal(H) * 0.3
    p.b_y[:] = rng.standard_normal(V) * 0.3
    p.W_S[:] = rng.standard_normal((V, H))
    shape = (T,) if B is None else (B, T)
    x, y = rng.integers(0, V, shape), rng.integers(0, V, shape)
    h0 = rng.standard_normal(H if B is None else (B, H)) * 0.5
    if activation == "relu":  # keep every z_t away from the kink, where f' jumps
        h0 = np.abs(h0) + 0.1
        p.b_h[:] = np.abs(p.b_h) + 0.5
    return p, x, y, h0


def _numeric(p, x, y, h0, activation, eps=1e-6):
    return numeric_grads(p, x, y, h0, activation, eps)


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("B", [None, 1, 3])
def test_gradients_match_central_differences(activation, B):
    p, x, y, h0 = _problem(activation, B)
    loss, grads, h_last = loss_and_grads(p, x, y, h0, activation)
    num = _numeric(p, x, y, h0, activation)
    for name, g, n in zip(Params.NAMES, grads.arrays(), num.arrays(), strict=True):
        rel = np.abs(g - n) / np.maximum(np.abs(g) + np.abs(n), 1e-7)
        assert rel.max() < 1e-6, f"{activation} B={B} {name}: max relative error {rel.max():.2e}"
    assert h_last.shape == h0.shape


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_large_batches_hand_products_to_a_second_thread_with_the_same_result(activation,
                                                                               monkeypatch):
    """Above model._BESIDE_FROM multiply-adds, dJ/dW_S and dJ/dW_hx are computed on the worker
    thread: bit for bit the gradients of the one-thread path, and still exact."""
    p, x, y, h0 = _problem(activation, 3)
    one_thread = loss_and_grads(p, x, y, h0, activation)
    monkeypatch.setattr(model, "_BESIDE_FROM", 0)
    loss, grads, h_last = loss_and_grads(p, x, y, h0, activation)
    assert loss == one_thread[0]
    np.testing.assert_array_equal(h_last, one_thread[2])
    for g, ref in zip(grads.arrays(), one_thread[1].arrays(), strict=True):
        np.testing.assert_array_equal(g, ref)
    num = _numeric(p, x, y, h0, activation)
    for g, n in zip(grads.arrays(), num.arrays(), strict=True):
        assert (np.abs(g - n) / np.maximum(np.abs(g) + np.abs(n), 1e-7)).max() < 1e-6


def test_the_worker_thread_keeps_the_callers_error_handling(monkeypatch):
    """numpy's errstate is per thread: an overflow on the worker must stay as quiet (or as
    loud) as the caller asked."""
    monkeypatch.setattr(model, "_BESIDE_FROM", 0)
    p, x, y, h0 = _problem("linear", 3)
    p.W_hh[:] *= 1e150  # states and gradients far beyond float64
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="ignore"):
            loss, _, _ = rnn_kernel(p, x, y, h0, "linear")
    assert not np.isfinite(loss)
    with pytest.raises(FloatingPointError, match="overflow encountered"), np.errstate(all="raise"):
        rnn_kernel(p, x, y, h0, "linear")


def test_a_forked_child_gets_its_own_worker_thread(monkeypatch):
    monkeypatch.setattr(model, "_BESIDE_FROM", 0)
    p, x, y, h0 = _problem("tanh", 3)
    loss_and_grads(p, x, y, h0, "tanh")  # the parent's worker thread has run
    pid = os.fork()
    if pid == 0:  # the child: the same call must finish, not wait on the parent's thread
        try:
            loss_and_grads(p, x, y, h0, "tanh")
        finally:
            os._exit(0)
    for _ in range(200):
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.05)
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        pytest.fail("the forked child hung on the BPTT worker thread")
    assert os.waitstatus_to_exitcode(status) == 0


def test_loss_is_mean_cross_entropy_and_state_is_the_recurrence():
    p, x, y, h0 = _problem("tanh", 2)
    loss, _, h_last = loss_and_grads(p, x, y, h0, "tanh")
    total, n = 0.0, 0
    for b in range(2):
        h = h0[b]
        for t in range(x.shape[1]):
            h = np.tanh(p.W_hh @ h + p.W_hx[:, x[b, t]] + p.b_h)
            s = p.W_S @ h + p.b_y
            total += np.log(np.exp(s).sum()) - s[y[b, t]]
            n += 1
        np.testing.assert_allclose(h_last[b], h, rtol=1e-12)
    assert loss == pytest.approx(total / n, rel=1e-12)


@pytest.mark.parametrize("scale", [1e3, -1e3, 3e2])
def test_huge_logits_keep_an_exact_loss_and_gradient(scale):
    """exp(S) would overflow (or every column underflow): the softmax shifts each column."""
    p, x, y, h0 = _problem("tanh", 2)
    p.b_y[:] = scale + np.arange(p.vocab_size)  # the same huge offset in every column
    with np.errstate(over="raise", divide="raise", invalid="raise"):  # and no warning escapes
        loss, grads, _ = loss_and_grads(p, x, y, h0, "tanh")
    ref, _, _ = loss_and_grads(_shifted(p, -scale), x, y, h0, "tanh")
    assert np.isfinite(loss) and loss == pytest.approx(ref, rel=1e-12)
    num = _numeric(p, x, y, h0, "tanh", eps=1e-6)
    rel = np.abs(grads.W_S - num.W_S) / np.maximum(np.abs(grads.W_S) + np.abs(num.W_S), 1e-7)
    assert rel.max() < 1e-5
    # float32 maths overflows far sooner (exp(89)): the same shift keeps it right
    p.b_y[:] = scale / 10 + np.arange(p.vocab_size)
    with np.errstate(over="ignore"):
        loss32, _, _ = rnn_kernel(p, x, y, h0, "tanh", dtype=np.float32)
        ref32, _, _ = rnn_kernel(_shifted(p, -scale / 10), x, y, h0, "tanh",
                                      dtype=np.float32)
    assert np.isfinite(loss32) and loss32 == pytest.approx(ref32, rel=1e-5)


def _shifted(p, c):
    """p with c added to every b_y: the same softmax, so the same loss and gradient."""
    q = p.copy()
    q.b_y += c
    return q


def test_h0_defaults_to_zeros_and_shapes_follow_inputs():
    p, x, y, _ = _problem("sigmoid", None)
    a = loss_and_grads(p, x, y, None)
    b = loss_and_grads(p, x, y, np.zeros(p.hidden_size))
    assert a[0] == b[0] and a[2].shape == (p.hidden_size,)
    _, _, h = loss_and_grads(p, x[None], y[None])
    assert h.shape == (1, p.hidden_size)


def test_activations_and_their_bounds():
    z = np.linspace(-8, 8, 10001)
    for name in ACTIVATIONS:
        fp = derivative(name, z)
        assert fp.max() <= derivative_bound(name) + 1e-15
        num = (activate(name, z + 1e-6) - activate(name, z - 1e-6)) / 2e-6
        away = np.abs(z) > 1e-3
        np.testing.assert_allclose(fp[away], num[away], atol=1e-8)
    assert derivative_bound("sigmoid") == 0.25
    assert derivative("sigmoid", np.zeros(1))[0] == 0.25  # the sup is reached at z = 0
    assert derivative("relu", np.zeros(1))[0] == 0.0
    np.testing.assert_allclose(activate("sigmoid", z), 1 / (1 + np.exp(-z)), rtol=1e-13)
    # far in the tails the sigmoid's slope is tiny but exact, not rounded to zero
    assert derivative("sigmoid", np.array([-40.0, 40.0])) == pytest.approx(np.exp(-40), rel=1e-12)


@pytest.mark.parametrize("init", ["gaussian", "orthogonal", "identity"])
@pytest.mark.parametrize("rho", [0.3, 1.0, 4.5])
def test_init_sets_spectral_norm_exactly(init, rho):
    p = init_params(20, 16, init=init, spectral_norm=rho, seed=3)
    assert np.linalg.svd(p.W_hh, compute_uv=False)[0] == pytest.approx(rho, rel=1e-12)
    assert p.W_hx.shape == (16, 20) and p.W_S.shape == (20, 16)
    assert p.b_h.shape == (16,) and p.b_y.shape == (20,)


@pytest.mark.parametrize("init", ["orthogonal", "identity"])
@pytest.mark.parametrize(("rho", "every_s"), [(None, 1.0), (0.3, 0.3), (4.5, 4.5)])
def test_orthogonal_and_identity_init_have_every_singular_value_equal(init, rho, every_s):
    p = init_params(20, 16, init=init, spectral_norm=rho, seed=3)
    np.testing.assert_allclose(np.linalg.svd(p.W_hh, compute_uv=False), every_s, rtol=1e-10)


def test_gaussian_init_without_a_norm_has_entries_of_variance_one_over_h():
    W = init_params(20, 64, seed=3).W_hh  # 4096 entries: the sample variance is within ~2%
    assert W.var() * 64 == pytest.approx(1.0, abs=0.1) and abs(W.mean()) < 0.02


def test_init_is_deterministic_per_seed():
    a, b, c = (init_params(10, 8, seed=s) for s in (1, 1, 2))
    assert all(np.array_equal(u, v) for u, v in zip(a.arrays(), b.arrays(), strict=True))
    assert not np.array_equal(a.W_hh, c.W_hh)


@pytest.mark.parametrize("change, message", [
    (dict(x=[[0, 1, 7]]), "outside"),
    (dict(x=[[0, -1, 2]]), "outside"),
    (dict(x=[[0, 1]]), "differ in shape"),
    (dict(x=np.zeros((1, 0), int), y=np.zeros((1, 0), int)), "empty"),
    (dict(x=[[0.5, 1, 2]]), "integer"),
    (dict(x=np.zeros((1, 1, 3), int)), "shape"),
    (dict(activation="softsign"), "unknown activation"),
    (dict(h0=np.zeros(4)), "h0"),
    (dict(h0=np.full(5, np.nan)), "h0"),
    (dict(nan_param=True), "NaN"),
])
def test_bad_inputs_raise_value_errors_that_name_the_problem(change, message):
    p = init_params(7, 5, seed=0)
    x = np.asarray(change.get("x", [[0, 1, 2]]))
    y = np.asarray(change.get("y", [[1, 2, 3]]))
    if change.get("nan_param"):
        p.W_hh[0, 0] = np.nan
    with pytest.raises(ValueError, match=message):
        loss_and_grads(p, x, y, change.get("h0"), change.get("activation", "sigmoid"))

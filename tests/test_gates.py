"""The gates' direct path against the cells' own one-step Jacobians, and the measured rate
against the explicit product."""

import numpy as np
import pytest

from rnnlab import init_params, jacobian_norms
from rnnlab.cells import get_cell
from rnnlab.gates import gate_profile
from rnnlab.jacobians import pair_budget, run_sequence


# the gate of the direct path, and the block of the state s it keeps: the GRU's h = s[:H] through
# z, the LSTM's memory c = s[H:2H] through f
@pytest.mark.parametrize(("cell", "gate_name", "block"), [("gru", "z", 0), ("lstm", "f", 1)])
def test_the_direct_path_and_the_measured_rate_are_the_products_norms(cell, gate_name, block):
    p = init_params(7, 5, cell=cell, seed=3)
    x = np.random.default_rng(3).integers(0, 7, 12)
    norms = jacobian_norms(p, x)
    profile, summary = gate_profile(p, x, norms)
    tr = run_sequence(p, x).trace
    J = get_cell(cell).state_jacobians(p, tr)  # (T, S, S)
    H = p.hidden_size
    gate = tr.local[gate_name][:, 0]  # (T, H)
    direct = np.eye(H)
    full = np.eye(J.shape[1])
    block = slice(block * H, (block + 1) * H)
    logs_d, logs_m = [0.0], [0.0]
    for j in range(len(x)):
        direct = np.diag(gate[j]) @ direct
        full = J[j] @ full
        logs_d.append(np.log(np.linalg.norm(direct, 2)))
        logs_m.append(np.log(np.linalg.norm(full[block, block], 2)))
    np.testing.assert_allclose(profile["direct_rate"], np.diff(logs_d), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(profile["rate"], np.diff(logs_m), rtol=1e-7, atol=1e-9)
    assert summary.steps == len(x)
    assert summary.rate == pytest.approx(np.mean(np.diff(logs_m)), rel=1e-7)


def test_the_lstms_memory_has_the_one_step_factor_diag_f():
    p = init_params(7, 5, cell="lstm", seed=3)
    x = np.random.default_rng(3).integers(0, 7, 12)
    tr = run_sequence(p, x).trace
    J = get_cell("lstm").state_jacobians(p, tr)  # (T, 2H, 2H): s = (h, c)
    f = tr.local["f"][:, 0]  # (T, H)
    for j in range(len(x)):
        np.testing.assert_allclose(J[j][5:, 5:], np.diag(f[j]), atol=1e-15)


def test_forget_gates_held_open_keep_the_direct_path_at_one():
    p = init_params(7, 5, cell="lstm", seed=1)
    p.b_h[5:10] = 30.0  # the forget block: f = σ(30 + ...) = 1 to float64 rounding
    x = np.random.default_rng(1).integers(0, 7, 20)
    profile, summary = gate_profile(p, x, jacobian_norms(p, x))
    assert np.abs(profile["direct_rate"]).max() < 1e-9 and abs(summary.direct_rate) < 1e-9


def test_the_pair_budget_shrinks_with_the_cost_of_a_pair_and_keeps_one_start():
    small, large = init_params(7, 32, cell="lstm"), init_params(7, 256, cell="lstm")
    assert pair_budget(small, 80) > pair_budget(init_params(7, 32, cell="gru"), 80) / 10
    assert pair_budget(large, 149) == 149 < pair_budget(small, 149)  # the longest text

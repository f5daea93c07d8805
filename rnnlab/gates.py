"""What a gated cell's gates do to its gradient, step by step along an analysed text.

The LSTM's memory has a direct path whose one-step factor is ∂⁺c_j/∂c_{j-1} = diag(f_j) (h_{j-1}
held fixed); the GRU keeps the share z_j of its state, h_j = (1 - z_j) ⊙ n_j + z_j ⊙ h_{j-1},
a direct path diag(z_j). Along that path alone the product from step 0 has the norm

    D_j = ‖Π_{l=1..j} diag(g_l)‖₂ = max_i Π_{l=1..j} g_{l,i}    (g = f for the LSTM, z for GRU)

which shrinks only as fast as the kept gates close. The measured product ∂q_j/∂q_0 (q = c for the
LSTM, h for the GRU) adds every other path (through h and the gates), which can make it shrink
faster or even grow. `gate_profile` puts their per-step rates side by side:

    direct_rate_j = ln D_j - ln D_{j-1},     rate_j = ln ‖∂q_j/∂q_0‖₂ - ln ‖∂q_{j-1}/∂q_0‖₂
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from rnnlab.jacobians import run_sequence

KEPT_GATE = {"lstm": "f", "gru": "z"}  # the gate of the direct path, per cell


@dataclass(frozen=True)
class GateSummary:
    gate: str  # "f" or "z"
    steps: int  # how many steps j entered the means
    direct_rate: float  # mean over j of direct_rate_j (natural log per step)
    rate: float  # mean over j of rate_j


def gate_profile(params, inputs, norms: pd.DataFrame) -> tuple[pd.DataFrame, GateSummary]:
    """Per step j: j, gate_mean (the kept gate's mean over units), log_direct = ln D_j,
    direct_rate, rate (from the rows k = 0 of `norms`, jacobian_norms of the same inputs: the
    LSTM's measured_c, else measured). Rates beyond float64's exponent range are NaN."""
    if params.cell not in KEPT_GATE:
        raise ValueError(f"gate_profile needs a gated cell, not {params.cell!r}")
    gate = KEPT_GATE[params.cell]
    fwd = run_sequence(params, inputs)
    g = fwd.trace.local[gate][:, 0]  # (T, H): the kept gate per step and unit
    T = len(g)
    with np.errstate(divide="ignore", invalid="ignore"):
        # ln max_i Π g_{l,i} = max_i Σ ln g_{l,i}: exact where the product would underflow
        log_direct = np.log(g).cumsum(axis=0).max(axis=1)  # (T,)
        column = "log10_measured_c" if "log10_measured_c" in norms.columns else "log10_measured"
        from_0 = norms[norms["k"] == 0].set_index("t")[column].sort_index()
        log_measured = from_0.reindex(range(1, T + 1)).to_numpy() * np.log(10.0)  # (T,)
        rate = np.diff(np.concatenate([[0.0], log_measured]))
        direct_rate = np.diff(np.concatenate([[0.0], log_direct]))
    rate = np.where(np.isfinite(rate), rate, np.nan)
    direct_rate = np.where(np.isfinite(direct_rate), direct_rate, np.nan)
    frame = pd.DataFrame({"j": np.arange(1, T + 1), "gate_mean": g.mean(axis=1),
                          "log_direct": log_direct, "direct_rate": direct_rate, "rate": rate})
    ok = np.isfinite(rate) & np.isfinite(direct_rate)
    summary = GateSummary(
        gate=gate, steps=int(ok.sum()),
        direct_rate=float(direct_rate[ok].mean()) if ok.any() else float("nan"),
        rate=float(rate[ok].mean()) if ok.any() else float("nan"))
    return frame, summary

"""What a gated cell's gates do to its gradient, step by step along an analysed text.

The LSTM's memory path has the one-step factor ∂c_j/∂c_{j-1} = diag(f_j) (h_{j-1} held fixed), so
the product ∂c_t/∂c_k shrinks only as fast as the forget gates f close; the GRU's state keeps the
share z_j of itself each step (h_j = (1 - z_j) ⊙ n_j + z_j ⊙ h_{j-1}). `gate_profile` puts ln of
the mean gate beside the measured per-step rate of the product from k = 0,

    rate_j = ln ‖∂q_j/∂q_0‖₂ - ln ‖∂q_{j-1}/∂q_0‖₂       (q = c for the LSTM, h for the GRU)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from rnnlab.cells import get_cell
from rnnlab.jacobians import run_sequence

KEPT_GATE = {"lstm": "f", "gru": "z"}  # the gate that keeps the memory, per cell


@dataclass(frozen=True)
class GateSummary:
    gate: str  # "f" or "z"
    steps: int  # how many steps j entered the means
    ln_gate: float  # mean over j of ln(mean gate_j)
    rate: float  # mean over j of rate_j (natural log per step)


def gate_profile(params, inputs, norms: pd.DataFrame) -> tuple[pd.DataFrame, GateSummary]:
    """Per step j: j, gate (mean over units of the kept gate), ln_gate, rate (rate_j above, from
    the rows k = 0 of `norms`, jacobian_norms of the same inputs; the LSTM's measured_c, else
    measured). Steps whose products are 0 or beyond float64's exponent range have rate NaN."""
    if params.cell not in KEPT_GATE:
        raise ValueError(f"gate_profile needs a gated cell, not {params.cell!r}")
    gate = KEPT_GATE[params.cell]
    run = run_sequence(params, inputs)
    means = get_cell(params.cell).gate_means(run.trace)[gate]  # (T,)
    column = "log10_measured_c" if "log10_measured_c" in norms.columns else "log10_measured"
    from_0 = norms[norms["k"] == 0].set_index("t")[column].sort_index()
    logs = np.concatenate([[0.0], from_0.reindex(range(1, len(means) + 1)).to_numpy()])
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = np.diff(logs) * np.log(10.0)  # (T,)
        ln_gate = np.log(means)
    rate = np.where(np.isfinite(rate), rate, np.nan)
    frame = pd.DataFrame({"j": np.arange(1, len(means) + 1), "gate": means, "ln_gate": ln_gate,
                          "rate": rate})
    ok = np.isfinite(rate) & np.isfinite(ln_gate)
    summary = GateSummary(gate=gate, steps=int(ok.sum()),
                          ln_gate=float(ln_gate[ok].mean()) if ok.any() else float("nan"),
                          rate=float(rate[ok].mean()) if ok.any() else float("nan"))
    return frame, summary

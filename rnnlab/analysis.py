"""Gradient-flow analysis: the Jacobian norms and distant contributions, summarised for the app.

The exact per-pair numbers come from `rnnlab.jacobians` (‖∂h_t/∂h_k‖₂ against the bounds) and
`rnnlab.contributions` (‖∂J_t/∂h_k‖, ‖∂J_t/∂x_k‖, the step-k term of ∂J_t/∂W_hh, per word); this
module reduces them to what a chart or a sentence needs: medians and spreads by distance t - k,
the fitted per-step rate next to the bound's rate ln(β_W β_h), the regime the bound guarantees,
the effective horizon and the share of the gradient that comes from beyond a distance.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from rnnlab.contributions import (
    QUANTITIES,
    distant_contributions,
    weight_terms,
    word_contributions,
)
from rnnlab.jacobians import (
    FORMS,
    jacobian_norms,
    one_step_norms,
    pair_budget,
    single_threaded_blas,
    spectral_norms,
    starts_within,
    step_jacobians,
)
from rnnlab.model import Params, derivative_bound

__all__ = [
    "FORMS", "HORIZON_VERDICTS", "MIN_PAIRS", "QUANTITIES", "VERDICTS", "BoundGaps", "Horizon",
    "Regime", "Silence", "bound_gaps", "decay_rate", "distant_contributions", "horizon",
    "informative", "jacobian_norms", "one_step_norms", "regime", "share_beyond", "silence",
    "pair_budget", "spectral_norms", "starts_within", "step_jacobians", "summarize", "weight_terms",
    "word_contributions",
]

VERDICTS = ("vanishing_guaranteed", "bound_silent")
_SUMMARIZED = ("measured", "stepwise_bound", "bound") + QUANTITIES


def summarize(pairs: pd.DataFrame, quantities=None, low: float = 0.1, high: float = 0.9
              ) -> pd.DataFrame:
    """Median and spread over t, for each distance t - k and quantity, of a per-pair table.

    `pairs` is jacobian_norms or distant_contributions; `quantities` defaults to every column of
    measured, stepwise_bound, bound, grad_h, grad_x, grad_W it has. Returns the long table
    distance, quantity, median, p10, p90 (the `low` and `high` quantiles), n. The statistics are
    order statistics (the nearest observed value, no interpolation), so they sit on a log axis
    exactly like the values themselves and a zero stays a zero.
    """
    if quantities is None:
        quantities = [q for q in _SUMMARIZED if q in pairs.columns]
    parts = []
    for q in quantities:
        g = pairs.groupby("distance")[q]
        stats = {name: g.quantile(p, interpolation="nearest")
                 for name, p in (("median", 0.5), ("p10", low), ("p90", high))}
        part = pd.DataFrame(stats)
        part["n"] = g.size()
        parts.append(part.reset_index().assign(quantity=q))
    columns = ["distance", "quantity", "median", "p10", "p90", "n"]
    return pd.concat(parts, ignore_index=True)[columns]


def decay_rate(norms: pd.DataFrame, column: str = "log10_measured") -> float:
    """The fitted per-step rate r of the measured norm, ln ‖∂h_t/∂h_k‖₂ ≈ a + r (t - k).

    Least squares over the per-distance medians of `column` (log10_measured, or an LSTM's
    log10_measured_c; zeros left out), converted to
    the natural log so it compares directly with the bound's rate ln(β_W β_h). r < 0 decays by the
    factor e^r a step, r > 0 grows; NaN with fewer than two distances to fit.
    """
    med = norms.groupby("distance")[column].median()
    med = med[np.isfinite(med.to_numpy())]
    if len(med) < 2:
        return float("nan")
    slope = np.polyfit(med.index.to_numpy(dtype=np.float64), med.to_numpy(), 1)[0]
    return float(slope * np.log(10.0))


@dataclass(frozen=True)
class Regime:
    """What the bound ‖∂h_t/∂h_k‖₂ ≤ (β_W β_h)^(t-k) says about one W_hh and activation."""

    beta_W: float  # ‖W_hh‖₂
    beta_h: float  # sup |f'|
    product: float  # β_W β_h
    bound_rate: float  # ln(β_W β_h), the bound's per-step rate
    measured_rate: float | None  # decay_rate of the measured norms, when they were given
    verdict: str  # "vanishing_guaranteed" (β_W β_h < 1) or "bound_silent" (β_W β_h ≥ 1)


def regime(params: Params, activation: str, norms: pd.DataFrame | None = None) -> Regime:
    """The regime verdict from β_W β_h.

    Below 1 (by more than rounding, 1e-12) the bound forces ‖∂h_t/∂h_k‖₂ to vanish geometrically
    (for the sigmoid, β_h = 1/4, that is whenever ‖W_hh‖₂ < 4). At or above 1 the bound rules
    nothing out, vanishing or exploding: the measured rate, from `norms` (jacobian_norms), decides.
    """
    beta_h = derivative_bound(activation)
    with single_threaded_blas():
        beta_W = float(spectral_norms(params.W_hh))
    product = beta_W * beta_h
    with np.errstate(divide="ignore"):
        bound_rate = float(np.log(product))
    return Regime(
        beta_W=beta_W, beta_h=beta_h, product=product, bound_rate=bound_rate,
        measured_rate=None if norms is None else decay_rate(norms),
        # β_W carries rounding: an orthogonal W_hh (β_W = 1 exactly) may come out 1 - 2e-16
        verdict=VERDICTS[0] if product < 1.0 - 1e-12 else VERDICTS[1],
    )


@dataclass(frozen=True)
class BoundGaps:
    """Where the bounds' slack lies at the largest distance d of a jacobian_norms table, in
    decades (medians over the pairs at that distance). From the lecture's bound down:

        (β_W β_h)^d ≥ Π_j ‖W_hh‖₂ max|f'(z_j)| ≥ Π_j ‖J_j‖₂ ≥ ‖Π_j J_j‖₂,
        J_j = diag(f'(z_j)) W_hh
    """

    distance: int  # d
    slopes: float  # log10 bound - log10 stepwise_bound: what the actual slopes max|f'| buy
    steps: float  # log10 stepwise_bound - Σ_j log10 ‖J_j‖₂: what one step's Jacobian loses
    products: float  # Σ_j log10 ‖J_j‖₂ - log10 measured: what the product loses, ‖AB‖ ≤ ‖A‖‖B‖

    @property
    def below_stepwise(self) -> float:
        """log10 stepwise_bound - log10 measured: both losses together."""
        return self.steps + self.products

    @property
    def below_bound(self) -> float:
        """log10 bound - log10 measured: how far the measured norm is under the lecture's bound."""
        return self.slopes + self.steps + self.products


def bound_gaps(norms: pd.DataFrame, one_step: pd.DataFrame, form: str = "correct") -> BoundGaps:
    """BoundGaps of `norms` (jacobian_norms) and `one_step` (one_step_norms of the same text; its
    column `form` gives ‖J_j‖₂ for j = 1..T), from the exact log10 columns."""
    with np.errstate(divide="ignore"):
        logs = np.concatenate([[0.0], np.cumsum(np.log10(one_step[form].to_numpy()))])  # (T+1,)
    far = norms[norms["distance"] == norms["distance"].max()]
    t, k = far["t"].to_numpy(), far["k"].to_numpy()
    with np.errstate(invalid="ignore"):
        per_step = logs[t] - logs[k]  # Σ_{j=k+1..t} log10 ‖J_j‖₂, one per pair
        return BoundGaps(
            distance=int(far["distance"].iloc[0]),
            slopes=float((far["log10_bound"] - far["log10_stepwise_bound"]).median()),
            steps=float(np.median(far["log10_stepwise_bound"].to_numpy() - per_step)),
            products=float(np.median(per_step - far["log10_measured"].to_numpy())),
        )


MIN_PAIRS = 5  # a distance with fewer (t, k) pairs than this has too few terms for a median
HORIZON_VERDICTS = ("reached", "beyond", "no_decay", "no_signal")


@dataclass(frozen=True)
class Horizon:
    """How far back the gradient's terms reach, measured on one analysed text."""

    distance: int | None  # the effective horizon, when the verdict is "reached"
    verdict: str  # one of HORIZON_VERDICTS
    rate: float  # fitted per-step rate r of the median term, ln q(d) ≈ a + r d (NaN: no fit)
    trusted_up_to: int  # the largest distance with at least min_pairs informative pairs
    largest: int  # the largest distance in the text
    fraction: float


def informative(pairs: pd.DataFrame, quantity: str) -> pd.DataFrame:
    """The rows of distant_contributions whose `quantity` is not zero by construction.

    The analysis reads its text from h_0 = 0, so the step-1 term of ∂J_t/∂W_hh,
    (∂J_t/∂z_1) h_0ᵀ, is exactly 0 whatever the weights: it says nothing about distance t - 1.
    """
    if quantity == "grad_W":
        return pairs[pairs["k"] > 1]
    return pairs


def horizon(pairs: pd.DataFrame, quantity: str = "grad_W", fraction: float = 1e-3,
            min_pairs: int = MIN_PAIRS) -> Horizon:
    """The effective horizon of distant_contributions `pairs`: the first distance d > 0 whose
    median `quantity` falls below `fraction` times the median at distance 0.

    Only informative pairs count (see `informative`), and only distances with at least
    `min_pairs` of them. The verdict is "no_decay" when the fitted rate r of the median over
    those distances is ≥ 0 (the terms do not shrink with distance, whatever one dip shows),
    "beyond" when they shrink (or too few distances to fit) but no distance in the text gets
    that low, "no_signal" when the distance-0 median is 0 (nothing flows back at all), else
    "reached".
    """
    rows = informative(pairs, quantity)
    g = rows.groupby("distance")[quantity]
    stats = pd.DataFrame({"median": g.quantile(0.5, interpolation="nearest"), "n": g.size()})
    if 0 not in stats.index:
        raise ValueError(f"the pairs have no distance-0 row for {quantity!r}")
    trusted = stats[stats["n"] >= min_pairs].sort_index()
    reference = float(trusted["median"].get(0, stats.loc[0, "median"]))
    fit = trusted[trusted["median"] > 0]
    rate = float("nan")
    if len(fit) >= 2:
        slope = np.polyfit(fit.index.to_numpy(dtype=np.float64),
                           np.log(fit["median"].to_numpy(dtype=np.float64)), 1)[0]
        rate = float(slope)
    # a text of a few characters has no distance with min_pairs pairs: none is trusted
    common = dict(rate=rate, trusted_up_to=int(trusted.index.max()) if len(trusted) else 0,
                  largest=int(pairs["distance"].max()), fraction=fraction)
    if not reference > 0:
        return Horizon(distance=None, verdict="no_signal", **common)
    if rate >= 0:
        return Horizon(distance=None, verdict="no_decay", **common)
    below = trusted.index[(trusted.index > 0) & (trusted["median"] < fraction * reference)]
    if below.empty:
        return Horizon(distance=None, verdict="beyond", **common)
    return Horizon(distance=int(below[0]), verdict="reached", **common)


@dataclass(frozen=True)
class Silence:
    """Why a horizon is undefined: the distance-0 terms of distant_contributions that are 0."""

    steps: int  # predictions t with an informative distance-0 term
    zero: int  # of them, those whose term is exactly 0
    certain: int  # of those, with ∂J_t/∂h_t = W_Sᵀ (p_t - onehot(y_t)) = 0: p_t[y_t] = 1, J_t = 0
    all_zero: bool  # every term, at every distance, is exactly 0


def silence(pairs: pd.DataFrame, quantity: str = "grad_W") -> Silence:
    """Count the predictions whose distance-0 term (∂J_t/∂z_t) h_{t-1}ᵀ (by default) is exactly 0,
    and those among them that are certain: their softmax gives the next character probability 1
    in float64, so nothing flows back at all. The others are 0 for the term's other factors:
    f'(z_t) ⊙ ∂J_t/∂h_t = 0 (every ReLU unit switched off, say) or h_{t-1} = 0."""
    rows = informative(pairs, quantity)
    d0 = rows[rows["distance"] == 0]
    zero = d0[quantity].to_numpy() == 0  # (n,)
    certain = zero & (d0["grad_h"].to_numpy() == 0)  # (n,)
    return Silence(steps=len(d0), zero=int(zero.sum()), certain=int(certain.sum()),
                   all_zero=bool((rows[quantity].to_numpy() == 0).all()))


def share_beyond(contributions: pd.DataFrame, quantity: str = "grad_W") -> pd.DataFrame:
    """For each distance d, the share of the gradient's terms that come from distances beyond d:

        share(d) = Σ_{t-k > d} q_{t,k} / Σ_{t,k} q_{t,k},   q = grad_W by default

    a share of the summed term norms ‖(∂J_t/∂z_k) h_{k-1}ᵀ‖_F of ∂J/∂W_hh = (1/T) Σ_t Σ_k (terms)
    (terms may partly cancel in the sum, so this is not a share of ‖∂J/∂W_hh‖). Columns distance,
    share; share(0) is the part not from the current step, and the last row is 0.
    """
    per = contributions.groupby("distance")[quantity].sum().sort_index()  # Σ_t at each distance
    total = float(per.sum())
    beyond = per[::-1].cumsum()[::-1] - per  # Σ over larger distances
    share = beyond.to_numpy() / total if total > 0 else np.full(len(per), np.nan)
    return pd.DataFrame({"distance": per.index.to_numpy(), "share": share})

"""The theorem across configurations: the measured per-step rate of ‖∂h_t/∂h_k‖₂ against ‖W_hh‖₂.

Pascanu, Mikolov & Bengio (2013): with γ = sup|f'| (1/4 for the sigmoid, 1 for tanh, ReLU and
linear), ‖W_hh‖₂ < 1/γ is sufficient for the gradient to vanish, ‖W_hh‖₂ > 1/γ only necessary
for it to explode. The phase diagram measures, for random networks at a grid of ‖W_hh‖₂, the
per-step rate

    r = Σ_d d y_d / Σ_d d²,    y_d = median_{t-k=d} ln ‖∂h_t/∂h_k‖₂,   d = 1..D

the least-squares slope of the log norm against the distance d = t − k, through the origin
because ‖∂h_k/∂h_k‖₂ = 1. Since every y_d ≤ d ln(β_W β_h), r ≤ ln(β_W β_h), the bound's rate,
whatever the weights: the fit cannot put a network above its bound.

Cost: the pairs (t, k) come from a few start steps k only (`PHASE_STARTS`), each followed for D
distances, so a network costs a few hundred Jacobian products, not T(T+1)/2 of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from rnnlab.jacobians import jacobian_norms, single_threaded_blas
from rnnlab.model import ACTIVATIONS, derivative_bound, init_params

PHASE_NORMS = tuple(float(x) for x in np.geomspace(0.25, 32.0, 16))
PHASE_SEEDS = (0, 1, 2)
PHASE_HIDDEN = 32  # H of the phase diagram's networks: the rate hardly depends on it
PHASE_STARTS = 4  # start steps k per network
PHASE_DISTANCE = 30  # D, the largest distance fitted
_LN10 = float(np.log(10.0))


@dataclass(frozen=True)
class PhaseSpec:
    """What a phase diagram computes: hashable, so it keys the shared registry."""

    activations: tuple[str, ...] = tuple(ACTIVATIONS)
    norms: tuple[float, ...] = PHASE_NORMS
    seeds: tuple[int, ...] = PHASE_SEEDS
    hidden: int = PHASE_HIDDEN
    init: str = "gaussian"
    starts: int = PHASE_STARTS
    max_distance: int = PHASE_DISTANCE

    @property
    def size(self) -> int:
        return len(self.activations) * len(self.norms) * len(self.seeds)


@dataclass
class PhaseResult:
    """One row per network: activation, w_norm (‖W_hh‖₂ set), seed, rate, bound_rate, log_rho
    (ln ρ(W_hh), linear only, else NaN). `stopped_at` is set when the caller stopped it."""

    spec: PhaseSpec
    table: pd.DataFrame
    stopped_at: int | None = None

    def nbytes(self) -> int:
        return int(self.table.memory_usage(deep=True).sum())


def threshold(activation: str) -> float:
    """1/γ: the ‖W_hh‖₂ below which the theorem guarantees vanishing."""
    return 1.0 / derivative_bound(activation)


def fitted_rate(distance: np.ndarray, log_norm: np.ndarray) -> float:
    """r = Σ_d d y_d / Σ_d d² over the distances d ≥ 1, y_d the median of ln ‖∂h_t/∂h_k‖₂ (natural
    log) at distance d; distances whose median is −∞ (exactly zero products) are left out.
    −∞ when every median is; NaN without distances."""
    frame = pd.DataFrame({"d": distance, "y": log_norm})
    med = frame[frame["d"] >= 1].groupby("d")["y"].median()
    if med.empty:
        return float("nan")
    finite = med[np.isfinite(med.to_numpy())]
    if finite.empty:
        return float("-inf")
    d = finite.index.to_numpy(dtype=np.float64)
    return float(d @ finite.to_numpy() / (d @ d))


def start_steps(T: int, starts: int, max_distance: int) -> tuple[np.ndarray, int]:
    """(ks, D): `starts` evenly spaced start steps, each of which has all D distances in a text
    of T steps (D = min(max_distance, T))."""
    D = min(max_distance, T)
    ks = np.unique(np.linspace(0, T - D, max(1, starts)).round().astype(np.int64))
    return ks, D


def network_rate(params, inputs: np.ndarray, activation: str, ks: np.ndarray, D: int) -> float:
    """The fitted per-step rate of one network on one text (see the module docstring)."""
    norms = jacobian_norms(params, inputs, activation=activation, ks=ks, max_distance=D)
    return fitted_rate(norms["distance"].to_numpy(), norms["log10_measured"].to_numpy() * _LN10)


def phase_diagram(inputs: np.ndarray, vocab_size: int, spec: PhaseSpec = PhaseSpec(),
                  on_network: Callable[[dict], bool | None] | None = None) -> PhaseResult:
    """The per-step rate of every network of `spec` on the text `inputs` (T,) int ids.

    Network (activation, ‖W_hh‖₂ = w, seed) has init_params(vocab_size, H, init, w, seed).
    `on_network(record)` is called after each (record: done, total); returning True stops there.
    """
    inputs = np.asarray(inputs, dtype=np.int64)
    ks, D = start_steps(len(inputs), spec.starts, spec.max_distance)
    rows, stopped_at = [], None
    with single_threaded_blas(), np.errstate(over="ignore", invalid="ignore"):
        for activation in spec.activations:
            log_bound = np.log(derivative_bound(activation))
            for w in spec.norms:
                for seed in spec.seeds:
                    p = init_params(vocab_size, spec.hidden, init=spec.init, spectral_norm=w,
                                    seed=seed)
                    beta_W = float(np.linalg.norm(p.W_hh, 2))
                    log_rho = (float(np.log(np.abs(np.linalg.eigvals(p.W_hh)).max()))
                               if activation == "linear" else np.nan)
                    rows.append((activation, w, seed, network_rate(p, inputs, activation, ks, D),
                                 float(np.log(beta_W)) + log_bound, log_rho))
                    if on_network and on_network({"done": len(rows), "total": spec.size}):
                        stopped_at = len(rows)
                        break
                if stopped_at:
                    break
            if stopped_at:
                break
    table = pd.DataFrame(rows, columns=["activation", "w_norm", "seed", "rate", "bound_rate",
                                        "log_rho"])
    return PhaseResult(spec, table, stopped_at if stopped_at and stopped_at < spec.size else None)


def phase_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Per activation and ‖W_hh‖₂: the median, min and max rate over the seeds, the bound's rate,
    the median ln ρ(W_hh) and the threshold 1/γ."""
    g = table.groupby(["activation", "w_norm"], sort=False)
    out = pd.DataFrame({"rate": g["rate"].median(), "rate_min": g["rate"].min(),
                        "rate_max": g["rate"].max(), "bound_rate": g["bound_rate"].median(),
                        "log_rho": g["log_rho"].median(), "seeds": g.size()}).reset_index()
    out["threshold"] = out["activation"].map(threshold)
    return out


@dataclass(frozen=True)
class Crossing:
    """Where one activation's median rate first reaches 0 on the grid."""

    activation: str
    threshold: float  # 1/γ
    crosses_at: float | None  # ‖W_hh‖₂ where the rate reaches 0 (log-linear interpolation)
    last_vanishing: float | None  # the largest grid ‖W_hh‖₂ below that crossing with rate < 0
    grid_max: float


def crossings(summary: pd.DataFrame) -> list[Crossing]:
    """For each activation of a phase_summary: where its median rate first crosses 0."""
    out = []
    for activation, part in summary.groupby("activation", sort=False):
        part = part.sort_values("w_norm")
        w, r = part["w_norm"].to_numpy(), part["rate"].to_numpy()
        up = np.flatnonzero(r >= 0)
        at = last = None
        if up.size:
            i = int(up[0])
            if i == 0:
                at = float(w[0])
            else:
                # ln w where the segment from (ln w_{i-1}, r_{i-1}) to (ln w_i, r_i) meets 0;
                # r_{i-1} may be −∞ (a zero product), then the crossing is w_i
                a, b = r[i - 1], r[i]
                f = 1.0 if not np.isfinite(a) else -a / (b - a)
                at = float(np.exp(np.log(w[i - 1]) + f * (np.log(w[i]) - np.log(w[i - 1]))))
                last = float(w[i - 1])
        elif len(w):
            last = float(w[-1])
        out.append(Crossing(str(activation), threshold(str(activation)), at, last,
                            float(w.max()) if len(w) else float("nan")))
    return out


def trained_point(params_before, params_after, inputs: np.ndarray, activation: str,
                  starts: int = PHASE_STARTS, max_distance: int = PHASE_DISTANCE
                  ) -> pd.DataFrame:
    """One network before and after training, placed in the phase diagram: rows stage
    ("init", "trained"), w_norm (‖W_hh‖₂), rate, bound_rate."""
    inputs = np.asarray(inputs, dtype=np.int64)
    ks, D = start_steps(len(inputs), starts, max_distance)
    rows = []
    with single_threaded_blas(), np.errstate(over="ignore", invalid="ignore"):
        for stage, p in (("init", params_before), ("trained", params_after)):
            beta_W = float(np.linalg.norm(p.W_hh, 2))
            rows.append((stage, beta_W, network_rate(p, inputs, activation, ks, D),
                         float(np.log(beta_W * derivative_bound(activation)))))
    return pd.DataFrame(rows, columns=["stage", "w_norm", "rate", "bound_rate"])

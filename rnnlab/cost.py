"""What a lab page costs: the CPU seconds of `train(config, corpus)`, predicted from its config, and
of the page's analyses of the run (the end of this module).

A run is `steps` steps of the same work, the matrix measurements (‖W_hh‖₂ and ρ(W_hh), taken at
min(steps, MATRIX_MEASUREMENTS) steps) and a fixed overhead (initialisation, checkpoints):

.. math::
    \\text{seconds} = r(P) + \\text{steps} \\sum_i c_i x_i
        + \\min(\\text{steps}, 150) (m_0 + m_2 H^2 + m_3 H^3)

with, for a window of T characters in B streams (N = T B rows), G gate blocks, the vocabulary V
and the P parameters, the per-step terms x_i:

============  ==========================================================================
1             the step's own Python: the window, the clipping, the history row
T             per time step, the cell's Python loop forward and back (a few numpy calls)
T G H²        per time step, W_hh read forward and back (few rows: memory-bound)
N             per row: sorting the ids, gathering the inputs, picking the targets
N G H         the cell's elementwise work: activations, gates, rows summed by id
N G H²        the recurrent products W_hh h_{t-1} forward, back, and ∂J/∂W_hh
N V           the softmax over the vocabulary: exp, sums, the division
N V H         the head's three products: the logits, ∂J/∂W_S and ∂J/∂h
P             the optimizer's passes over the flat parameter vector
P⁺ NGH⁺ NV⁺   the part of P, N G H, N V beyond CACHE_WORDS: arrays that spill out
              of the cache cost more per element
============  ==========================================================================

Every coefficient is the cell's own: a gated cell's step is many more, smaller numpy calls, and
its head and gradients are written plainly where the RNN's kernel is tuned. The vocabulary is
the corpus's own for a bundled text and the largest an upload may have otherwise: a config does
not know the text a student will upload.
"""

from __future__ import annotations

from typing import NamedTuple

from rnnlab.cells import CELLS

MAX_VOCAB = 300  # = corpus.MAX_VOCAB: what an upload is counted at
VOCAB = {"english": 68, "chinese": 296, "longrange": 20}  # = len(load_corpus(name).vocab)
MATRIX_MEASUREMENTS = 150  # = train.MAX_MATRIX_MEASUREMENTS
CACHE_WORDS = 2**17  # float64 numbers in 1 MiB, half a core's L2 cache on the development machine


class CellCost(NamedTuple):
    """The coefficients of one cell kind, in seconds per unit of each term."""

    step: float  # per step
    time_step: float  # per time step t of a window
    weights: float  # per T G H²
    rows: float  # per N
    elementwise: float  # per N G H
    recurrent: float  # per N G H²
    softmax: float  # per N V
    head: float  # per N V H
    params: float  # per P
    params_spill: float  # per P beyond CACHE_WORDS
    elementwise_spill: float  # per N G H beyond CACHE_WORDS
    softmax_spill: float  # per N V beyond CACHE_WORDS
    measure: tuple[float, float, float]  # one matrix measurement: m_0 + m_2 H² + m_3 H³


class RunCost(NamedTuple):
    """What a run costs once, whatever its cell."""

    run: float  # seconds
    params: float  # per P: initialisation, the five checkpoints


# Fitted by benchmarks/bench_limits.py on the 2-core development machine (Intel Xeon, 4 MiB of
# L2, OpenBLAS on one thread as the app runs, CPU time by time.process_time()): 414 short runs
# (two sessions of 207) of the three cells over H in 4..256, T in 5..200, B in 1..64 on an upload
# of 300 distinct characters, the English text (68) and the long-range task (20), each step timed
# between two on_step calls, the matrix measurements timed alone; least squares on the relative
# error with an under-prediction counted four times, no coefficient negative. Median error 6%,
# 90th percentile 17%; runs that fight the other core for memory vary by ±15% from one session
# to the next. Refit when the engine changes.
CELL_COSTS: dict[str, CellCost] = {
    "rnn": CellCost(step=4.49e-05, time_step=1.31e-06, weights=1.59e-10, rows=3.93e-08,
                  elementwise=4.73e-09, recurrent=9.93e-11, softmax=4.27e-09,
                  head=8.82e-11, params=6.72e-09, params_spill=4.79e-09,
                  elementwise_spill=2.18e-09, softmax_spill=4.56e-10,
                  measure=(2.55e-05, 1.08e-07, 1.09e-09)),
    "gru": CellCost(step=7.56e-05, time_step=7.98e-06, weights=1.69e-10, rows=3.02e-07,
                  elementwise=7.38e-09, recurrent=1.26e-10, softmax=6.23e-09,
                  head=1.1e-10, params=7.9e-09, params_spill=4.65e-09,
                  elementwise_spill=1.46e-08, softmax_spill=1.51e-09,
                  measure=(1.41e-05, 5.05e-08, 2.83e-10)),
    "lstm": CellCost(step=8.93e-05, time_step=9.91e-06, weights=2.17e-10, rows=3.66e-07,
                   elementwise=6.12e-09, recurrent=1.62e-10, softmax=6.83e-09,
                   head=1.02e-10, params=8.23e-09, params_spill=5.29e-09,
                   elementwise_spill=8.68e-09, softmax_spill=1.02e-09,
                   measure=(1.38e-05, 5.71e-08, 3.8e-10)),
}
RUN_COST = RunCost(run=0.00274, params=4.53e-08)


def vocab_size(corpus: str) -> int:
    """V a run on `corpus` is counted at: the bundled text's own, an upload's largest."""
    return VOCAB.get(corpus, MAX_VOCAB)


def param_count(cell: str, H: int, V: int) -> int:
    """P: W_hx (G H, V), W_hh (G H, H), b_h (and b_hh) (G H,), W_S (V, H), b_y (V,)."""
    c = CELLS[cell]
    return c.gates * H * (V + H + 1 + c.has_b_hh) + V * (H + 1)


def step_terms(cell: str, H: int, T: int, B: int, V: int) -> dict[str, float]:
    """The per-step terms x_i of one step (see the module docstring), by coefficient name."""
    G, N, P = CELLS[cell].gates, T * B, param_count(cell, H, V)
    return {"step": 1.0, "time_step": float(T), "weights": float(T * G * H * H),
            "rows": float(N), "elementwise": float(N * G * H),
            "recurrent": float(N * G * H * H), "softmax": float(N * V),
            "head": float(N * V * H), "params": float(P),
            "params_spill": float(max(0, P - CACHE_WORDS)),
            "elementwise_spill": float(max(0, N * G * H - CACHE_WORDS)),
            "softmax_spill": float(max(0, N * V - CACHE_WORDS))}


def step_seconds(cell: str, H: int, T: int, B: int, V: int) -> float:
    """Predicted CPU seconds of one training step, without a matrix measurement."""
    c = CELL_COSTS[cell]
    return sum(getattr(c, name) * x for name, x in step_terms(cell, H, T, B, V).items())


def measure_seconds(cell: str, H: int) -> float:
    """Predicted CPU seconds of one matrix measurement (‖W_hh‖₂, and ρ for the RNN)."""
    m0, m2, m3 = CELL_COSTS[cell].measure
    return m0 + m2 * H**2 + m3 * H**3


def run_seconds(config) -> float:
    """Predicted CPU seconds of `train(config, corpus)` on one core, for any LabConfig."""
    c = config
    V = vocab_size(c.corpus)
    fixed = RUN_COST.run + RUN_COST.params * param_count(c.cell, c.hidden, V)
    return (fixed + c.steps * step_seconds(c.cell, c.hidden, c.seq_len, c.batch, V)
            + min(c.steps, MATRIX_MEASUREMENTS) * measure_seconds(c.cell, c.hidden))


# ---- the page's analyses ----

LANCZOS_FROM = 64  # = jacobians.LANCZOS_FROM: from this state size on, a pair's norm is Lanczos's
ANALYSED_STEPS = 149  # = link.TEXT_MAX - 1: the steps T of the longest text the page analyses
PAGE_PAIR_SECONDS = 1.5  # CPU s the page's Jacobian norms may take (jacobians.pair_budget)


class PairCost(NamedTuple):
    """CPU seconds of one (t, k) pair of jacobian_norms, c_0 + c_2 S² + c_3 S³ at state size S."""

    small: tuple[float, float, float]  # S < LANCZOS_FROM: each norm from LAPACK's eigvalsh
    large: tuple[float, float, float]  # S ≥ LANCZOS_FROM: from Lanczos with a Cholesky proof


# Fitted by benchmarks/bench_limits.py (section 4) on the 2-core development machine, CPU time by
# time.process_time() with BLAS on one thread (the pairs run on the analysis's two threads, both
# counted), on the longest text the page analyses (149 steps of an upload, V = 300), every cell at
# H in 4..256 (66 points, two sessions). A pair: jacobian_norms over many start steps less
# jacobian_norms from one start, per extra pair: one product, one Gram matrix and its largest
# eigenvalue (for the LSTM the same again for its cell block), measured 0.08 ms at S = 48, 0.40 ms
# at 64 (where Lanczos's fixed work begins), 0.68 ms at 128, 2.9 ms at 256 and 14 ms at the
# LSTM's 512. The rest of the page (ANALYSIS_COSTS, f_0 + f_1 H + f_2 H² + f_3 H³): the page's
# analyses from one start step less that start's pairs at the fitted cost: the contributions
# (T² H (H + V)), the shading, the one-step norms (the RNN's three forms, twice on the note's
# page) or the gated cells' T one-step Jacobians (S × S) and their norms, 3.3 s of the LSTM's at
# H = 256. Least squares on the relative error, an under-prediction counted four times; a page
# from one start is predicted within 13% (median 5%; the LSTM at H = 256: 5.72 s, predicted 5.57).
PAIR_COSTS: dict[str, PairCost] = {
    "rnn": PairCost(small=(1.46e-06, 3.08e-08, 9.57e-11), large=(0.00034, 6.07e-09, 1.33e-10)),
    "gru": PairCost(small=(7.52e-07, 2.75e-08, 0.0), large=(0.000243, 4.31e-09, 1.34e-10)),
    "lstm": PairCost(small=(2.19e-06, 4.06e-08, 0.0), large=(8.87e-05, 2.67e-08, 5.78e-11)),
}
ANALYSIS_COSTS: dict[str, tuple[float, float, float, float]] = {
    "rnn": (0.0419, 0.000227, 3.69e-05, 0.0),
    "gru": (0.0394, 0.000236, 1.39e-05, 3.8e-09),
    "lstm": (0.0407, 0.00107, 2.74e-05, 7.49e-08),
}


def state_size(cell: str, H: int) -> int:
    """S, the length of the state s the Jacobians act on: the LSTM's (h, c), else h."""
    return 2 * H if cell == "lstm" else H


def pair_seconds(cell: str, H: int) -> float:
    """Predicted CPU seconds of one (t, k) pair of jacobian_norms."""
    S = state_size(cell, H)
    c0, c2, c3 = PAIR_COSTS[cell].large if S >= LANCZOS_FROM else PAIR_COSTS[cell].small
    return c0 + c2 * S**2 + c3 * S**3


def pair_count(cell: str, H: int, T: int, seconds: float) -> int:
    """How many (t, k) pairs `seconds` of CPU measure on a text of T steps; never fewer than T,
    one start step's pairs."""
    return max(T, int(seconds / pair_seconds(cell, H)))


def forms_measured(cell: str) -> int:
    """Jacobian norms one page measures: the RNN's page with the note's form measures the correct
    form's too (its verdict beside the note's); a gated cell has one form."""
    return 2 if cell == "rnn" else 1


def analysis_fixed_seconds(cell: str, H: int) -> float:
    """Predicted CPU seconds of the page's analyses of the longest text but the pairs."""
    f0, f1, f2, f3 = ANALYSIS_COSTS[cell]
    return f0 + f1 * H + f2 * H**2 + f3 * H**3


def analysis_seconds(cell: str, H: int, seconds: float = PAGE_PAIR_SECONDS) -> float:
    """Predicted CPU seconds of the page's analyses of the longest text (ANALYSED_STEPS), each
    form's Jacobian norms within `seconds` of pairs (pair_count) or one start's T pairs.

    .. math::
        \\text{fixed}(H) + \\text{forms} \\min(\\tfrac{T (T+1)}{2} p, \\max(T p, \\text{seconds}))

    with p = pair_seconds: at least what pair_count's whole pairs cost, and growing with H."""
    T, p = ANALYSED_STEPS, pair_seconds(cell, H)
    pairs = min(T * (T + 1) / 2 * p, max(T * p, seconds))
    return analysis_fixed_seconds(cell, H) + forms_measured(cell) * pairs

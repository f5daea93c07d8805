"""Timings of the Experiments tab's two heavy parts, as the app computes them.

    python benchmarks/bench_experiments.py

1. The phase diagram at its default grid (4 activations × 16 ‖W_hh‖₂ × 3 seeds, at
   initialisation) on the default analysed text, from a cold cache: target ≤ 5 s.
2. A comparison of four default-size runs (300 steps, H = 64, B = 16, T = 25): the lecture's
   sigmoid RNN against tanh, ReLU and tanh with an orthogonal W_hh (the tab's default link),
   through a fresh shared run registry, two runs training at a time as on the classroom server:
   target ≤ 4 s.
Timings on a shared 2-core machine are noisy: each is the best of a few repeats, wall and CPU.
"""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_analysis import timed  # noqa: E402  (the same best-of-n timing)

from rnnlab import blas  # noqa: E402
from rnnlab import experiments as ex  # noqa: E402
from rnnlab.config import LabConfig  # noqa: E402
from rnnlab.corpus import load_corpus, passage  # noqa: E402
from rnnlab.experiments.compare import DEFAULT_LINK as DEFAULT_CMP  # noqa: E402
from rnnlab.runs import RunRegistry  # noqa: E402
from rnnlab.train import train  # noqa: E402


def phase(text) -> ex.PhaseResult:
    ids = text.vocab.encode(passage(text, 80))[:-1]
    return ex.phase_diagram(ids, len(text.vocab), ex.PhaseSpec())


def comparison(text) -> list:
    base = LabConfig()
    variants, _ = ex.parse_comparison(DEFAULT_CMP, base)
    reg = RunRegistry()
    runs = [reg.get(("bench", cfg, text.key), lambda on_step, cfg=cfg: train(cfg, text, on_step))
            for cfg in [base] + [v.config for v in variants]]
    for run in runs:
        while not run.done.wait(0.05):
            run.touch("bench")
    return runs


def main() -> None:
    blas.set_threads(1)
    print(f"python {platform.python_version()}, numpy {np.__version__}, "
          f"{os.cpu_count()} cores, BLAS threads {blas.threads()}")
    text = load_corpus("english")
    result, best, median, cpu = timed(lambda: phase(text), 3)
    print(f"phase diagram, {result.spec.size} networks (H = {result.spec.hidden}): "
          f"{best:.2f} s best, {median:.2f} s median, {cpu:.2f} s CPU (target 5 s)")
    runs, best, median, cpu = timed(lambda: comparison(text), 3)
    distinct = len({run.key for run in runs})
    print(f"comparison, {len(runs)} runs ({distinct} distinct trainings) of 300 steps: "
          f"{best:.2f} s best, {median:.2f} s median, {cpu:.2f} s CPU (target 4 s)")


if __name__ == "__main__":
    main()

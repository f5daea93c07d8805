"""What a lab page costs on this machine, and the cost model of rnnlab/cost.py fitted to it.

    python benchmarks/bench_limits.py                  # measure, fit, print every table
    python benchmarks/bench_limits.py --quick          # a smaller grid (about a third)
    python benchmarks/bench_limits.py --save m.json    # keep the measurements ...
    python benchmarks/bench_limits.py --load m.json    # ... and refit or reprint without them
    python benchmarks/bench_limits.py --full           # also train the costliest allowed runs
    python benchmarks/bench_limits.py --analysis-only --pages 8   # sections 4-6 only

Everything runs on one core (BLAS on one thread, as the app) and is CPU time by
time.process_time(), which the other work on a shared machine barely moves (it also counts the
helper thread BPTT hands large products to).

1. Steps: short runs of each cell over a grid of H, T, B on an upload-like text with the largest
   vocabulary (corpus.MAX_VOCAB distinct characters), on the English text and on the long-range
   task; a step is the CPU time between two on_step calls (the first step left out), the run's
   overhead what the total leaves. The matrix measurements (‖W_hh‖₂, ρ) are set aside while
   steps are timed (train.MAX_MATRIX_MEASUREMENTS = 1) and timed alone.
2. The fit: least squares of cost.step_terms on the relative error, no coefficient negative;
   printed as the constants of rnnlab/cost.py.
3. Corners: every cell at the corners of the lab's ranges, at the most steps the old multiply-add
   limit and the new seconds limit allow; measured (the timed step, overhead and measurements
   scaled to the run's steps: cost is linear in steps) against cost.run_seconds.
4. The analyses' costs on the longest analysed text (link.TEXT_MAX characters of the upload):
   a (t, k) pair of jacobian_norms (many start steps against one, per extra pair) and the rest
   of the page (contributions, shading, one-step norms or gate profile, from one start less its
   pairs) per cell and H; fitted as rnnlab/cost.py's PAIR_COSTS and ANALYSIS_COSTS.
5. The page's analyses at the longest text with the page's pair budget: CPU, wall and peak
   memory (tracemalloc), against cost.analysis_seconds.
6. Whole pages (--pages N): the N costliest allowed corners trained in full, then analysed.
"""

from __future__ import annotations

import argparse
import importlib
import itertools
import json
import platform
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rnnlab import analysis, blas, cost, gates  # noqa: E402
from rnnlab.cells import CELLS  # noqa: E402
from rnnlab.config import OF_FIELD, PAGE_SECONDS_LIMIT, SECONDS_LIMIT, LabConfig  # noqa: E402
from rnnlab.corpus import MAX_VOCAB, corpus_from_bytes, load_corpus, words  # noqa: E402
from rnnlab.link import TEXT_MAX as ANALYSIS_MAX  # noqa: E402
from rnnlab.model import init_params  # noqa: E402

trainer = importlib.import_module("rnnlab.train")  # the module (its function is trainer.train)

OLD_WORK_LIMIT, OLD_VOCAB = 4e10, 300  # the limit before issue #13: multiply-adds


def old_work(c: LabConfig) -> float:
    G = CELLS[c.cell].gates
    return float(c.steps) * c.seq_len * c.batch * c.hidden * (3 * G * c.hidden + 2 * OLD_VOCAB)


def upload_corpus(n_chars: int = 200_000, seed: int = 0):
    """An upload with the most distinct characters a vocabulary keeps (more, mapped to UNK)."""
    rng = np.random.default_rng(seed)
    chars = np.array([chr(0x4E00 + i) for i in range(MAX_VOCAB + 100)])
    text = "".join(rng.choice(chars, n_chars).tolist())
    corpus = corpus_from_bytes(text.encode(), min_chars=2)
    assert len(corpus.vocab) == MAX_VOCAB
    return corpus


def texts() -> dict[str, object]:
    return {"upload": upload_corpus(), "english": load_corpus("english"),
            "longrange": load_corpus("longrange", distance=10)}


# ---- 1. measuring ----

def time_steps(config: LabConfig, text, steps: int) -> tuple[float, float]:
    """(CPU s of one step, CPU s of the run's overhead) of `steps` steps without measurements."""
    stamps: list[float] = []
    old = trainer.MAX_MATRIX_MEASUREMENTS
    trainer.MAX_MATRIX_MEASUREMENTS = 1  # only at step 1, which the step's time leaves out
    try:
        start = time.process_time()
        trainer.train(config.replace(steps=steps), text, lambda _: stamps.append(
            time.process_time()))
        total = time.process_time() - start
    finally:
        trainer.MAX_MATRIX_MEASUREMENTS = old
    step = float(np.mean(np.diff(stamps)))
    return step, total - steps * step


def time_step_and_overhead(config: LabConfig, text, target_s: float) -> tuple[float, float, int]:
    """time_steps with as many steps as fill about `target_s` (6 to 400)."""
    pilot, _ = time_steps(config, text, 3)
    steps = int(np.clip(round(target_s / max(pilot, 1e-6)), 6, 400))
    step, overhead = time_steps(config, text, steps)
    return step, overhead, steps


def time_measurement(cell: str, H: int, target_s: float = 0.2) -> float:
    """CPU s of one ‖W_hh‖₂ (and ρ) as train takes them, on a W_hh of the cell's shape."""
    W = init_params(MAX_VOCAB, H, cell=cell, seed=1).W_hh  # (G·H, H)
    n, start = 0, time.process_time()
    while time.process_time() - start < target_s or n < 3:
        trainer._matrix_norms(W)
        n += 1
    return (time.process_time() - start) / n


def grid(quick: bool) -> list[tuple[str, str, int, int, int]]:
    """(cell, corpus, H, T, B) of every timed run."""
    Hs, Ts, Bs = ((4, 64, 256), (5, 200), (1, 64)) if quick else \
        ((4, 16, 64, 128, 256), (5, 40, 200), (1, 8, 64))
    points = []
    for cell in CELLS:
        points += [(cell, "upload", H, T, B) for H, T, B in itertools.product(Hs, Ts, Bs)]
        for name in ("english", "longrange"):
            points += [(cell, name, H, T, B)
                       for H, T, B in itertools.product((4, 64, 256), (5, 200), (1, 64))]
    return points


def measure(quick: bool, corpora: dict) -> dict:
    steps, measures = [], []
    for cell, name, H, T, B in grid(quick):
        cfg = LabConfig(corpus=name, cell=cell, hidden=H, seq_len=T, batch=B, activation="tanh")
        step, overhead, n = time_step_and_overhead(cfg, corpora[name], 0.3 if quick else 0.5)
        steps.append(dict(cell=cell, corpus=name, H=H, T=T, B=B, V=len(corpora[name].vocab),
                          step=step, overhead=overhead, steps=n))
        print(f"  {cell:4s} {name:9s} H={H:3d} T={T:3d} B={B:2d}: {step * 1e3:9.3f} ms a step"
              f" ({n} steps), overhead {overhead * 1e3:7.1f} ms", flush=True)
    for cell in CELLS:
        for H in (4, 16, 32, 64, 128, 192, 256):
            measures.append(dict(cell=cell, H=H, seconds=time_measurement(cell, H)))
    return {"steps": steps, "measures": measures}


# ---- 2. fitting ----

UNDER_WEIGHT = 4.0  # an under-prediction counts this many times an over-prediction: errs safe


def nonnegative_fit(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """min ‖X c − y‖ over c ≥ 0: least squares, then the most negative term dropped, until none."""
    keep = X.any(axis=0)  # a term that is 0 on every row has nothing to fit
    while True:
        c = np.zeros(X.shape[1])
        c[keep] = np.linalg.lstsq(X[:, keep], y, rcond=None)[0]
        if (c >= 0).all():
            return c
        keep[np.argmin(c)] = False


TERMS = tuple(f for f in cost.CellCost._fields if f != "measure")


def fit(data: dict) -> tuple[dict, cost.RunCost]:
    """The coefficients of cost.py from the measurements, each cell on its own; every timed step
    counts by its relative error, an under-prediction UNDER_WEIGHT times (reweighted until the
    fit settles)."""
    cell_costs = {}
    for cell in CELLS:
        rows = [r for r in data["steps"] if r["cell"] == cell]
        X = np.array([[cost.step_terms(cell, r["H"], r["T"], r["B"], r["V"])[t] for t in TERMS]
                      for r in rows])  # (n, terms)
        y = np.array([r["step"] for r in rows])  # (n,)
        scale = np.where(X.any(axis=0), X.max(axis=0), 1.0)  # columns of like size; then
        # each row divided by its time
        A = X / scale / y[:, None]  # (n, terms): relative to each measured time
        w = np.ones(len(y))
        for _ in range(30):
            c = nonnegative_fit(A * w[:, None], w)
            w = np.where(A @ c < 1, np.sqrt(UNDER_WEIGHT), 1.0)
        c /= scale

        m = [r for r in data["measures"] if r["cell"] == cell]
        H = np.array([r["H"] for r in m], dtype=float)
        s = np.array([r["seconds"] for r in m])
        M = np.stack([np.ones_like(H), H**2, H**3], axis=1)  # (n, 3)
        mscale = M.max(axis=0)
        meas = nonnegative_fit(M / mscale / s[:, None], np.ones(len(s))) / mscale
        cell_costs[cell] = cost.CellCost(*(float(v) for v in c),
                                         measure=tuple(float(v) for v in meas))

    # the run's overhead, less the one matrix measurement it holds (at step 1): a constant and
    # a term in P (initialisation, checkpoints); fitted on absolute seconds, it is small and noisy
    rows = data["steps"]
    P = np.array([cost.param_count(r["cell"], r["H"], r["V"]) for r in rows], dtype=float)
    o = np.array([r["overhead"] - measured_measure(cell_costs, r["cell"], r["H"])
                  for r in rows])
    run, per_param = nonnegative_fit(np.stack([np.ones_like(P), P], axis=1), o)
    return cell_costs, cost.RunCost(run=float(run), params=float(per_param))


def measured_measure(cell_costs: dict, cell: str, H: int) -> float:
    m0, m2, m3 = cell_costs[cell].measure
    return m0 + m2 * H**2 + m3 * H**3


def constants(cell_costs: dict, run: cost.RunCost) -> str:
    """The fitted coefficients as rnnlab/cost.py writes them."""
    g = "{:.3g}".format
    lines = ["CELL_COSTS: dict[str, CellCost] = {"]
    for cell, c in cell_costs.items():
        pad = " " * (15 + len(cell))
        terms = [f"{t}={g(getattr(c, t))}" for t in TERMS]
        lines.append(f'    "{cell}": CellCost({", ".join(terms[:4])},')
        lines += [f"{pad}{', '.join(terms[i:i + 3])}," for i in range(4, len(terms), 3)]
        lines.append(f"{pad}measure=({', '.join(g(v) for v in c.measure)})),")
    lines.append("}")
    lines.append(f"RUN_COST = RunCost(run={g(run.run)}, params={g(run.params)})")
    return "\n".join(lines)


def predicted_step(cell_costs: dict, r: dict) -> float:
    x = cost.step_terms(r["cell"], r["H"], r["T"], r["B"], r["V"])
    return sum(getattr(cell_costs[r["cell"]], t) * x[t] for t in TERMS)


def fit_report(data: dict, cell_costs: dict, label: str) -> None:
    errors = np.array([predicted_step(cell_costs, r) / r["step"] - 1 for r in data["steps"]])
    e = np.abs(errors)
    worst = data["steps"][int(np.argmax(e))]
    print(f"{label} against the {len(e)} timed steps: median |error| {np.median(e):.0%}, "
          f"90th percentile {np.quantile(e, 0.9):.0%}, worst {errors[np.argmax(e)]:+.0%} "
          f"({worst['cell']} H={worst['H']} T={worst['T']} B={worst['B']} V={worst['V']}); "
          f"{(errors < -0.2).sum()} under-predicted by more than 20%")
    errors = [(r, measured_measure(cell_costs, r["cell"], r["H"]) / r["seconds"] - 1)
              for r in data["measures"] if r["H"] >= 64]
    print("  one matrix measurement, predicted/measured − 1: "
          + ", ".join(f"{r['cell']} {r['H']}: {e:+.0%}" for r, e in errors))


# ---- 3. corners ----

def most_steps(config: LabConfig, allowed) -> int | None:
    """The most steps within the lab's range for which `allowed(config)` holds (None: none)."""
    lo, hi = int(OF_FIELD["steps"].lo), int(OF_FIELD["steps"].hi)
    if not allowed(config.replace(steps=lo)):
        return None
    while lo < hi:  # bisection: cost grows with steps
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if allowed(config.replace(steps=mid)) else (lo, mid - 1)
    return lo


def corners() -> list[LabConfig]:
    """Every cell at every corner of the ranges of H, T and B, on an upload."""
    def ends(field):
        return int(OF_FIELD[field].lo), int(OF_FIELD[field].hi)
    return [LabConfig(corpus="upload", cell=cell, hidden=H, seq_len=T, batch=B,
                      activation="tanh")
            for cell in CELLS for H in ends("hidden") for T in ends("seq_len")
            for B in ends("batch")]


def corner_table(corpora: dict, full: bool) -> None:
    print(f"\n3. corners, the most steps each limit allows (upload, V = {MAX_VOCAB}); measured = "
          "timed step × steps + overhead + measurements")
    print(f"{'cell':4s} {'H':>3s} {'T':>3s} {'B':>2s} | {'old: steps':>10s} {'measured':>9s} | "
          f"{'new: steps':>10s} {'measured':>9s} {'predicted':>9s} {'error':>6s}")
    worst_old = worst_new = (0.0, None)
    text = corpora["upload"]
    for c in corners():
        old = most_steps(c, lambda x: old_work(x) <= OLD_WORK_LIMIT)
        new = most_steps(c, lambda x: not x.problems())
        if old is None and new is None:
            continue
        step, overhead, _ = time_step_and_overhead(c, text, 0.4)
        meas = time_measurement(c.cell, c.hidden, 0.05)

        def measured(steps, overhead=overhead, step=step, meas=meas):
            return overhead + steps * step + min(steps, trainer.MAX_MATRIX_MEASUREMENTS) * meas
        o = measured(old) if old else None
        n = measured(new) if new else None
        p = cost.run_seconds(c.replace(steps=new)) if new else None
        if o is not None and o > worst_old[0]:
            worst_old = (o, c.replace(steps=old))
        if n is not None and n > worst_new[0]:
            worst_new = (n, c.replace(steps=new))
        print(f"{c.cell:4s} {c.hidden:3d} {c.seq_len:3d} {c.batch:2d} | "
              f"{old or '—':>10} {f'{o:.2f} s' if o else '—':>9s} | {new or '—':>10} "
              f"{f'{n:.2f} s' if n else '—':>9s} {f'{p:.2f} s' if p else '—':>9s} "
              f"{f'{p / n - 1:+.0%}' if n else '':>6s}", flush=True)
    for label, (seconds, c) in (("old", worst_old), ("new", worst_new)):
        print(f"costliest allowed run, {label} limit: {seconds:.1f} s CPU, {describe(c)}")
    if full:
        for label, (_, c) in (("old", worst_old), ("new", worst_new)):
            start = time.process_time()
            trainer.train(c, text)
            print(f"  trained in full ({label}): {time.process_time() - start:.1f} s CPU "
                  f"(predicted {cost.run_seconds(c):.1f} s)", flush=True)


def describe(c: LabConfig) -> str:
    return f"{c.cell} H={c.hidden} T={c.seq_len} B={c.batch} steps={c.steps}"


# ---- 4. the analyses ----

FIT_HIDDEN = (4, 8, 16, 24, 32, 48, 64, 96, 128, 192, 256)  # H of the analysis cost's fit


def analysed_text(upload) -> tuple[str, object]:
    """The longest text the page analyses (link.TEXT_MAX characters), from an upload with the
    largest vocabulary: the contributions cost T² H (H + V)."""
    return upload.text[:ANALYSIS_MAX], upload.vocab


def page_analyses(params, text: str, vocab, form: str = "correct", ks=None) -> int:
    """The analyses one page computes for a run on the analysed `text` (ui/distant.py,
    ui/jacobian.py, ui/gated.py): the distant contributions and their summaries, the shading at
    the last step, then the Jacobian norms with the one-step norms (the RNN: with the note's
    form, the correct form's as well) or with the gate profile. `ks`: the start steps (default:
    the page's pair budget). Returns the (t, k) pairs measured."""
    ids = vocab.encode(text)
    x, y = ids[:-1], ids[1:]
    act = "tanh" if params.cell == "rnn" else "sigmoid"  # a gated cell has no activation setting
    pairs = analysis.distant_contributions(params, x, y, activation=act)
    analysis.summarize(pairs, list(analysis.QUANTITIES))
    analysis.horizon(pairs)
    analysis.share_beyond(pairs)
    analysis.word_contributions(params, x, y, len(x), words(text[:-1]), activation=act,
                                text=text[:-1])
    if ks is None:
        ks = analysis.starts_within(len(x), analysis.pair_budget(params, len(x)))
    if params.cell != "rnn":
        norms = analysis.jacobian_norms(params, x, ks=ks)
        analysis.summarize(norms, [q for q in ("measured", "stepwise_bound", "measured_c")
                                   if q in norms])
        gates.gate_profile(params, x, norms)
        return len(norms)
    measured = 0
    for f in dict.fromkeys((form, "correct")):
        norms = analysis.jacobian_norms(params, x, activation=act, form=f, ks=ks)
        one_step = analysis.one_step_norms(params, x, activation=act)
        analysis.summarize(norms)
        analysis.regime(params, act, norms)
        measured += len(norms)
    analysis.bound_gaps(norms, one_step)
    return measured


def cpu_seconds(work, at_least: float = 0.3) -> float:
    """The least CPU time of `work()` over repeats filling `at_least` seconds (once if longer)."""
    best, spent = np.inf, 0.0
    while spent < at_least or best == np.inf:
        start = time.process_time()
        work()
        took = time.process_time() - start
        best, spent = min(best, took), spent + took
    return best


def measure_analyses(upload) -> list[dict]:
    """Per cell and H on the longest text: a (t, k) pair's CPU time (jacobian_norms over many
    start steps against one start, per extra pair), and the page's fixed part (page_analyses
    from one start, less its pairs), with the note's form for the RNN: its page measures both."""
    text, vocab = analysed_text(upload)
    x = vocab.encode(text)[:-1]
    T = len(x)
    rows = []
    for cell in CELLS:
        kw = {"activation": "tanh"} if cell == "rnn" else {}
        for H in FIT_HIDDEN:
            p = init_params(len(vocab), H, cell=cell, init="orthogonal", seed=0)
            S = cost.state_size(cell, H)
            n = T if S <= 128 else max(6, round(T * (128 / S) ** 2))  # a few seconds each
            ks = np.unique(np.linspace(0, T - 1, n).round().astype(np.int64))
            many = cpu_seconds(lambda p=p, ks=ks, kw=kw: analysis.jacobian_norms(p, x, ks=ks,
                                                                                **kw))
            one = cpu_seconds(lambda p=p, kw=kw: analysis.jacobian_norms(p, x, ks=[0], **kw))
            pair = (many - one) / (int(np.sum(T - ks)) - T)
            page = cpu_seconds(lambda p=p: page_analyses(p, text, vocab, "lecture", ks=[0]))
            fixed = page - cost.forms_measured(cell) * T * pair
            rows.append(dict(cell=cell, H=H, S=S, T=T, pair=pair, one_start=page))
            print(f"  {cell:4s} H={H:3d} S={S:3d}: a pair {pair * 1e3:7.3f} ms "
                  f"(predicted {cost.pair_seconds(cell, H) * 1e3:7.3f}), the rest of the page "
                  f"{fixed:6.3f} s (predicted {cost.analysis_fixed_seconds(cell, H):6.3f})",
                  flush=True)
    return rows


def weighted_fit(M: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Nonnegative least squares of M c ≈ y on the relative error, an under-prediction counting
    UNDER_WEIGHT times (reweighted until it settles)."""
    scale = M.max(axis=0)
    A = M / scale / y[:, None]
    w = np.ones(len(y))
    for _ in range(30):
        c = nonnegative_fit(A * w[:, None], w)
        w = np.where(A @ c < 1, np.sqrt(UNDER_WEIGHT), 1.0)
    return c / scale


def fit_analyses(rows: list[dict]) -> tuple[dict, dict]:
    """cost.PAIR_COSTS (c_0 + c_2 S² + c_3 S³ a pair, below and from cost.LANCZOS_FROM) and
    cost.ANALYSIS_COSTS (f_0 + f_1 H + f_2 H² + f_3 H³) from measure_analyses' rows: the pairs
    first, then the rest as the page from one start less that start's pairs at the fitted cost
    (the two measured parts of it are each noisier than their sum)."""
    pairs, fixed = {}, {}
    for cell in CELLS:
        mine = [r for r in rows if r["cell"] == cell]
        parts = []
        for large in (False, True):
            part = [r for r in mine if (r["S"] >= cost.LANCZOS_FROM) == large]
            S = np.array([r["S"] for r in part], dtype=float)
            parts.append(tuple(float(v) for v in weighted_fit(
                np.stack([np.ones_like(S), S**2, S**3], axis=1),
                np.array([max(r["pair"], 1e-7) for r in part]))))
        pairs[cell] = cost.PairCost(*parts)
        H = np.array([r["H"] for r in mine], dtype=float)
        rest = [r["one_start"] - cost.forms_measured(cell) * r["T"] * pair_cost(
            pairs[cell], r["S"]) for r in mine]
        fixed[cell] = tuple(float(v) for v in weighted_fit(
            np.stack([np.ones_like(H), H, H**2, H**3], axis=1),
            np.array([max(v, 1e-4) for v in rest])))
    return pairs, fixed


def pair_cost(c: cost.PairCost, S: int) -> float:
    c0, c2, c3 = c.large if S >= cost.LANCZOS_FROM else c.small
    return c0 + c2 * S**2 + c3 * S**3


def analysis_constants(pairs: dict, fixed: dict) -> str:
    g = "{:.3g}".format
    lines = ["PAIR_COSTS: dict[str, PairCost] = {"]
    lines += [f'    "{cell}": PairCost(small=({", ".join(g(v) for v in c.small)}),\n'
              f'{" " * (16 + len(cell))}large=({", ".join(g(v) for v in c.large)})),'
              for cell, c in pairs.items()]
    lines += ["}", "ANALYSIS_COSTS: dict[str, tuple[float, float, float, float]] = {"]
    lines += [f'    "{cell}": ({", ".join(g(v) for v in c)}),' for cell, c in fixed.items()]
    return "\n".join(lines + ["}"])


def analysis_table(upload, Hs=(4, 64, 128, 256)) -> None:
    """The page's analyses at the longest text with the page's pair budget, measured."""
    text, vocab = analysed_text(upload)
    T = len(text) - 1
    print(f"\n5. the page's analyses on {len(text)} characters (V = {len(vocab)}): contributions, "
          "shading, Jacobian norms with the one-step norms or the gate profile; the RNN's with "
          "the note's form (two forms measured)")
    print(f"{'cell':4s} {'H':>3s} {'pairs':>11s} {'CPU':>7s} {'wall':>7s} {'peak':>8s} "
          f"{'predicted':>9s}")
    for cell in CELLS:
        for H in Hs:
            p = init_params(len(vocab), H, cell=cell, init="orthogonal", seed=0)
            cpu, wall = time.process_time(), time.perf_counter()
            pairs = page_analyses(p, text, vocab, "lecture")
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            tracemalloc.start()
            page_analyses(p, text, vocab, "lecture")
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            every = cost.forms_measured(cell) * T * (T + 1) // 2
            print(f"{cell:4s} {H:3d} {f'{pairs}/{every}':>11s} {cpu:6.2f}s {wall:6.2f}s "
                  f"{peak / 2**20:5.0f} MiB {cost.analysis_seconds(cell, H):8.2f}s", flush=True)


# ---- 6. whole pages ----

def page_table(corpora: dict, n: int) -> None:
    """The n costliest allowed pages (every cell at the corners of H, T and B, at the most steps
    the limits allow, on an upload), trained in full and analysed on the longest text."""
    text, vocab = analysed_text(corpora["upload"])
    pages = [c.replace(steps=s) for c in corners()
             if (s := most_steps(c, lambda x: not x.problems())) is not None]
    pages = sorted(pages, key=LabConfig.page_seconds, reverse=True)[:n]
    print(f"\n6. the {len(pages)} costliest allowed pages, measured end to end (training, then "
          f"the analyses of {len(text)} characters); page limit {PAGE_SECONDS_LIMIT:g} s")
    print(f"{'run':40s} | {'training':>8s} {'analyses':>8s} {'page':>7s} | {'predicted':>9s}")
    for c in pages:
        start = time.process_time()
        result = trainer.train(c, corpora["upload"])
        trained = time.process_time() - start
        start = time.process_time()
        page_analyses(result.params, text, vocab, "lecture")
        analysed = time.process_time() - start
        print(f"{describe(c):40s} | {trained:7.2f}s {analysed:7.2f}s {trained + analysed:6.2f}s "
              f"| {c.page_seconds():8.2f}s ({c.seconds():.2f} + "
              f"{c.page_seconds() - c.seconds():.2f})", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--save")
    ap.add_argument("--load", nargs="+", help="measurements saved by --save, fitted together")
    ap.add_argument("--full", action="store_true")
    ap.add_argument("--no-analysis", action="store_true")
    ap.add_argument("--analysis-only", action="store_true", help="sections 4 to 6 only")
    ap.add_argument("--save-analyses", help="keep section 4's measurements ...")
    ap.add_argument("--load-analyses", nargs="+", help="... and fit them (sessions together)")
    ap.add_argument("--pages", type=int, default=6, metavar="N",
                    help="train and analyse the N costliest allowed pages (0: none)")
    args = ap.parse_args()
    blas.set_threads(1)
    cpu = platform.processor() or platform.machine()
    print(f"numpy {np.__version__}, BLAS threads {blas.threads()}, {cpu}, "
          f"Python {platform.python_version()}; limits {SECONDS_LIMIT} s (training), "
          f"{PAGE_SECONDS_LIMIT} s (a page)")
    corpora = texts()
    trainer.train(LabConfig(steps=30), corpora["english"])  # warm up
    if not args.analysis_only:
        training_sections(args, corpora)
    if not args.no_analysis:
        print("\n4. the analyses' costs on the longest text")
        if args.load_analyses:
            rows = [r for f in args.load_analyses for r in json.loads(Path(f).read_text())]
        else:
            rows = measure_analyses(corpora["upload"])
            if args.save_analyses:
                Path(args.save_analyses).write_text(json.dumps(rows, indent=1))
        pairs, fixed = fit_analyses(rows)
        print("the fit (paste into rnnlab/cost.py when the analyses changed):")
        print(analysis_constants(pairs, fixed))
        analysis_table(corpora["upload"])
    if args.pages:
        page_table(corpora, args.pages)


def training_sections(args, corpora: dict) -> None:
    """Sections 1 to 3: the training steps measured (or loaded), fitted, and the corners."""
    if args.load:
        parts = [json.loads(Path(f).read_text()) for f in args.load]
        data = {k: [row for part in parts for row in part[k]] for k in ("steps", "measures")}
    else:
        print("\n1. steps")
        data = measure(args.quick, corpora)
        if args.save:
            Path(args.save).write_text(json.dumps(data, indent=1))
    print("\n2. the fit (paste into rnnlab/cost.py when the engine changed):")
    cell_costs, run = fit(data)
    print(constants(cell_costs, run))
    fit_report(data, cell_costs, "the fit")
    fit_report(data, cost.CELL_COSTS, "rnnlab/cost.py")
    corner_table(corpora, args.full)


if __name__ == "__main__":
    main()

"""Training speed of rnnlab's engine against min-char-rnn and PyTorch, measured in the same run.

    python benchmarks/bench_engine.py              # about 30 s
    python benchmarks/bench_engine.py --rounds 40  # more repeats on a busy machine

What one "character per second" counts
--------------------------------------
A training step reads a window of B streams x T characters and learns from it. For rnnlab it is
the step loop of `rnnlab.train.train`, call for call: the window's ids (`windows`), forward and
backward pass with exact BPTT (`rnn_kernel`), the gradient's norm, clipping
(`clip_gradient`) and the optimizer update (`apply_update`). Left out is the trainer's
bookkeeping (history row, callback, divergence check, checkpoints and its at most 150 SVDs of
W_hh), which the whole-run wall time of section 3 includes. Characters per second = B * T /
(wall seconds per step); V is the english corpus's vocabulary. Contenders are timed in
interleaved rounds, so that they share the load of this shared machine, and each keeps its best
round (the median is printed as well).

1. (H=100, T=25, B=1): min-char-rnn's configuration: tanh, Adagrad lr 0.1, every gradient element
   clipped to [-5, 5], float64. Baseline: min-char-rnn ported straight (minchar_baseline.py):
   one-hot vectors, a np.dot per matrix and a softmax per time step. Target: ours >= 100K chars/s.
2. (H=128, T=50, B=32): tanh, Adam lr 2e-3, gradient norm clipped at 5. Ours with float32 maths
   in the forward and backward pass (weights, gradients and Adam stay float64). Baseline:
   torch.nn.RNN(V, H, tanh, batch_first) + nn.Linear(H, V) in float32 on torch's default
   threads, fed one-hot float32 inputs; cross-entropy, backward, clip_grad_norm_, Adam; the
   hidden state is carried between windows as ours is. Target: ours >= 1.8 x torch. Ours in
   float64 is shown too. Skipped when torch cannot be imported (it is no dependency of rnnlab).
   torch's two threads suffer most when other processes load the machine: the ratio is the
   hardest to meet, and the most telling, when the load average printed is low.
3. The default LabConfig's whole training run on english (`rnnlab.train.train`): target <= 3 s.

numpy's BLAS is limited to one thread, as the app does (rnnlab/blas.py).
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from minchar_baseline import MinCharRNN  # noqa: E402

from rnnlab import blas  # noqa: E402
from rnnlab.config import LabConfig  # noqa: E402
from rnnlab.corpus import load_corpus  # noqa: E402
from rnnlab.model import init_params, rnn_kernel  # noqa: E402
from rnnlab.train import FlatParams, apply_update, clip_gradient, optimizer_state, train, windows  # noqa: E402

MINCHAR = LabConfig(activation="tanh", hidden=100, seq_len=25, batch=1, optimizer="adagrad",
                    lr=0.1, clip="value", clip_at=5.0)
BATCHED = LabConfig(activation="tanh", hidden=128, seq_len=50, batch=32, optimizer="adam",
                    lr=2e-3, clip="norm", clip_at=5.0)
MINCHAR_TARGET = 100_000  # characters/s
TORCH_TARGET = 1.8  # times torch
DEFAULT_RUN_TARGET = 3.0  # seconds

Run = Callable[[int], float]  # run(n) takes n training steps and returns the last loss


def ours(config: LabConfig, corpus, dtype=np.float64) -> Run:
    """rnnlab's training steps for `config`, set up as rnnlab.train.train sets them up."""
    c = config
    ids = np.asarray(corpus.ids, dtype=np.intp)
    init = init_params(len(corpus.vocab), c.hidden, init=c.init, spectral_norm=c.rho, seed=c.seed)
    flat, grad = FlatParams.like(init, init), FlatParams.like(init)
    m, v = optimizer_state(c.optimizer, flat.theta.size)
    stream = windows(ids, c.batch, c.seq_len)
    work: dict = {}
    state = {"h": np.zeros((c.batch, c.hidden)), "step": 0}

    def run(n: int) -> float:
        h, step, loss = state["h"], state["step"], np.nan
        for _ in range(n):
            inputs, targets, fresh = next(stream)
            if fresh:
                h = np.zeros((c.batch, c.hidden))
            with np.errstate(all="ignore"):
                loss, _, h = rnn_kernel(flat.params, inputs, targets, h, c.activation,
                                             out=grad.params, dtype=dtype, work=work)
                g = grad.theta
                norm = math.sqrt(g.dot(g))
            clip_gradient(g, norm, c.clip, c.clip_at)
            step += 1
            apply_update(flat.theta, g, m, v, step, c.optimizer, c.lr)
        state["h"], state["step"] = h, step
        return loss

    return run


def minchar(config: LabConfig, corpus) -> Run:
    """min-char-rnn's training steps, reading the text as its main loop does."""
    ids = np.asarray(corpus.ids)
    model = MinCharRNN(len(corpus.vocab), config.hidden, config.lr, seed=config.seed)
    T, H = config.seq_len, config.hidden
    state = {"p": 0, "h": np.zeros((H, 1))}

    def run(n: int) -> float:
        p, h, loss = state["p"], state["h"], np.nan
        for _ in range(n):
            if p + T + 1 >= len(ids):
                p, h = 0, np.zeros((H, 1))
            inputs, targets = ids[p:p + T].tolist(), ids[p + 1:p + T + 1].tolist()
            loss, h = model.step(inputs, targets, h)
            p += T
        state["p"], state["h"] = p, h
        return loss / T  # min-char-rnn sums the loss over the window

    return run


def pytorch(config: LabConfig, corpus) -> Run:
    """torch.nn.RNN + nn.Linear training steps on the same windows as ours."""
    import torch
    from torch import nn

    c = config
    V = len(corpus.vocab)
    torch.manual_seed(c.seed)
    rnn = nn.RNN(V, c.hidden, nonlinearity=c.activation, batch_first=True)
    head = nn.Linear(c.hidden, V)
    params = [*rnn.parameters(), *head.parameters()]
    optimizer = torch.optim.Adam(params, lr=c.lr)
    one_hot = torch.eye(V)  # (V, V): row x is x's one-hot float32 vector
    stream = windows(np.asarray(corpus.ids, dtype=np.int64), c.batch, c.seq_len)
    state = {"h": torch.zeros(1, c.batch, c.hidden)}

    def run(n: int) -> float:
        h, loss = state["h"], torch.tensor(np.nan)
        for _ in range(n):
            inputs, targets, fresh = next(stream)
            if fresh:
                h = torch.zeros(1, c.batch, c.hidden)
            out, h = rnn(one_hot[torch.from_numpy(inputs)], h)  # (B, T, H)
            logits = head(out)  # (B, T, V)
            loss = nn.functional.cross_entropy(logits.reshape(-1, V),
                                               torch.from_numpy(targets).reshape(-1))
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(params, c.clip_at)
            optimizer.step()
            h = h.detach()
        state["h"] = h
        return loss.item()

    return run


def race(contenders: dict[str, Run], chars_per_step: int, rounds: int, seconds: float,
         budget: float) -> tuple[dict[str, tuple[float, float]], int]:
    """(best, median) characters/s of each contender over interleaved rounds of ~`seconds`, and
    the number of rounds run.

    A round takes steps in small chunks until its time is up, and no round starts after
    `budget` seconds, so that a contender slowed down by load cannot stretch the run.
    """
    chunk = {}
    for name, run in contenders.items():  # warm up, then size a chunk at a tenth of a round
        run(2)
        start = time.perf_counter()
        run(3)
        chunk[name] = max(1, round(seconds / 10 / ((time.perf_counter() - start) / 3)))
    rates: dict[str, list[float]] = {name: [] for name in contenders}
    deadline = time.perf_counter() + budget
    for i in range(rounds):
        if i and time.perf_counter() > deadline:
            break
        for name, run in contenders.items():
            steps, start = 0, time.perf_counter()
            while (elapsed := time.perf_counter() - start) < seconds:
                run(chunk[name])
                steps += chunk[name]
            rates[name].append(steps * chars_per_step / elapsed)
    done = min(len(r) for r in rates.values())
    return {name: (max(r), statistics.median(r)) for name, r in rates.items()}, done


def _result(name: str, ours_rate: tuple[float, float], base_name: str,
            base_rate: tuple[float, float] | None, target: str, passed: bool | None
            ) -> tuple[str, ...]:
    """One table row; a missing baseline (torch not importable) leaves its cells empty."""
    def rate(r: tuple[float, float]) -> str:
        return f"{r[0]:,.0f} ({r[1]:,.0f})"

    if base_rate is None:
        return (name, rate(ours_rate), base_name, "-", "-", target, "SKIP")
    verdict = "" if passed is None else "PASS" if passed else "MISS"
    return (name, rate(ours_rate), base_name, rate(base_rate),
            f"{ours_rate[0] / base_rate[0]:.2f}x", target, verdict)


def machine() -> list[str]:
    """What this run ran on: CPU, load, numpy and its BLAS, and the BLAS threads in force."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    lines = [f"cpu: {cpu}, {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f}",
             f"python {platform.python_version()}, numpy {np.__version__}"]
    try:
        from threadpoolctl import threadpool_info

        for lib in threadpool_info():
            if lib.get("user_api") == "blas":
                lines.append(f"numpy BLAS: {lib['internal_api']} {lib['version']} "
                             f"({lib.get('architecture')}), {lib['num_threads']} thread(s), "
                             f"{Path(lib['filepath']).name}")
    except ImportError:
        np.show_config()
    lines.append(f"rnnlab.blas.threads() = {blas.threads()}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=20, help="interleaved rounds per race")
    parser.add_argument("--seconds", type=float, default=0.15, help="one contender's round")
    parser.add_argument("--budget", type=float, default=30.0,
                        help="no new round of a race starts after this many seconds")
    args = parser.parse_args()

    blas.set_threads(1)
    print(__doc__.split("\n")[0])
    for line in machine():
        print("  " + line)
    corpus = load_corpus("english")
    V = len(corpus.vocab)
    print(f"  english corpus: {len(corpus.ids):,} characters, V = {V}")
    print(f"  each figure: best of {args.rounds} interleaved rounds of ~{args.seconds:g} s "
          f"(wall clock; fewer if a race passes {args.budget:g} s); median in brackets\n")

    rows = []
    c = MINCHAR
    r, rounds_b1 = race({"ours": ours(c, corpus), "min-char-rnn": minchar(c, corpus)},
                        c.batch * c.seq_len, args.rounds, args.seconds, args.budget)
    rows.append(_result("H=100 T=25 B=1, float64, Adagrad", r["ours"], "min-char-rnn port",
                        r["min-char-rnn"], f">= {MINCHAR_TARGET / 1000:.0f}K chars/s",
                        r["ours"][0] >= MINCHAR_TARGET))

    c = BATCHED
    contenders = {"ours32": ours(c, corpus, np.float32), "ours64": ours(c, corpus)}
    try:
        import torch

        contenders["torch"] = pytorch(c, corpus)
        torch_note = (f"torch {torch.__version__}, {torch.get_num_threads()} threads, float32, "
                      "one-hot inputs")
    except ImportError:
        torch_note = "torch is not importable: its comparison is skipped"
    r, rounds_b32 = race(contenders, c.batch * c.seq_len, args.rounds, args.seconds, args.budget)
    torch_rate = r.get("torch")
    rows.append(_result("H=128 T=50 B=32, float32 maths, Adam", r["ours32"], "torch.nn.RNN",
                        torch_rate, f">= {TORCH_TARGET:g}x torch",
                        torch_rate and r["ours32"][0] >= TORCH_TARGET * torch_rate[0]))
    rows.append(_result("H=128 T=50 B=32, float64, Adam", r["ours64"], "torch.nn.RNN",
                        torch_rate, "(information)", None))

    widths = (36, 20, 18, 20, 10, 17, 4)
    for cells in [("configuration", "ours chars/s", "baseline", "baseline chars/s", "ours/base",
                   "target", ""), *rows]:
        print(" ".join(c.ljust(w) if i in (0, 2, 5) else c.rjust(w)
                       for i, (c, w) in enumerate(zip(cells, widths, strict=True))).rstrip())
    print(f"  torch: {torch_note}")
    print(f"  rounds run: {rounds_b1} (B=1), {rounds_b32} (B=32)")

    walls = []
    for _ in range(3):
        start = time.perf_counter()
        result = train(LabConfig(), corpus)
        walls.append(time.perf_counter() - start)
    d = LabConfig()
    verdict = "PASS" if min(walls) <= DEFAULT_RUN_TARGET else "MISS"
    print(f"\ndefault configuration's whole run (H={d.hidden} T={d.seq_len} B={d.batch}, "
          f"{d.steps} steps, {d.activation}, {d.optimizer}), rnnlab.train.train on english: "
          f"best {min(walls):.2f} s of {', '.join(f'{w:.2f}' for w in walls)}; "
          f"target <= {DEFAULT_RUN_TARGET:g} s: {verdict}; "
          f"loss {result.history.loss.iloc[0]:.2f} -> {result.history.loss.iloc[-1]:.2f}")
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()

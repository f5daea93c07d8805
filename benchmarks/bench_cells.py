"""Training speed of the gated cells (GRU, LSTM) and the lecture's RNN, against PyTorch, in one run.

    python benchmarks/bench_cells.py              # about 10 s
    python benchmarks/bench_cells.py --rounds 40  # more repeats on a busy machine

One "character per second" counts B * T characters over the wall time of one call of
`rnnlab.model.batch_loss_and_grads` (forward pass, softmax head and loss, exact BPTT), at H=128,
T=50, B=32, V=65, with float32 maths (dtype=np.float32; the weights stay float64 and the
gradients land in a float64 buffer, as the trainer keeps them) and the state carried from one
window to the next. The RNN (tanh) runs at the same size for reference. Baseline, when torch is
importable: torch.nn.GRU / nn.LSTM / nn.RNN + nn.Linear in float32 on one thread, fed one-hot
inputs, cross-entropy, forward and backward (no optimizer step on either side). Contenders are
timed in interleaved rounds, so that they share the load of the machine; each keeps its best and
its median round, and its best per second of CPU time, which a busy machine disturbs least.
numpy's BLAS is limited to one thread, as the app does (rnnlab/blas.py).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_engine import machine  # noqa: E402

from rnnlab import blas  # noqa: E402
from rnnlab.cells import CELLS  # noqa: E402
from rnnlab.model import batch_loss_and_grads, init_params  # noqa: E402

H, T, B, V = 128, 50, 32, 65
TORCH_GRU = 110_000  # chars/s of torch.nn.GRU on one thread here, when torch was importable

Step = Callable[[], None]  # one forward and backward pass over a fresh window


def _windows(seed: int):
    """Endless (inputs, targets), each (B, T) ids in 0..V-1."""
    rng = np.random.default_rng(seed)
    while True:
        ids = rng.integers(0, V, (B, T + 1))
        yield ids[:, :-1], ids[:, 1:]


def ours(cell: str) -> Step:
    """batch_loss_and_grads of `cell` as the trainer calls it, with float32 maths."""
    params = init_params(V, H, cell=cell, init="orthogonal", seed=0)
    grads = params.with_arrays([np.zeros_like(a) for a in params.arrays()])
    stream = _windows(1)
    state = {"s": np.zeros((B, CELLS[cell].state_size(H)))}  # (B, S)
    work: dict = {}

    def step() -> None:
        inputs, targets = next(stream)
        with np.errstate(all="ignore"):
            _, _, state["s"] = batch_loss_and_grads(params, inputs, targets, state["s"], "tanh",
                                                    out=grads, dtype=np.float32, work=work)

    return step


def pytorch(cell: str) -> Step:
    """torch.nn.{GRU, LSTM, RNN} + nn.Linear, forward and backward, float32, one thread."""
    import torch
    from torch import nn

    torch.manual_seed(0)
    rnn = {"gru": nn.GRU, "lstm": nn.LSTM, "rnn": nn.RNN}[cell](V, H, batch_first=True)
    head = nn.Linear(H, V)
    params = [*rnn.parameters(), *head.parameters()]
    one_hot = torch.eye(V)  # (V, V): row x is x's one-hot float32 vector
    stream = _windows(1)
    zeros = torch.zeros(1, B, H)
    state = {"h": (zeros, zeros) if cell == "lstm" else zeros}

    def step() -> None:
        inputs, targets = next(stream)
        out, h = rnn(one_hot[torch.from_numpy(inputs)], state["h"])  # (B, T, H)
        loss = nn.functional.cross_entropy(head(out).reshape(-1, V),
                                           torch.from_numpy(targets).reshape(-1))
        for p in params:
            p.grad = None
        loss.backward()
        state["h"] = tuple(a.detach() for a in h) if cell == "lstm" else h.detach()

    return step


def race(contenders: dict[str, Step], rounds: int, calls: int
         ) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """chars/s of each contender in each of `rounds` interleaved rounds of `calls` calls: per
    wall second, and per second of this process's CPU time (what load on a shared machine
    leaves most alone)."""
    for step in contenders.values():  # warm up: first-touch pages, BLAS buffers, caches
        for _ in range(3):
            step()
    wall: dict[str, list[float]] = {name: [] for name in contenders}
    cpu: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, step in contenders.items():
            start, start_cpu = time.perf_counter(), time.process_time()
            for _ in range(calls):
                step()
            cpu[name].append(calls * B * T / max(time.process_time() - start_cpu, 1e-9))
            wall[name].append(calls * B * T / (time.perf_counter() - start))
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=15, help="interleaved rounds")
    parser.add_argument("--calls", type=int, default=5, help="calls timed together in a round")
    args = parser.parse_args()

    blas.set_threads(1)
    print(__doc__.split("\n")[0])
    for line in machine():
        print("  " + line)
    print(f"  H={H} T={T} B={B} V={V}, float32 maths; best and median of {args.rounds} "
          f"interleaved rounds of {args.calls} calls, after 3 warm-up calls\n")

    cells = [c for c in ("gru", "lstm", "rnn") if c in CELLS]
    contenders = {c: ours(c) for c in cells}
    try:
        import torch

        torch.set_num_threads(1)
        for c in cells:
            contenders["torch " + c] = pytorch(c)
        torch_note = f"torch {torch.__version__}, {torch.get_num_threads()} thread, float32"
    except ImportError:
        torch_note = (f"torch is not importable: its comparison is skipped (nn.GRU did about "
                      f"{TORCH_GRU / 1000:.0f}K chars/s on one thread here)")
    rates, cpu = race(contenders, args.rounds, args.calls)

    widths = (12, 12, 12, 10, 12, 14, 10)
    header = ("cell", "best", "median", "ms/call", "cpu best", "torch best", "ours/torch")
    print(" ".join(h.ljust(w) if i == 0 else h.rjust(w)
                   for i, (h, w) in enumerate(zip(header, widths, strict=True))))
    for c in cells:
        r = rates[c]
        base = rates.get("torch " + c)
        row = ("rnn (tanh)" if c == "rnn" else c, f"{max(r):,.0f}", f"{statistics.median(r):,.0f}",
               f"{B * T / max(r) * 1e3:.2f}", f"{max(cpu[c]):,.0f}",
               f"{max(base):,.0f}" if base else "-",
               f"{max(r) / max(base):.2f}x" if base else "-")
        print(" ".join(s.ljust(w) if i == 0 else s.rjust(w)
                       for i, (s, w) in enumerate(zip(row, widths, strict=True))))
    for c in ("gru", "lstm"):
        if c not in CELLS:
            print(f"  {c}: rnnlab.cells.CELLS has no {c!r} yet: skipped")
    print("  chars/s = B*T / wall time of one batch_loss_and_grads call (cpu best: per CPU "
          f"second of this process); {torch_note}")


if __name__ == "__main__":
    main()

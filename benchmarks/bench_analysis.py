"""Timings of the gradient-flow analysis, against the naive way, in the same run.

    python benchmarks/bench_analysis.py                 # T=100, H=128; naive on every 5th k
    python benchmarks/bench_analysis.py --naive-every 1 # naive on all 5,050 pairs
    python benchmarks/bench_analysis.py --large         # also T=200, H=256 (the app's largest)

rnnlab builds every product ∂h_t/∂h_k incrementally (one wide product per t) and takes the
largest eigenvalue of each scaled Gram matrix by Lanczos, proven by a Cholesky factorisation
(LAPACK's eigvalsh where the proof fails): see rnnlab/jacobians.py. The run with the eigenvalue
step left out shows the floor under any exact method that forms every product.

The naive way builds each ∂h_t/∂h_k by multiplying the step Jacobians, incrementally over t, and
takes one SVD per pair (np.linalg.norm(P, 2)): once under the BLAS threading numpy starts with (what
a user gets), once with BLAS on one thread (small SVDs run much faster so on a busy machine). It
runs on every n-th start step k and is scaled up by the share of pairs covered.
Timings on a shared 2-core machine are noisy: each is the best of a few repeats, wall and CPU.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rnnlab import blas, jacobians  # noqa: E402
from rnnlab.analysis import distant_contributions, jacobian_norms, step_jacobians  # noqa: E402
from rnnlab.model import init_params  # noqa: E402


def timed(f, repeats: int):
    """(result, best wall s, median wall s, CPU s of the best) over `repeats` calls."""
    walls, cpus, result = [], [], None
    for _ in range(repeats):
        w, c = time.perf_counter(), time.process_time()
        result = f()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    best = int(np.argmin(walls))
    return result, walls[best], statistics.median(walls), cpus[best]


def naive_norms(A: np.ndarray, ks) -> dict:
    """‖∂h_t/∂h_k‖₂ by one SVD of each explicitly multiplied product, for the start steps ks."""
    T, H, _ = A.shape
    out = {}
    for k in ks:
        P = np.eye(H)
        for t in range(k + 1, T + 1):
            P = A[t - 1] @ P
            out[(t, k)] = np.linalg.norm(P, 2)
    return out


def problem(T: int, H: int, V: int = 65, seed: int = 0):
    """Random weights with ‖W_hh‖₂ = 1 and tanh: at distance 100 the norms are around 1e-20."""
    p = init_params(V, H, spectral_norm=1.0, seed=seed)
    rng = np.random.default_rng(seed)
    return p, rng.integers(0, V, T), rng.integers(0, V, T)


DEFAULT_THREADS = blas.threads()  # OpenBLAS's own choice, read before rnnlab limits it


@contextmanager
def blas_threads(n):
    """BLAS on n threads inside, the lab's single thread after."""
    blas.set_threads(n)
    try:
        yield
    finally:
        blas.set_threads(1)


def blas_config() -> str:
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        np.show_config()
        return "(threadpoolctl not installed: numpy.show_config() above)"
    return "; ".join(f"{i['internal_api']} {i.get('version')} {i.get('architecture')} "
                     f"threads={i['num_threads']}" for i in threadpool_info())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--naive-every", type=int, default=5,
                    help="time the naive way on every n-th start step k and scale up (default 5)")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--large", action="store_true", help="also T=200, H=256")
    args = ap.parse_args()

    print(f"python {platform.python_version()}, numpy {np.__version__}, {platform.machine()}")
    print(f"BLAS: {blas_config()}")

    T, H = 100, 128
    p, x, y = problem(T, H)
    act = "tanh"
    df, best, med, cpu = timed(lambda: jacobian_norms(p, x, activation=act), args.repeats)
    print(f"\njacobian_norms T={T} H={H} ({len(df)} pairs): best {best:.3f} s, "
          f"median {med:.3f} s, CPU {cpu:.3f} s")

    ks = list(range(0, T, args.naive_every))
    A = step_jacobians(p, x, activation=act)
    got = df.set_index(["t", "k"])["measured"]
    for label, n in ((f"default BLAS threads ({DEFAULT_THREADS})", DEFAULT_THREADS),
                     ("BLAS on 1 thread", 1)):
        with blas_threads(n or 1):
            ref, naive_s, _, naive_cpu = timed(lambda: naive_norms(A, ks), 1)
        share = len(ref) / len(df)
        what = "all pairs" if share == 1 else f"{len(ref)} pairs, scaled by 1/{share:.3f}"
        print(f"naive, {label} ({what}): {naive_s / share:.2f} s (CPU {naive_cpu / share:.2f} s)"
              f" -> ours is {naive_s / share / best:.1f}x faster")
    # the floor under any exact method that forms every product: the same run with the
    # eigenvalue step left out (products, scaling and Gram matrices only)
    real = jacobians.top_eigenvalues
    jacobians.top_eigenvalues = lambda G: np.ones(len(G))
    try:
        _, floor, _, floor_cpu = timed(lambda: jacobian_norms(p, x, activation=act), args.repeats)
    finally:
        jacobians.top_eigenvalues = real
    print(f"of that, products and Gram matrices alone (no eigenvalues): {floor:.3f} s "
          f"(CPU {floor_cpu:.3f} s)")
    rel = max(abs(got[key] / v - 1.0) for key, v in ref.items())
    print(f"max relative error against the naive SVDs: {rel:.2e}; "
          f"smallest norm {df['measured'].min():.3e} (distance {df['distance'].max()})")

    c, best, med, cpu = timed(lambda: distant_contributions(p, x, y, activation=act),
                              max(args.repeats, 20))
    print(f"\ndistant_contributions T={T} H={H} ({len(c)} pairs): best {best * 1e3:.1f} ms, "
          f"median {med * 1e3:.1f} ms, CPU {cpu * 1e3:.1f} ms")

    # the gated cells: the same analysis of the whole state s (the LSTM's is 2H long, and its
    # cell path ‖∂c_t/∂c_k‖₂ is measured too), against the RNN's time in this same run
    print(f"\njacobian_norms T={T} H={H}, all pairs, per cell (targets: GRU within 1.5x of the "
          "RNN, LSTM within 10x):")
    rnn_time = None
    for cell in ("rnn", "gru", "lstm"):
        q = init_params(65, H, cell=cell, init="orthogonal", spectral_norm=1.0, seed=0)
        _, best, med, cpu = timed(lambda q=q: jacobian_norms(q, x, activation=act), 3)
        rnn_time = rnn_time or best
        print(f"  {cell:5s} best {best:.2f} s, median {med:.2f} s, CPU {cpu:.2f} s, "
              f"{best / rnn_time:.2f}x the RNN")

    if args.large:
        T, H = 200, 256
        p, x, y = problem(T, H)
        df, best, med, cpu = timed(lambda: jacobian_norms(p, x, activation=act), 1)
        print(f"\njacobian_norms T={T} H={H} ({len(df)} pairs): {best:.2f} s, CPU {cpu:.2f} s")
        ks = range(0, T, 8)
        df, best, med, cpu = timed(lambda: jacobian_norms(p, x, activation=act, ks=ks), 1)
        print(f"jacobian_norms T={T} H={H}, every 8th k ({len(df)} pairs): {best:.2f} s, "
              f"CPU {cpu:.2f} s")
        c, best, med, cpu = timed(lambda: distant_contributions(p, x, y, activation=act), 5)
        print(f"distant_contributions T={T} H={H}: best {best * 1e3:.1f} ms, "
              f"median {med * 1e3:.1f} ms")


if __name__ == "__main__":
    main()

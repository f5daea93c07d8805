"""The exploding gradient, up close: the run replayed step by step, to see what one step does.

`replay` repeats `rnnlab.train.train` exactly (same windows, same clipping and optimizer, the
same floating-point operations in the same order; tests/test_experiments.py checks that the
loss and gradient-norm histories are equal), keeping what train() does not: the clipped
gradient's angle to the true gradient at every step, and, at the steps asked for, the weights,
window and state, so that the loss can be probed along the gradient there (Pascanu, Mikolov &
Bengio 2013, Figure 6):

    J(θ − η g/‖g‖),  η ≥ 0,  g = ∂J/∂θ at that step (before clipping)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from rnnlab.cells import get_cell
from rnnlab.config import LabConfig
from rnnlab.model import Params, batch_loss_and_grads, init_params
from rnnlab.train import apply_update, clip_gradient, optimizer_state, windows


@dataclass(frozen=True)
class Snapshot:
    """Everything one step's loss depends on: the weights it started from, its window, its
    starting state s (B, S) and its gradient before clipping."""

    step: int
    params: Params
    inputs: np.ndarray  # (B, T)
    targets: np.ndarray  # (B, T)
    s0: np.ndarray  # (B, S)
    grad: np.ndarray  # (P,) flat, in params.arrays() order
    loss: float


@dataclass
class Replay:
    # step, loss, grad_norm, grad_max (max |g_i|), clipped, angle (radians; 0 when unclipped)
    history: pd.DataFrame
    snapshots: dict[int, Snapshot]
    stopped_at: int | None = None

    def nbytes(self) -> int:
        arrays = [a for s in self.snapshots.values() for a in s.params.arrays()]
        return int(sum(a.nbytes for a in arrays) + self.history.memory_usage(deep=True).sum())


def _flat_views(params: Params) -> tuple[np.ndarray, Params]:
    """A flat vector (P,) holding `params`, and Params whose arrays are views into it, in the
    order of params.arrays() (train()'s order, which the dot products' rounding depends on)."""
    arrays = params.arrays()
    theta = np.zeros(sum(a.size for a in arrays))  # (P,)
    views, start = [], 0
    for a in arrays:
        views.append(theta[start:start + a.size].reshape(a.shape))
        views[-1][...] = a
        start += a.size
    return theta, params.with_arrays(views)


def angle(u: np.ndarray, v: np.ndarray) -> float:
    """The angle between two vectors, 2 atan2(‖û − v̂‖, ‖û + v̂‖): accurate near 0 as well,
    where arccos of the cosine loses half the digits."""
    nu, nv = math.sqrt(u.dot(u)), math.sqrt(v.dot(v))
    if nu == 0 or nv == 0:
        return 0.0
    a, b = u / nu, v / nv
    return 2.0 * math.atan2(float(np.linalg.norm(a - b)), float(np.linalg.norm(a + b)))


def replay(config: LabConfig, corpus, keep: set[int] | frozenset = frozenset(),
           on_step=None, last: int | None = None) -> Replay:
    """train(config, corpus) step by step, up to step `last` (all of them by default); `keep`
    lists the steps (1-based) to snapshot. `on_step(record)` returning True stops it
    (Replay.stopped_at)."""
    c = config
    ids = np.asarray(corpus.ids, dtype=np.intp)
    init = init_params(len(corpus.vocab), c.hidden, cell=c.cell, init=c.init,
                       spectral_norm=c.rho, seed=c.seed)
    S = get_cell(c.cell).state_size(c.hidden)
    theta, params = _flat_views(init)
    grad, grad_params = _flat_views(init)
    m, v = optimizer_state(c.optimizer, theta.size)
    stream = windows(ids, c.batch, c.seq_len)
    h = np.zeros((c.batch, S))  # (B, S)
    rows, snaps, work, stopped_at = [], {}, {}, None
    for step in range(1, (c.steps if last is None else min(last, c.steps)) + 1):
        inputs, targets, fresh = next(stream)
        if fresh or c.reset_state:
            h = np.zeros((c.batch, S))
        s0 = h
        with np.errstate(all="ignore"):
            loss, _, h = batch_loss_and_grads(params, inputs, targets, h, c.activation,
                                              out=grad_params, work=work)
            norm = math.sqrt(grad.dot(grad))
        if not (np.isfinite(loss) and np.isfinite(norm) and np.isfinite(h).all()):
            rows.append((step, loss, norm, np.nan, False, np.nan))
            break
        true_grad = grad.copy() if (c.clip != "none" or step in keep) else grad
        if step in keep:
            snaps[step] = Snapshot(step, params.copy(), inputs.copy(), targets.copy(),
                                   np.array(s0), true_grad, float(loss))
        largest = float(np.abs(grad).max())
        clipped = clip_gradient(grad, norm, c.clip, c.clip_at)
        rows.append((step, loss, norm, largest, clipped,
                     angle(true_grad, grad) if clipped else 0.0))
        apply_update(theta, grad, m, v, step, c.optimizer, c.lr)
        if on_step and on_step({"step": step}) and step < c.steps:
            stopped_at = step + 1
            break
    history = pd.DataFrame(rows, columns=["step", "loss", "grad_norm", "grad_max", "clipped",
                                          "angle"])
    return Replay(history.astype({"clipped": bool}), snaps, stopped_at)


def loss_along(snapshot: Snapshot, activation: str, etas: np.ndarray) -> pd.DataFrame:
    """J(θ − η g/‖g‖) at each η of `etas`, on the snapshot's window and state: columns eta, loss.
    At η = 0 it is the step's own loss; NaN all along when g = 0, which has no direction."""
    theta, params = _flat_views(snapshot.params)
    g = snapshot.grad
    norm = math.sqrt(g.dot(g))
    if norm == 0:
        return pd.DataFrame({"eta": np.asarray(etas, dtype=np.float64), "loss": np.nan})
    direction = g / norm  # (P,)
    start = theta.copy()
    out = []
    for eta in np.asarray(etas, dtype=np.float64):
        np.subtract(start, eta * direction, out=theta)
        with np.errstate(all="ignore"):
            loss, _, _ = batch_loss_and_grads(params, snapshot.inputs, snapshot.targets,
                                              snapshot.s0, activation)
        out.append((float(eta), float(loss)))
    return pd.DataFrame(out, columns=["eta", "loss"])


def spike_and_ordinary(history: pd.DataFrame) -> tuple[int, int]:
    """(the step of the largest gradient norm, the step whose norm is the median one)."""
    finite = history[np.isfinite(history["grad_norm"])]
    spike = int(finite.loc[finite["grad_norm"].idxmax(), "step"])
    order = finite.sort_values("grad_norm")
    ordinary = int(order["step"].iloc[len(order) // 2])
    return spike, ordinary


def cliff_steps(history: pd.DataFrame) -> dict:
    """What `replay` needs to snapshot for `cliff`: keep (the two steps)."""
    return {"keep": frozenset(spike_and_ordinary(history))}


def cliff(config: LabConfig, corpus, history: pd.DataFrame, points: int = 41,
          replayed: Replay | None = None) -> pd.DataFrame:
    """The loss along the gradient at the spike step and at an ordinary step of the run whose
    `history` (train()'s) is given: columns which ("spike", "ordinary"), step, grad_norm, eta,
    loss. η runs from 0 to the length of the step plain SGD would take at the spike, lr ‖g‖ (at
    least 1), log-spaced from a thousandth of that. `replayed`: a replay with
    **cliff_steps(history), when one was made already."""
    spike, ordinary = spike_and_ordinary(history)
    again = replayed or replay(config, corpus, **cliff_steps(history))
    norm = float(history.loc[history["step"] == spike, "grad_norm"].iloc[0])
    top = max(1.0, config.lr * norm)
    etas = np.concatenate([[0.0], np.geomspace(top * 1e-3, top, points - 1)])
    parts = []
    for which, step in (("spike", spike), ("ordinary", ordinary)):
        snap = again.snapshots[step]
        line = loss_along(snap, config.activation, etas)
        parts.append(line.assign(which=which, step=step,
                                 grad_norm=math.sqrt(snap.grad.dot(snap.grad))))
    frame = pd.concat(parts, ignore_index=True)
    return frame[["which", "step", "grad_norm", "eta", "loss"]]


def clipping_threshold(history: pd.DataFrame, clip_at: float) -> tuple[float, bool]:
    """(c, own): the threshold for comparing value and norm clipping on this run (a replay's
    history) — its own clip_at when some step's gradient norm exceeded it (own = True), else
    the median over the steps of the largest gradient component max |g_i|, to two digits: then
    value clipping clips about half the steps and norm clipping (‖g‖ ≥ max |g_i|) nearly all."""
    g = history["grad_norm"].to_numpy(dtype=np.float64)
    g = g[np.isfinite(g)]
    if g.size == 0 or (g > clip_at).any():
        return float(clip_at), True
    largest = history["grad_max"].to_numpy(dtype=np.float64)
    return float(f"{np.median(largest[np.isfinite(largest)]):.2g}"), False


def histogram(history: pd.DataFrame, bins: int = 30) -> pd.DataFrame:
    """The gradient norms of a run in `bins` log-spaced bins: columns lo, hi, count."""
    g = history["grad_norm"].to_numpy(dtype=np.float64)
    g = g[np.isfinite(g) & (g > 0)]
    if g.size == 0:
        return pd.DataFrame(columns=["lo", "hi", "count"])
    lo, hi = g.min(), g.max()
    if hi <= lo * (1 + 1e-9):
        lo, hi = lo / 3, hi * 3
    edges = np.geomspace(lo, hi, bins + 1)  # (bins + 1,), the ends exactly lo and hi
    edges[0], edges[-1] = lo, hi
    counts, _ = np.histogram(g, edges)
    return pd.DataFrame({"lo": edges[:-1], "hi": edges[1:], "count": counts})

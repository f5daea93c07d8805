"""How well a trained model does the long-range task: recalling a key d characters back.

On the synthetic corpus (see `rnnlab.corpus`) the character after each cue repeats the key seen
d characters earlier and can be predicted from nothing else. The recall is scored on a fresh text
of the same task (another seed), so it measures the skill, not a memorised training text:

    accuracy = mean_i [argmax_v p_{i-1}(v) = x_i],   loss = mean_i -ln p_{i-1}(x_i)

over the dependency positions i, with chance level 1/|KEYS| and ln|KEYS|.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rnnlab.cells import get_cell
from rnnlab.corpus import KEYS, Corpus, key_positions, synthetic_text
from rnnlab.model import Params, forward_outputs


@dataclass(frozen=True)
class Recall:
    """The model's score on the positions that need a memory of d characters."""

    distance: int
    accuracy: float  # share of keys predicted right (argmax)
    loss: float  # mean cross-entropy at those positions, nats
    chance_accuracy: float  # 1 / |KEYS|
    chance_loss: float  # ln |KEYS|
    count: int  # how many keys were scored


def key_recall(params: Params, corpus: Corpus, activation: str, n_chars: int = 6000,
               seed: int = 1) -> Recall:
    """Score `params` on a fresh long-range text of `corpus.distance` (one pass from h_0 = 0)."""
    if corpus.distance is None:
        raise ValueError("key recall needs the synthetic long-range corpus")
    d = corpus.distance
    text = synthetic_text(d, n_chars, seed)
    ids = corpus.vocab.encode(text)  # (N,)
    positions = key_positions(d, len(text))  # (L,) the repeated keys
    s0 = np.zeros((1, get_cell(params.cell).state_size(params.hidden_size)))  # (1, S)
    with np.errstate(all="ignore"):
        hs = forward_outputs(params, ids[:-1, None], s0, activation)[:, 0]  # (N-1, H): h_1..
        logits = hs[positions - 1] @ params.W_S.T + params.b_y  # (L, V): predicts x_i
        logits -= logits.max(axis=1, keepdims=True)
        log_p = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))  # (L, V)
    target = ids[positions]  # (L,)
    picked = log_p[np.arange(len(positions)), target]
    return Recall(distance=d, accuracy=float(np.mean(log_p.argmax(axis=1) == target)),
                  loss=float(-picked.mean()), chance_accuracy=1.0 / len(KEYS),
                  chance_loss=float(np.log(len(KEYS))), count=len(positions))

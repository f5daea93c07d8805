"""Key recall on the long-range task, against a step-by-step reference and known cases."""

import numpy as np
import pytest

from rnnlab.config import LabConfig
from rnnlab.corpus import KEYS, load_corpus, synthetic_text
from rnnlab.evaluate import key_recall
from rnnlab.model import activate, init_params
from rnnlab.train import train


def _reference(params, corpus, activation, n_chars, seed):
    d = corpus.distance
    text = synthetic_text(d, n_chars, seed)
    ids = corpus.vocab.encode(text)
    h = np.zeros(params.hidden_size)
    right, losses = 0, []
    for i in range(1, len(ids)):
        h = activate(activation, params.W_hh @ h + params.W_hx[:, ids[i - 1]] + params.b_h)
        if i % (d + 2) == d:
            s = params.W_S @ h + params.b_y
            log_p = s - np.log(np.exp(s - s.max()).sum()) - s.max()
            right += int(np.argmax(log_p) == ids[i])
            losses.append(-log_p[ids[i]])
    return right / len(losses), float(np.mean(losses)), len(losses)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
def test_key_recall_matches_a_step_by_step_reference(activation):
    corpus = load_corpus("longrange", distance=7)
    p = init_params(len(corpus.vocab), 12, seed=4, spectral_norm=1.1)
    p.W_S[:] = np.random.default_rng(0).standard_normal(p.W_S.shape)
    got = key_recall(p, corpus, activation, n_chars=900, seed=3)
    acc, loss, n = _reference(p, corpus, activation, 900, 3)
    assert got.count == n and got.accuracy == pytest.approx(acc)
    assert got.loss == pytest.approx(loss, rel=1e-10)
    assert got.chance_accuracy == 1 / len(KEYS)


def test_a_short_distance_is_learned_and_scored_above_chance():
    corpus = load_corpus("longrange", distance=2)
    cfg = LabConfig(corpus="longrange", distance=2, activation="tanh", init="orthogonal",
                    hidden=32, steps=300)
    r = train(cfg, corpus)
    recall = key_recall(r.params, corpus, "tanh")
    # measured: 1.0 accuracy at d = 2 after 300 steps; chance is 1/8
    assert recall.accuracy > 0.6 and recall.loss < recall.chance_loss


def test_recall_needs_the_long_range_corpus():
    with pytest.raises(ValueError, match="key recall needs the synthetic long-range corpus"):
        key_recall(init_params(5, 3), load_corpus("english"), "tanh")

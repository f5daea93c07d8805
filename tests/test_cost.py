"""The cost model behind the lab's limit (rnnlab/cost.py): what it counts matches what training
does, it grows with every size setting, and no configuration the lab allows is predicted above
the limit. Its coefficients are measured by benchmarks/bench_limits.py, never timed here."""

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from rnnlab import corpus, cost
from rnnlab.cells import CELLS
from rnnlab.config import OF_FIELD, SECONDS_LIMIT, LabConfig
from rnnlab.experiments.longrange import LongRangeSpec
from rnnlab.model import init_params
from rnnlab.remedy import remedy_configs
from rnnlab.teaching.lessons import PRESETS
from rnnlab.train import MAX_MATRIX_MEASUREMENTS, measure_steps

SIZES = ("hidden", "seq_len", "batch", "steps")


def ends(field: str) -> tuple[int, int]:
    s = OF_FIELD[field]
    return int(s.lo), int(s.hi)


def test_the_model_counts_what_training_does():
    for name in corpus.BUNDLED:
        assert cost.vocab_size(name) == len(corpus.load_corpus(name).vocab)
    assert cost.vocab_size("upload") == cost.MAX_VOCAB == corpus.MAX_VOCAB
    assert cost.MATRIX_MEASUREMENTS == MAX_MATRIX_MEASUREMENTS
    for steps in (1, 20, 149, 150, 151, 2000):
        assert len(measure_steps(steps)) == min(steps, cost.MATRIX_MEASUREMENTS)
    for cell, H, V in itertools.product(CELLS, (4, 37, 256), (20, 300)):
        p = init_params(V, H, cell=cell)
        assert cost.param_count(cell, H, V) == sum(a.size for a in p.arrays())


def test_every_coefficient_is_measured_and_none_is_negative():
    assert set(cost.CELL_COSTS) == set(CELLS)
    for c in cost.CELL_COSTS.values():
        assert min(*c[:-1], *c.measure) >= 0
        # what grows with each size setting: the steps, T, B (the rows), H and the vocabulary
        assert c.step > 0 and c.time_step > 0 and c.rows > 0 and c.recurrent > 0
        assert c.softmax > 0 and c.params > 0 and c.measure[-1] > 0
    assert min(cost.RUN_COST) >= 0


@settings(max_examples=200, deadline=None)
@given(cell=st.sampled_from(list(CELLS)),
       corpus_name=st.sampled_from([*cost.VOCAB, "upload"]), size=st.sampled_from(SIZES),
       data=st.data())
def test_the_prediction_grows_with_every_size_setting(cell, corpus_name, size, data):
    values = {f: data.draw(st.integers(*ends(f)), label=f) for f in SIZES}
    config = LabConfig(corpus=corpus_name, cell=cell, **values)
    lo, hi = ends(size)
    bigger = data.draw(st.integers(lo, hi), label="bigger")
    if bigger == values[size]:
        return
    a, b = config.seconds(), config.replace(**{size: bigger}).seconds()
    assert (b > a) == (bigger > values[size])


def test_a_larger_vocabulary_costs_more():
    for cell in CELLS:
        by_vocab = sorted((cost.vocab_size(name), LabConfig(corpus=name, cell=cell).seconds())
                          for name in (*cost.VOCAB, "upload"))
        assert [s for _, s in by_vocab] == sorted(s for _, s in by_vocab)


def test_no_corner_of_the_ranges_is_allowed_above_the_limit():
    """Every cell at every corner of H, T, B and the steps, on an upload (the largest
    vocabulary): refused for too much work, or predicted within the limit. The prediction grows
    with each setting, so the corners bound every configuration between them."""
    allowed = refused = 0
    for cell in CELLS:
        for values in itertools.product(*(ends(f) for f in SIZES)):
            config = LabConfig(corpus="upload", cell=cell, **dict(zip(SIZES, values,
                                                                      strict=True)))
            codes = [p.code for p in config.problems()]
            if codes:
                assert codes == ["cfg.too_much_work"] and config.seconds() > SECONDS_LIMIT
                refused += 1
            else:
                assert config.seconds() <= SECONDS_LIMIT
                allowed += 1
    assert allowed and refused  # the limit binds inside the ranges, and is no blanket ban


def test_the_most_steps_allowed_at_each_corner_stay_within_the_limit():
    """At each corner of H, T and B the limit allows the steps up to a point, and one more step
    is refused: the prediction at the allowed edge, the costliest page there, is the limit."""
    lo, hi = ends("steps")
    for cell in CELLS:
        for H, T, B in itertools.product(ends("hidden"), ends("seq_len"), ends("batch")):
            config = LabConfig(corpus="upload", cell=cell, hidden=H, seq_len=T, batch=B)
            steps = [s for s in range(lo, hi + 1, 20) if not config.replace(steps=s).problems()]
            if steps and steps[-1] < hi:
                edge, over = (config.replace(steps=s) for s in (steps[-1], steps[-1] + 20))
                assert edge.seconds() <= SECONDS_LIMIT < over.seconds()


def test_the_message_states_the_predicted_seconds_and_the_limit():
    from rnnlab.teaching.i18n import tr

    heavy = LabConfig(corpus="upload", hidden=256, seq_len=200, batch=64, steps=2000)
    (problem,) = heavy.problems()
    assert problem.code == "cfg.too_much_work"
    assert problem.params == {"seconds": heavy.seconds(), "limit": SECONDS_LIMIT}
    for lang in ("en", "zh"):
        text = tr(problem.code, lang, **problem.params)
        assert f"{heavy.seconds():.1f}" in text and f"{SECONDS_LIMIT:g}" in text


def test_the_default_the_lessons_and_the_experiments_are_allowed():
    configs = {"default": LabConfig(), **PRESETS}
    for code, preset in PRESETS.items():
        configs.update({f"{code} remedy {k}": c for k, c in remedy_configs(preset).items()})
    configs.update({f"longrange {name} d={d}": c for name, d, _, c in LongRangeSpec().runs()})
    refused = {name: round(c.seconds(), 1) for name, c in configs.items() if c.problems()}
    assert refused == {}
    assert np.isfinite([c.seconds() for c in configs.values()]).all()

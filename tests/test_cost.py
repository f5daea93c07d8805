"""The cost model behind the lab's limits (rnnlab/cost.py): what it counts matches what training
and the page's analyses do, it grows with every size setting, no configuration the lab allows is
predicted above the limits, and the pair budget never samples a shipped link's analysis. Its
coefficients are measured by benchmarks/bench_limits.py, never timed here."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rnnlab import corpus, cost, jacobians
from rnnlab.cells import CELLS
from rnnlab.config import OF_FIELD, PAGE_SECONDS_LIMIT, SECONDS_LIMIT, LabConfig, beyond
from rnnlab.experiments.longrange import LongRangeSpec
from rnnlab.jacobians import pair_budget, starts_within
from rnnlab.link import TEXT_MAX
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


def test_the_model_counts_what_the_analyses_do():
    assert cost.LANCZOS_FROM == jacobians.LANCZOS_FROM
    assert cost.ANALYSED_STEPS == TEXT_MAX - 1  # the analysed text's characters less the last
    for cell, H in itertools.product(CELLS, (4, 37, 64, 256)):
        p = init_params(7, H, cell=cell)
        S = jacobians.run_sequence(p, np.zeros(3, dtype=np.int64)).s.shape[1]
        assert cost.state_size(cell, H) == S
        for T in (2, 79, 149):
            budget, p_s = pair_budget(p, T), cost.pair_seconds(cell, H)
            assert budget == cost.pair_count(cell, H, T, cost.PAGE_PAIR_SECONDS) >= T
            assert budget * p_s <= max(cost.PAGE_PAIR_SECONDS, T * p_s)
            ks = starts_within(T, budget)
            measured = int(np.sum(T - ks))
            assert measured <= budget
            if budget >= T * (T + 1) // 2:
                assert measured == T * (T + 1) // 2
            if T == cost.ANALYSED_STEPS:  # what the prediction counts covers those pairs
                pairs = cost.analysis_seconds(cell, H) - cost.analysis_fixed_seconds(cell, H)
                assert pairs >= cost.forms_measured(cell) * measured * p_s * (1 - 1e-12)


def test_the_analyses_cost_more_with_every_state_size():
    for cell in CELLS:
        Hs = range(4, int(OF_FIELD["hidden"].hi) + 1)
        for name in ("pair_seconds", "analysis_fixed_seconds", "analysis_seconds"):
            values = [getattr(cost, name)(cell, H) for H in Hs]
            assert np.all(np.diff(values) > 0), (cell, name)


def test_every_coefficient_is_measured_and_none_is_negative():
    assert set(cost.CELL_COSTS) == set(CELLS)
    for c in cost.CELL_COSTS.values():
        assert min(*c[:-1], *c.measure) >= 0
        # what grows with each size setting: the steps, T, B (the rows), H and the vocabulary
        assert c.step > 0 and c.time_step > 0 and c.rows > 0 and c.recurrent > 0
        assert c.softmax > 0 and c.params > 0 and c.measure[-1] > 0
    assert min(cost.RUN_COST) >= 0
    assert set(cost.PAIR_COSTS) == set(cost.ANALYSIS_COSTS) == set(CELLS)
    for c in cost.PAIR_COSTS.values():
        assert min(*c.small, *c.large) >= 0 and max(c.small) > 0 and c.large[-1] > 0
    for f in cost.ANALYSIS_COSTS.values():
        assert min(f) >= 0 and f[0] > 0 and max(f[1:]) > 0


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
    a, b = config.page_seconds(), config.replace(**{size: bigger}).page_seconds()
    assert (b > a) == (bigger > values[size])


def test_a_larger_vocabulary_costs_more():
    for cell in CELLS:
        by_vocab = sorted((cost.vocab_size(name), LabConfig(corpus=name, cell=cell).seconds())
                          for name in (*cost.VOCAB, "upload"))
        assert [s for _, s in by_vocab] == sorted(s for _, s in by_vocab)


def test_no_corner_of_the_ranges_is_allowed_above_the_limit():
    """Every cell at every corner of H, T, B and the steps, on an upload (the largest
    vocabulary): refused for too much work, or predicted within both limits, the training's
    and the whole page's (the training, then the analyses of the longest text). The predictions
    grow with each setting, so the corners bound every configuration between them."""
    allowed, refused = 0, {"cfg.too_much_work": 0, "cfg.too_much_page_work": 0}
    for cell in CELLS:
        for values in itertools.product(*(ends(f) for f in SIZES)):
            config = LabConfig(corpus="upload", cell=cell, **dict(zip(SIZES, values,
                                                                      strict=True)))
            codes = [p.code for p in config.problems()]
            if codes == ["cfg.too_much_work"]:
                assert config.seconds() > SECONDS_LIMIT
            elif codes == ["cfg.too_much_page_work"]:
                assert config.seconds() <= SECONDS_LIMIT
                assert config.page_seconds() > PAGE_SECONDS_LIMIT
            else:
                assert codes == []
                assert config.seconds() <= SECONDS_LIMIT
                assert config.page_seconds() <= PAGE_SECONDS_LIMIT
                allowed += 1
                continue
            refused[codes[0]] += 1
    # both limits bind inside the ranges, and neither is a blanket ban
    assert allowed and refused["cfg.too_much_work"] and refused["cfg.too_much_page_work"]


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
                assert edge.seconds() <= SECONDS_LIMIT and edge.page_seconds() <= \
                    PAGE_SECONDS_LIMIT
                assert over.seconds() > SECONDS_LIMIT or over.page_seconds() > \
                    PAGE_SECONDS_LIMIT


def test_the_message_states_the_predicted_seconds_and_the_limit():
    from rnnlab.teaching.i18n import tr

    heavy = LabConfig(corpus="upload", hidden=256, seq_len=200, batch=64, steps=2000)
    (problem,) = heavy.problems()
    assert problem.code == "cfg.too_much_work"
    # the figures as the message states them: over the limit, with the digits that show it
    assert problem.params == {"seconds": beyond(heavy.seconds(), SECONDS_LIMIT),
                              "limit": f"{SECONDS_LIMIT:g}"}
    assert float(problem.params["seconds"]) == pytest.approx(heavy.seconds(), abs=0.05)
    for lang in ("en", "zh"):
        text = tr(problem.code, lang, **problem.params)
        assert problem.params["seconds"] in text and f"{SECONDS_LIMIT:g}" in text


def test_a_page_whose_analyses_tip_it_over_says_so():
    """The LSTM at H = 256: its analyses of the longest text take seconds (T one-step Jacobians
    of 512 × 512 and their norms, and one start's T pairs at least), so training within its own
    limit can still make too heavy a page."""
    from rnnlab.teaching.i18n import tr

    base = LabConfig(corpus="upload", cell="lstm", hidden=256, seq_len=50, batch=16)
    heavy = next(c for s in range(20, 2001, 20)
                 if (c := base.replace(steps=s)).page_seconds() > PAGE_SECONDS_LIMIT)
    assert heavy.seconds() <= SECONDS_LIMIT
    (problem,) = heavy.problems()
    assert problem.code == "cfg.too_much_page_work"
    analyses = cost.analysis_seconds("lstm", 256)
    assert problem.params == {"seconds": beyond(heavy.page_seconds(), PAGE_SECONDS_LIMIT),
                              "analyses": f"{analyses:.1f}", "limit": f"{PAGE_SECONDS_LIMIT:g}"}
    assert float(problem.params["seconds"]) > PAGE_SECONDS_LIMIT
    for lang in ("en", "zh"):
        text = tr(problem.code, lang, **problem.params)
        assert all(s in text for s in problem.params.values())


def passage_ids(config: LabConfig) -> np.ndarray:
    """The ids the page's Jacobian tab analyses for `config` by default (ui/jacobian.py): the
    passage of 80 characters of its text, less the last."""
    text = corpus.load_corpus(config.corpus, distance=config.distance)
    return text.vocab.encode(corpus.passage(text, 80))[:-1]


def test_the_default_link_and_every_lesson_measure_all_their_pairs():
    """The pair budget never samples what a shipped link shows: the page measures every pair of
    the default passage for the default run and each lesson's (the remedy's is an LSTM)."""
    for name, config in {"default": LabConfig(), **PRESETS}.items():
        T = len(passage_ids(config))
        assert T == 79, name
        p = init_params(7, config.hidden, cell=config.cell)
        assert (starts_within(T, pair_budget(p, T)) == np.arange(T)).all(), name
        # with room: a refit that moves a pair's cost by a tenth still measures them all
        assert pair_budget(p, T) >= 1.1 * T * (T + 1) // 2, name


def test_the_default_the_lessons_and_the_experiments_are_allowed():
    configs = {"default": LabConfig(), **PRESETS}
    for code, preset in PRESETS.items():
        configs.update({f"{code} remedy {k}": c for k, c in remedy_configs(preset).items()})
    configs.update({f"longrange {name} d={d}": c for name, d, _, c in LongRangeSpec().runs()})
    refused = {name: round(c.seconds(), 1) for name, c in configs.items() if c.problems()}
    assert refused == {}
    assert np.isfinite([c.seconds() for c in configs.values()]).all()

"""The Experiments tab: the phase diagram's rates against explicit products and the theorem,
the comparison link, the replayed training against train(), the cliff and the clipping angles,
the sentences against their data, and the tab itself through AppTest."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest
from test_app import chart_frames, vega_charts

from rnnlab import experiments as ex
from rnnlab import link
from rnnlab.cells import CELLS
from rnnlab.config import LabConfig
from rnnlab.corpus import load_corpus, passage
from rnnlab.experiments.phase import network_rate
from rnnlab.jacobians import jacobian_norms
from rnnlab.model import (
    ACTIVATIONS,
    derivative,
    derivative_bound,
    forward_states,
    init_params,
    pre_activations,
)
from rnnlab.teaching import experiment_charts as xc
from rnnlab.teaching.captions import number
from rnnlab.teaching.lessons import PRESETS
from rnnlab.train import train
from ui.shared import md_escape

APP = str(Path(__file__).resolve().parents[1] / "app.py")
TEXT = load_corpus("english")
IDS = TEXT.vocab.encode(passage(TEXT, 40))[:-1]  # (39,)
V = len(TEXT.vocab)


# ---- 1. the phase diagram ----

def explicit_rate(params, ids, activation, ks, D) -> float:
    """The rate from the explicit products Π diag(f'(z_j)) W_hh and LAPACK's 2-norm."""
    x = np.asarray(ids)[:, None]
    h0 = np.zeros((1, params.hidden_size))
    z = pre_activations(params, x, forward_states(params, x, h0, activation), h0)[:, 0]
    fp = derivative(activation, z)  # (T, H)
    d, y = [], []
    for k in ks:
        P = np.eye(params.hidden_size)
        for t in range(k + 1, min(k + D, len(ids)) + 1):
            P = (fp[t - 1][:, None] * params.W_hh) @ P
            d.append(t - k)
            y.append(np.log(np.linalg.norm(P, 2)))
    return ex.fitted_rate(np.array(d), np.array(y))


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("w", [0.5, 3.0])
def test_rate_equals_the_slope_of_explicit_products(activation, w):
    p = init_params(V, 6, spectral_norm=w, seed=3)
    ks, D = ex.start_steps(len(IDS), 3, 12)
    assert network_rate(p, IDS, activation, ks, D) == pytest.approx(
        explicit_rate(p, IDS, activation, ks, D), abs=1e-9)


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("w", [0.5, 2.0, 6.0])
def test_few_start_steps_give_the_rate_of_all_pairs(activation, w):
    """The phase diagram's shortcut (4 start steps) against every pair up to the same distance."""
    ids = TEXT.vocab.encode(passage(TEXT, 60))[:-1]
    p = init_params(V, 16, spectral_norm=w, seed=1)
    ks, D = ex.start_steps(len(ids), 4, 30)
    full = jacobian_norms(p, ids, activation=activation, max_distance=D)
    every = ex.fitted_rate(full["distance"].to_numpy(), full["log10_measured"].to_numpy()
                           * np.log(10.0))
    assert network_rate(p, ids, activation, ks, D) == pytest.approx(every, abs=0.05)


def test_linear_rate_with_a_symmetric_w_hh_is_ln_rho():
    p = init_params(V, 8, seed=5)
    A = np.random.default_rng(0).standard_normal((8, 8))
    p.W_hh = (A + A.T) / 5.0
    rho = np.abs(np.linalg.eigvalsh(p.W_hh)).max()
    ks, D = ex.start_steps(len(IDS), 4, 20)
    assert network_rate(p, IDS, "linear", ks, D) == pytest.approx(np.log(rho), abs=1e-10)


@settings(max_examples=30, deadline=None)
@given(activation=st.sampled_from(ACTIVATIONS), w=st.floats(0.05, 40.0),
       seed=st.integers(0, 10_000), init=st.sampled_from(["gaussian", "orthogonal", "identity"]))
def test_every_measured_rate_is_at_most_the_bounds_rate(activation, w, seed, init):
    p = init_params(V, 5, init=init, spectral_norm=w, seed=seed)
    ks, D = ex.start_steps(len(IDS), 3, 15)
    rate = network_rate(p, IDS, activation, ks, D)
    bound = np.log(np.linalg.norm(p.W_hh, 2) * derivative_bound(activation))
    assert rate <= bound + 1e-9


def test_phase_diagram_table_and_stopping():
    spec = ex.PhaseSpec(norms=(0.5, 8.0), seeds=(0, 1), hidden=4, starts=2, max_distance=8)
    result = ex.phase_diagram(IDS, V, spec)
    assert len(result.table) == spec.size == 16 and result.stopped_at is None
    lin = result.table[result.table.activation == "linear"]
    assert lin["log_rho"].notna().all()
    assert result.table[result.table.activation != "linear"]["log_rho"].isna().all()
    calls = []
    stopped = ex.phase_diagram(IDS, V, spec, lambda r: calls.append(r) or len(calls) == 5)
    assert len(stopped.table) == 5 and stopped.stopped_at == 5
    assert calls[-1] == {"done": 5, "total": 16}


def test_crossings_interpolate_on_the_log_axis():
    summary = pd.DataFrame({"activation": ["tanh"] * 3 + ["sigmoid"] * 3,
                            "w_norm": [1.0, 2.0, 4.0] * 2, "rate": [-1.0, -0.5, 0.5,
                                                                   -3.0, -2.0, -1.0]})
    tanh, sig = ex.crossings(summary)
    assert tanh.crosses_at == pytest.approx(np.sqrt(8.0)) and tanh.last_vanishing == 2.0
    assert sig.crosses_at is None and sig.last_vanishing == 4.0 and sig.threshold == 4.0


def test_phase_words_state_the_summarys_numbers():
    spec = ex.PhaseSpec(norms=tuple(np.geomspace(0.5, 24, 6)), seeds=(0,), hidden=6, starts=2,
                        max_distance=10)
    table = ex.phase_diagram(IDS, V, spec).table
    summary = ex.phase_summary(table)
    words = xc.phase_words(summary, table, "en")
    for c in ex.crossings(summary):
        if c.crosses_at is not None and c.last_vanishing is not None:
            assert any(f"≈ {number(c.crosses_at)}," in w for w in words)
    assert f"Every one of the {len(table)} measured rates" in " ".join(words)
    gap = (summary["rate"] - summary["log_rho"]).abs().max()
    assert any(f"within {number(gap)} of ln ρ" in w for w in words)
    chart = xc.phase_chart(summary, None, "en").to_dict()
    assert chart["layer"][0]["mark"]["type"] == "line"


# ---- 2. runs side by side ----

def test_comparison_link_round_trips():
    base = PRESETS["exploding"]
    link = "act:sigmoid|clip:value,clip_at:1|reset:1,opt:adam,lr:0.002"
    variants, notes = ex.parse_comparison(link, base)
    assert not notes and [v.letter for v in variants] == ["B", "C", "D"]
    assert ex.comparison_link(variants) == link
    assert ex.parse_comparison(ex.comparison_link(variants), base) == (variants, [])
    assert variants[1].config == base.replace(clip="value", clip_at=1.0)
    assert variants[2].config.reset_state and variants[2].config.lr == 0.002
    assert variants[1].label() == "C: clip = value, clip_at = 1"
    # the sidebar's own values, as its learning-rate slider has them, and no other
    assert [n.code for n in ex.parse_comparison("lr:0.003", base)[1]] == ["cmp.bad_value"]


def test_invalid_parts_get_notes_never_an_exception():
    link = ("act:softmax|nope:1|rho:99|hidden:256,seq:200,batch:64,steps:2000|reset:2|:|act|"
            + "x" * 900)  # each value of the fourth part in range, their work too much
    variants, notes = ex.parse_comparison(link, LabConfig())
    assert variants == []
    assert [n.code for n in notes] == ["cmp.bad_value", "cmp.bad_name", "cmp.bad_value",
                                       "cmp.bad_config", "cmp.bad_value", "cmp.bad_name",
                                       "cmp.bad_name", "cmp.bad_name"]
    more, notes = ex.parse_comparison("act:tanh|act:relu|act:linear|act:sigmoid", LabConfig())
    assert len(more) == ex.MAX_VARIANTS and [n.code for n in notes] == ["cmp.too_many"]


def test_old_single_run_links_are_untouched():
    query = {"act": "tanh", "rho": "1.5", "seed": "3"}
    alone, with_cmp = link.read(query), link.read({**query, "cmp": "act:relu|clip:none"})
    assert link.config_of(alone.values) == link.config_of(with_cmp.values)
    assert alone.problems == with_cmp.problems == []
    assert with_cmp.values["cmp"] == "act:relu|clip:none"
    assert "cmp" not in link.query_of(link.config_of(with_cmp.values))


def test_histories_and_profiles_of_a_comparison():
    cfg = LabConfig(hidden=8, seq_len=8, batch=2, steps=12)
    results = {"A": train(cfg, TEXT), "B": train(cfg.replace(activation="tanh"), TEXT)}
    frame = ex.histories(results)
    assert list(dict.fromkeys(frame["run"])) == ["A", "B"] and len(frame) == 24
    np.testing.assert_array_equal(frame[frame.run == "B"]["loss"], results["B"].history["loss"])
    prof = ex.by_distance(results["A"].params, TEXT.vocab.encode(passage(TEXT, 20)), "sigmoid")
    assert set(prof["quantity"]) == {"grad_x", "jacobian"}
    words = xc.compare_words(frame.assign(), prof.assign(run="A"), "en", d=5)
    last = frame[frame.run == "B"]["loss_smooth"].iloc[-1]
    assert f"B {number(last)}" in words[0]
    at5 = prof[(prof.quantity == "grad_x") & (prof.distance == 5)]["median"].iloc[0]
    assert f"A {number(at5)}" in words[2]


# ---- 3. the exploding gradient up close ----

REPLAYED = [PRESETS["exploding"].replace(steps=80), PRESETS["clipped"].replace(steps=80),
            PRESETS["irnn"].replace(steps=40, clip="value"),
            LabConfig(hidden=16, steps=30, optimizer="adagrad", clip="value", clip_at=0.05)]
if "gru" in CELLS:
    REPLAYED.append(LabConfig(cell="gru", hidden=12, steps=20, clip_at=0.5))


@pytest.mark.parametrize("config", REPLAYED, ids=lambda c: f"{c.cell}-{c.activation}-{c.clip}")
def test_replay_reproduces_train_exactly(config):
    run, again = train(config, TEXT), ex.replay(config, TEXT)
    n = len(run.history)
    for column in ("loss", "grad_norm", "clipped"):
        np.testing.assert_array_equal(again.history[column].to_numpy()[:n],
                                      run.history[column].to_numpy())


def test_cliff_starts_at_the_runs_loss_and_norm_clipping_keeps_the_direction():
    config = PRESETS["clipped"].replace(steps=60, clip_at=0.5)
    run = train(config, TEXT)
    line = ex.cliff(config, TEXT, run.history)
    for which in ("spike", "ordinary"):
        part = line[line.which == which]
        step = int(part["step"].iloc[0])
        row = run.history[run.history.step == step].iloc[0]
        assert part["eta"].iloc[0] == 0.0
        assert part["loss"].iloc[0] == pytest.approx(row["loss"], rel=1e-12)
        assert part["grad_norm"].iloc[0] == pytest.approx(row["grad_norm"], rel=1e-12)
    assert line[line.which == "spike"]["grad_norm"].iloc[0] == run.history["grad_norm"].max()
    norm = ex.replay(config, TEXT).history
    value = ex.replay(config.replace(clip="value", clip_at=0.01), TEXT).history
    assert norm["clipped"].sum() > 10 and value["clipped"].sum() > 10
    assert norm["angle"].max() < 1e-12
    assert value.loc[value.clipped, "angle"].min() > 1e-3
    angles = xc.angle_frame({"value": value, "norm": norm})
    words = xc.angle_words(angles, 0.5, "en")
    deg = np.degrees(value.loc[value.clipped, "angle"])
    assert f"up to {number(deg.max())}°" in words and f"{int(norm.clipped.sum())} clipped" in words
    assert f"from {number(line['loss'].iloc[0])} at η = 0" in xc.cliff_words(line, "en")


def test_angle_is_accurate_near_zero():
    g = np.random.default_rng(0).standard_normal(1000)
    assert ex.angle(g, 0.37 * g) < 1e-14
    e1, e2 = np.eye(2)
    assert ex.angle(e1, e1 + 1e-9 * e2) == pytest.approx(1e-9, rel=1e-6)
    assert ex.angle(e1, e2) == pytest.approx(np.pi / 2)


def test_histogram_counts_every_step_and_its_words():
    run = train(PRESETS["exploding"].replace(steps=60), TEXT)
    hist = ex.histogram(run.history)
    assert hist["count"].sum() == np.isfinite(run.history["grad_norm"]).sum()
    words = xc.histogram_words(run.history, "none", 1.0, "en")
    top = run.history.loc[run.history.grad_norm.idxmax()]
    assert f"largest {number(top.grad_norm)} at step {int(top.step)}" in words


@pytest.mark.parametrize(("clip", "layers", "said"), [
    ("norm", 2, "{k} steps were clipped at ‖g‖ = c = 1 (the rule)"),
    ("value", 1, "In {k} steps some component of g was clipped to ±c = ±1; value clipping bounds "
                 "each component, not the norm ‖g‖ on this axis, so c is not marked on it."),
])
def test_the_histogram_marks_c_only_where_c_bounds_the_plotted_norm(clip, layers, said):
    """Norm clipping caps ‖g‖ at c: a rule there. Value clipping caps each component: no rule on
    a norm axis, and the sentence says why. Either way it counts the run's clipped steps."""
    cfg = PRESETS["exploding"].replace(steps=60, clip=clip, clip_at=1.0)
    history = train(cfg, TEXT).history
    k = int(history["clipped"].sum())
    assert k > 0
    chart = xc.histogram_chart(ex.histogram(history), clip, 1.0, "en").to_dict()
    assert len(chart["layer"]) == layers
    assert said.format(k=k) in xc.histogram_words(history, clip, 1.0, "en")


# ---- the tab, through AppTest ----

EXPERIMENTS = "⑤ Experiments"  # the tab's label: st.tabs runs only the open tab's work


def test_the_tab_does_no_work_while_it_is_hidden():
    at = AppTest.from_file(APP, default_timeout=400).run()
    assert not at.exception and at.tabs[4].label == EXPERIMENTS
    assert not _frames(at.tabs[4]) and len(_frames(at.tabs[0])) >= 3


def _frames(tab):
    """Every chart's datasets in `tab`, as test_app reads them."""
    return [chart_frames(c) for c in vega_charts(tab)]


def _with_column(frames, *columns) -> pd.DataFrame:
    for chart in frames:
        for frame in chart.values():
            if all(c in frame.columns for c in columns):
                return frame
    raise AssertionError(f"no chart plots {columns}")


def _markdown(tab) -> str:
    return "\n".join(m.value for m in tab.markdown)


@pytest.fixture(scope="module")
def default_tab():
    at = AppTest.from_file(APP, default_timeout=400)
    at.session_state["tab"] = EXPERIMENTS
    at.run()
    assert not at.exception
    return at.tabs[4]


def test_tab_fills_from_the_default_link_and_its_words_match_the_data(default_tab):
    tab = default_tab
    assert tab.label == "⑤ Experiments"
    frames = _frames(tab)
    assert len(frames) >= 10
    phase = _with_column(frames, "rate_min", "rate_max", "bound_rate")
    assert set(phase["activation"]) == set(ACTIVATIONS)
    assert phase.groupby("activation").size().min() >= 16 and (phase["seeds"] >= 3).all()
    text = _markdown(tab)
    for c in ex.crossings(phase):
        if c.crosses_at is not None and c.last_vanishing is not None:
            assert f"≈ {number(c.crosses_at)}, {number(c.crosses_at / c.threshold)}×" in text
    sig = next(c for c in ex.crossings(phase) if c.activation == "sigmoid")
    assert f"still vanishes at ‖W_hh‖₂ = {number(sig.last_vanishing)}" in text
    # the comparison: A and the default B, C, D
    runs = _with_column(frames, "run", "loss_smooth")
    assert list(dict.fromkeys(runs["run"])) == ["A: current settings", "B: act = tanh",
                                                "C: act = relu",
                                                "D: act = tanh, init = orthogonal"]
    for run, part in runs.groupby("run"):
        assert md_escape(f"{run} {number(part['loss_smooth'].iloc[-1])}") in text
    hist = _with_column(frames, "lo", "hi", "count")
    assert hist["count"].sum() == 300
    assert not tab.error


def test_tab_fills_from_a_comparison_link():
    """The exploding lesson (60 steps) against value clipping and tanh/orthogonal, with one bad
    part: the runs, the note, and every sentence of the comparison and the close-up against the
    data of its chart."""
    base = PRESETS["exploding"].replace(steps=60)
    at = AppTest.from_file(APP, default_timeout=400)
    at.session_state["tab"] = EXPERIMENTS
    for key, value in link.query_of(base).items():
        at.query_params[key] = value
    at.query_params["cmp"] = "clip:value,clip_at:0.5|bogus:1|act:sigmoid,init:orthogonal"
    at.run()
    assert not at.exception
    tab = at.tabs[4]
    frames = _frames(tab)
    runs = _with_column(frames, "run", "loss_smooth")
    labels = list(dict.fromkeys(runs["run"]))
    assert labels == ["A: current settings", "B: clip = value, clip_at = 0.5",
                      "C: act = sigmoid, init = orthogonal"]
    expected = train(base.replace(clip="value", clip_at=0.5), TEXT).history["loss"]
    np.testing.assert_allclose(runs[runs.run == labels[1]]["loss_smooth"],
                               expected.ewm(span=20, ignore_na=True).mean(), rtol=1e-12)
    assert any(md_escape("“bogus:1”") in w.value for w in tab.warning)
    text = _markdown(tab)
    grad = _with_column(frames, "run", "grad_norm")
    for run, part in grad.groupby("run"):
        assert md_escape(f"{run} {number(part['grad_norm'].max())}") in text
    assert md_escape("Median ‖∂J_t/∂x_k‖ at distance 10") in text
    history = train(base, TEXT).history
    assert md_escape(xc.histogram_words(history, "none", 1.0, "en")) in text
    cliff = _with_column(frames, "eta", "which", "loss")
    assert md_escape(xc.cliff_words(cliff, "en")) in text
    angles = _with_column(frames, "degrees", "mode")
    assert set(angles["mode"]) == {"value", "norm"} and angles["degrees"].max() > 1
    assert angles[angles["mode"] == "norm"]["degrees"].max() < 1e-9
    c = float(re.search(r"at the same c = ([0-9.e-]+) ", text).group(1))
    assert md_escape(xc.angle_words(angles, c, "en")) in text


def test_value_vs_norm_threshold_is_the_runs_own_or_its_median():
    history = pd.DataFrame({"grad_norm": [0.1, 0.2, 0.4, np.nan],
                            "grad_max": [0.01, 0.0234, 0.05, np.nan]})
    assert ex.clipping_threshold(history, 0.3) == (0.3, True)
    assert ex.clipping_threshold(history, 5.0) == (0.023, False)


# ---- 4. the long-range benchmark ----

def test_long_range_runs_fit_their_dependency_in_the_window():
    spec = ex.LongRangeSpec()
    runs = spec.runs()
    assert max(spec.distances) >= 60 and len(spec.seeds) >= 3
    names = {name for name, *_ in runs}
    assert {"sigmoid", "tanh_orthogonal", "irnn", "sigmoid+clip", "irnn+clip"} <= names
    assert ("gru" in CELLS) == ("gru" in names) and ("lstm" in CELLS) == ("lstm" in names)
    for _, d, _, cfg in runs:
        assert cfg.seq_len >= 2 * d and cfg.distance == d and not cfg.problems()


def test_long_range_benchmark_scores_like_key_recall():
    from rnnlab.evaluate import key_recall
    spec = ex.LongRangeSpec(distances=(3, 12), seeds=(1,), steps=8)
    result = ex.long_range_benchmark(spec)
    name, d, seed, cfg = spec.runs()[3]
    text = load_corpus("longrange", distance=d)
    row = result.table.iloc[3]
    assert (row["setting"], row["distance"], row["window"]) == (name, d, cfg.seq_len)
    assert row["accuracy"] == key_recall(train(cfg, text).params, text, cfg.activation).accuracy
    stopped = ex.long_range_benchmark(spec, lambda r: r["done"] == 2)
    assert len(stopped.table) == 2 and stopped.stopped_at == 2


def test_recall_summary_and_its_words():
    table = pd.DataFrame({"setting": ["a"] * 6 + ["b"] * 3,
                          "distance": [5, 5, 10, 10, 60, 60, 5, 10, 60], "seed": 0,
                          "window": 20, "accuracy": [1.0, 0.9, 0.95, 0.9, 0.2, np.nan,
                                                     0.5, 0.4, 0.1],
                          "loss": 1.0, "chance": 0.125})
    summary = ex.recall_summary(table)
    assert summary.loc[(summary.setting == "a") & (summary.distance == 60), "diverged"].item() == 1
    longest = ex.longest_recalled(summary)
    assert longest == {"a": 10, "b": None}
    words = xc.recall_words(summary, longest, "en")
    assert words[0].endswith("up to d = 10; 20% at d = 60.")
    assert "below 90% at every d; 10% at d = 60" in words[1]
    assert xc.recall_chart(summary, "en").to_dict()


# ---- the shipped packs ----

def test_every_default_phase_link_is_shipped_and_equals_a_fresh_computation():
    from rnnlab.teaching import experiment_packs as packs
    links = packs.default_phase_links()
    assert {spec.init for spec, _, _ in links} == {c.init for c in PRESETS.values()}
    for spec, context, (ids, vocab_size) in links:
        shipped = packs.load_pack("phase", spec, context)
        assert shipped is not None, f"no pack for {spec.init} on {context[0]}: rebuild the packs"
        fresh = ex.phase_diagram(ids, vocab_size, spec).table
        pd.testing.assert_frame_equal(shipped, fresh, check_exact=False, rtol=1e-10)


def test_the_long_range_pack_is_shipped_and_its_runs_recompute_to_it():
    from rnnlab.evaluate import key_recall
    from rnnlab.teaching import experiment_packs as packs
    spec = ex.LongRangeSpec()
    shipped = packs.load_pack("longrange", spec)
    assert shipped is not None, "no long-range pack: rebuild the packs"
    runs = spec.runs()
    assert len(shipped) == len(runs)
    # every run is a separate training: a sample of them, spread over settings and distances
    for i in range(0, len(runs), 23):  # 8 runs, each of another setting and most of another d
        name, d, seed, cfg = runs[i]
        row = shipped.iloc[i]
        assert (row["setting"], row["distance"], row["seed"]) == (name, d, seed)
        text = load_corpus("longrange", distance=d)
        result = train(cfg, text)
        expected = (key_recall(result.params, text, cfg.activation).accuracy
                    if result.diverged_at is None else np.nan)
        np.testing.assert_equal(row["accuracy"], expected)


def test_angle_words_when_value_clipping_clips_nothing():
    angles = pd.DataFrame({"mode": ["norm", "norm"], "step": [3, 7], "degrees": [0.0, 1e-14]})
    words = xc.angle_words(angles, 0.25, "en")
    assert "clipped no step" in words and "at 2 steps" in words and "1e-14°" in words


def test_recall_against_d_for_compared_runs():
    runs = {"A": LabConfig(corpus="longrange", hidden=8, seq_len=12, batch=2, steps=6),
            "B": LabConfig(corpus="longrange", hidden=8, seq_len=12, batch=2, steps=6,
                           activation="tanh")}
    configs = ex.recall_configs(runs, (3, 6))
    assert configs[("B", 6)] == runs["B"].replace(distance=6).canonical()
    results = {key: train(cfg, load_corpus("longrange", distance=key[1]))
               for key, cfg in configs.items()}
    table = ex.recall_by_distance(results)
    from rnnlab.evaluate import key_recall
    text = load_corpus("longrange", distance=6)
    expected = key_recall(results[("A", 6)].params, text, "sigmoid").accuracy
    assert table[(table.run == "A") & (table.distance == 6)]["accuracy"].item() == expected
    assert f"A: d = 3 {table.accuracy.iloc[0]:.0%}, d = 6 {expected:.0%}" in \
        xc.compare_recall_words(table, "en")


def test_tab_draws_recall_against_d_for_a_long_range_comparison():
    at = AppTest.from_file(APP, default_timeout=400)
    at.session_state["tab"] = EXPERIMENTS
    for key, value in {"corpus": "longrange", "steps": "20", "cmp": "act:tanh",
                       "cmp_sweep": "true"}.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    tab = at.tabs[4]
    recall = _with_column(_frames(tab), "run", "accuracy", "distance")
    assert set(recall["run"]) == {"A: current settings", "B: act = tanh"}
    assert md_escape(xc.compare_recall_words(recall, "en")) in _markdown(tab)


def test_replay_records_the_first_steps_largest_gradient_component():
    from rnnlab.model import loss_and_grads
    from rnnlab.train import windows
    config = LabConfig(hidden=8, seq_len=6, batch=3, steps=2)
    inputs, targets, _ = next(windows(TEXT.ids, 3, 6))
    p = init_params(V, 8, spectral_norm=config.rho, seed=config.seed)
    loss, grads, _ = loss_and_grads(p, inputs, targets, np.zeros((3, 8)), config.activation)
    first = ex.replay(config, TEXT).history.iloc[0]
    assert first["loss"] == pytest.approx(loss, rel=1e-12)
    assert first["grad_max"] == pytest.approx(max(np.abs(a).max() for a in grads.arrays()),
                                              rel=1e-12)

"""The page, driven by Streamlit's AppTest: what a student sees, and that the plotted numbers are
the ones rnnlab computes for that configuration."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

from rnnlab import analysis
from rnnlab.config import LabConfig
from rnnlab.corpus import load_corpus, passage
from rnnlab.teaching import charts
from rnnlab.teaching.lessons import PRESETS

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def open_page(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def walk(node):
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield child
            yield from walk(child)


def vega_charts(tab):
    return [e for e in walk(tab) if e.type == "vega_lite_chart"]


def chart_frames(chart) -> dict[str, pd.DataFrame]:
    """Every dataset of a chart element, decoded from what the page received."""
    return {d.name: convert_arrow_bytes_to_pandas_df(d.data.data) for d in chart.proto.datasets}


def chart_with_column(tab, column: str) -> pd.DataFrame:
    for chart in vega_charts(tab):
        for frame in chart_frames(chart).values():
            if column in frame.columns:
                return frame
    raise AssertionError(f"no chart in this tab plots a column {column!r}")


def controls(at: AppTest) -> dict:
    sb = at.sidebar
    out = {w.key: w.value for w in [*sb.slider, *sb.selectbox, *sb.number_input,
                                    *sb.select_slider]}
    return out


@pytest.fixture(scope="module")
def default_page() -> AppTest:
    return open_page()


def test_default_page_fills_every_tab_without_pressing_anything(default_page):
    at = default_page
    assert not at.exception
    assert [t.label for t in at.tabs][:4] == ["① Training", "② Distant words",
                                              "③ Jacobian norms", "④ Theory"]
    assert len(vega_charts(at.tabs[0])) == 4  # loss, gradient norm, forward state, ‖W_hh‖₂
    assert len(vega_charts(at.tabs[1])) == 4
    assert len(vega_charts(at.tabs[2])) == 3
    assert len(at.tabs[3].latex) >= 5
    assert "Trained 300 steps" in at.success[0].value
    assert not at.error


def test_plotted_training_numbers_are_rnnlabs(default_page, trained):
    expected = trained(LabConfig(), load_corpus("english")).history
    loss = chart_with_column(default_page.tabs[0], "value")
    raw = loss[loss.series == "J (this step)"].sort_values("step")
    np.testing.assert_allclose(raw.value.to_numpy(), expected.loss.to_numpy(), rtol=1e-12)
    grad = chart_with_column(default_page.tabs[0], "grad_norm").sort_values("step")
    np.testing.assert_allclose(grad.grad_norm.to_numpy(), expected.grad_norm.to_numpy(),
                               rtol=1e-12)
    smooth = loss[loss.series == "J (smoothed)"].sort_values("step")
    np.testing.assert_allclose(smooth.value.to_numpy(), charts.smooth(expected.loss).to_numpy(),
                               rtol=1e-12)


def test_plotted_analysis_numbers_are_rnnlabs(default_page, trained):
    english = load_corpus("english")
    result = trained(LabConfig(), english)
    window = passage(english, 80)
    ids = english.vocab.encode(window)
    contrib = analysis.summarize(analysis.distant_contributions(
        result.params, ids[:-1], ids[1:], activation="sigmoid"))
    shown = chart_with_column(default_page.tabs[1], "median")
    shown = shown[shown.series.str.startswith("‖∂J_t/∂h_k‖")].sort_values("distance")
    want = contrib[contrib.quantity == "grad_h"].sort_values("distance")
    want = want[want["median"] > 0]
    np.testing.assert_allclose(shown["median"].to_numpy(), want["median"].to_numpy(), rtol=1e-9)

    norms = analysis.summarize(analysis.jacobian_norms(result.params, ids[:-1],
                                                       activation="sigmoid"))
    shown = chart_with_column(default_page.tabs[2], "median")
    measured = shown[shown.series.str.startswith("measured")].sort_values("distance")
    want = norms[norms.quantity == "measured"].sort_values("distance")
    np.testing.assert_allclose(measured["median"].to_numpy(), want["median"].to_numpy(),
                               rtol=1e-9)
    bound = shown[shown.series.str.startswith("lecture's bound")].sort_values("distance")
    beta = np.linalg.norm(result.params.W_hh, 2) * 0.25
    np.testing.assert_allclose(bound["median"].to_numpy(), beta ** bound.distance.to_numpy(),
                               rtol=1e-9)


def test_overlapping_bounds_are_explained_with_the_measured_gap(default_page, trained):
    """The lecture's run: the stepwise bound lies on the lecture's bound, and the page says how
    many orders of magnitude separate it from the measured norm, as rnnlab computes them."""
    english = load_corpus("english")
    result = trained(LabConfig(), english)
    ids = english.vocab.encode(passage(english, 80))[:-1]
    norms = analysis.jacobian_norms(result.params, ids, activation="sigmoid")
    far = norms[norms.distance == norms.distance.max()]
    slopes = (far.log10_bound - far.log10_stepwise_bound).median()
    gap = (far.log10_stepwise_bound - far.log10_measured).median()
    caption = next(c.value for c in default_page.tabs[2].caption if "‖AB‖" in c.value)
    assert f"factor {10**slopes:.2g} " in caption and f" {gap:.0f} orders of magnitude" in caption


def test_chinese_link_gives_a_chinese_page():
    at = open_page(lang="zh")
    assert not at.exception
    assert at.tabs[0].label == "① 训练" and "梯度" in at.title[0].value
    assert "已训练" in at.success[0].value
    assert any("链式法则" in m.value for m in at.tabs[3].markdown)


def test_hand_written_link_sets_exactly_those_controls():
    at = open_page(act="tanh", hidden="32", rho="1.5", seed="3")
    assert not at.exception
    got = controls(at)
    default = LabConfig()
    assert got["act"] == "tanh" and got["hidden"] == 32 and got["rho"] == 1.5 and got["seed"] == 3
    assert got["init"] == default.init and got["opt"] == default.optimizer
    assert got["seq"] == default.seq_len and got["steps"] == default.steps
    assert got["lr"] == default.lr and got["clip"] == default.clip
    assert not [w for w in at.warning if "could not use" in w.value]  # every value taken


def test_link_also_sets_the_view_of_each_tab():
    """Which prediction, which weights, which form, sample temperature: one link, one view."""
    at = open_page(pos="40", words="false", ckpt="0", note_form="true", temp="1.5")
    assert not at.exception
    assert at.slider(key="pos").value == 40 and at.toggle(key="words").value is False
    assert at.select_slider(key="ckpt").value == 0 and at.toggle(key="note_form").value
    assert at.slider(key="temp").value == 1.5
    assert "40" in at.tabs[1].caption[0].value  # the shaded prediction is at t = 40
    at.select_slider(key="ckpt").set_value(LabConfig().steps).run()
    assert "ckpt" not in at.query_params  # the default view leaves the link short
    at.select_slider(key="ckpt").set_value(75).run()
    assert at.query_params["ckpt"] == "75"


def test_each_lesson_preset_sets_every_control():
    at = open_page()
    at.sidebar.selectbox(key="preset").select("edge").run()
    assert not at.exception
    got = controls(at)
    edge = PRESETS["edge"]
    assert got["act"] == edge.activation and got["init"] == edge.init
    assert got["rho"] == edge.rho and got["preset"] == "edge"
    assert at.query_params.get("preset") in ("edge", ["edge"])


def test_diverging_training_is_explained_and_the_page_keeps_working():
    at = open_page(preset="state_blowup")
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert "diverged at step" in errors
    assert vega_charts(at.tabs[0]), "the curve up to the divergence stays up"
    # the saturated softmax of exploded weights: no list of zero "largest contributions"
    assert not any("0.00e+00" in c.value for c in at.tabs[1].caption)
    # a bound of 1e5 per step passes float64's largest number: the page says where curves stop
    assert any("1.8e308" in c.value for c in at.tabs[2].caption)
    loss = chart_with_column(at.tabs[0], "value")
    assert np.isfinite(loss.value).all() and len(loss)
    # the analysis tabs use the last finite parameters, or explain why they cannot
    for tab in at.tabs[1:3]:
        assert vega_charts(tab) or any("cannot be computed" in e.value for e in tab.error)


def test_sentence_box_shows_user_text_as_text():
    at = open_page()
    at.text_area(key="text").input("<script>alert(1)</script> **bold** $$x$$ the end").run()
    assert not at.exception
    # the five characters the English vocabulary lacks are named, each as text: markdown's
    # special characters behind a backslash (shown as "< > / * $"), so none becomes a tag,
    # emphasis or maths
    notes = [i.value for i in at.info]
    assert notes == ["Left out (not in the model's vocabulary): \\< \\> \\/ \\* \\$"]
    # the rest is analysed and drawn letter by letter as the text marks of the shading chart
    frames = [f for c in vega_charts(at.tabs[1]) for f in chart_frames(c).values()
              if "shown" in f.columns]
    assert len(frames) == 1
    shown = "".join(frames[0].sort_values("k").shown)
    assert shown == "scriptalert(1)script bold x the en".replace(" ", "·")  # k = 1 … T


def test_long_range_lesson_scores_the_keys_and_sweeps_the_distance(trained):
    from rnnlab.evaluate import key_recall

    at = open_page(preset="longrange", sweep="true")
    assert not at.exception
    cfg = PRESETS["longrange"]
    text = load_corpus("longrange", distance=cfg.distance)
    want = key_recall(trained(cfg, text).params, text, cfg.activation)
    shown = {m.label: m.value for m in at.tabs[0].metric}
    assert shown["Keys recalled"] == f"{want.accuracy:.1%}"
    sweep = chart_with_column(at.tabs[0], "accuracy").sort_values("distance")
    assert sweep.distance.tolist() == [2, 5, 10, 15, 20, 30, 45]
    assert sweep.accuracy.iloc[0] > 0.9  # d = 2 is easy ...
    assert sweep.accuracy.iloc[-1] < 0.3  # ... d = 45 is out of reach (chance 1/8)
    assert sweep[sweep.distance == cfg.distance].accuracy.iloc[0] == pytest.approx(want.accuracy)


@pytest.mark.parametrize("code", list(PRESETS))
def test_a_lesson_link_trains_the_lessons_own_settings(code):
    """Every preset's values fit its controls (a learning rate off the slider's grid would be
    replaced, and the page would train another run than the one its description is about)."""
    at = open_page(preset=code)
    assert not at.exception
    assert not [c.value for c in at.sidebar.caption if "Changed from this lesson" in c.value]


def test_a_lesson_link_with_an_override_names_the_changed_control_and_keeps_the_lesson():
    at = open_page(preset="edge", hidden="32")
    assert not at.exception
    note = [c.value for c in at.sidebar.caption if "Changed from this lesson" in c.value]
    assert note and "“Hidden size H”" in note[0]
    assert next(s for s in at.sidebar.selectbox if s.key == "preset").value == "edge"

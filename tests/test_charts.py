"""Charts: their data is rnnlab's numbers, their specs have titled axes, tooltips, log scales
where promised, no hard-coded colours, and zeros never reach a log axis."""

import json

import numpy as np
import pandas as pd
import pytest

from rnnlab import charts

HISTORY = pd.DataFrame({
    "step": [1, 2, 3, 4],
    "loss": [4.2, 3.9, np.nan, 3.5],
    "grad_norm": [2.0, 0.0, 9.0, 1.0],
    "clipped": [False, False, True, False],
    "w_norm": [1.0, np.nan, np.nan, 1.2],
    "spectral_radius": [0.5, np.nan, np.nan, 0.6],
})


def _spec(chart) -> dict:
    return chart.to_dict()


def _walk(spec):
    if isinstance(spec, dict):
        yield spec
        for v in spec.values():
            yield from _walk(v)
    elif isinstance(spec, list):
        for v in spec:
            yield from _walk(v)


def _encodings(spec):
    for node in _walk(spec):
        if "encoding" in node:
            yield node["encoding"]


def _assert_readable(spec):
    text = json.dumps(spec)
    for colour in ("#000", "#fff", "black", "white"):
        assert f'"{colour}' not in text.lower(), f"hard-coded colour {colour}"
    assert spec.get("title"), "every chart has a title"
    for enc in _encodings(spec):
        for channel in ("x", "y"):
            if channel in enc and "field" in enc[channel]:
                assert enc[channel].get("title"), f"untitled {channel} axis: {enc[channel]}"
        assert "tooltip" in enc or set(enc) <= {"x", "y", "text"}, "marks carry tooltips"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_loss_chart_data_and_spec(lang):
    chart = charts.loss_chart(HISTORY, np.log(65), lang, steps=4)
    data = charts.chart_data(chart)
    raw = data[data.series == data.series.iloc[0]]
    assert raw.value.tolist() == [4.2, 3.9, 3.5]  # NaN dropped from the plot
    spec = _spec(chart)
    _assert_readable(spec)
    rules = [n for n in _walk(spec) if n.get("mark") in ("rule", {"type": "rule"})
             or (isinstance(n.get("mark"), dict) and n["mark"].get("type") == "rule")]
    assert rules, "chance level is marked"
    assert any(abs(v - np.log(65)) < 1e-12 for n in _walk(spec) for v in
               (n.get("chance", []) if isinstance(n.get("chance"), list) else [n.get("chance")])
               if isinstance(v, float)), "chance level is ln|V|"


def test_smoothed_loss_is_an_exponential_moving_average():
    s = charts.smooth(pd.Series([1.0, 2.0, 3.0]), span=3)
    alpha = 0.5
    w = [(1 - alpha) ** 2, (1 - alpha), 1.0]
    assert s.iloc[-1] == pytest.approx(np.dot(w, [1, 2, 3]) / sum(w))


@pytest.mark.parametrize("clip", ["none", "value", "norm"])
def test_grad_norm_chart_is_log_scaled_without_zeros(clip):
    chart = charts.grad_norm_chart(HISTORY, clip, 5.0, "en", steps=4)
    data = charts.chart_data(chart)
    assert (data.grad_norm > 0).all() and data.step.tolist() == [1, 3, 4]
    spec = _spec(chart)
    _assert_readable(spec)
    assert any(e.get("y", {}).get("scale", {}).get("type") == "log" for e in _encodings(spec))
    has_threshold = any(n.get("c") == [5.0] for n in _walk(spec)) or "5.0" in json.dumps(spec)
    assert has_threshold == (clip == "norm")


def test_w_norm_chart_plots_only_measured_steps():
    chart = charts.w_norm_chart(HISTORY, "zh", steps=4)
    data = charts.chart_data(chart)
    assert sorted(data.step.unique().tolist()) == [1, 4]
    _assert_readable(_spec(chart))


def test_by_distance_chart_keeps_positive_values_on_a_log_axis():
    summary = pd.DataFrame({"distance": [0, 1, 2, 3], "series": ["a"] * 4,
                            "median": [1.0, 1e-46, 0.0, np.nan], "p10": [0.5, 0.0, 0.0, 0.0],
                            "p90": [2.0, 1e-40, 0.0, 0.0]})
    chart = charts.by_distance_chart(summary, "title", "‖∂h_t/∂h_k‖₂", "en")
    data = charts.chart_data(chart)
    assert data.distance.tolist() == [0, 1]
    assert (data[["median", "p10", "p90"]] > 0).all().all()
    assert data["median"].iloc[1] == 1e-46  # tiny values stay exact, not clipped
    _assert_readable(_spec(chart))


def test_an_exploding_loss_goes_on_a_log_axis():
    history = HISTORY.assign(loss=[4.2, 40.0, 4e30, 3e96])
    spec = _spec(charts.loss_chart(history, np.log(65), "en"))
    assert any(e.get("y", {}).get("scale", {}).get("type") == "log" for e in _encodings(spec))
    calm = _spec(charts.loss_chart(HISTORY, np.log(65), "en"))
    assert not any(e.get("y", {}).get("scale", {}).get("type") == "log" for e in _encodings(calm))

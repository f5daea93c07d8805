"""Charts: their data is rnnlab's numbers, their specs have titled axes, tooltips, log scales
where promised, no hard-coded colours, and zeros never reach a log axis. Past the synthetic
tables at the top, every chart is built from small real runs, as the page builds it."""

import json
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from rnnlab import analysis, corpus, remedy
from rnnlab import experiments as ex
from rnnlab.config import LabConfig
from rnnlab.evaluate import key_recall
from rnnlab.gates import gate_profile
from rnnlab.teaching import charts
from rnnlab.teaching import experiment_charts as xc
from rnnlab.teaching.captions import number
from rnnlab.teaching.i18n import option_label, tr

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


# the clipped steps are marked when a clipping is on; the threshold c only for norm clipping,
# whose c bounds the plotted ‖∂J/∂θ‖ itself (value clipping bounds each component)
@pytest.mark.parametrize(("clip", "marks", "thresholds"), [
    ("none", ["line"], []),
    ("value", ["line", "point"], []),
    ("norm", ["line", "point", "rule"], [[5.0]]),
])
def test_grad_norm_chart_is_log_scaled_without_zeros(clip, marks, thresholds):
    chart = charts.grad_norm_chart(HISTORY, clip, 5.0, "en", steps=4)
    data = charts.chart_data(chart)
    assert (data.grad_norm > 0).all() and data.step.tolist() == [1, 3, 4]
    spec = _spec(chart)
    _assert_readable(spec)
    assert any(e.get("y", {}).get("scale", {}).get("type") == "log" for e in _encodings(spec))
    assert [_mark(layer) for layer in _layers(spec)] == marks
    assert [layer.data.c.tolist() for layer in chart.layer if layer.mark.type == "rule"] \
        == thresholds


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


# ---- built from small real runs: the plotted values are the engine's, the spec is the page's ----

TEXT = corpus.load_corpus("english")
SMALL = LabConfig(hidden=8, seq_len=10, batch=4, steps=40)
WINDOW = corpus.passage(TEXT, 40)  # "7. Why the Squashing Function Matters\n\nT": spaces, breaks


def _layers(spec) -> list[dict]:
    return spec.get("layer", [spec])


def _mark(layer) -> str:
    mark = layer["mark"]
    return mark if isinstance(mark, str) else mark["type"]


def _tips(layer) -> list[str]:
    return [tip["field"] for tip in layer["encoding"].get("tooltip", [])]


def _axis(layer, channel) -> tuple:
    """(field, type, title) of an encoding channel."""
    enc = layer["encoding"][channel]
    return enc["field"], enc.get("type"), enc.get("title")


def _layer_data(chart, mark: str) -> pd.DataFrame:
    """The data of the (first) layer drawn with `mark`: its own, or the chart's."""
    for layer in getattr(chart, "layer", [chart]):
        if _mark(layer.to_dict()) == mark:
            return layer.data if isinstance(layer.data, pd.DataFrame) else chart.data
    raise AssertionError(f"no {mark} layer")


@pytest.fixture(scope="module")
def run(trained):
    """SMALL trained, and what the page computes from it on WINDOW."""
    result = trained(SMALL, TEXT)
    ids = TEXT.vocab.encode(WINDOW)
    x, y = ids[:-1], ids[1:]  # (T,), T = 39
    p, act = result.params, SMALL.activation
    pairs = analysis.distant_contributions(p, x, y, activation=act)
    return SimpleNamespace(result=result, x=x, y=y, pairs=pairs,
                           norms=analysis.jacobian_norms(p, x, activation=act),
                           one_step=analysis.one_step_norms(p, x, activation=act),
                           shares=analysis.share_beyond(pairs))


def test_state_norm_chart_plots_the_runs_largest_forward_state_on_a_log_axis(run):
    history = run.result.history
    chart = charts.state_norm_chart(history, "en", steps=SMALL.steps)
    data = charts.chart_data(chart)
    assert len(data) == SMALL.steps and (history.state_norm > 0).all()
    np.testing.assert_array_equal(data.step, history.step)
    np.testing.assert_array_equal(data.state_norm, history.state_norm)
    spec = _spec(chart)
    _assert_readable(spec)
    assert _mark(spec) == "line"
    assert _axis(spec, "x") == ("step", "quantitative", "training step")
    assert spec["encoding"]["x"]["scale"]["domain"] == [0, SMALL.steps]
    assert _axis(spec, "y") == ("state_norm", "quantitative", "‖h_T‖₂")
    assert spec["encoding"]["y"]["scale"]["type"] == "log"
    assert _tips(spec) == ["step", "state_norm"]


@pytest.mark.parametrize(("table", "value", "value_title"), [
    ("pairs", "grad_h", "‖∂J_t/∂h_k‖₂"),  # the Distant words tab
    ("norms", "measured", "‖∂h_t/∂h_k‖₂"),  # the Jacobian norms tab
])
def test_heatmap_colours_each_pair_by_log10_of_its_value(run, table, value, value_title):
    pairs = getattr(run, table)
    chart = charts.heatmap_chart(pairs, value, "title", value_title, "en")
    data = charts.chart_data(chart)
    assert (pairs[value] > 0).all() and len(data) == len(pairs)
    for column in ("t", "k", "distance", value):
        np.testing.assert_array_equal(data[column], pairs[column])
    np.testing.assert_array_equal(data["log10"], np.log10(pairs[value]))
    spec = _spec(chart)
    _assert_readable(spec)
    assert _mark(spec) == "rect"
    assert _axis(spec, "x") == ("k", "ordinal", "k (earlier step)")
    assert _axis(spec, "y") == ("t", "ordinal", "t (predicting step)")
    assert spec["encoding"]["y"]["sort"] == "descending"  # the latest prediction on top
    assert _axis(spec, "color") == ("log10", "quantitative", f"log10 {value_title}")
    assert _tips(spec) == ["t", "k", "distance", value]
    # a zero (a vanished term) has no log10: it leaves the colour scale, not the table
    zero = pairs.assign(**{value: pairs[value].where(pairs.index != 5, 0.0)})
    assert len(charts.chart_data(charts.heatmap_chart(zero, value, "t", value_title, "en"))) \
        == len(pairs) - 1


def _shading(run, by_word: bool, per_row: int = 8):
    pos = len(run.x)  # the last prediction, where the page opens
    text = WINDOW[:-1]
    chars, words = analysis.word_contributions(run.result.params, run.x, run.y, pos,
                                               corpus.words(text), activation=SMALL.activation,
                                               text=text)
    chart = charts.shading_chart(chars, words, by_word, "title", "‖∂J_t/∂x_k‖₂", "en",
                                 per_row=per_row)
    return chars, words, chart


def _assert_a_grid_of_letters(chart, chars, per_row):
    data = charts.chart_data(chart)
    # every character read before t, in order, as text: a space as ·, a line break as ↵
    assert "".join(data.shown) == WINDOW[:-1].replace(" ", "·").replace("\n", "↵")
    np.testing.assert_array_equal(data.col, (chars.k - 1) % per_row)
    np.testing.assert_array_equal(data.row, (chars.k - 1) // per_row)
    spec = _spec(chart)
    assert [_mark(layer) for layer in _layers(spec)] == ["rect", "text"]
    cells, letters = _layers(spec)
    assert _axis(cells, "color") == ("log10", "quantitative", "log10 ‖∂J_t/∂x_k‖₂")
    assert _axis(letters, "text") == ("shown", "nominal", None)  # a text mark: never HTML
    for layer in (cells, letters):
        assert layer["encoding"]["x"] == {"axis": None, "field": "col", "type": "ordinal"}
        assert layer["encoding"]["y"] == {"axis": None, "field": "row", "type": "ordinal"}
        assert _tips(layer) == ["shown", "k", "distance", "contribution"]
    rows = -(-len(chars) // per_row)  # 39 characters, 8 a row: 5 rows
    assert spec["height"] == 42 * rows == 210
    assert not any(f'"{c}' in json.dumps(spec).lower() for c in ("#000", "#fff", "black", "white"))
    return data


def test_shading_by_character_shades_each_by_its_own_contribution(run):
    chars, _, chart = _shading(run, by_word=False)
    data = _assert_a_grid_of_letters(chart, chars, 8)
    np.testing.assert_array_equal(data.contribution, chars.contribution)
    assert (chars.contribution > 0).all()
    np.testing.assert_array_equal(data.log10, np.log10(chars.contribution))


def test_shading_by_word_shades_each_character_by_its_words_contribution(run):
    chars, words, chart = _shading(run, by_word=True)
    data = _assert_a_grid_of_letters(chart, chars, 8)
    of_word = dict(zip(words.word, words.contribution, strict=True))
    want = np.array([of_word.get(w, np.nan) for w in chars.word])  # -1: between words, unshaded
    assert np.isnan(want).any() and np.isfinite(want).any()
    np.testing.assert_array_equal(data.contribution, want)
    np.testing.assert_array_equal(data.log10, np.log10(want))


def test_one_step_chart_plots_the_three_forms_at_every_step(run):
    chart = charts.one_step_chart(run.one_step, "en")
    data = charts.chart_data(chart)
    assert len(data) == 3 * len(run.one_step) == 3 * len(run.x)
    for form in ("correct", "transpose", "lecture"):
        part = data[data.form == tr(f"form.{form}", "en")]
        np.testing.assert_array_equal(part.j, run.one_step.j)
        np.testing.assert_array_equal(part.norm, run.one_step[form])
    spec = _spec(chart)
    _assert_readable(spec)
    assert spec["mark"] == {"type": "line", "point": {"size": 16}}
    assert _axis(spec, "x") == ("j", "quantitative", "step j")
    assert _axis(spec, "y") == ("norm", "quantitative", "norm of the one-step Jacobian")
    assert spec["encoding"]["y"]["scale"]["type"] == "log"
    assert _axis(spec, "color")[0] == _axis(spec, "strokeDash")[0] == "form"
    assert _tips(spec) == ["j", "form", "norm"]


def test_share_chart_plots_the_share_beyond_each_distance(run):
    chart = charts.share_chart(run.shares, "en")
    pd.testing.assert_frame_equal(charts.chart_data(chart), run.shares)
    assert len(run.shares) == len(run.x) and run.shares.share.between(0, 1).all()
    spec = _spec(chart)
    _assert_readable(spec)
    assert _mark(spec) == "area" and spec["mark"]["line"] is True
    assert _axis(spec, "x") == ("distance", "quantitative", "d (characters back)")
    assert _axis(spec, "y") == ("share", "quantitative", "share beyond d")
    y = spec["encoding"]["y"]
    assert y["axis"]["format"] == "%" and y["scale"]["domain"] == [0, 1]
    assert _tips(spec) == ["distance", "share"]


def _longrange(d: int) -> LabConfig:
    return LabConfig(corpus="longrange", distance=d, hidden=8, seq_len=12, batch=2, steps=6)


def test_recall_chart_plots_the_keys_recalled_at_each_distance(trained):
    rows = []
    for d in (3, 6):  # as the page's sweep builds its table
        text = corpus.load_corpus("longrange", distance=d)
        r = key_recall(trained(_longrange(d), text).params, text, "sigmoid")
        rows.append({"distance": d, "accuracy": r.accuracy, "loss": r.loss,
                     "chance": r.chance_accuracy})
    sweep = pd.DataFrame(rows)
    chart = charts.recall_chart(sweep, "en")
    pd.testing.assert_frame_equal(charts.chart_data(chart), sweep)
    assert (sweep.chance == 1 / len(corpus.KEYS)).all()
    line = _recall_layers(chart)
    assert line["encoding"]["y"]["scale"]["domain"] == [0, 1]
    assert _tips(line) == ["distance", "accuracy", "loss"]


def _recall_layers(chart) -> dict:
    """What every recall-against-d chart shares: readable, a line of the share of keys recalled
    (in %) against d, and a rule at chance; returns the line's layer."""
    spec = _spec(chart)
    _assert_readable(spec)
    line, chance = _layers(spec)
    assert (_mark(line), _mark(chance)) == ("line", "rule")
    assert _axis(line, "x") == ("distance", "quantitative", "dependency distance d (characters)")
    assert _axis(line, "y") == ("accuracy", "quantitative", "keys recalled")
    assert line["encoding"]["y"]["axis"]["format"] == "%"
    assert chance["encoding"]["y"]["aggregate"] == "mean" and _tips(chance) == ["chance"]
    return line


def _remedy(trained, window: int):
    """The remedy lesson's table and chart, from small runs with the BPTT window T = `window`."""
    base = LabConfig(hidden=8, seq_len=window, batch=2, steps=5)
    runs = {key: trained(cfg, corpus.load_corpus("longrange", distance=cfg.distance))
            for key, cfg in remedy.remedy_configs(base).items()}
    table = remedy.recall_table(runs)
    names = {code: tr(f"remedy.{code}", "en") for code, _ in remedy.SETTINGS}
    return table, names, charts.remedy_chart(table, names, "en")


def test_remedy_chart_plots_each_settings_recall_at_each_distance(trained):
    table, names, chart = _remedy(trained, 60)  # T/2 = 30: no distance of the grid beyond it
    data = charts.chart_data(chart)
    np.testing.assert_array_equal(data.distance, table.distance)
    np.testing.assert_array_equal(data.accuracy, table.accuracy)
    assert data.series.tolist() == [names[c] for c in table.setting]
    line = _recall_layers(chart)
    assert line["encoding"]["color"]["scale"]["domain"] == list(dict.fromkeys(data.series))
    assert _tips(line) == ["series", "distance", "accuracy"]


def test_remedy_chart_shades_the_distances_beyond_half_the_window(trained):
    table, _, chart = _remedy(trained, 40)  # d = 30 > T/2 = 20
    assert table.truncated.tolist() == (table.distance > 20).tolist()
    spec = _spec(chart)
    assert [_mark(layer) for layer in _layers(spec)] == ["rect", "line", "rule"]
    # the band's x shares the lines' axis, which carries the explicit title
    _assert_readable({**spec, "layer": _layers(spec)[1:]})
    shade = _layer_data(chart, "rect")
    assert (shade["from"].item(), shade["to"].item()) == (20.0, 30.0)
    assert shade.label.item() == "d > T/2 (T = 40): the window may truncate here"
    assert _tips(_layers(spec)[0]) == ["label"]
    np.testing.assert_array_equal(_layer_data(chart, "line").accuracy, table.accuracy)


def test_gates_chart_plots_the_direct_path_beside_the_measured_rate(trained):
    gru = trained(SMALL.replace(cell="gru", steps=20), TEXT)
    x = TEXT.vocab.encode(WINDOW)[:-1]
    profile, _ = gate_profile(gru.params, x, analysis.jacobian_norms(gru.params, x))
    chart = charts.gates_chart(profile, "update", "h", "en")
    data = charts.chart_data(chart)
    direct = data[data.series == "direct path through the update gates"]
    rate = data[data.series == "measured rate of ‖∂h_j/∂h_0‖₂"]
    assert len(direct) + len(rate) == len(data) and len(direct) == len(x)
    np.testing.assert_array_equal(direct.value, profile.direct_rate)
    want = profile.dropna(subset=["rate"])
    np.testing.assert_array_equal(rate.j, want.j)
    np.testing.assert_array_equal(rate.value, want.rate)
    spec = _spec(chart)
    _assert_readable(spec)
    assert _mark(spec) == "line"
    assert _axis(spec, "x") == ("j", "quantitative", "step j")
    assert _axis(spec, "y") == ("value", "quantitative", "natural log per step")
    assert _tips(spec) == ["j", "series", "value"]


# ---- the Experiments tab's charts ----

def _fixed_colours(spec) -> list[str]:
    text = json.dumps(spec).lower()
    return [c for c in ("#000", "#fff", "black", "white") if f'"{c}' in text]


@pytest.fixture(scope="module")
def phase(run):
    """A small phase diagram on WINDOW, and SMALL's network placed in it before and after."""
    spec = ex.PhaseSpec(norms=(0.5, 2.0, 8.0), seeds=(0, 1), hidden=4, starts=2, max_distance=8)
    summary = ex.phase_summary(ex.phase_diagram(run.x, len(TEXT.vocab), spec).table)
    point = ex.trained_point(run.result.checkpoints[0], run.result.params, run.x,
                             SMALL.activation, starts=2, max_distance=8)
    return summary, point


def test_phase_chart_plots_each_activations_rate_band_and_bound(phase):
    summary, _ = phase
    chart = xc.phase_chart(summary, None, "en")
    data = _layer_data(chart, "line")
    # one ReLU network at ‖W_hh‖₂ = 8 dies (every unit off: ∂h_t/∂h_k = 0, a rate of −∞), and
    # leaves the chart; every other rate is drawn as measured
    finite = summary[np.isfinite(summary.rate)]
    assert len(data) == len(finite) < len(summary)
    for column in ("w_norm", "rate", "rate_min", "rate_max", "bound_rate"):
        np.testing.assert_array_equal(data[column], finite[column])
    assert data.series.tolist() == [option_label("act", a, "en") for a in finite.activation]
    spec = _spec(chart)
    assert spec["title"] and not _fixed_colours(spec)
    layers = _layers(spec)
    assert [_mark(layer) for layer in layers] == ["line", "area", "line", "line", "rect", "rule",
                                                   "text", "rule"]
    line, band, bound = layers[:3]
    assert _axis(line, "x") == ("w_norm", "quantitative", "‖W_hh‖₂ (log axis)")
    assert line["encoding"]["x"]["scale"] == {"domain": [0.5, 8.0], "nice": False, "type": "log"}
    assert _axis(line, "y") == ("rate", "quantitative", "rate (ln per step)")
    assert _tips(line) == ["series", "w_norm", "rate", "rate_min", "rate_max", "bound_rate"]
    assert (band["encoding"]["y"]["field"], band["encoding"]["y2"]["field"]) == ("rate_min",
                                                                                 "rate_max")
    assert bound["encoding"]["y"]["field"] == "bound_rate" and _tips(bound)[1] == "bound_rate"
    # ln ρ(W_hh) is drawn for the linear network alone, where it is the rate
    rho = chart.layer[3].data
    assert set(rho.activation) == {"linear"}
    np.testing.assert_array_equal(rho.log_rho, summary[summary.activation == "linear"].log_rho)
    # the regions the theorem covers end at the thresholds 1/γ: 1 (tanh, ReLU, linear), 4 (σ)
    regions = chart.layer[4].data
    assert regions.x.tolist() == [0.5, 1.0] and regions.x2.tolist() == [1.0, 4.0]


def test_phase_chart_places_the_trained_network_before_and_after(phase, run):
    summary, point = phase
    chart = xc.phase_chart(summary, point, "en")
    assert [_mark(layer) for layer in _layers(_spec(chart))][-2:] == ["line", "point"]
    marks = chart.layer[-1].data
    assert marks.stage.tolist() == ["init", "trained"]
    before, after = run.result.checkpoints[0].W_hh, run.result.params.W_hh
    np.testing.assert_allclose(marks.w_norm, [np.linalg.norm(before, 2),
                                              np.linalg.norm(after, 2)], rtol=1e-12)
    np.testing.assert_array_equal(marks.rate, point.rate)
    assert _tips(_layers(_spec(chart))[-1]) == ["label", "w_norm", "rate"]


@pytest.fixture(scope="module")
def compared(trained):
    """Two small runs side by side, as the comparison lays them out: (frame, order)."""
    results = {"A: current settings": trained(SMALL, TEXT),
               "B: act = tanh": trained(SMALL.replace(activation="tanh"), TEXT)}
    return ex.histories(results), list(results)


@pytest.mark.parametrize(("y", "log", "y_title", "scale"), [
    ("loss_smooth", False, "J (nats per character)", None),
    ("grad_norm", True, "‖∂J/∂θ‖ (log)", "log"),
    ("w_norm", False, "‖W_hh‖₂", None),  # measured every few steps: the others dropped
])
def test_runs_chart_draws_one_line_per_run_in_the_runs_order(compared, y, log, y_title, scale):
    frame, order = compared
    chart = xc.runs_chart(frame, "step", y, "title", "training step", y_title, order, log=log)
    data = charts.chart_data(chart)
    measured = frame[frame[y].notna()]
    assert (measured[y] > 0).all() and len(data) == len(measured) > 2
    for run in order:
        part, want = data[data.run == run], measured[measured.run == run]
        np.testing.assert_array_equal(part.step, want.step)
        np.testing.assert_array_equal(part[y], want[y])
    spec = _spec(chart)
    _assert_readable(spec)
    assert spec["mark"] == {"type": "line", "point": {"size": 10}}
    assert _axis(spec, "x") == ("step", "quantitative", "training step")
    assert _axis(spec, "y") == (y, "quantitative", y_title)
    assert spec["encoding"]["y"].get("scale", {}).get("type") == scale
    assert spec["encoding"]["color"]["scale"]["domain"] == order  # A, B: the theme's 1st, 2nd
    assert _tips(spec) == ["run", "step", y]


def test_histogram_chart_counts_every_step_in_log_bins(run):
    hist = ex.histogram(run.result.history)
    chart = xc.histogram_chart(hist, "none", 5.0, "en")
    pd.testing.assert_frame_equal(_layer_data(chart, "rect"), hist)
    assert hist["count"].sum() == SMALL.steps
    assert hist.lo.iloc[0] == run.result.history.grad_norm.min()
    assert hist.hi.iloc[-1] == run.result.history.grad_norm.max()
    spec = _spec(chart)
    assert [_mark(layer) for layer in _layers(spec)] == ["rect"]
    bars = _layers(spec)[0]
    assert _axis(bars, "x") == ("lo", "quantitative", "‖∂J/∂θ‖ before clipping (log bins)")
    assert bars["encoding"]["x"]["scale"]["type"] == "log"
    assert bars["encoding"]["x2"]["field"] == "hi"
    assert _axis(bars, "y") == ("count", "quantitative", "steps")
    assert _tips(bars) == ["lo", "hi", "count"]
    assert spec["title"] and not _fixed_colours(spec)


def test_histogram_chart_marks_the_norm_clipping_threshold(run):
    chart = xc.histogram_chart(ex.histogram(run.result.history), "norm", 5.0, "en")
    spec = _spec(chart)
    assert [_mark(layer) for layer in _layers(spec)] == ["rect", "rule"]
    rule = _layer_data(chart, "rule")
    assert rule.c.tolist() == [5.0] and rule.label.tolist() == ["threshold c = 5"]
    assert _layers(spec)[1]["encoding"]["x"]["field"] == "c" and _tips(_layers(spec)[1]) == [
        "label"]


def test_cliff_chart_plots_the_loss_along_the_gradient_at_two_steps(run):
    line = ex.cliff(SMALL, TEXT, run.result.history)
    chart = xc.cliff_chart(line, "en")
    data = charts.chart_data(chart)
    assert np.isfinite(line.loss).all() and len(data) == len(line) == 2 * 41
    np.testing.assert_array_equal(data.eta, line.eta)
    np.testing.assert_array_equal(data.loss, line.loss)
    for which, part in line.groupby("which"):
        label = tr(f"exp.close.{which}", "en", step=int(part.step.iloc[0]),
                  g=number(part.grad_norm.iloc[0]))
        assert data[line.which == which].line.unique().tolist() == [label]
    spec = _spec(chart)
    _assert_readable(spec)
    assert spec["mark"] == {"type": "line", "point": {"size": 14}}
    assert _axis(spec, "x") == ("eta", "quantitative",
                                "η, distance moved along −g/‖g‖ (symlog axis)")
    assert spec["encoding"]["x"]["scale"]["type"] == "symlog"
    assert _axis(spec, "y") == ("loss", "quantitative", "J (nats per character)")
    assert _tips(spec) == ["line", "eta", "loss"]


def test_angle_chart_plots_each_clipped_steps_angle_for_value_and_norm_clipping():
    c, _ = ex.clipping_threshold(ex.replay(SMALL, TEXT).history, SMALL.clip_at)
    replays = {m: ex.replay(SMALL.replace(clip=m, clip_at=c), TEXT).history
               for m in ("value", "norm")}
    chart = xc.angle_chart(xc.angle_frame(replays), "en")
    data = charts.chart_data(chart)
    for mode, history in replays.items():
        part, clipped = data[data["mode"] == mode], history[history.clipped]
        assert len(part) == len(clipped) > 0
        np.testing.assert_array_equal(part.step, clipped.step)
        np.testing.assert_array_equal(part.degrees, np.degrees(clipped.angle))
        assert part.label.unique().tolist() == [option_label("clip", mode, "en")]
    # the point of the chart: norm clipping keeps the direction, value clipping turns it
    assert data[data["mode"] == "norm"].degrees.max() < 1e-9
    assert data[data["mode"] == "value"].degrees.max() > 1e-3
    spec = _spec(chart)
    _assert_readable(spec)
    assert _mark(spec) == "point"
    assert _axis(spec, "x") == ("step", "quantitative", "training step")
    assert _axis(spec, "y") == ("degrees", "quantitative", "angle (degrees)")
    assert _axis(spec, "color")[0] == _axis(spec, "shape")[0] == "label"
    assert _tips(spec) == ["label", "step", "degrees"]


def test_benchmark_recall_chart_plots_each_settings_median_and_seed_range():
    bench = ex.LongRangeSpec(distances=(3, 6), seeds=(1, 2), steps=4)
    summary = ex.recall_summary(ex.long_range_benchmark(bench).table)
    chart = xc.recall_chart(summary, "en")
    data = charts.chart_data(chart)
    assert np.isfinite(summary.accuracy).all() and len(data) == len(summary)
    for column in ("distance", "accuracy", "acc_min", "acc_max", "window", "chance"):
        np.testing.assert_array_equal(data[column], summary[column])
    assert data.series.tolist() == [xc.setting_label(s, "en") for s in summary.setting]
    spec = _spec(chart)
    assert spec["title"] and not _fixed_colours(spec)
    line, band, chance = _layers(spec)
    assert [_mark(line), _mark(band), _mark(chance)] == ["line", "area", "rule"]
    assert _axis(line, "x") == ("distance", "quantitative",
                                "dependency distance d (BPTT window T = 2d, at least 20)")
    assert _axis(line, "y") == ("accuracy", "quantitative", "keys recalled")
    assert line["encoding"]["y"]["axis"]["format"] == "%"
    assert line["encoding"]["y"]["scale"]["domain"] == [0, 1]
    assert _tips(line) == ["series", "distance", "window", "accuracy"]
    assert (band["encoding"]["y"]["field"], band["encoding"]["y2"]["field"]) == ("acc_min",
                                                                                 "acc_max")
    assert chance["encoding"]["y"] == {"aggregate": "mean", "field": "chance",
                                       "type": "quantitative"}

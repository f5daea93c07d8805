"""Degenerate but valid input (issue #13): a text of one repeated character, of two characters,
of a tiny vocabulary, and runs whose weights explode. The page states no NaN, inf or negative
zero anywhere a student reads (markdown, captions, metrics, notes, alt texts, every tab), leaks no
unformatted template, plots no NaN where a chart would draw nothing, and where a figure is
undefined it says so and why instead of a verdict the numbers do not support."""

from __future__ import annotations

import dataclasses
import re

import numpy as np
import pandas as pd
import pytest
from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest
from test_app import APP, chart_frames, walk

from rnnlab import analysis
from rnnlab import experiments as ex
from rnnlab.config import LabConfig
from rnnlab.corpus import MAX_UPLOAD_BYTES, CorpusError, corpus_from_bytes
from rnnlab.model import batch_loss_and_grads, init_params
from rnnlab.teaching import captions
from rnnlab.teaching import experiment_charts as xc
from rnnlab.teaching.captions import fixed, number
from rnnlab.teaching.i18n import LANGS, STRINGS, tr
from rnnlab.train import train
from ui.shared import md_escape

CHEAP = {"steps": "20", "hidden": "16"}  # the engine's numbers, not a lesson's: small runs
RANDOM_AB = bytes(np.random.default_rng(0).choice(list(b"ab"), 5000).tolist())
TINY = bytes(np.random.default_rng(1).choice(list(b"abc "), 5000).tolist())

# name: (uploaded text or None, link, language, keys whose text must appear; with a "-", must not)
DEFINED = ["-ui.horizon_undefined", "-ui.share_undefined", "-ui.rate_undefined_zero",
           "-ui.rate_undefined_short", "-ui.undefined"]
SCENARIOS = {
    "one_char": (b"a" * 5000, CHEAP, "en",
                 ["ui.one_char", "ui.horizon_undefined", "ui.silent_certain",
                  "ui.share_undefined", "alt.loss_certain", "alt.grad_norm_zero",
                  "alt.grad_ratio_zero", "alt.all_zero", "alt.horizon_undefined",
                  "ui.no_gradient_anywhere"]),
    "one_char_zh": (b"a" * 5000, CHEAP, "zh", ["ui.one_char", "ui.horizon_undefined"]),
    "alternating": (b"ab" * 2500, CHEAP, "en", DEFINED),
    "tiny_vocabulary": (TINY, CHEAP, "en", DEFINED),
    # ReLU at lr = 2 without clipping: every unit switched off, every term and median 0
    "dead_relu": (None, {"act": "relu", "lr": "2", "clip": "none", "rho": "3", "steps": "40",
                         "hidden": "16"}, "en",
                  ["ui.horizon_undefined", "ui.silent_slopes", "ui.share_undefined",
                   "ui.rate_undefined_zero", "alt.jacobian_zero", "ui.no_gradient_slopes_at_t"]),
    "state_blowup": (None, {"preset": "state_blowup"}, "en", ["diverged", "-ui.undefined"]),
}

SKIPPED_FIELDS = {"spec", "data", "datasets", "chart_data", "id", "url", "theme", "tag", "type",
                  "format", "query_param_key", "language"}
# a number as Python or JavaScript writes one that is not a number
NOT_A_NUMBER = re.compile(r"(?i)(?<![a-z])(nan|inf|infinity)(?![a-z])")
SIGNED = re.compile(r"(?<![\w.])[-−]([\d,]*\.?\d*)(?:e[-+]?\d+)?")
PLACEHOLDER = re.compile(r"\{[a-z_0-9]*[:}]")
# the divergence message names NaN in words; it states no value that is NaN
DIVERGED = [part for lang in LANGS for part in STRINGS["diverged"][lang].split("{step}")]


def _strings(message: Message, out: list[str]) -> None:
    for field, value in message.ListFields():
        if field.name in SKIPPED_FIELDS:
            continue
        values = value if isinstance(value, list) or type(value).__name__.startswith(
            "Repeated") else [value]
        for v in values:
            if isinstance(v, Message):
                _strings(v, out)
            elif isinstance(v, str) and v:
                out.append(v)


def visible_text(at: AppTest) -> list[str]:
    """Every string the page sends for a student to read: bodies, labels, help, options,
    metric values and deltas, alt texts of charts, in every tab and the sidebar."""
    out: list[str] = []
    for node in walk(at._tree):
        if getattr(node, "proto", None) is not None:
            _strings(node.proto, out)
    return out


def negative_zeros(text: str) -> list[str]:
    """Figures like -0.000, −0.0, -0.0%, -0.00e+00 in `text`."""
    return [m.group() for m in SIGNED.finditer(text)
            if m.group(1).strip(",.") and not re.search("[1-9]", m.group(1))]


def words_of(key: str, lang: str) -> str:
    """The longest stretch of the template of `key` without a placeholder: what every sentence
    made from it contains."""
    return max(re.split(r"\{[^{}]*\}", STRINGS[key][lang]), key=len)


def open_page(upload: bytes | None, query: dict, lang: str, tab: str | None = None) -> AppTest:
    """The page with `query` in its link and `upload` as its text, on the tab whose label key is
    `tab` (the first by default: a hidden Experiments tab does no work)."""
    at = AppTest.from_file(APP, default_timeout=180)
    if tab is not None:
        at.session_state["tab"] = tr(tab, lang)
    for key, value in (query | {"lang": lang} if lang != "en" else query).items():
        at.query_params[key] = value
    if upload is None:
        return at.run()
    at.query_params["corpus"] = "upload"
    at.run()
    at.sidebar.file_uploader(key="upload").upload("text.txt", upload, "text/plain")
    return at.run()


@pytest.mark.parametrize("name", SCENARIOS)
def test_degenerate_input_states_no_undefined_number_and_says_why(name):
    upload, query, lang, expected = SCENARIOS[name]
    assert_says_what_is_undefined(open_page(upload, query, lang), upload, lang, expected)


# the Experiments tab trains the run and three variants and replays it twice: a few cases only
EXPERIMENT_SCENARIOS = {
    # every gradient exactly 0: no histogram, no direction to follow, nothing to clip
    "one_char": (b"a" * 5000, CHEAP, "en",
                 ["exp.close.hist_zero", "exp.close.cliff_zero", "exp.close.clip_zero",
                  "-exp.close.hist_words", "-exp.close.angle_intro"]),
    # the spike overflows float64 part of the way along the line, and the run diverges
    "state_blowup": (None, {"preset": "state_blowup"} | CHEAP, "en",
                     ["diverged", "exp.close.cliff_rises", "exp.close.cliff_overflow",
                      "exp.phase.rate_of"]),
    # a gated cell: its own quantities' names, and the same undefined figures said in Chinese
    "gru_one_char_zh": (b"a" * 5000, CHEAP | {"cell": "gru"}, "zh",
                        ["exp.phase.gated", "exp.close.hist_zero", "exp.close.cliff_zero"]),
}


@pytest.mark.parametrize("name", EXPERIMENT_SCENARIOS)
def test_the_experiments_tab_states_no_undefined_number_and_says_why(name):
    upload, query, lang, expected = EXPERIMENT_SCENARIOS[name]
    at = open_page(upload, query, lang, tab="tab.experiments")
    assert at.tabs[4].markdown, "the Experiments tab was drawn"
    assert_says_what_is_undefined(at, upload, lang, expected)
    if "cell" in query:  # the distant terms' alt text names the gated cell's a^h, not z
        texts = visible_text(at)
        assert any(tr("q.grad_W.gated", lang) in s for s in texts)
        assert not any(tr("q.grad_W", lang) in s for s in texts)


def assert_says_what_is_undefined(at: AppTest, upload: bytes | None, lang: str,
                                  expected: list[str]) -> None:
    """No exception; no NaN, inf, negative zero or unformatted template in anything a student
    reads; each key of `expected` in some string (with a "-": in none); no chart data that is
    infinite, or NaN where nothing would be drawn."""
    assert not at.exception
    texts = visible_text(at)
    assert any(tr("tab.distant", lang) == s for s in texts) and any(
        tr("tab.jacobian", lang) == s for s in texts), "the analysis tabs were drawn"
    if upload is not None:
        assert not at.warning or not any(tr("ui.using_english", lang) in w.value
                                         for w in at.warning), "the upload was used"
    for text in texts:
        words = text
        for part in DIVERGED:
            words = words.replace(part, "")
        assert not NOT_A_NUMBER.search(words), text
        assert not negative_zeros(text), text
        if "$" not in text and "\\begin" not in text:  # TeX braces are no placeholders
            assert not PLACEHOLDER.search(text), text
    def shown(key: str) -> bool:  # as written, or escaped for st.markdown
        words = words_of(key, lang)
        return any(words in s or md_escape(words) in s for s in texts)

    for key in expected:
        assert shown(key) if not key.startswith("-") else not shown(key[1:]), key
    for chart in (n for n in walk(at._tree) if n.type == "vega_lite_chart"):
        for frame in chart_frames(chart).values():
            for column in frame.select_dtypes("number"):
                values = frame[column].to_numpy(dtype=np.float64)
                assert not np.isinf(values).any(), (chart.proto.alt, column)
                # the shading grid leaves characters outside every word uncoloured (NaN)
                if "shown" not in frame.columns:
                    assert not np.isnan(values).any(), (chart.proto.alt, column)


# ---- the sentences, from the engine's tables (independent of the page) ----

def _switched_off():
    """A ReLU network whose every unit is off (b_h = -50): J_t > 0, yet every term is 0."""
    p = init_params(5, 8, seed=0)
    return dataclasses.replace(p, b_h=np.full_like(p.b_h, -50.0))


def test_silence_tells_a_certain_prediction_from_switched_off_units():
    x = np.random.default_rng(0).integers(0, 5, 21)  # (21,)
    off = analysis.distant_contributions(_switched_off(), x[:-1], x[1:], activation="relu")
    zeros = np.zeros(21, dtype=np.int64)  # a one-character text: every prediction certain
    one = analysis.distant_contributions(init_params(1, 8, seed=0), zeros[:-1], zeros[1:])
    assert analysis.silence(off) == analysis.Silence(steps=19, zero=19, certain=0, all_zero=True)
    assert analysis.silence(one) == analysis.Silence(steps=19, zero=19, certain=19, all_zero=True)
    for pairs, reason in ((off, "ui.silent_slopes"), (one, "ui.silent_certain")):
        assert analysis.horizon(pairs).verdict == "no_signal"
        assert analysis.share_beyond(pairs)["share"].isna().all()
        for lang in LANGS:
            text = captions.horizon_undefined(analysis.silence(pairs), lang)
            assert words_of(reason, lang) in text and words_of("ui.share_undefined", lang) in text
            assert words_of("alt.share_undefined", lang) in captions.share_alt(
                analysis.share_beyond(pairs), lang)
    assert "J_t > 0" in captions.silent_prediction(off, 20, "en")
    assert "J_t = 0" in captions.silent_prediction(one, 20, "en")


def test_a_zero_jacobian_product_has_no_rate_and_no_gap_in_decades():
    x = np.random.default_rng(0).integers(0, 5, 20)  # (20,)
    norms = analysis.jacobian_norms(_switched_off(), x, activation="relu")
    assert np.isnan(analysis.decay_rate(norms))
    assert captions.rate_undefined(norms, "en").startswith("The measured rate is undefined: "
                                                           "the median ‖∂h_t/∂h_k‖₂ is exactly 0 "
                                                           "at 20 of the 20 distances")
    assert captions.jacobian_alt(norms, "en").startswith(
        "Measured ‖∂h_t/∂h_k‖₂ is exactly 0 (median) at every distance from 1 to 20")


def test_a_jacobian_that_neither_falls_nor_rises_stays_and_its_zero_rate_has_no_sign():
    """Linear and orthogonal: every product is orthogonal, ‖∂h_t/∂h_k‖₂ = 1 up to rounding."""
    p = init_params(5, 8, init="orthogonal", spectral_norm=1.0, seed=0)
    norms = analysis.jacobian_norms(p, np.random.default_rng(0).integers(0, 5, 20),
                                    activation="linear")
    assert captions.jacobian_alt(norms, "en") == (
        "Measured ‖∂h_t/∂h_k‖₂ stays at 1 over 20 steps, 0 orders of magnitude under the "
        "lecture's bound (1 at distance 20).")
    rate = analysis.decay_rate(norms)
    assert abs(rate) < 1e-12 and fixed(rate, "+.3f") == "+0.000"
    assert captions.form_verdict_caption(rate, 0.3, "en") is None  # no sign the digits can show
    assert "-0.485" in captions.form_verdict_caption(-0.485, 0.54, "en")


# ---- the formatting helper ----

@pytest.mark.parametrize(("value", "spec", "want"), [
    (-0.0, ".3f", "0.000"), (-1e-5, ".3f", "0.000"), (-1e-5, "+.3f", "+0.000"),
    (-4e-4, "+.1%", "+0.0%"), (-0.0, ".2e", "0.00e+00"), (-0.0, "g", "0"),
    (-0.0012, ".3f", "-0.001"), (0.1234, ".1%", "12.3%"), (2.5, "+.3f", "+2.500"),
    (1e55, ".3f", "1e55"), (-1e55, ".3f", "-1e55"), (float("nan"), ".1%", "—"),
    (float("inf"), ".3f", "—"), (float("-inf"), "+.3f", "—"),
])
def test_fixed_formats_without_negative_zero_nan_or_endless_digits(value, spec, want):
    assert fixed(value, spec) == want


def test_fixed_is_format_except_for_a_rounded_away_sign():
    """Against Python's own format on many values (below the millions, which fixed() writes
    short): equal, except that a figure with no digit other than 0 never carries a minus sign."""
    rng = np.random.default_rng(13)
    values = rng.standard_normal(4000) * 10.0 ** rng.uniform(-9, 3, 4000)
    for spec in (".3f", "+.3f", ".1%", "+.1%", ".4g", ".1f"):
        for v in values:
            plain = format(v, spec)
            if v < 0 and not re.search("[1-9]", plain.partition("e")[0]):
                assert fixed(v, spec) == format(-v, spec) and not fixed(v, spec).startswith("-")
            else:
                assert fixed(v, spec) == plain, (v, spec)


def test_number_never_writes_a_negative_zero():
    assert number(-0.0) == number(0.0) == "0"
    assert number(-2.5e-20) == "-2.5e-20"  # a negative value stays negative


# ---- refusals state their true figures ----

@pytest.mark.parametrize("lang", LANGS)
def test_a_file_one_byte_over_the_cap_is_refused_with_its_size_in_bytes(lang):
    with pytest.raises(CorpusError) as info:
        corpus_from_bytes(b"a" * (MAX_UPLOAD_BYTES + 1), min_chars=10)
    err = info.value
    message = tr(f"err.{err.code}", lang, **err.params)
    assert err.code == "too_large" and message != STRINGS["err.too_large"][lang]
    size, cap = f"{MAX_UPLOAD_BYTES + 1:,}", f"{MAX_UPLOAD_BYTES:,}"
    for text in (message, str(err)):
        assert size in text and cap in text and "2.0 MB" not in text and "2.00 MB" not in text
    assert corpus_from_bytes(b"a" * MAX_UPLOAD_BYTES, min_chars=10).text == "a" * MAX_UPLOAD_BYTES


# ---- the Experiments tab's sentences (independent of the page) ----

def _history(grad_norms) -> pd.DataFrame:
    g = np.asarray(grad_norms, dtype=np.float64)  # (steps,)
    return pd.DataFrame({"step": np.arange(1, len(g) + 1), "grad_norm": g, "clipped": False})


@pytest.mark.parametrize("lang", LANGS)
def test_a_median_gradient_of_zero_has_no_ratio_and_zero_gradients_no_histogram(lang):
    assert words_of("exp.close.hist_zero", lang) in xc.histogram_words(
        _history([0.0] * 20), "norm", 5.0, lang)
    assert ex.histogram(_history([0.0] * 20)).empty  # so the page draws no chart
    text = xc.histogram_words(_history([0.0] * 11 + [0.5] * 9), "none", 5.0, lang)
    assert words_of("exp.close.hist_zero_median", lang) in text and "inf" not in text
    assert "11" in text and "0.5" in text and "20" in text
    text = xc.histogram_words(_history([1.0, 2.0, 8.0]), "none", 5.0, lang)
    assert "4" in text and words_of("exp.close.hist_words", lang) in text  # 8 / 2


def _line(which: str, step: int, g: float, losses) -> pd.DataFrame:
    etas = np.concatenate([[0.0], np.geomspace(1e-3, 1.0, len(losses) - 1)])  # (n,)
    return pd.DataFrame({"which": which, "step": step, "grad_norm": g, "eta": etas,
                         "loss": np.asarray(losses, dtype=np.float64)})


def _cliff(*lines) -> pd.DataFrame:
    return pd.concat(lines, ignore_index=True)


NAN = float("nan")
DIPS = [2.0, 1.5, 1.0, 1.2, 3.0]  # the loss dips along the gradient, then rises


@pytest.mark.parametrize("lang", LANGS)
def test_the_loss_along_a_gradient_of_zero_or_past_an_overflow_is_said_undefined(lang):
    zero = _cliff(_line("spike", 1, 0.0, [NAN] * 5), _line("ordinary", 11, 0.0, [NAN] * 5))
    assert xc.cliff_words(zero, lang) == tr("exp.close.cliff_zero", lang, step=1)
    # the ordinary step's gradient is 0 (more than half of them are), the spike's is not
    half = xc.cliff_words(_cliff(_line("spike", 4, 3.0, DIPS),
                                 _line("ordinary", 9, 0.0, [NAN] * 5)), lang)
    assert words_of("exp.close.cliff_line", lang) in half
    assert half.endswith(tr("exp.close.cliff_no_direction", lang, step=9,
                           where=tr("exp.close.at_ordinary", lang)))
    # an exploded spike: every η > 0 overflows; the ordinary step past its third η
    blown = xc.cliff_words(_cliff(_line("spike", 4, 3e94, [3.4e96] + [NAN] * 4),
                                  _line("ordinary", 3, 2.0, [4.1, 5.0, 9.0, np.inf, NAN])), lang)
    assert tr("exp.close.cliff_only_start", lang, where=tr("exp.close.at_spike", lang), step=4,
             g="3e94", j0="3.4e96", first=number(1e-3)) in blown  # the shortest η > 0
    assert words_of("exp.close.cliff_rises", lang) in blown  # 4.1 at η = 0 is its lowest
    assert tr("exp.close.cliff_overflow", lang, k=2, n=5, eta=number(0.1)) in blown
    for text in (xc.cliff_words(zero, lang), half, blown):
        assert not NOT_A_NUMBER.search(text) and not negative_zeros(text), text


def test_a_network_whose_products_are_all_zero_has_no_rate_in_words():
    trained = pd.DataFrame({"stage": ["init", "trained"], "w_norm": [3.0, 165.0],
                            "rate": [0.109, -np.inf], "bound_rate": [1.1, 5.1]})
    for lang in LANGS:
        text = xc.trained_words(trained, "relu", 40, lang)
        assert tr("exp.phase.rate_of", lang, r="0.109") in text
        assert text.endswith(tr("exp.phase.rate_none", lang) + ("。" if lang == "zh" else "."))
        assert not NOT_A_NUMBER.search(text), text


def test_the_phase_charts_data_holds_no_nan_and_no_rows_of_unclipped_steps():
    ids = np.random.default_rng(0).integers(0, 5, 40)  # (40,)
    spec = ex.PhaseSpec(norms=(0.5, 2.0), seeds=(0,), hidden=4, starts=2, max_distance=8)
    chart = xc.phase_chart(ex.phase_summary(ex.phase_diagram(ids, 5, spec).table), None, "en")
    for layer in chart.layer:
        frame = layer.data
        if isinstance(frame, pd.DataFrame):
            assert not frame.select_dtypes("number").isna().any().any(), frame.columns
    unclipped = pd.DataFrame({"step": [1, 2], "clipped": [False, False], "angle": [0.0, 0.0]})
    assert xc.angle_frame({"value": unclipped, "norm": unclipped}).empty


def test_a_gated_cells_distant_terms_are_named_with_its_state_and_pre_activation():
    summary = pd.DataFrame({"quantity": "grad_W", "distance": [0, 1, 2],
                            "median": [1e-2, 1e-3, 1e-4]})
    h = analysis.Horizon(distance=1, verdict="reached", rate=-2.3, trusted_up_to=2, largest=2,
                         fraction=1e-3)
    for lang in LANGS:
        rnn = captions.distant_alt(summary, h, lang)
        assert tr("q.grad_W", lang) in rnn and "a^h_k" not in rnn
        for cell in ("gru", "lstm"):
            gated = captions.distant_alt(summary, h, lang, cell=cell)
            assert tr("q.grad_W.gated", lang) in gated and "∂z_k" not in gated
        assert captions.quantity_name("grad_x", "gru", lang) == tr("q.grad_x", lang)
        assert captions.quantity_name("grad_h", "lstm", lang) == tr("q.grad_h.gated", lang)


@pytest.mark.parametrize(("act", "init"), [("sigmoid", "gaussian"), ("tanh", "gaussian"),
                                           ("relu", "gaussian"), ("tanh", "orthogonal")])
def test_the_loss_of_a_certain_text_is_zero_never_below(act, init):
    """A cross-entropy is ≥ 0; where every next character is certain the kernel's difference of
    two sums rounded to -4e-17 (ReLU) before it was clamped."""
    text = corpus_from_bytes(b"a" * 5000, min_chars=26)
    config = LabConfig(activation=act, init=init, hidden=16, steps=20)
    loss = train(config, text).history["loss"].to_numpy()
    assert (loss >= 0).all() and loss.max() < 1e-15


def test_a_nan_loss_stays_nan_so_training_still_stops_on_it():
    p = init_params(3, 4, seed=0)
    p = dataclasses.replace(p, W_S=np.full_like(p.W_S, np.nan))
    x = np.zeros((1, 5), dtype=np.int64)  # (B, T)
    loss, _, _ = batch_loss_and_grads(p, x, x, np.zeros((1, 4)), "tanh")
    assert np.isnan(loss)

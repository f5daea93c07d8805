"""The sentences computed from a run (alt texts, captions): each states rnnlab's own numbers for
that run, in both languages, and says the right thing on runs that vanish, explode or blow up."""

import re

import numpy as np
import pandas as pd
import pytest

from rnnlab import analysis
from rnnlab.corpus import load_corpus, passage
from rnnlab.teaching import captions
from rnnlab.teaching.i18n import LANGS
from rnnlab.teaching.lessons import PRESETS
from rnnlab.train import HISTORY_COLUMNS

CJK = re.compile(r"[\u4e00-\u9fff]")


def _run(code, trained):
    cfg = PRESETS[code]
    text = load_corpus(cfg.corpus, distance=cfg.distance)
    result = trained(cfg, text)
    ids = text.vocab.encode(passage(text, 80))
    return cfg, text, result, ids


@pytest.fixture(scope="module")
def lecture(trained):
    cfg, text, result, ids = _run("lecture", trained)
    x, y = ids[:-1], ids[1:]
    p = result.params
    pairs = analysis.distant_contributions(p, x, y, activation="sigmoid")
    norms = analysis.jacobian_norms(p, x, activation="sigmoid")
    one = analysis.one_step_norms(p, x, activation="sigmoid")
    return dict(result=result, text=text, pairs=pairs, norms=norms, one=one,
                summary=analysis.summarize(pairs, list(analysis.QUANTITIES)),
                chance=float(np.log(len(text.vocab))))


@pytest.fixture(scope="module")
def exploding(trained):
    return _run("exploding", trained)[2]


def test_number_keeps_three_digits_and_reads_exact_logs():
    assert captions.number(4.2324) == "4.23"
    assert captions.number(0.0123) == "0.0123"
    assert captions.number(3.14e-28) == "3.1e-28"
    assert captions.number(2.5e12) == "2.5e12"
    assert captions.number(0.0, log10=-400.5) == "3.2e-401"
    assert captions.number(np.inf, log10=350.0) == "1e350"


def test_jacobian_alt_states_the_measured_fall_and_the_gap_to_the_bound(lecture):
    norms = lecture["norms"]
    text = captions.jacobian_alt(norms, "en")
    far = norms[norms.distance == norms.distance.max()]
    near = norms[norms.distance == 1]
    below = far.log10_bound.median() - far.log10_measured.median()
    assert text.startswith("Measured ‖∂h_t/∂h_k‖₂ falls from "
                           f"{captions.number(near.measured.median())} to "
                           f"{captions.number(far.measured.median())} over 79 steps, ")
    assert f"{captions.number(below)} orders of magnitude under the lecture's bound" in text


def test_gaps_caption_splits_the_slack_into_steps_and_products(lecture):
    g = analysis.bound_gaps(lecture["norms"], lecture["one"])
    text = captions.gaps_caption(g, "en")
    assert g.steps > 0.1 and g.products > 1  # both losses are real on the lecture's run
    assert f"factor {10**g.slopes:.2g} " in text
    assert f" {g.below_stepwise:.0f} orders of magnitude" in text
    assert f"{g.steps:.1f} are lost within single steps" in text
    assert f"{g.products:.1f} in the product" in text
    loose = analysis.BoundGaps(distance=5, slopes=2.0, steps=1.0, products=1.0)
    assert captions.gaps_caption(loose, "en") is None  # the bounds do not overlap: no caption


def test_distant_alt_and_horizon_value_follow_the_measured_horizon(lecture):
    h = analysis.horizon(lecture["pairs"])
    text = captions.distant_alt(lecture["summary"], h, "en")
    assert h.verdict == "reached"
    assert text.endswith(f"Effective horizon: {h.distance} characters back.")
    assert f"at distance {h.trusted_up_to}" in text


@pytest.mark.parametrize(("verdict", "en", "zh"), [
    ("reached", "7 characters back", "往前 7 个字符"),
    ("beyond", "beyond the analysed text (78 characters)", "超出所分析的文本（78 个字符）"),
    ("no_decay", "no decay (rate +0.235 per step)", "不衰减（每步速率 +0.235）"),
    ("no_signal", "undefined", "无定义"),  # horizon_undefined says why
])
def test_horizon_value_says_which_case_it_is(verdict, en, zh):
    h = analysis.Horizon(distance=7 if verdict == "reached" else None, verdict=verdict,
                         rate=0.235, trusted_up_to=73, largest=78, fraction=1e-3)
    assert captions.horizon_value(h, "en") == en
    assert captions.horizon_value(h, "zh") == zh
    assert "fewer than 5 pairs" in captions.few_pairs_caption(h, 5, "en")


def test_form_verdict_caption_only_when_the_signs_differ():
    assert captions.form_verdict_caption(-0.5, -0.1, "en") is None
    assert captions.form_verdict_caption(0.2, 0.4, "en") is None
    grows = captions.form_verdict_caption(-0.485, 0.54, "en")
    assert "grows" in grows and "+0.540" in grows and "-0.485" in grows
    assert "decays" in captions.form_verdict_caption(0.3, -0.2, "en")
    assert captions.form_verdict_caption(np.nan, 0.2, "en") is None


def test_training_alts_tell_an_exploding_gradient_from_an_exploding_state(exploding):
    h = exploding.history
    grad = captions.grad_norm_alt(h, "none", 1.0, "en")
    top = int(h.grad_norm.idxmax())
    assert f"largest {captions.number(h.grad_norm.max())} at step {h.step[top]}" in grad
    state = captions.state_norm_alt(h, "en")
    assert f"largest {captions.number(h.state_norm.max())}," in state
    assert f"grew to {captions.number(h.grad_norm.max() / h.grad_norm.iloc[0])} times" in state
    assert "above the chance level" in captions.loss_alt(h, float(np.log(65)), "en")


def test_loss_alt_of_a_run_that_trains(lecture):
    text = captions.loss_alt(lecture["result"].history, lecture["chance"], "en")
    assert "below the chance level" in text and "after 300 steps" in text


def _every_alt(lecture, lang):
    h = lecture["result"].history
    hz = analysis.horizon(lecture["pairs"])
    shares = analysis.share_beyond(lecture["pairs"])
    window = passage(lecture["text"], 12)
    ids = lecture["text"].vocab.encode(window)
    chars, words = analysis.word_contributions(
        lecture["result"].params, ids[:-1], ids[1:], 8, [(0, 3), (4, 8)], activation="sigmoid",
        text=window[:-1])
    sweep = pd.DataFrame({"distance": [2, 20], "accuracy": [0.97, 0.15], "chance": 0.125})
    return [captions.loss_alt(h, lecture["chance"], lang),
            captions.grad_norm_alt(h, "norm", 5.0, lang), captions.w_norm_alt(h, lang),
            captions.state_norm_alt(h, lang), captions.distant_alt(lecture["summary"], hz, lang),
            captions.jacobian_alt(lecture["norms"], lang),
            captions.heatmap_alt(lecture["pairs"], "grad_h", "‖∂J_t/∂h_k‖₂", lang),
            captions.shading_alt(chars, words, True, 8, lang),
            captions.share_alt(shares, lang), captions.one_step_alt(lecture["one"], lang),
            captions.recall_alt(sweep, lang)]


@pytest.mark.parametrize("lang", LANGS)
def test_every_alt_is_a_filled_sentence_in_the_pages_language(lecture, lang):
    for text in _every_alt(lecture, lang):
        assert text and not re.search(r"\{[a-z_0-9]*[:}]", text), text
        assert bool(CJK.search(text)) == (lang == "zh"), text


def test_alts_of_an_empty_history_say_there_is_nothing_yet():
    empty = pd.DataFrame(columns=list(HISTORY_COLUMNS)).astype(
        {c: "float64" for c in HISTORY_COLUMNS if c not in ("step", "clipped")})
    for text in (captions.loss_alt(empty, 4.2, "en"),
                 captions.grad_norm_alt(empty, "none", 1.0, "en"),
                 captions.w_norm_alt(empty, "en"), captions.state_norm_alt(empty, "en")):
        assert "no finite values" in text


@pytest.fixture(scope="module")
def gated_lstm():
    from rnnlab import gates, remedy
    from rnnlab.model import init_params

    p = init_params(7, 5, cell="lstm", seed=2)
    x = np.random.default_rng(2).integers(0, 7, 20)
    norms = analysis.jacobian_norms(p, x)
    profile, _ = gates.gate_profile(p, x, norms)
    table = pd.DataFrame({"setting": ["lstm", "gru", "lstm", "gru"], "distance": [5, 5, 10, 10],
                          "accuracy": [1.0, 0.9, 0.4, 0.2], "chance": 0.125, "window": 60,
                          "truncated": False})
    names = {code: code for code, _ in remedy.SETTINGS}
    return norms, profile, table, names


@pytest.mark.parametrize("lang", LANGS)
def test_the_gated_cells_alts_are_filled_sentences_in_the_pages_language(gated_lstm, lang):
    norms, profile, table, names = gated_lstm
    texts = [captions.gated_alt(norms, lang), captions.gates_alt(profile, "f", lang),
             captions.remedy_alt(table, names, lang)]
    for text in texts:
        assert text and not re.search(r"\{[a-z_0-9]*[:}]", text), text
        assert bool(CJK.search(text)) == (lang == "zh"), text
    assert texts[2].index("gru") < texts[2].index("lstm")  # in the order of remedy.SETTINGS


def test_chinese_alts_use_full_width_punctuation(lecture, gated_lstm):
    from test_i18n import ASCII_BY_HANZI

    norms, profile, table, names = gated_lstm
    texts = _every_alt(lecture, "zh") + [captions.gated_alt(norms, "zh"),
                                          captions.remedy_alt(table, names, "zh")]
    bad = [m.group() for text in texts for m in ASCII_BY_HANZI.finditer(text)]
    assert bad == []
    assert all("。 " not in text and "; " not in text for text in texts)


def test_a_gated_cells_norm_chart_is_described_from_its_norms():
    history = pd.DataFrame({"step": [1, 2], "loss": [4.0, 3.9], "grad_norm": [1.0, 1.1],
                            "clipped": [False, False], "w_norm": [1.7, 2.0],
                            "spectral_radius": [np.nan, np.nan], "state_norm": [1.0, 1.0]})
    text = captions.w_norm_alt(history, "en")
    assert "no finite values" not in text and "1.7" in text and "2" in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_jacobian_chart_names_what_each_form_plots(lang):
    from rnnlab.teaching.captions import jacobian_series
    from rnnlab.teaching.i18n import STRINGS, tr

    names, defs, y_title = jacobian_series(False, lang)
    assert names == {q: tr(f"q.{q}", lang) for q in ("measured", "stepwise_bound", "bound")}
    assert y_title == "‖∂h_t/∂h_k‖₂" and all(d in STRINGS for d in defs)
    note, note_defs, note_title = jacobian_series(True, lang)
    assert note["measured"] == tr("q.measured_lecture", lang) != names["measured"]
    assert note["bound"] == names["bound"]  # the lecture's bound is the same in either form
    assert "diag(f′(h_{j−1}))" in note_title and note_defs[:2] == [
        "def.measured_lecture", "def.stepwise_bound_lecture"]

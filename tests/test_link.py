"""The lesson link's codec (rnnlab.link, rnnlab.config.decode): any value of any parameter, in any
form, is read without an exception into a value its setting takes, and says so when it is not
the value the link wrote; what the page writes reads back to the same settings."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rnnlab import link
from rnnlab.config import (
    OF_FIELD,
    SETTINGS,
    BadValueError,
    LabConfig,
    check_trainable,
    clean,
    decode,
    encode,
    resolve,
)
from rnnlab.teaching.lessons import PRESETS

HIDDEN, RHO, LR, ACT, RESET, TEXT = (link.ALL[n] for n in ("hidden", "rho", "lr", "act", "reset",
                                                            "text"))


def value_of(setting):
    """Every value a widget of `setting` can hold."""
    if setting.kind == "choice":
        return st.sampled_from(setting.options or ("lecture",))
    if setting.kind == "grid":
        return st.sampled_from(setting.options)
    if setting.kind == "flag":
        return st.booleans()
    if setting.kind == "text":
        return st.text(max_size=int(setting.hi))
    if setting.kind == "int":
        return st.integers(int(setting.lo), int(setting.hi))
    steps = round((setting.hi - setting.lo) / setting.step)
    return st.integers(0, steps).map(lambda i: setting.lo + i * setting.step)  # a slider's


@settings(max_examples=200, deadline=None)
@given(st.fixed_dictionaries({name: value_of(s) for name, s in link.ALL.items()
                              if name != "preset"}))
def test_what_the_page_writes_reads_back_to_the_same_settings(widgets):
    values = link.defaults() | {n: decode_clean(n, v) for n, v in widgets.items()}
    query = link.write(values)
    back = link.read(query, PRESETS)
    assert back.problems == []
    assert back.values == values
    assert link.config_of(back.values) == link.config_of(values)


def decode_clean(name, value):
    return clean(link.ALL[name], value)


def test_a_slider_float_and_the_link_train_the_same_network():
    """The slider's 1.1500000000000001 is written "1.15", which reads back to the same value."""
    assert encode(RHO, 0.1 + 21 * 0.05) == "1.15"
    assert decode(RHO, encode(RHO, 0.1 + 21 * 0.05)) == 1.15
    values = link.defaults() | {"rho": decode_clean("rho", 0.1 + 21 * 0.05)}
    assert link.config_of(link.read(link.write(values)).values).rho == 1.15


@pytest.mark.parametrize(("setting", "text", "value"), [
    (HIDDEN, "64", 64), (HIDDEN, " 32 ", 32), (HIDDEN, "6.4e1", 64), (HIDDEN, "+48", 48),
    (HIDDEN, "64.0", 64), (RHO, "1e0", 1.0), (RHO, ".5", 0.5), (RHO, "0.1", 0.1),
    (LR, "0.0001", 1e-4), (LR, "1e-4", 1e-4), (LR, "1E-04", 1e-4), (LR, "2", 2.0),
    (ACT, "tanh", "tanh"), (ACT, "TANH", "tanh"), (RESET, "true", True), (RESET, "False", False),
    (RESET, "1", True), (TEXT, "", ""), (TEXT, "a\nb", "a\nb"),
])
def test_values_the_link_spells_are_read_as_spelt(setting, text, value):
    assert decode(setting, text) == value


@pytest.mark.parametrize(("setting", "text", "code"), [
    (HIDDEN, "", "value.empty"), (HIDDEN, "   ", "value.empty"),
    (HIDDEN, "32.5", "value.not_whole"), (HIDDEN, "1/2", "value.not_a_number"),
    (HIDDEN, "-4", "value.out_of_range"), (HIDDEN, "1e999", "value.out_of_range"),
    (HIDDEN, "9" * 39, "value.out_of_range"), (HIDDEN, "9" * 400, "value.too_long"),
    (HIDDEN, "inf", "value.not_a_number"), (HIDDEN, "nan", "value.not_a_number"),
    (HIDDEN, "Infinity", "value.not_a_number"), (HIDDEN, "1_000", "value.not_a_number"),
    (HIDDEN, "６４", "value.not_a_number"), (HIDDEN, "٦٤", "value.not_a_number"),
    (HIDDEN, "0x40", "value.not_a_number"), (HIDDEN, "64abc", "value.not_a_number"),
    (RHO, "-0", "value.out_of_range"), (RHO, "1e-400", "value.out_of_range"),
    (RHO, "NaN", "value.not_a_number"), (RHO, "6.0000001", "value.out_of_range"),
    (LR, "0.003", "value.off_grid"), (LR, "1e999", "value.off_grid"),
    (ACT, "<b>x</b>", "value.unknown_choice"), (ACT, "ta nh", "value.unknown_choice"),
    (RESET, "maybe", "value.not_a_flag"), (TEXT, "x" * 151, "value.too_long"),
])
def test_values_the_setting_cannot_take_are_refused_with_the_reason(setting, text, code):
    with pytest.raises(BadValueError, match=code.replace(".", r"\.")) as refused:
        decode(setting, text)
    assert refused.value.problem.code == code


def test_a_refusal_states_the_true_range_and_choices():
    with pytest.raises(BadValueError, match="out_of_range") as refused:
        decode(HIDDEN, "300")
    assert refused.value.problem.params == {"lo": "4", "hi": "256"}
    with pytest.raises(BadValueError, match="off_grid") as refused:
        decode(LR, "0.003")
    assert refused.value.problem.params["choices"].startswith("0.0001, 0.0002, 0.0005, 0.001")


@settings(max_examples=400, deadline=None)
@given(name=st.sampled_from(sorted(link.ALL)),
       given_texts=st.lists(st.text(max_size=60) | st.from_regex(r"[+-]?\d{0,4}\.?\d{0,3}"
                                                                    r"(e[+-]?\d{1,4})?"),
                            min_size=1, max_size=3))
def test_any_value_in_any_form_loads_a_value_the_page_then_shows_truthfully(name, given_texts):
    """The link's value is used exactly as spelt, or the setting keeps its fallback and a note
    names the parameter and what is used: never one value while saying another."""
    reading = link.read({name: given_texts}, PRESETS)  # a repeated key: every copy
    value = reading.values[name]
    fallback = link.defaults(PRESETS)[name]
    setting = link.ALL[name]
    if name == "preset":  # the lessons are the preset's options, given to read()
        setting = replace(setting, options=tuple(PRESETS))
    try:
        expected, refused = decode(setting, given_texts[-1]), False
    except BadValueError:
        expected, refused = fallback, True
    assert value == expected
    named = [p for p in reading.problems if p.params["name"] == name]
    assert [p.code != "value.repeated" for p in named].count(True) == int(refused)
    assert any(p.code == "value.repeated" for p in named) == (len(given_texts) > 1)
    for p in named:
        assert p.params["used"] == (None if value is None else encode(setting, value))
        assert len(p.params["value"]) <= link.QUOTE_MAX + 1
    if value is not None and setting.kind in ("int", "float"):
        assert setting.lo <= value <= setting.hi and math.isfinite(value)


def test_unknown_parameters_are_left_alone_and_a_repeated_key_uses_its_last_value():
    reading = link.read({"utm_source": "mail", "hidden": ["32", "48"]}, PRESETS)
    assert reading.values["hidden"] == 48 and "utm_source" not in reading.values
    assert [(p.code, p.params["name"], p.params["used"]) for p in reading.problems] == [
        ("value.repeated", "hidden", "48")]


def test_a_lesson_link_keeps_its_lesson_and_its_overrides():
    reading = link.read({"preset": "clipped", "clip": "none"}, PRESETS)
    assert reading.values["preset"] == "clipped" and reading.problems == []
    config = link.config_of(reading.values)
    assert config == PRESETS["clipped"].replace(clip="none") == PRESETS["exploding"]
    # written back, the link still names the lesson it came from, not the preset it now equals
    assert link.write(reading.values)["preset"] == "clipped"


def test_an_unknown_lesson_is_named_like_any_other_value():
    reading = link.read({"preset": "nope", "act": "tanh"}, PRESETS)
    assert reading.values["preset"] == "lecture" and reading.values["act"] == "tanh"
    assert [(p.code, p.params["name"]) for p in reading.problems] == [
        ("value.unknown_choice", "preset")]


@pytest.mark.parametrize("code", list(PRESETS))
def test_every_lesson_link_gives_the_lesson(code):
    reading = link.read({"preset": code}, PRESETS)
    assert link.config_of(reading.values) == PRESETS[code] and not reading.problems
    assert link.read(link.write(reading.values), PRESETS).values == reading.values


def test_old_links_read_as_streamlit_s_binding_wrote_them():
    """Links from before the codec: Streamlit's binding spelt numbers with str(), an integral
    float without its ".0", a grid value with the select slider's label, a toggle true/false."""
    old = {"hidden": "32", "rho": "1.5", "seq": "50", "lr": "0.0001", "clip_at": "0.25",
           "steps": "600", "seed": "7", "reset": "true", "words": "false", "note_form": "true",
           "temp": "1.2", "pos": "40", "ckpt": "150", "act": "tanh", "lang": "zh",
           "preset": "edge", "text": "the cat", "cmp": "act:relu", "sweep": "true"}
    reading = link.read(old, PRESETS)
    assert reading.problems == []
    v = reading.values
    assert (v["hidden"], v["rho"], v["seq"], v["lr"], v["clip_at"], v["steps"], v["seed"]) == (
        32, 1.5, 50, 1e-4, 0.25, 600, 7)
    assert v["reset"] and not v["words"] and v["note_form"] and v["sweep"]
    assert (v["temp"], v["pos"], v["ckpt"], v["lang"], v["text"]) == (1.2, 40, 150, "zh",
                                                                       "the cat")


def test_every_lesson_fits_the_lab_s_own_ranges():
    for code, config in PRESETS.items():
        assert config.problems() == [], code
    assert LabConfig().problems() == []


def test_the_table_is_the_one_place_ranges_live():
    """The config's validation, the codec and the widgets read one table."""
    assert {s.field for s in SETTINGS} == set(LabConfig.__dataclass_fields__)
    for s in SETTINGS:
        assert OF_FIELD[s.field] is s and link.ALL[s.name] is s
        assert s.default == getattr(LabConfig(), s.field)
        assert s.label.startswith("ctl.")
    assert LabConfig(hidden=300).problems()[0].params == {"name": "hidden", "lo": "4",
                                                          "hi": "256", "value": "300"}
    assert LabConfig(lr=0.003).problems()[0].code == "cfg.off_grid"


def test_the_engine_trains_configurations_outside_the_lab_s_ranges():
    """The classroom's ranges bound a student's page, not the engine: tests and experiments
    train four steps of eight characters."""
    assert check_trainable(LabConfig(steps=4, seq_len=8, hidden=2, lr=1e-5)) is None
    assert "hidden" in check_trainable(LabConfig(hidden=0))
    assert "activation" in check_trainable(LabConfig(activation="softmax"))
    assert "lr" in check_trainable(LabConfig(lr=float("nan")))


def test_resolve_falls_back_and_says_why():
    heavy = LabConfig(hidden=256, seq_len=200, batch=64, steps=2000)
    refused = resolve(heavy, lambda c: 10**6)
    assert refused.config == LabConfig()
    assert [p.code for p in refused.problems] == ["cfg.too_much_work"]
    short = resolve(LabConfig(batch=64, seq_len=100), lambda c: 3000)
    assert (short.config.batch, short.config.seq_len) == (LabConfig().batch, LabConfig().seq_len)
    assert short.problems[0].code == "err.window_too_long"
    assert short.problems[0].params == {"chars": 3000, "needed": 6401}
    fine = resolve(LabConfig(), lambda c: 10**6)
    assert fine == type(fine)(LabConfig(), ())


def test_a_lesson_s_changes_leave_out_what_the_run_does_not_read():
    from rnnlab.teaching.lessons import changed_fields

    assert changed_fields("clipped", PRESETS["clipped"].replace(clip="none")) == ["clip"]
    assert changed_fields("edge", PRESETS["edge"].replace(cell="gru")) == ["cell"]
    assert changed_fields("edge", PRESETS["edge"].replace(hidden=32, seed=4)) == ["hidden", "seed"]
    assert LabConfig(clip="none", cell="lstm").unused() == {"clip_at", "distance", "activation"}


def test_a_refusal_never_reads_as_being_at_the_limit():
    from rnnlab.config import SECONDS_LIMIT, beyond
    from rnnlab.teaching.i18n import tr

    assert beyond(8.04, 8) == "8.04" and beyond(8.4, 8) == "8.4" and beyond(8.0001, 8) == "8.0001"
    assert beyond(269.68, 8) == "269.7"
    heavy = LabConfig(hidden=256, seq_len=200, batch=64, steps=2000)
    problem = heavy.problems()[0]
    shown = tr(problem.code, "en", **problem.params)
    assert f"the limit is {SECONDS_LIMIT:g} s" in shown
    assert float(problem.params["seconds"]) > SECONDS_LIMIT and problem.params["seconds"] in shown

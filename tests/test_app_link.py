"""The page and its link, driven by AppTest: a hand-edited link loads with the values the page then
shows, and names what it could not use; controls whose range depends on the text or the run never
raise when it shrinks; user text stays text; the address bar reads back to the same page."""

from __future__ import annotations

import re

import pytest

from rnnlab import link
from rnnlab.config import LabConfig
from rnnlab.teaching.lessons import PRESETS
from tests.test_app import controls, open_page

SHORT = {"steps": "40", "hidden": "16"}  # a cheap run: these tests are about the link


def address(at) -> dict[str, list[str]]:
    """The page's address bar: every parameter with all its values."""
    return {k: v if isinstance(v, list) else [v] for k, v in at.query_params.items()}


def link_note(at) -> str:
    notes = [w.value for w in at.warning if w.value.startswith("This link has settings")]
    assert len(notes) <= 1
    return notes[0] if notes else ""


def named(note: str) -> set[str]:
    """The parameters a link note names: each bullet quotes one as (name=“value”)."""
    return {re.search(r"[(（](\w+)=“", line).group(1) for line in note.splitlines()[1:]}


@pytest.mark.parametrize(("query", "want", "names"), [
    ({"hidden": "-5", "act": "<b>x</b>", "lr": "nan"},
     {"hidden": 64, "act": "sigmoid", "lr": 0.01}, {"hidden", "act", "lr"}),
    ({"rho": "1e999", "seed": "abc", "steps": "9" * 400, "zzz": "1", "clip": "'; DROP"},
     {"rho": 1.0, "seed": 0, "steps": 300, "clip": "norm"}, {"rho", "seed", "steps", "clip"}),
    ({"hidden": ["32", "48"], "act": ["tanh", "bogus"], "lang": "xx", "preset": "nope"},
     {"hidden": 48, "act": "sigmoid", "preset": "lecture"}, {"hidden", "act", "lang", "preset"}),
    ({"hidden": "６４", "seq": "1e1", "batch": "8.0", "rho": "+1.5", "lr": "1e-4"},
     {"hidden": 64, "seq": 10, "batch": 8, "rho": 1.5, "lr": 1e-4}, {"hidden"}),
    ({"seed": "12.5", "steps": "", "hidden": "Infinity", "clip_at": "-0"},
     {"seed": 0, "steps": 300, "hidden": 64, "clip_at": 5.0},
     {"seed", "steps", "hidden", "clip_at"}),
], ids=["values", "overflow", "repeated", "spellings", "fractions"])
def test_a_hand_edited_link_loads_the_values_it_then_shows(query, want, names):
    at = open_page(**query)
    assert not at.exception and at.success
    got = controls(at)
    assert {k: got[k] for k in want} == want
    note = link_note(at)
    assert named(note) == names
    assert "\n\n" not in note and all(line.startswith("- ") for line in note.splitlines()[1:])


def test_view_values_out_of_range_keep_their_defaults_and_say_so():
    at = open_page(pos="9999", ckpt="13", temp="-2", words="maybe", **SHORT)
    assert not at.exception
    assert at.slider(key="pos").value == at.slider(key="pos").max
    assert at.select_slider(key="ckpt").value == 40
    assert at.slider(key="temp").value == 0.8 and at.toggle(key="words").value is True
    assert named(link_note(at)) == {"pos", "temp", "words"}
    # a checkpoint the run does not keep: the tab says so, and shows the last
    assert any("not kept in this run" in c.value for c in at.tabs[2].caption)


def test_markdown_block_syntax_in_a_link_stays_text():
    at = open_page(act="# Heading\n- item\n---\n| a | b |\n    code", **SHORT)
    assert not at.exception
    note = link_note(at)
    assert len(note.splitlines()) == 2  # the intro and one bullet: no line the value began
    assert "\\# Heading↵\\- item↵\\-\\-\\-↵\\| a \\| b \\|↵    code" in note


def test_markdown_block_syntax_in_the_sentence_box_stays_text():
    at = open_page(**SHORT)
    at.text_area(key="text").input("# Title\n- one\n***\n| x |\n😀 the end").run()
    assert not at.exception
    dropped = " ".join(i.value for i in at.info)
    assert "😀" in dropped and "\n" not in dropped.split(":", 1)[1]


def test_controls_whose_range_shrinks_never_raise():
    long = "the cat sat on the mat and the dog sat on the log " * 2
    at = open_page(**SHORT)
    at.text_area(key="text").input(long).run()
    at.slider(key="pos").set_value(90).run()
    assert not at.exception and at.slider(key="pos").value == 90
    at.text_area(key="text").input("the cat sat").run()  # 10 predictions now
    assert not at.exception
    assert at.slider(key="pos").max == at.slider(key="pos").value == 10
    at.select_slider(key="ckpt").set_value(30).run()  # then a shorter run: other checkpoints
    at.sidebar.slider(key="steps").set_value(20).run()
    assert not at.exception
    assert at.select_slider(key="ckpt").value == 20
    assert any("not kept in this run" in c.value for c in at.tabs[2].caption)


def test_the_address_bar_reads_back_to_the_same_page():
    at = open_page(preset="edge", hidden="32", **{"steps": "40"})
    at.sidebar.select_slider(key="lr").set_value(1e-4).run()
    at.slider(key="temp").set_value(1.2).run()
    at.toggle(key="words").set_value(False).run()
    assert not at.exception
    query = address(at)
    assert query["lr"] == ["0.0001"] and query["preset"] == ["edge"]
    again = open_page(**query)
    assert not again.exception and not link_note(again)
    assert controls(again) == controls(at)
    assert again.slider(key="temp").value == 1.2 and again.toggle(key="words").value is False


def test_a_lesson_with_an_override_stays_that_lesson_in_the_link():
    """clipped without clipping is the exploding lesson's run, but the link still says clipped."""
    at = open_page(preset="clipped", clip="none")
    assert not at.exception
    assert address(at)["preset"] == ["clipped"]
    assert controls(at)["preset"] == "clipped"
    changed = [c.value for c in at.sidebar.caption if "Changed from this lesson" in c.value]
    assert changed and "“Gradient clipping”" in changed[0]
    assert "threshold" not in changed[0]  # c is not read without clipping: not a change


def test_a_refused_link_keeps_its_own_choices_in_the_address_bar():
    heavy = {"hidden": "256", "seq": "200", "batch": "64", "steps": "2000"}
    at = open_page(**heavy)
    assert not at.exception
    assert any("too" in w.value.lower() for w in at.warning)
    assert {k: address(at)[k] for k in heavy} == {k: [v] for k, v in heavy.items()}
    assert controls(at)["hidden"] == 256  # the controls keep the student's choice too


def test_the_link_has_every_setting_and_the_page_writes_it():
    """Each control of the page is a setting of the codec, under the same key."""
    at = open_page(**SHORT)
    keys = {w.key for w in [*at.slider, *at.select_slider, *at.toggle, *at.selectbox,
                            *at.radio, *at.number_input, *at.text_area, *at.text_input]
            if w.key}
    assert keys - {"upload"} <= set(link.ALL)
    assert {"hidden", "act", "lr", "seed", "text", "pos", "ckpt", "temp"} <= keys
    assert link.config_of(link.read({**SHORT}, PRESETS).values) == LabConfig(steps=40, hidden=16)

"""The string table and the Theory tab: both languages complete, consistent and KaTeX-safe."""

import re
import string
from pathlib import Path

import pytest

from rnnlab.config import CLIPS, CORPORA, OPTIMIZERS
from rnnlab.link import ALL as ALL_SETTINGS
from rnnlab.model import ACTIVATIONS, INITS
from rnnlab.teaching.i18n import CONSTANTS, LANGS, STRINGS, TABLES, option_label, tr
from rnnlab.teaching.lessons import PRESETS
from rnnlab.teaching.theory import CHART_IDS, sections

OPTION_CODES = {
    "act": ACTIVATIONS,
    "init": INITS,
    "opt": OPTIMIZERS,
    "clip": CLIPS,
    "corpus": CORPORA,
    "lang": LANGS,
}
REQUIRED_KEYS = (
    "err.empty", "err.binary", "err.not_utf8", "err.too_short", "err.too_large",
    "err.unknown_corpus", "diverged", "cfg.out_of_range", "cfg.not_a_number",
    "cfg.unknown_choice", "cfg.off_grid", "verdict.vanishing_guaranteed", "verdict.bound_silent",
    "verdict.sigmoid_note", "def.loss", "def.grad_norm", "def.w_norm", "def.grad_h",
    "def.grad_x", "def.grad_W", "def.measured", "def.stepwise_bound", "def.bound",
    "def.horizon", "def.share_beyond",
    *(f"preset.{code}.{part}" for code in PRESETS for part in ("name", "desc")),
    # every setting's label and help, and every reason the link codec can give
    *(key for s in ALL_SETTINGS.values() for key in (s.label, s.label + ".help")),
    "link.intro", "link.what", "link.used_auto", "link.used_empty",
    *(f"value.{why}" for why in ("too_long", "empty", "unknown_choice", "not_a_flag",
                                 "not_a_number", "not_whole", "out_of_range", "off_grid",
                                 "repeated")),
)
FORBIDDEN_TEX = re.compile(
    r"\\(label|tag|eqref|ref)\b|\\begin\{(align|equation|eqnarray|gather|multline)\*?\}")
CJK = re.compile(r"[\u4e00-\u9fff]")
INLINE_MATH = re.compile(r"\$([^$]+)\$")


def placeholders(template: str) -> set[tuple[str, str]]:
    """{(field, format_spec)} of a str.format template."""
    return {(field, spec or "") for _, field, spec, _ in string.Formatter().parse(template)
            if field is not None}


def braces_balanced(tex: str) -> bool:
    """Unescaped { } nest properly; \\left/\\right and \\begin/\\end pair up."""
    depth, i = 0, 0
    while i < len(tex):
        if tex[i] == "\\":
            i += 2  # \{ \} \\ and the first letter of a command are not braces
            continue
        depth += {"{": 1, "}": -1}.get(tex[i], 0)
        if depth < 0:
            return False
        i += 1
    if depth:
        return False
    if len(re.findall(r"\\left\b", tex)) != len(re.findall(r"\\right\b", tex)):
        return False
    envs = []
    for kind, name in re.findall(r"\\(begin|end)\{(\w+\*?)\}", tex):
        if kind == "begin":
            envs.append(name)
        elif not envs or envs.pop() != name:
            return False
    return not envs


def stray_emphasis(text: str) -> bool:
    """Would markdown turn part of this (maths stripped) into italics by accident?

    A `_` after a symbol (as in ∏_{j}) can open emphasis, and a later `_` not followed by a letter
    (as in z_{j}) closes it: CommonMark's flanking rules, simplified to the cases that bite.
    """
    text = INLINE_MATH.sub("", text)
    opener = re.search(r"(?<![\w\s])_(?=\S)|(?<=\s)_(?=\w)", text)
    return bool(opener and re.search(r"(?<=\S)_(?!\w)", text[opener.end():]))


# ---- the string table ----

@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_key_has_both_languages_with_the_same_placeholders(key):
    entry = STRINGS[key]
    assert set(entry) == set(LANGS)
    assert all(entry[lang].strip() for lang in LANGS)
    assert placeholders(entry["en"]) == placeholders(entry["zh"])


def test_no_accidental_markdown_emphasis():
    # captions and the Theory tab go through st.markdown
    texts = [e[lang] for e in STRINGS.values() for lang in LANGS]
    texts += [b.text for lang in LANGS for s in sections(lang) for b in s.blocks if b.kind == "md"]
    assert [x for x in texts if stray_emphasis(x)] == []
    assert stray_emphasis("∏_{j=k+1..t} ‖W_hh‖₂ max_i |f′(z_{j,i})|")
    assert not stray_emphasis("‖(∂J_t/∂z_k) h_{k−1}ᵀ‖_F of ∂J_t/∂W_hh")


def test_required_keys_exist():
    assert [k for k in REQUIRED_KEYS if k not in STRINGS] == []


def test_chinese_strings_are_chinese():
    untranslated = [k for k, e in STRINGS.items()
                    if e["en"] == e["zh"] and len(e["en"]) > 20 and not k.startswith("option.")]
    assert untranslated == []
    assert all(CJK.search(STRINGS[f"preset.{c}.desc"]["zh"]) for c in PRESETS)


@pytest.mark.parametrize("kind", sorted(OPTION_CODES))
def test_option_label_covers_every_code(kind):
    for code in OPTION_CODES[kind]:
        for lang in LANGS:
            assert f"option.{kind}.{code}" in STRINGS
            assert option_label(kind, code, lang).strip()


def test_option_labels():
    assert option_label("clip", "value", "en") == "element-wise ±c"
    assert option_label("clip", "norm", "en") == "global norm"
    assert option_label("lang", "zh", "en") == "中文"
    assert option_label("lang", "en", "zh") == "English"
    assert option_label("act", "linear", "zh") != option_label("act", "linear", "en")
    assert option_label("act", "swish", "en") == "swish"  # unknown code: shown as is


def test_t_formats_and_falls_back():
    assert tr("err.too_short", "en", chars=12, needed=100) == (
        "The text has 12 characters; one training window needs at least 100.")
    assert "12" in tr("err.too_short", "zh", chars=12, needed=100)
    assert "2,097,153 bytes, more than the 2 MB limit (2,097,152 bytes)" in tr(
        "err.too_large", "en", size=2**21 + 1, limit=2**21, limit_mb=2.0)
    assert tr("diverged", "fr", step=7) == tr("diverged", "en", step=7)
    assert "7" in tr("diverged", "en", step=7)
    assert tr("no.such.key", "zh") == "no.such.key"


def test_t_never_raises_on_missing_or_wrong_params():
    assert tr("err.too_short", "en") == STRINGS["err.too_short"]["en"]
    assert tr("err.too_large", "en", size="big", limit=2) == STRINGS["err.too_large"]["en"]


def test_verdicts_format_the_product():
    assert "0.5 < 1" in tr("verdict.vanishing_guaranteed", "en", prod=0.5)
    assert "0.5^(t−k)" in tr("verdict.vanishing_guaranteed", "zh", prod=0.5)
    assert "1.73 ≥ 1" in tr("verdict.bound_silent", "zh", prod=1.7321)


# ---- the Theory tab ----

def latex_blocks(lang):
    return [[b.text for b in s.blocks if b.kind == "latex"] for s in sections(lang)]


def all_tex(lang):
    """Every piece of TeX in the tab: display blocks and inline $...$ in markdown."""
    for s in sections(lang):
        for b in s.blocks:
            yield from [b.text] if b.kind == "latex" else INLINE_MATH.findall(b.text)


def test_theory_languages_have_the_same_structure_and_maths():
    en, zh = sections("en"), sections("zh")
    assert [s.key for s in en] == [s.key for s in zh]
    assert [s.key for s in en] == ["model", "chain_rule", "jacobian", "bound", "sigmoid",
                                   "meaning", "slips", "gates"]
    assert [s.chart for s in en] == [s.chart for s in zh]
    assert [[b.kind for b in s.blocks] for s in en] == [[b.kind for b in s.blocks] for s in zh]
    assert latex_blocks("en") == latex_blocks("zh")
    for s_en, s_zh in zip(en, zh, strict=True):
        inline_en = {m for b in s_en.blocks if b.kind == "md" for m in INLINE_MATH.findall(b.text)}
        inline_zh = {m for b in s_zh.blocks if b.kind == "md" for m in INLINE_MATH.findall(b.text)}
        assert inline_en == inline_zh, s_en.key


def test_theory_blocks_are_well_formed():
    for lang in LANGS:
        for s in sections(lang):
            assert s.title.strip() and s.blocks
            assert s.chart is None or s.chart in CHART_IDS
            assert any(b.kind == "latex" for b in s.blocks), s.key
            for b in s.blocks:
                assert b.kind in ("md", "latex") and b.text.strip()
                if b.kind == "md":
                    assert b.text.count("$") % 2 == 0, (s.key, b.text[:40])
                else:
                    assert "$" not in b.text


@pytest.mark.parametrize("lang", LANGS)
def test_theory_tex_is_katex_safe_and_balanced(lang):
    tex = list(all_tex(lang))
    assert len(tex) > 50
    assert [x for x in tex if FORBIDDEN_TEX.search(x)] == []
    assert [x for x in tex if not braces_balanced(x)] == []


def test_forbidden_and_balance_checks_can_fail():
    assert FORBIDDEN_TEX.search(r"\begin{equation} x \end{equation}")
    assert FORBIDDEN_TEX.search(r"x \tag{1}")
    assert not FORBIDDEN_TEX.search(r"\begin{aligned} a &= b \end{aligned}")
    assert not braces_balanced(r"\frac{1}{2")
    assert not braces_balanced(r"\left( x")
    assert not braces_balanced(r"\begin{cases} a \end{aligned}")
    assert braces_balanced(r"\{0, 1\} \frac{a}{b}")


def test_theory_chinese_is_chinese():
    for s in sections("zh"):
        assert CJK.search(s.title), s.key
        assert any(CJK.search(b.text) for b in s.blocks if b.kind == "md"), s.key
    assert not any(CJK.search(b.text) for s in sections("en") for b in s.blocks)


def test_theory_covers_the_lecture_slips():
    slips = {s.key: s for s in sections("en")}["slips"]
    text = " ".join(b.text for b in slips.blocks)
    for needle in (r"W^{T} \operatorname{diag}[f'(h_{j-1})]", "1/4", r"\partial^{+} h_k",
                   r"\|A^{\top}\|_2 = \|A\|_2", "z_j"):
        assert needle in text


def test_theory_names_presets_as_the_ui_does():
    for lang in LANGS:
        meaning = {s.key: s for s in sections(lang)}["meaning"]
        text = " ".join(b.text for b in meaning.blocks)
        for code in PRESETS:
            assert tr(f"preset.{code}.name", lang) in text, (lang, code)


def test_unknown_theory_language_falls_back_to_english():
    assert sections("fr") == sections("en")


def _chinese_texts():
    yield from ((key, entry["zh"]) for key, entry in STRINGS.items())
    for s in sections("zh"):
        yield from ((s.key, b.text) for b in s.blocks if b.kind == "md")


ASCII_BY_HANZI = re.compile(r"[\u4e00-\u9fff][,;:?!()]|[,;:?!()][\u4e00-\u9fff]")


def test_chinese_punctuation_is_full_width_next_to_hanzi():
    bad = [(key, m.group()) for key, text in _chinese_texts()
           for m in ASCII_BY_HANZI.finditer(text)]
    assert not bad
    assert ASCII_BY_HANZI.search("见第 5 节)") and ASCII_BY_HANZI.search("(见")


def test_chinese_has_no_italic_hanzi_and_no_literal_phrasing():
    """Hanzi have no italics (emphasis is bold); 实验室 and 向前 n 个字符 read as a
    laboratory and as "forward" to a Chinese reader."""
    italic = re.compile(r"(?<![*\\])\*(?!\*)[^*$]*[\u4e00-\u9fff][^*$]*(?<!\*)\*(?!\*)")
    for key, text in _chinese_texts():
        assert not italic.search(text), key
        for phrase in ("实验室", "向前", "请换一个步"):
            assert phrase not in text, (key, phrase)
    assert italic.search("是*充分*条件")


def test_every_preset_a_chinese_string_names_exists():
    names = {tr(f"preset.{code}.name", "zh") for code in PRESETS}
    for key, text in _chinese_texts():
        for name in re.findall(r"“([^”]+)”预设", text):
            assert name in names, (key, name)
    for key, entry in STRINGS.items():
        for name in re.findall(r"preset “([^”]+)”", entry["en"]):
            assert name in {tr(f"preset.{c}.name", "en") for c in PRESETS}, (key, name)


def test_every_problem_the_engine_can_report_has_its_sentence():
    """Problem codes are written in the engine's source (Problem("value.not_whole", ...)); each
    is a key of the string table, in both languages."""
    root = Path(__file__).resolve().parents[1] / "rnnlab"
    codes = {m for path in root.rglob("*.py")
             for m in re.findall(r'Problem\(\s*"([a-z_]+\.[a-z_]+)"', path.read_text())}
    assert {"value.not_whole", "value.repeated", "cfg.too_much_work"} <= codes
    for code in codes:
        assert set(STRINGS[code]) == set(LANGS), code


# the sentences that state an engine number, and the placeholder that must state it
STATED = {"def.w_norm": "measurements", "ui.queued": "slots", "ui.upload_first": "upload_mb",
          "ctl.upload": "upload_mb", "ctl.upload.help": "max_vocab", "ctl.text.help": "text_max",
          "def.horizon": "min_pairs", "chart.few_pairs": "min_pairs", "exp.lr.intro": "slots"}


@pytest.mark.parametrize(("key", "name"), sorted(STATED.items()))
def test_engine_numbers_are_filled_in_never_written_in_a_table(key, name, monkeypatch):
    """A sentence about the server's two slots says 3 when the server has three."""
    for lang, table in TABLES.items():
        assert "{" + name + "}" in table[key], (lang, key)
        shown = tr(key, lang, **{p: 7 for p in ("runs", "seeds", "steps", "H", "B")})
        assert str(CONSTANTS[name]) in shown
        monkeypatch.setitem(CONSTANTS, name, 12345)
        assert "12345" in tr(key, lang, **{p: 7 for p in ("runs", "seeds", "steps", "H", "B")})
        monkeypatch.undo()


def test_each_language_is_one_table_with_the_same_keys():
    assert list(TABLES) == list(LANGS)
    assert set(TABLES["en"]) == set(TABLES["zh"])
    assert all(isinstance(v, str) for table in TABLES.values() for v in table.values())


def test_every_template_formats_so_no_brace_reaches_the_page():
    """A literal brace (h_{k−1}) is written doubled; otherwise str.format fails on it and the
    whole sentence, placeholders and all, would be shown unformatted."""
    for lang, table in TABLES.items():
        for key, text in table.items():
            names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
            shown = text.format(**(CONSTANTS | {n: 1 for n in names if n not in CONSTANTS}))
            assert "{" + "}" not in shown, (lang, key)

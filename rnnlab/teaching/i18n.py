"""The lab's words in English and simplified Chinese: `tr(key, lang, **params)`.

One table per language, rnnlab/teaching/strings/en.py and zh.py, key -> str.format template;
a new language is one more table (tests/test_i18n.py holds the keys and placeholders equal). The
engine's numbers that sentences state (how many measurements, how many runs train at once, the
upload cap) are not written in the tables but filled in from CONSTANTS, so they cannot go stale.

(`tr`, not `t`: in this codebase t is a time step.)
"""

from __future__ import annotations

from rnnlab.analysis import MIN_PAIRS
from rnnlab.corpus import MAX_UPLOAD_BYTES, MAX_VOCAB
from rnnlab.link import LANGUAGES, TEXT_MAX
from rnnlab.runs import MAX_PARALLEL
from rnnlab.teaching.strings import en, zh
from rnnlab.train import MAX_MATRIX_MEASUREMENTS

LANGS = LANGUAGES
TABLES: dict[str, dict[str, str]] = {"en": en.STRINGS, "zh": zh.STRINGS}

# the engine's numbers, by the placeholder name the tables use for them
CONSTANTS = {
    "measurements": MAX_MATRIX_MEASUREMENTS,  # ‖W_hh‖₂ and r(W_hh) measured at most
    "slots": MAX_PARALLEL,  # training runs the server trains at once
    "upload_mb": MAX_UPLOAD_BYTES // 2**20,  # the upload cap, in MB
    "max_vocab": MAX_VOCAB,  # symbols an upload's vocabulary holds at most
    "known": MAX_VOCAB - 1,  # ... the characters it keeps, beside the unknown symbol
    "text_max": TEXT_MAX,  # characters of the analysed text at most
    "min_pairs": MIN_PAIRS,  # (t, k) pairs a distance needs for a median
}

# key -> {lang: text}: the tables side by side, for the tests and for `in` checks
STRINGS: dict[str, dict[str, str]] = {
    key: {lang: table[key] for lang, table in TABLES.items() if key in table} for key in en.STRINGS}


def tr(key: str, lang: str = "en", **params) -> str:
    """The string `key` in `lang` (English if `lang` is unknown), formatted with `params` and the
    engine's CONSTANTS.

    Never raises: an unknown key comes back as the key itself, and a template whose placeholders
    the params do not fill comes back unformatted, so a slip shows on screen instead of crashing
    (tests/test_layering.py finds every literal key in the code, so a typo fails a test).
    """
    table = TABLES.get(lang, TABLES["en"])
    text = table.get(key, TABLES["en"].get(key))
    if text is None:
        return key
    try:
        return text.format(**(CONSTANTS | params))
    except (KeyError, IndexError, ValueError, TypeError):
        return text


def option_label(kind: str, code: str, lang: str) -> str:
    """Display label of a language-neutral option code, e.g. ("clip", "norm") -> "global norm"."""
    key = f"option.{kind}.{code}"
    return tr(key, lang) if key in STRINGS else code

"""Hostile and broken input, as a student would give it: every bad upload gets a clear, translated
message in the page, the lab falls back to the English text and keeps drawing its charts, and
text that looks like HTML, Markdown or LaTeX is shown as the characters it is.

Every file is made in the test, in memory, and handed to the page's real file uploader. The
expected message is the page's own string for the error code that `corpus_from_bytes` must
report for that file, in the page's language.
"""

from __future__ import annotations

import io
import math
import struct
import zipfile
import zlib
from urllib.parse import quote

import pytest
from playwright.sync_api import expect
from test_browser import assert_no_exception, expect_tab_content, open_tab, wait_ready

from rnnlab.config import LabConfig
from rnnlab.corpus import MAX_UPLOAD_BYTES, load_corpus
from rnnlab.teaching.i18n import tr

UPLOADER = '[data-testid="stFileUploader"]'
MAIN = '[data-testid="stMain"]'
# the page's notes stand above the tabs (tab ③'s verdict is a warning too)
WARNING = f'{MAIN} [data-testid="stAlertContentWarning"]:not([data-testid="stTabs"] *)'
ERROR = f'{MAIN} [data-testid="stAlertContentError"]'
SUCCESS = f'{MAIN} [data-testid="stAlertContentSuccess"]'
WINDOW = LabConfig().batch * LabConfig().seq_len + 1  # characters the default config needs
HOSTILE = "<script>alert(1)</script> **bold** $$x$$ <img src=x onerror=alert(2)> _em_ `c` "


def png() -> bytes:
    """A real 8x8 grey PNG image."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + bytes([128] * 8) for _ in range(8))  # filter byte + 8 pixels
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def zipped() -> bytes:
    """A zip archive holding a perfectly good text file."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("essay.txt", "Memory fades with distance. " * 40)
    return buf.getvalue()


def rare_symbols() -> str:
    """A long text of emoji (with skin tones, ZWJ families and flags), maths, box drawing,
    combining accents, right-to-left scripts, astral CJK and zero-width characters: more than
    300 distinct code points, so the vocabulary needs its unknown symbol."""
    pieces = ["😀🙃🤖🧠 ", "👩🏽‍🔬 👨‍👩‍👧‍👦 🇨🇳🇫🇷🇧🇷 ", "∑∫√∞≈≠±∂∇ ", "╔═╗║╚╝ ",
              "e\u0301 n\u0303 ", "שלום مرحبا ", "𠀀𠀁𪚥 ", "a\u200bb\u200dc\ufeff ", "☃♞⚛✈ "]
    rare = "".join(chr(c) for c in range(0x2600, 0x2600 + 320))  # 320 miscellaneous symbols
    text = "".join(pieces) + rare + "\n"
    return text * 3


def upload(page, name: str, data: bytes, mime: str = "text/plain") -> None:
    """Hand `data` to the sidebar's file uploader as a file called `name`."""
    page.locator(f"{UPLOADER} input[type=file]").set_input_files(
        {"name": name, "mimeType": mime, "buffer": data})
    page.locator(f'{UPLOADER} [data-testid="stFileChipName"]', has_text=name).wait_for()


def open_upload(page, server: str, lang: str = "en") -> None:
    """The page with "upload your own" chosen and no file yet: it says so and trains English."""
    page.goto(server + "/?corpus=upload" + ("&lang=zh" if lang == "zh" else ""))
    wait_ready(page)
    expect(page.locator(WARNING)).to_have_text(tr("ui.upload_first", lang))


def expect_trained_english(page, lang: str = "en") -> None:
    """The training tab finished on the English fallback: success and its four charts drawn."""
    wait_ready(page)
    chance = math.log(len(load_corpus("english").vocab))  # ln|V| of the English text
    trained = tr("ui.trained", lang, steps=300, loss=0.0, chance=chance)
    success = page.locator(SUCCESS).first
    expect(success).to_contain_text(trained[:trained.index("300") + 3])
    expect(success).to_contain_text(f"{chance:.3f}")
    training = page.locator('[data-testid="stTabPanel"]').first
    # loss, gradient norm, ‖W_hh‖₂, forward state; each drawn (a layered chart has several .marks)
    charts = training.locator('[data-testid="stVegaLiteChart"]')
    expect(charts).to_have_count(4)
    for i in range(4):
        expect(charts.nth(i).locator(".marks").first).to_be_visible()
    assert page.locator(ERROR).count() == 0
    assert_no_exception(page)


CASES = {
    "empty": ("empty.txt", b"", "empty", {}),
    "blank": ("blank.txt", b"  \n\t\r\n  ", "empty", {}),
    "png": ("photo.txt", png(), "binary", {"kind": "PNG"}),
    "zip": ("essay.txt", zipped(), "binary", {"kind": "ZIP/DOCX"}),
    "latin1": ("cafe.txt", ("café crème brûlée, déjà vu. " * 30).encode("latin-1"), "not_utf8",
               {}),
    "one_char": ("a.txt", b"a", "too_short", {"chars": 1, "needed": WINDOW}),
    "short": ("short.txt", b"twenty characters...", "too_short",
              {"chars": 20, "needed": WINDOW}),
    "oversize": ("big.txt", b"The lecture, again and again. " * 87382, "too_large",
                 {"size": 30 * 87382, "limit": MAX_UPLOAD_BYTES,
                  "limit_mb": MAX_UPLOAD_BYTES / 2**20}),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_upload_says_why_and_trains_english(page, server, screens, case):
    name, data, code, params = CASES[case]
    open_upload(page, server)
    upload(page, name, data)
    expected = tr(f"err.{code}", "en", **params) + " " + tr("ui.using_english", "en")
    expect(page.locator(WARNING)).to_have_text(expected, timeout=60_000)
    expect_trained_english(page)
    if case in ("png", "oversize"):
        page.screenshot(path=screens / f"hostile_{case}.png")


def test_bad_upload_message_is_translated(page, server, screens):
    open_upload(page, server, "zh")
    upload(page, "cafe.txt", ("café crème brûlée, déjà vu. " * 30).encode("latin-1"))
    expected = tr("err.not_utf8", "zh") + tr("ui.using_english", "zh")  # no space in Chinese
    assert expected != tr("err.not_utf8", "en") + " " + tr("ui.using_english", "en")
    expect(page.locator(WARNING)).to_have_text(expected, timeout=60_000)
    expect_trained_english(page, "zh")
    page.screenshot(path=screens / "hostile_zh_not_utf8.png")


@pytest.mark.parametrize("name, data, mime, refusal", [
    ("huge.txt", b"x" * (10 * 2**20 + 1), "text/plain", "File must be 10.0MB or smaller."),
    ("photo.png", png(), "image/png", "image/png files are not allowed."),
])
def test_streamlit_refuses_file_and_page_keeps_working(page, server, screens, name, data, mime,
                                                       refusal):
    """Beyond server.maxUploadSize, or with another extension than .txt, Streamlit's uploader
    refuses the file itself (its own English words, on the file's chip): the app never sees it
    and keeps asking for a text."""
    open_upload(page, server)
    page.locator(f"{UPLOADER} input[type=file]").set_input_files(
        {"name": name, "mimeType": mime, "buffer": data})
    chip = page.locator(f'{UPLOADER} [data-testid="stFileChip"]', has_text=name)
    expect(chip).to_have_attribute("aria-invalid", "true")
    expect(chip.get_by_role("alert")).to_have_text(f"Error: {refusal}")
    page.screenshot(path=screens / f"hostile_refused_{name.replace('.', '_')}.png")
    expect(page.locator(WARNING)).to_have_text(tr("ui.upload_first", "en"))
    expect_trained_english(page)


def test_emoji_and_rare_symbols_train(page, server):
    text = rare_symbols()
    assert len(set(text)) > 300 and len(text) > WINDOW
    open_upload(page, server)
    upload(page, "symbols.txt", text.encode("utf-8"))
    expect(page.locator(WARNING)).to_have_count(0, timeout=60_000)
    wait_ready(page)
    expect(page.locator(SUCCESS).first).to_contain_text("Trained 300 steps")
    assert page.locator(ERROR).count() == 0
    for index in range(3):  # training, distant words and Jacobian norms all drawn
        expect_tab_content(open_tab(page, index), index)
    assert_no_exception(page)


def test_html_and_markdown_in_upload_and_sentence_box_stay_text(page, server, screens):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_upload(page, server)
    upload(page, "hostile.txt", ((HOSTILE + "\n") * 8).encode("utf-8"))
    expect(page.locator(WARNING)).to_have_count(0, timeout=60_000)
    wait_ready(page)
    expect(page.locator(SUCCESS).first).to_contain_text("Trained 300 steps")
    # the model has learnt the text by heart: its sample repeats the markup, as characters
    sample = page.locator('[data-testid="stCode"]').first.inner_text()
    assert "**bold**" in sample or "<script>" in sample, sample

    typed = "<script>alert(1)</script> **bold** $$x$$"
    panel = open_tab(page, 1)
    box = panel.locator("textarea")
    box.fill(typed)
    box.press("Control+Enter")
    expect(panel.locator('[data-testid="stCaptionContainer"]').first).to_contain_text(
        f"character {len(typed) - 1} ('$')", timeout=60_000)  # the typed text's last two
    wait_ready(page)
    assert box.input_value() == typed
    expect_tab_content(panel, 1)
    caption = panel.locator('[data-testid="stCaptionContainer"]').first
    # the characters themselves: no maths typeset, no backslash of the escaping left over
    expect(caption).to_have_text(tr("ui.shading_caption", "en", t=len(typed) - 1,
                                   char=repr("$"), next=repr("$")))
    caption.scroll_into_view_if_needed()
    page.screenshot(path=screens / "hostile_markup.png")
    assert_markup_not_interpreted(page)
    assert dialogs == []


@pytest.mark.parametrize("how", ["typed", "link"])
def test_markup_in_sentence_box_with_bundled_text_is_left_out_as_text(page, server, how):
    """The English model has no '<', '*', '$' or '[': the note on the left-out characters lists
    them as they are, whether the student typed the text or a link (?text=...) carried it."""
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    typed = "<script>alert(1)</script> **bold** $$x$$ [a](javascript:alert(2))"
    page.goto(server + ("/?text=" + quote(typed) if how == "link" else ""))
    wait_ready(page)
    panel = open_tab(page, 1)
    box = panel.locator("textarea")
    if how == "typed":
        box.fill(typed)
        box.press("Control+Enter")
    note = panel.locator('[data-testid="stAlertContentInfo"]')
    expect(note).to_contain_text("<", timeout=60_000)
    wait_ready(page)
    assert box.input_value() == typed
    shown = note.inner_text()
    for char in "<>/*$[]":
        assert char in shown, (char, shown)
    assert "\\" not in shown, shown  # escaped for Markdown, but no backslash is seen
    assert_markup_not_interpreted(page)
    assert dialogs == []


def assert_markup_not_interpreted(page) -> None:
    """No element the typed or uploaded markup would have made exists in the page."""
    made = page.evaluate("""() => ({
        scripts: [...document.scripts].filter(s => s.textContent.includes('alert(')).length,
        images: document.querySelectorAll('img[src="x"]').length,
        links: document.querySelectorAll('a[href^="javascript"]').length,
        bold: [...document.querySelectorAll('strong, b')]
               .filter(e => e.textContent.trim() === 'bold').length,
        maths: [...document.querySelectorAll('[data-testid="stTabPanel"]')].slice(0, 2)
               .map(p => p.querySelectorAll('.katex').length).reduce((a, b) => a + b, 0),
    })""")
    assert made == {"scripts": 0, "images": 0, "links": 0, "bold": 0, "maths": 0}, made


def test_link_window_longer_than_the_chinese_text_says_why_in_chinese(page, server):
    """64 streams x 200 characters need 12,801 characters; the Chinese essay has fewer."""
    needed = 64 * 200 + 1
    chars = len(load_corpus("chinese").ids)
    assert chars < needed
    page.goto(server + "/?corpus=chinese&seq=200&batch=64&steps=20&hidden=8&lang=zh")
    training = page.locator('[data-testid="stTabPanel"]').first
    ended = training.locator('[data-testid="stAlertContentSuccess"], '
                             '[data-testid="stAlertContentError"]')
    ended.first.wait_for(timeout=90_000)
    expect(page.locator(WARNING)).to_contain_text(tr("err.window_too_long", "zh", chars=chars,
                                                    needed=needed), timeout=1_000)
    expect(training.locator('[data-testid="stAlertContentSuccess"]')).to_have_count(1)

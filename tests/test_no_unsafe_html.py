"""No raw HTML reaches the page: every text a student gives (an upload, the sentence box, a link)
is shown through Streamlit's escaping, so no Python file may switch that escaping off or write
HTML of its own."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# unsafe_allow_html=True on st.markdown and friends, st.html, and the components' raw HTML
RAW_HTML = re.compile(r"unsafe_allow_html|\bst\.html\s*\(|components\.v1|\bcomponents\.html\s*\(")
SKIP = {".git", ".venv", "test-output", "__pycache__", "node_modules"}


def python_files() -> list[Path]:
    return [p for p in ROOT.rglob("*.py")
            if not SKIP.intersection(p.relative_to(ROOT).parts) and p != Path(__file__).resolve()]


def test_the_app_is_among_the_files_searched():
    names = {p.relative_to(ROOT).as_posix() for p in python_files()}
    assert {"app.py", "rnnlab/teaching/i18n.py", "ui/link.py"} <= names


def test_no_python_file_renders_raw_html():
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for path in python_files()
             for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1)
             if RAW_HTML.search(line)]
    assert found == [], "raw HTML rendering found:\n" + "\n".join(found)


def test_the_search_finds_what_it_looks_for():
    for line in ('st.markdown(x, unsafe_allow_html=True)', 'st.html(text)',
                 'import streamlit.components.v1 as components', 'components.html("<b>")'):
        assert RAW_HTML.search(line), line
    assert not RAW_HTML.search('st.markdown(md_escape(text))')

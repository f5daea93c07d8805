"""The house rules that keep the code growable: the engine never imports the page, Streamlit or
anything above it, and every string key the code names exists in every language."""

import ast
import re
from pathlib import Path

from rnnlab.teaching.i18n import LANGS, STRINGS

ROOT = Path(__file__).resolve().parents[1]
CONTENT = sorted((ROOT / "rnnlab" / "teaching").rglob("*.py"))  # charts, lessons, words, theory
ENGINE = sorted(p for p in (ROOT / "rnnlab").rglob("*.py") if p not in CONTENT)
PAGE = sorted((ROOT / "ui").rglob("*.py")) + [ROOT / "app.py"]


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_engine_never_imports_the_page_or_streamlit():
    bad = {str(p.relative_to(ROOT)): sorted(n for n in imports(p)
                                            if n.split(".")[0] in ("streamlit", "ui", "app"))
           for p in ENGINE + CONTENT}
    assert {k: v for k, v in bad.items() if v} == {}


def test_the_engine_never_imports_the_teaching_content():
    """The maths does not know the lessons, their words or their charts: rnnlab/teaching/ sits
    above it, the page above both."""
    assert len(ENGINE) > 20 and len(CONTENT) > 8
    bad = {str(p.relative_to(ROOT)): sorted(n for n in imports(p)
                                            if n.startswith("rnnlab.teaching"))
           for p in ENGINE}
    assert {k: v for k, v in bad.items() if v} == {}


def test_no_module_imports_another_modules_private_names():
    """Nor do the tests and the benchmarks: what they need is public, and named for what it is
    (the tuned kernel is rnnlab.model.rnn_kernel, held to the readable cell by a test)."""
    bad = []
    outside = sorted((ROOT / "tests").rglob("*.py")) + sorted((ROOT / "benchmarks").glob("*.py"))
    for path in ENGINE + CONTENT + PAGE + outside:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(("rnnlab",
                                                                                     "ui")):
                bad += [f"{path.name}: {node.module}.{a.name}" for a in node.names
                        if a.name.startswith("_")]
    assert bad == []


KEY = re.compile(r"""\btr\(\s*["']([a-z_]+\.[A-Za-z0-9_.]+)["']""")


def test_every_literal_string_key_in_the_code_exists_in_every_language():
    """t() shows the key itself on a miss, so a typo would pass silently without this."""
    missing = []
    for path in ENGINE + CONTENT + PAGE:
        for key in KEY.findall(path.read_text(encoding="utf-8")):
            entry = STRINGS.get(key)
            if entry is None or any(lang not in entry for lang in LANGS):
                missing.append(f"{path.name}: {key}")
    assert missing == []

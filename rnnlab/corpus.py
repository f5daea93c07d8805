"""The texts the RNN learns from: two bundled essays, a synthetic long-range task, and uploads.

A `Corpus` is a text, its character `Vocab` and the text as ids. Characters are Unicode code
points; the vocabulary keeps the `MAX_VOCAB` most frequent ones and maps the rest to `UNK`, so any
text, emoji and rare symbols included, can be encoded and decoded.

The long-range task
-------------------
`synthetic_text(d)` is a sequence of lines of d + 2 characters each::

    position   0      1 .. d-2      d-1    d      d+1
               key    filler        cue    key    newline          e.g. d = 6:  C4819>C

The key is drawn uniformly from `KEYS` (8 capital letters), the filler uniformly from `FILLER`
(the digits), two alphabets with no character in common, and the cue is `CUE`. The cue says *when*
the key comes back, so what remains to predict at position d is *which* key: information that
exists nowhere in the text except d characters back. A model that cannot carry it that far guesses
at chance (1/8); `dependency_positions` lists exactly those positions so they can be scored alone.
Everything else is either noise (the first key, the filler) or follows from the line's layout.
For d = 1 the line is just ``CC``: the key itself sits where the cue would.
"""

from __future__ import annotations

import codecs
import functools
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources

import numpy as np

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_VOCAB = 300
UNK = "\ufffd"
BUNDLED = ("english", "chinese", "longrange")

KEYS = "ABCDEFGH"
FILLER = "0123456789"
CUE = ">"

# Leading bytes of the binary formats students most often upload by mistake.
_MAGIC = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF87a": "GIF", b"GIF89a": "GIF",
          b"%PDF-": "PDF", b"PK\x03\x04": "ZIP/DOCX", b"PK\x05\x06": "ZIP", b"\x1f\x8b": "gzip"}
# Kana and CJK ideographs are written without spaces between words, so each counts as one.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
_WORD = re.compile(f"[{_CJK}]|(?:(?![{_CJK}])[^\\W_])+")


class CorpusError(ValueError):
    """Bad text for training. `.code` is a stable key for translation, `.params` fills its message,
    `str(err)` is the English one. Codes: empty, binary, not_utf8, too_short, too_large,
    unknown_corpus."""

    def __init__(self, code: str, message: str, **params):
        super().__init__(message)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Vocab:
    """The characters a model can read and write; a character's id is its index in `chars`."""

    chars: tuple[str, ...]
    # Code points sorted, and the id of each, so encode() is one vectorised binary search.
    _codes: np.ndarray = field(init=False, repr=False, compare=False)  # (V,) int64
    _ids: np.ndarray = field(init=False, repr=False, compare=False)  # (V,) int64

    def __post_init__(self):
        if any(len(c) != 1 for c in self.chars) or len(set(self.chars)) != len(self.chars):
            raise ValueError("vocabulary characters must be distinct single code points")
        codes = np.array([ord(c) for c in self.chars], dtype=np.int64)  # (V,)
        order = np.argsort(codes, kind="stable")  # (V,)
        object.__setattr__(self, "_codes", codes[order])
        object.__setattr__(self, "_ids", order.astype(np.int64))

    @classmethod
    def from_text(cls, text: str, max_size: int = MAX_VOCAB) -> Vocab:
        """All characters of `text` in code-point order; if there are more than `max_size`,
        the max_size - 1 most frequent (ties by character) and `UNK` last, for all the others."""
        if max_size < 2:
            raise ValueError("max_size must be at least 2 (one character and UNK)")
        counts = Counter(text)
        if len(counts) <= max_size:
            return cls(tuple(sorted(counts)))
        ranked = sorted((c for c in counts if c != UNK), key=lambda c: (-counts[c], c))
        return cls((*sorted(ranked[: max_size - 1]), UNK))

    @property
    def size(self) -> int:
        return len(self.chars)

    def __len__(self) -> int:
        return len(self.chars)

    @property
    def unk_id(self) -> int | None:
        return self.chars.index(UNK) if UNK in self.chars else None

    def encode(self, text: str) -> np.ndarray:
        """Ids of the characters of `text`, shape (N,) int64; unknown characters become UNK's id
        (a ValueError if this vocabulary has no UNK)."""
        points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")  # (N,)
        points = points.astype(np.int64)
        if points.size == 0:
            return points
        if self.size == 0:
            raise ValueError("cannot encode text with an empty vocabulary")
        pos = np.minimum(np.searchsorted(self._codes, points), self.size - 1)  # (N,)
        ids = self._ids[pos]  # (N,)
        known = self._codes[pos] == points  # (N,)
        if not known.all():
            if self.unk_id is None:
                bad = text[int(np.argmin(known))]
                raise ValueError(f"character {bad!r} is not in the vocabulary, which has no UNK")
            ids = np.where(known, ids, self.unk_id)
        return ids

    def decode(self, ids) -> str:
        """The text whose ids are `ids` (any shape; read in row-major order)."""
        ids = np.asarray(ids, dtype=np.int64).ravel()  # (N,)
        if ids.size and (ids.min() < 0 or ids.max() >= self.size):
            raise ValueError(f"ids must lie in [0, {self.size}), got {ids.min()}..{ids.max()}")
        return "".join(self.chars[i] for i in ids.tolist())


@dataclass(frozen=True, eq=False)
class Corpus:
    """A training text with its vocabulary; two corpora are equal when their `key`s are."""

    name: str  # "english", "chinese", "longrange" or "upload"
    text: str
    vocab: Vocab
    ids: np.ndarray  # (N,) int64, vocab.encode(text)
    key: str  # stable cache key
    distance: int | None = None  # the dependency distance d of the long-range task

    def __eq__(self, other) -> bool:
        return isinstance(other, Corpus) and self.key == other.key

    def __hash__(self) -> int:
        return hash(self.key)


def _make(name: str, text: str, key: str, vocab: Vocab | None = None, distance=None) -> Corpus:
    vocab = Vocab.from_text(text) if vocab is None else vocab
    return Corpus(name, text, vocab, vocab.encode(text), key, distance)


def load_corpus(name: str, *, distance: int = 8) -> Corpus:
    """A bundled corpus by name; `distance` is used by "longrange" only."""
    if name not in BUNDLED:
        raise CorpusError("unknown_corpus",
                          f"Unknown corpus {name!r}: choose one of {', '.join(BUNDLED)}.",
                          name=name, known=list(BUNDLED))
    if name == "longrange":
        return _load_longrange(int(distance))
    return _load_text(name)


@functools.cache
def _load_text(name: str) -> Corpus:
    raw = (resources.files("rnnlab") / "data" / f"{name}.txt").read_bytes()
    text = raw.decode("utf-8").replace("\r\n", "\n")
    return _make(name, text, name)


@functools.lru_cache(maxsize=64)
def _load_longrange(distance: int) -> Corpus:
    # The vocabulary is the task's whole alphabet, so it does not depend on the random draw.
    vocab = Vocab.from_text(KEYS + FILLER + CUE + "\n")
    text = synthetic_text(distance)
    return _make("longrange", text, f"longrange-d{distance}", vocab, distance)


def synthetic_text(distance: int, n_chars: int = 30000, seed: int = 0) -> str:
    """The long-range task (see the module docstring): whole lines of `distance` + 2 characters,
    as many as fit in `n_chars` (at least one)."""
    d = int(distance)
    if d < 1:
        raise ValueError(f"distance must be at least 1, got {distance!r}")
    rng = np.random.default_rng(seed)
    n_lines = max(1, n_chars // (d + 2))
    keys = np.array(list(KEYS))[rng.integers(len(KEYS), size=n_lines)]  # (L,)
    lines = np.empty((n_lines, d + 2), dtype="<U1")  # (L, d + 2)
    lines[:, 0] = keys
    filler = rng.integers(len(FILLER), size=(n_lines, max(d - 2, 0)))  # (L, d - 2)
    lines[:, 1 : max(d - 1, 1)] = np.array(list(FILLER))[filler]
    if d > 1:
        lines[:, d - 1] = CUE
    lines[:, d] = keys
    lines[:, d + 1] = "\n"
    return "".join(lines.ravel().tolist())


def dependency_positions(corpus: Corpus) -> np.ndarray:
    """Indices i into corpus.text where text[i] can only be predicted from text[i - d]: the
    repeated keys of the long-range task. Shape (L,) int64; empty for every other corpus."""
    if corpus.distance is None:
        return np.zeros(0, dtype=np.int64)
    return key_positions(corpus.distance, len(corpus.text))


def key_positions(distance: int, length: int) -> np.ndarray:
    """Where the repeated keys sit in a long-range text of `length` characters: (L,) int64."""
    width = distance + 2
    return np.arange(length // width, dtype=np.int64) * width + distance


def words(text: str) -> list[tuple[int, int]]:
    """Word spans (start, end) of `text`: runs of letters and digits, except that every CJK
    character (which is written without spaces) is a word of its own. Spaces and punctuation
    belong to no word."""
    return [m.span() for m in _WORD.finditer(text)]


def corpus_from_bytes(data: bytes, *, min_chars: int, name: str = "upload") -> Corpus:
    """The corpus of an uploaded file, or a CorpusError saying what is wrong with it.

    `min_chars` is the length of one training window (seq_len + 1). The text is UTF-8; a BOM is
    dropped and \\r\\n and \\r line ends become \\n.
    """
    if len(data) == 0:
        raise CorpusError("empty", "The file is empty: there is no text to learn from.")
    if len(data) > MAX_UPLOAD_BYTES:
        # In bytes: a file one byte over the limit must not read as "2.0 MB, over the 2 MB limit"
        limit_mb = MAX_UPLOAD_BYTES / 2**20
        raise CorpusError("too_large", f"The file is too large: {len(data):,} bytes, more than "
                          f"the {limit_mb:g} MB limit ({MAX_UPLOAD_BYTES:,} bytes). Upload a "
                          "shorter text.", size=len(data), limit=MAX_UPLOAD_BYTES,
                          limit_mb=limit_mb)
    kind = _binary_kind(data)
    if kind:
        raise CorpusError("binary", f"This looks like a binary file ({kind}), not plain text. "
                          "Save it as a .txt file in UTF-8 and upload that.", kind=kind)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise CorpusError("not_utf8", f"The file is not UTF-8 text (byte {err.start} cannot be "
                          "read). Save it with UTF-8 encoding and upload it again.",
                          position=err.start) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise CorpusError("empty", "The file is empty: it holds only spaces and line breaks.")
    if len(text) < min_chars:
        raise CorpusError("too_short", f"The text is too short: {len(text)} characters, but one "
                          f"training window needs {min_chars}. Upload a longer text or choose a "
                          "shorter sequence length.", chars=len(text), needed=min_chars)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return _make(name, text, f"{name}-{digest}")


def _binary_kind(data: bytes) -> str | None:
    """What gives `data` away as binary (a format name, "NUL bytes" or "control characters"),
    or None if it may be text."""
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            return kind
    if b"\x00" in data:
        return "NUL bytes"
    b = np.frombuffer(data, dtype=np.uint8)  # (n,)
    control = ((b < 32) & (b != 9) & (b != 10) & (b != 13)) | (b == 127)  # (n,)
    if control.mean() > 0.10:
        return "control characters"
    return None


def known_part(vocab: Vocab, text: str) -> tuple[str, list[str]]:
    """`text` without the characters `vocab` cannot read (when it has no UNK to map them to),
    and the distinct characters that were dropped, in order of appearance."""
    if vocab.unk_id is not None:
        return text, []
    known = set(vocab.chars)
    dropped = list(dict.fromkeys(c for c in text if c not in known))
    return "".join(c for c in text if c in known), dropped


def passage(corpus: Corpus, length: int) -> str:
    """A sample of `length` characters to analyse: the long-range task from its start, a text
    from the first paragraph that begins a third of the way in."""
    text = corpus.text
    start = 0
    if corpus.distance is None:
        at = text.find("\n\n", len(text) // 3)
        start = at + 2 if 0 <= at < len(text) - length else 0
    return text[start:start + length]


PASSAGE_CHARS = 80  # the analysed passage when the student types nothing
MIN_WINDOW = 3  # characters an analysed text needs: two predictions and a step between them


@dataclass(frozen=True)
class Window:
    """The text the analysis tabs read, and why it is not exactly what the student typed."""

    text: str  # the characters analysed
    passage: str  # the corpus's passage, used when nothing usable was typed
    dropped: list[str]  # distinct typed characters the model cannot read, left out
    too_short: bool  # the typed text had fewer than MIN_WINDOW readable characters


def analysis_window(corpus: Corpus, typed: str | None) -> Window:
    """The analysed text for what the student `typed` (None or "": the corpus's passage)."""
    default = passage(corpus, PASSAGE_CHARS)
    text, dropped = known_part(corpus.vocab, typed or default)
    too_short = len(text) < MIN_WINDOW
    return Window(default if too_short else text, default, dropped, too_short)

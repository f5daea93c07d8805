"""Tests of rnnlab.corpus: the bundled texts, the long-range task, upload validation and words()."""

import io
import re
import zipfile

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from rnnlab.corpus import (
    BUNDLED,
    CUE,
    FILLER,
    KEYS,
    MAX_UPLOAD_BYTES,
    MAX_VOCAB,
    UNK,
    CorpusError,
    Vocab,
    corpus_from_bytes,
    dependency_positions,
    load_corpus,
    synthetic_text,
    words,
)

# Printable characters: letters, marks, numbers, punctuation, symbols and spaces.
PRINTABLE = st.characters(categories=("L", "M", "N", "P", "S", "Zs"))


# --- bundled corpora ------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "min_bytes"), [("english", 20 * 1024), ("chinese", 10 * 1024)])
def test_bundled_text_is_long_enough(name, min_bytes):
    corpus = load_corpus(name)
    assert len(corpus.text.encode("utf-8")) >= min_bytes


def test_english_is_ascii_and_chinese_is_mostly_cjk():
    assert load_corpus("english").text.isascii()
    zh = load_corpus("chinese").text
    assert sum("\u4e00" <= c <= "\u9fff" for c in zh) > 0.8 * len(zh)


@pytest.mark.parametrize("name", BUNDLED)
def test_bundled_corpus_round_trips_without_unk(name):
    corpus = load_corpus(name)
    assert corpus.name == name
    assert corpus.ids.dtype == np.int64 and corpus.ids.shape == (len(corpus.text),)
    assert corpus.vocab.decode(corpus.ids) == corpus.text
    assert len(corpus.vocab) == corpus.vocab.size <= MAX_VOCAB
    assert UNK not in corpus.vocab.chars


def test_bundled_corpora_are_cached_and_keyed():
    assert load_corpus("english") is load_corpus("english")
    assert load_corpus("chinese").key == "chinese"
    assert load_corpus("longrange", distance=12).key == "longrange-d12"
    assert load_corpus("longrange", distance=12) is not load_corpus("longrange", distance=13)


def test_unknown_corpus_is_a_corpus_error():
    with pytest.raises(CorpusError, match="Unknown corpus 'klingon'") as info:
        load_corpus("klingon")
    assert info.value.code == "unknown_corpus"
    assert "klingon" in str(info.value)


# --- the long-range task --------------------------------------------------------------------

@pytest.mark.parametrize("d", [1, 2, 5, 30, 100])
def test_longrange_key_repeats_exactly_d_back(d):
    corpus = load_corpus("longrange", distance=d)
    text, pos = corpus.text, dependency_positions(corpus)
    assert corpus.distance == d and len(pos) > 50
    assert all(text[i] == text[i - d] and text[i] in KEYS for i in pos)
    # Keys occur at the dependency positions and d before them, nowhere else: nothing in the
    # filler or cue between the two can give the key away.
    keys_at = {i for i, c in enumerate(text) if c in KEYS}
    assert keys_at == set(pos.tolist()) | set((pos - d).tolist())
    assert set(text) <= set(KEYS + FILLER + CUE + "\n")


def test_longrange_alphabets_are_disjoint_and_lines_fixed():
    assert not set(KEYS) & set(FILLER + CUE + "\n")
    assert CUE not in FILLER
    text = synthetic_text(7, n_chars=900)
    lines = text.split("\n")[:-1]
    assert len(lines) == 900 // 9 and all(len(line) == 8 and line[6] == CUE for line in lines)


def test_longrange_keys_are_uniform_enough_to_be_unguessable():
    corpus = load_corpus("longrange", distance=5)
    keys = [corpus.text[i] for i in dependency_positions(corpus)]
    shares = np.array([keys.count(k) for k in KEYS]) / len(keys)  # (8,)
    assert np.all(np.abs(shares - 1 / len(KEYS)) < 0.03)
    # Consecutive lines' keys are independent: the previous key does not predict the next one.
    same_as_previous = np.mean([a == b for a, b in zip(keys, keys[1:], strict=False)])
    assert abs(same_as_previous - 1 / len(KEYS)) < 0.03


def test_synthetic_text_is_deterministic_for_a_seed():
    assert synthetic_text(30, seed=3) == synthetic_text(30, seed=3)
    assert synthetic_text(30, seed=3) != synthetic_text(30, seed=4)
    assert len(synthetic_text(100)) <= 30000


def test_synthetic_text_rejects_distance_below_one():
    with pytest.raises(ValueError, match="distance must be at least 1, got 0"):
        synthetic_text(0)


def test_dependency_positions_empty_for_other_corpora():
    assert dependency_positions(load_corpus("english")).shape == (0,)
    upload = corpus_from_bytes(b"A>A\n" * 10, min_chars=5)
    assert dependency_positions(upload).size == 0


# --- uploads: what is refused ---------------------------------------------------------------

def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document>hello</w:document>" * 20)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "min_chars", "code", "phrase"),
    [
        (b"", 10, "empty", "empty"),
        (b"  \n\t \r\n  ", 1, "empty", "empty"),
        (_png(), 10, "binary", "png"),
        (_zip(), 10, "binary", "zip"),
        (b"%PDF-1.7\n" + b"x" * 100, 10, "binary", "pdf"),
        (b"\x1f\x8b\x08" + b"x" * 100, 10, "binary", "gzip"),
        ("hello world".encode("utf-16"), 5, "binary", "nul bytes"),
        (b"\x01\x02\x03\x04" * 30 + b"some text", 5, "binary", "control characters"),
        ("café au lait".encode("latin-1"), 5, "not_utf8", "utf-8"),
        (b"a", 2, "too_short", "too short"),
        (b"hello", 27, "too_short", "27"),
        (b"a" * (MAX_UPLOAD_BYTES + 1), 10, "too_large", "too large"),
        (_png() + b"\x00" * MAX_UPLOAD_BYTES, 10, "too_large", "2 mb limit"),
    ],
)
def test_bad_upload_is_refused_with_its_code(data, min_chars, code, phrase):
    with pytest.raises(CorpusError, match=f"(?i){re.escape(phrase)}") as info:
        corpus_from_bytes(data, min_chars=min_chars)
    assert info.value.code == code
    assert phrase in str(info.value).lower()


def test_refusal_params_fill_the_message():
    with pytest.raises(CorpusError, match="5 characters, but one training window needs 27") as info:
        corpus_from_bytes(b"hello", min_chars=27)
    assert info.value.params == {"chars": 5, "needed": 27}
    with pytest.raises(CorpusError, match="too large") as info:
        corpus_from_bytes(b"b" * (MAX_UPLOAD_BYTES + 1), min_chars=1)
    assert info.value.params == {"size": MAX_UPLOAD_BYTES + 1, "limit": MAX_UPLOAD_BYTES,
                                 "limit_mb": 2.0}


def test_corpus_error_is_a_value_error():
    assert issubclass(CorpusError, ValueError)


# --- uploads: what is accepted --------------------------------------------------------------

def test_rare_symbols_and_emoji_map_to_unk_and_still_round_trip():
    rare = "".join(chr(0x4E00 + 7 * i) for i in range(1000))  # 1000 distinct CJK, once each
    text = "the cat sat on the mat. " * 200 + "🙂🚀🌍✨ " * 50 + rare + " ∑∫√∞"
    corpus = corpus_from_bytes(text.encode("utf-8"), min_chars=100)
    vocab = corpus.vocab
    assert vocab.size <= MAX_VOCAB and UNK in vocab.chars
    assert set("the cat sat on mat.🙂🚀🌍✨") <= set(vocab.chars)  # the frequent ones are kept
    kept = set(vocab.chars)
    assert vocab.decode(corpus.ids) == "".join(c if c in kept else UNK for c in text)
    assert corpus.text == text


def test_bom_is_stripped_and_line_ends_normalised():
    corpus = corpus_from_bytes(b"\xef\xbb\xbfline one\r\nline two\rline three\n", min_chars=5)
    assert corpus.text == "line one\nline two\nline three\n"
    assert "\ufeff" not in corpus.vocab.chars and "\r" not in corpus.vocab.chars


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "**$$", "a\tb\x0cc\n# $x$ _y_"])
def test_markup_and_code_are_plain_text_kept_unchanged(text):
    corpus = corpus_from_bytes(text.encode("utf-8"), min_chars=len(text))
    assert corpus.text == text
    assert corpus.vocab.decode(corpus.ids) == text


def test_upload_key_depends_on_the_text_only():
    a = corpus_from_bytes(b"one\r\ntwo\r\n", min_chars=3)
    b = corpus_from_bytes(b"one\ntwo\n", min_chars=3)
    c = corpus_from_bytes(b"one\ntwo!\n", min_chars=3)
    assert a.key.startswith("upload-") and len(a.key) == len("upload-") + 16
    assert a.key == b.key != c.key
    assert a == b and hash(a) == hash(b) and a != c
    assert len({a, b, c}) == 2


# --- the vocabulary -------------------------------------------------------------------------

def test_vocab_keeps_the_most_frequent_and_sorts_ids():
    vocab = Vocab.from_text("aaaabbbcd", max_size=3)
    assert vocab.chars == ("a", "b", UNK)
    assert vocab.encode("abcd").tolist() == [0, 1, 2, 2]
    assert Vocab.from_text("cab").chars == ("a", "b", "c")


def test_vocab_without_unk_refuses_unknown_characters():
    vocab = Vocab.from_text("abc")
    with pytest.raises(ValueError, match="'z'"):
        vocab.encode("abz")
    with pytest.raises(ValueError, match=re.escape("ids must lie in [0, 3), got 0..3")):
        vocab.decode([0, 3])
    with pytest.raises(ValueError, match=re.escape("ids must lie in [0, 3), got -1..-1")):
        vocab.decode([-1])


def test_vocab_encode_handles_characters_outside_the_bmp():
    vocab = Vocab.from_text("a🙂\U00020000b")
    ids = vocab.encode("🙂ab\U00020000")
    assert ids.dtype == np.int64 and vocab.decode(ids) == "🙂ab\U00020000"
    assert vocab.encode("").shape == (0,)


@given(st.text(PRINTABLE, max_size=400))
def test_vocab_round_trips_any_printable_text(text):
    assume(len(set(text)) <= MAX_VOCAB)
    vocab = Vocab.from_text(text)
    assert vocab.decode(vocab.encode(text)) == text


@given(st.text(PRINTABLE, min_size=1, max_size=300), st.integers(2, 12))
def test_capped_vocab_replaces_exactly_the_dropped_characters(text, max_size):
    vocab = Vocab.from_text(text, max_size=max_size)
    assert vocab.size <= max_size
    kept = set(vocab.chars)
    expected = "".join(c if c in kept else UNK for c in text)
    assert vocab.decode(vocab.encode(text)) == expected


# --- words ----------------------------------------------------------------------------------

def _spelled(text):
    return [text[s:e] for s, e in words(text)]


def test_words_in_an_english_sentence_exclude_punctuation():
    text = "Hello, world! The RNN forgot 42 things."
    assert _spelled(text) == ["Hello", "world", "The", "RNN", "forgot", "42", "things"]
    assert words(text)[0] == (0, 5)


def test_every_cjk_character_is_a_word():
    assert words("循环网络") == [(0, 1), (1, 2), (2, 3), (3, 4)]


def test_words_in_mixed_text():
    text = "RNN是循环网络，h_t = tanh(z)。记忆2"
    expected = ["RNN", "是", "循", "环", "网", "络", "h", "t", "tanh", "z", "记", "忆", "2"]
    assert _spelled(text) == expected
    assert words("  ...  ") == [] and words("") == []


@given(st.text(PRINTABLE, max_size=200))
def test_word_spans_are_ordered_disjoint_runs_of_letters_and_digits(text):
    spans = words(text)
    assert all(s < e for s, e in spans)
    assert all(e1 <= s2 for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False))
    covered = {i for s, e in spans for i in range(s, e)}
    assert all(text[i].isalnum() == (i in covered) for i in range(len(text)))


def test_known_part_drops_what_a_vocabulary_cannot_read():
    from rnnlab.corpus import known_part

    v = Vocab.from_text("abc ")
    assert known_part(v, "a bé c!") == ("a b c", ["é", "!"])
    with_unk = Vocab.from_text("".join(chr(0x4E00 + i) for i in range(400)), max_size=10)
    assert known_part(with_unk, "xyz") == ("xyz", [])


def test_passage_is_a_slice_of_the_text():
    from rnnlab.corpus import passage

    for name in ("english", "chinese", "longrange"):
        c = load_corpus(name)
        p = passage(c, 80)
        assert len(p) == 80 and p in c.text
    assert passage(load_corpus("longrange"), 30) == load_corpus("longrange").text[:30]


def test_the_analysis_window_is_the_typed_text_or_the_passage_and_says_why():
    from rnnlab.corpus import MIN_WINDOW, PASSAGE_CHARS, analysis_window, load_corpus, passage

    english = load_corpus("english")
    default = passage(english, PASSAGE_CHARS)
    assert analysis_window(english, None).text == default == analysis_window(english, "").text
    typed = analysis_window(english, "the cat ☃ sat")
    assert (typed.text, typed.dropped, typed.too_short) == ("the cat  sat", ["☃"], False)
    short = analysis_window(english, "☃a☃")  # one readable character: not enough to analyse
    assert short.too_short and short.text == default and short.dropped == ["☃"]
    assert len(analysis_window(english, "abc").text) == MIN_WINDOW

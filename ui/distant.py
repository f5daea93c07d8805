"""Tab ②, distant words: how much each distance t−k, character and word contributes to the
gradient, on the analysed text (the student's own or a passage)."""

from __future__ import annotations

import streamlit as st

from rnnlab import analysis, corpus
from rnnlab.config import LabConfig
from rnnlab.teaching import captions, charts
from rnnlab.teaching.i18n import tr
from ui import link
from ui.shared import chart, csv_button, md_escape, one_at_a_time


@st.cache_resource(max_entries=64, show_spinner=False)  # shared, read-only: not copied
def contributions_for(run_key: str, step: int, window: str, activation: str, _params, _vocab):
    """Per-pair contributions, their summaries, the horizon and the shares beyond d for one
    analysed text (cached for the class: each session reads the same frames, never writes)."""
    ids = _vocab.encode(window)
    pairs = analysis.distant_contributions(_params, ids[:-1], ids[1:], activation=activation)
    return (pairs, analysis.summarize(pairs, list(analysis.QUANTITIES)), analysis.horizon(pairs),
            analysis.share_beyond(pairs))


@st.cache_resource(max_entries=256, show_spinner=False)  # shared, read-only: not copied
def shading_for(run_key: str, step: int, window: str, pos: int, activation: str, _params,
                _vocab):
    """Each earlier character's and word's contribution to the prediction at `pos` (cached for
    the class)."""
    ids = _vocab.encode(window)
    return analysis.word_contributions(_params, ids[:-1], ids[1:], pos, corpus.words(window[:-1]),
                                       activation=activation, text=window[:-1])


def analysis_window(source: corpus.Corpus, lang: str) -> tuple[str, list[str]]:
    """The text the analysis tabs look at: the student's own, or a passage of the corpus."""
    typed = link.widget(st, "text", lang, placeholder=corpus.passage(source, corpus.PASSAGE_CHARS),
                        height=90)
    window = corpus.analysis_window(source, typed)
    if window.too_short:
        st.warning(tr("ui.text_too_short", lang))
    return window.text, window.dropped


def distant_tab(run_key: str, result, config: LabConfig, source: corpus.Corpus, lang: str) -> str:
    """How much each distance t-k, character and word contributes to the gradient."""
    st.markdown(tr("ui.distant_intro", lang))
    window, dropped = analysis_window(source, lang)
    if dropped:
        st.info(tr("ui.dropped_chars", lang, chars=md_escape(" ".join(dropped))))
    try:
        with one_at_a_time("contributions", run_key, result.steps_done, window):
            pairs, summary, h, shares = contributions_for(run_key, result.steps_done, window,
                                                          config.activation, result.params,
                                                          source.vocab)
    except (ValueError, FloatingPointError) as err:
        st.error(tr("ui.analysis_failed", lang, error=md_escape(str(err))))
        return window
    # a gated cell's state s and its state-side pre-activation a^h take the RNN's h and z
    gated = "" if config.cell == "rnn" else ".gated"
    names = {q: captions.quantity_name(q, config.cell, lang) for q in analysis.QUANTITIES}
    c1, c2, c3 = st.columns(3)
    c1.metric(tr("ui.horizon", lang), captions.horizon_value(h, lang), help=tr("def.horizon", lang))
    for col, d in ((c2, 5), (c3, 15)):
        share = shares.loc[shares.distance == d, "share"]
        value = ("—" if share.empty  # a text shorter than d
                 else tr("ui.undefined", lang) if share.isna().all()  # every term is 0
                 else captions.fixed(share.iloc[0], ".1%"))
        col.metric(tr("ui.share_beyond", lang, d=d), value, help=tr("def.share_beyond", lang))
    if h.verdict == "no_signal":  # an undefined horizon (and shares): say why
        st.info(captions.horizon_undefined(analysis.silence(pairs), lang))
    few = captions.few_pairs_caption(h, analysis.MIN_PAIRS, lang)
    view = (run_key, result.steps_done, window, lang)  # what this tab's charts depend on
    chart(st, view + ("by_distance",),
          lambda: charts.by_distance_chart(summary.assign(series=summary["quantity"].map(names)),
                                           tr("chart.distant_title", lang),
                                           tr("axis.contribution", lang), lang,
                                           [names[q] for q in analysis.QUANTITIES],
                                           few_from=h.trusted_up_to + 0.5 if few else None),
          lambda: captions.distant_alt(summary, h, lang, cell=config.cell))
    st.markdown(" · ".join(tr(f"def.{q}{gated if q != 'grad_x' else ''}", lang)
                           for q in analysis.QUANTITIES))
    if few:
        st.markdown(few)
    csv_button(pairs, "rnnlab_contributions.csv", lang, "dl_contrib")
    shading_panel(run_key, result, config, source, window, pairs, lang)
    st.subheader(tr("ui.heatmap", lang))
    chart(st, view + ("heatmap",),
          lambda: charts.heatmap_chart(pairs, "grad_h", tr(f"chart.heat_title{gated}", lang),
                                       names["grad_h"], lang),
          lambda: captions.heatmap_alt(pairs, "grad_h", names["grad_h"], lang))
    if shares["share"].notna().any():  # all NaN when every term is 0: the info above says so
        chart(st, view + ("share",), lambda: charts.share_chart(shares, lang),
              lambda: captions.share_alt(shares, lang))
    csv_button(shares, "rnnlab_share_beyond.csv", lang, "dl_share")
    return window


def shading_panel(run_key: str, result, config: LabConfig, source: corpus.Corpus, window: str,
                  pairs, lang: str) -> None:
    """Each earlier character's and word's share in the prediction at step t, shaded."""
    st.subheader(tr("ui.shading", lang))
    T = len(window) - 1
    view = (run_key, result.steps_done, window, lang)
    c1, c2 = st.columns([3, 1])
    pos = link.widget(c1, "pos", lang, hi=T, auto=T)  # follows the last step until moved
    by_word = link.widget(c2, "words", lang)
    with one_at_a_time("shading", run_key, result.steps_done, window, pos):
        chars, words = shading_for(run_key, result.steps_done, window, pos, config.activation,
                                   result.params, source.vocab)
    nxt = window[pos]
    st.caption(tr("ui.shading_caption", lang, t=pos, char=md_escape(repr(window[pos - 1])),
                 next=md_escape(repr(nxt))))
    if not chars["contribution"].any():  # nothing to shade: say why instead
        st.info(captions.silent_prediction(pairs, pos, lang))
    else:
        chart(st, view + ("shading", pos, by_word),
              lambda: charts.shading_chart(chars, words, by_word,
                                           tr("chart.shading_title", lang, t=pos),
                                           tr("q.word_x" if by_word else "q.grad_x", lang), lang),
              lambda: captions.shading_alt(chars, words, by_word, pos, lang))
        csv_button(lambda: chars.merge(words[["word", "text"]], on="word", how="left"),
                   f"rnnlab_contributions_t{pos}.csv", lang, "dl_shading")
        top = words.sort_values("contribution", ascending=False).head(5)
        if len(top):
            paren, comma = ("（{}）", "、") if lang == "zh" else (" ({})", ", ")
            st.caption(tr("ui.top_words", lang, words=comma.join(
                f"“{md_escape(w)}”" + paren.format(f"{c:.2e}")
                for w, c in zip(top.text, top.contribution, strict=True))))

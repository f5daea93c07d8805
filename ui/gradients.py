"""Tabs ② and ③: the contribution of distant words, and the Jacobian norms against the bound."""

from __future__ import annotations

import numpy as np
import streamlit as st

from rnnlab import analysis, corpus
from rnnlab.config import LabConfig
from rnnlab.teaching import captions, charts
from rnnlab.teaching.i18n import tr
from ui import link
from ui.gated import gated_jacobian
from ui.shared import chart, csv_button, md_escape, one_at_a_time


@st.cache_data(max_entries=64, show_spinner=False)
def contributions_for(run_key: str, step: int, window: str, activation: str, _params, _vocab):
    """Per-pair contributions and their summaries for one analysed text (cached for the class)."""
    ids = _vocab.encode(window)
    pairs = analysis.distant_contributions(_params, ids[:-1], ids[1:], activation=activation)
    return pairs, analysis.summarize(pairs, list(analysis.QUANTITIES))


@st.cache_data(max_entries=64, show_spinner=False)
def norms_for(run_key: str, step: int, window: str, activation: str, form: str, _params,
              _vocab):
    """Jacobian norms against the bounds, their summary and the regime (cached for the class)."""
    ids = _vocab.encode(window)[:-1]
    ks = analysis.starts_within(len(ids), analysis.pair_budget(_params, len(ids)))
    norms = analysis.jacobian_norms(_params, ids, activation=activation, form=form, ks=ks)
    one_step = analysis.one_step_norms(_params, ids, activation=activation)
    return norms, analysis.summarize(norms), analysis.regime(_params, activation, norms), one_step


@st.cache_data(max_entries=256, show_spinner=False)
def shading_for(run_key: str, step: int, window: str, pos: int, activation: str, _params,
                _vocab):
    """Each earlier character's and word's contribution to the prediction at `pos` (cached for
    the class)."""
    ids = _vocab.encode(window)
    return analysis.word_contributions(_params, ids[:-1], ids[1:], pos, corpus.words(window[:-1]),
                                       activation=activation, text=window[:-1])


def analysis_window(text: corpus.Corpus, lang: str) -> tuple[str, list[str]]:
    """The text the analysis tabs look at: the student's own, or a passage of the corpus."""
    typed = link.widget(st, "text", lang, placeholder=corpus.passage(text, corpus.PASSAGE_CHARS),
                        height=90)
    window = corpus.analysis_window(text, typed)
    if window.too_short:
        st.warning(tr("ui.text_too_short", lang))
    return window.text, window.dropped


def distant_tab(run_key: str, result, config: LabConfig, text: corpus.Corpus, lang: str) -> str:
    """How much each distance t-k, character and word contributes to the gradient."""
    st.markdown(tr("ui.distant_intro", lang))
    window, dropped = analysis_window(text, lang)
    if dropped:
        st.info(tr("ui.dropped_chars", lang, chars=md_escape(" ".join(dropped))))
    try:
        with one_at_a_time("contributions", run_key, result.steps_done, window):
            pairs, summary = contributions_for(run_key, result.steps_done, window,
                                               config.activation, result.params, text.vocab)
    except (ValueError, FloatingPointError) as err:
        st.error(tr("ui.analysis_failed", lang, error=md_escape(str(err))))
        return window
    # a gated cell's state s and its state-side pre-activation a^h take the RNN's h and z
    gated = "" if config.cell == "rnn" else ".gated"
    names = {q: captions.quantity_name(q, config.cell, lang) for q in analysis.QUANTITIES}
    shown = summary.assign(series=summary["quantity"].map(names))
    h = analysis.horizon(pairs)
    shares = analysis.share_beyond(pairs)
    T = len(window) - 1
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
          lambda: charts.by_distance_chart(shown, tr("chart.distant_title", lang),
                                           tr("axis.contribution", lang), lang,
                                           [names[q] for q in analysis.QUANTITIES],
                                           few_from=h.trusted_up_to + 0.5 if few else None),
          captions.distant_alt(summary, h, lang, cell=config.cell))
    st.markdown(" · ".join(tr(f"def.{q}{gated if q != 'grad_x' else ''}", lang)
                           for q in analysis.QUANTITIES))
    if few:
        st.markdown(few)
    csv_button(pairs, "rnnlab_contributions.csv", lang, "dl_contrib")

    st.subheader(tr("ui.shading", lang))
    c1, c2 = st.columns([3, 1])
    # view controls are in the link too; Streamlit's binding drops a value out of range
    pos = link.widget(c1, "pos", lang, hi=T, auto=T)  # follows the last step until moved
    by_word = link.widget(c2, "words", lang)
    with one_at_a_time("shading", run_key, result.steps_done, window, pos):
        chars, words = shading_for(run_key, result.steps_done, window, pos, config.activation,
                                   result.params, text.vocab)
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
              captions.shading_alt(chars, words, by_word, pos, lang))
        csv_button(chars.merge(words[["word", "text"]], on="word", how="left"),
                   f"rnnlab_contributions_t{pos}.csv", lang, "dl_shading")
        top = words.sort_values("contribution", ascending=False).head(5)
        if len(top):
            paren, comma = ("（{}）", "、") if lang == "zh" else (" ({})", ", ")
            st.caption(tr("ui.top_words", lang, words=comma.join(
                f"“{md_escape(w)}”" + paren.format(f"{c:.2e}")
                for w, c in zip(top.text, top.contribution, strict=True))))
    st.subheader(tr("ui.heatmap", lang))
    chart(st, view + ("heatmap",),
          lambda: charts.heatmap_chart(pairs, "grad_h", tr(f"chart.heat_title{gated}", lang),
                                       names["grad_h"], lang),
          captions.heatmap_alt(pairs, "grad_h", names["grad_h"], lang))
    if shares["share"].notna().any():  # all NaN when every term is 0: the info above says so
        chart(st, view + ("share",), lambda: charts.share_chart(shares, lang),
              captions.share_alt(shares, lang))
    csv_button(shares, "rnnlab_share_beyond.csv", lang, "dl_share")
    return window


def jacobian_tab(run_key: str, result, config: LabConfig, text: corpus.Corpus, window: str,
                 lang: str) -> None:
    """Measured ‖∂h_t/∂h_k‖₂ against the stepwise bound and (β_W β_h)^(t-k)."""
    if config.cell == "rnn":
        st.markdown(tr("ui.jacobian_intro", lang))
    checkpoints = sorted(result.checkpoints)
    c1, c2 = st.columns([3, 2])
    if len(checkpoints) > 1:
        asked = link.get("ckpt")
        if asked is not None and asked not in checkpoints:  # a link's, or a run since shortened
            c1.caption(tr("ui.not_a_checkpoint", lang, step=asked,
                          steps=", ".join(map(str, checkpoints))))
        step = link.widget(c1, "ckpt", lang, options=checkpoints, auto=checkpoints[-1],
                           format_func=lambda s: checkpoint_label(s, checkpoints[-1], lang))
    else:  # a run that diverged at once has only its initial weights
        step = checkpoints[0]
        c1.caption(tr("ui.before_training", lang))
    if config.cell != "rnn":  # a gated cell: its own state Jacobians, no lecture's bound
        gated_jacobian(run_key, step, result.checkpoints[step], window, text.vocab, lang)
        return
    lecture = link.widget(c2, "note_form", lang)
    params = result.checkpoints[step]
    form = "lecture" if lecture else "correct"
    try:
        with one_at_a_time("norms", run_key, step, window, form):
            norms, summary, reg, one_step = norms_for(run_key, step, window, config.activation,
                                                      form, params, text.vocab)
    except (ValueError, FloatingPointError) as err:
        st.error(tr("ui.analysis_failed", lang, error=md_escape(str(err))))
        return
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("β_W = ‖W_hh‖₂", f"{reg.beta_W:.4g}")
    c2.metric("β_h = sup|f′|", f"{reg.beta_h:g}")
    c3.metric("β_W β_h", f"{reg.product:.4g}")
    rate = reg.measured_rate
    c4.metric(tr("ui.rates", lang), captions.fixed(rate, "+.3f") if rate is not None
              and np.isfinite(rate) else tr("ui.undefined", lang),
              help=tr("ui.rates.help", lang, bound=captions.fixed(reg.bound_rate, ".3f")))
    verdict = tr(f"verdict.{reg.verdict}", lang, prod=reg.product)
    (st.success if reg.verdict == "vanishing_guaranteed" else st.warning)(verdict)
    why = captions.rate_undefined(norms, lang)
    if why:
        st.info(why)
    if config.activation == "sigmoid":
        st.caption(tr("verdict.sigmoid_note", lang))
    names = {q: tr(f"q.{q}", lang) for q in ("measured", "stepwise_bound", "bound")}
    defs = ["def.measured", "def.stepwise_bound", "def.bound"]
    y_title = "‖∂h_t/∂h_k‖₂"
    if lecture:  # the note's product, and the stepwise bound with f' where the note takes it
        names["measured"] = tr("q.measured_lecture", lang)
        names["stepwise_bound"] = tr("q.stepwise_bound_lecture", lang)
        defs[:2] = ["def.measured_lecture", "def.stepwise_bound_lecture"]
        y_title = "‖∏ W_hhᵀ diag(f′(h_{j−1}))‖₂"
    shown = summary.assign(series=summary["quantity"].map(names))
    order = [names[q] for q in ("measured", "bound", "stepwise_bound")]
    view = (run_key, step, window, lang, form)  # what this tab's charts depend on
    chart(st, view + ("by_distance",),
          lambda: charts.by_distance_chart(shown, tr("chart.jacobian_title", lang), y_title, lang,
                                           order),
          captions.jacobian_alt(norms, lang))
    st.markdown(" · ".join(tr(d, lang) for d in defs))
    if lecture:  # does the note's form change the verdict on this run? say so when it does
        with one_at_a_time("norms", run_key, step, window, "correct"):
            true_norms = norms_for(run_key, step, window, config.activation, "correct", params,
                                   text.vocab)[0]
        change = captions.form_verdict_caption(analysis.decay_rate(true_norms),
                                               analysis.decay_rate(norms), lang)
        if change:
            st.warning(change)
    else:  # when the two bounds overlap on the chart: say why, and where the slack really is
        gap = captions.gaps_caption(analysis.bound_gaps(norms, one_step), lang)
        if gap:
            st.caption(gap)
    if np.isinf(norms[["measured", "stepwise_bound", "bound"]].to_numpy()).any():
        st.caption(tr("ui.beyond_float64", lang))
    if len(norms) < len(window) * (len(window) - 1) // 2:
        st.caption(tr("ui.pairs_sampled", lang, n=len(norms)))
    csv_button(norms, "rnnlab_jacobian_norms.csv", lang, "dl_norms")
    chart(st, view + ("heatmap",),
          lambda: charts.heatmap_chart(norms, "measured", tr("chart.jheat_title", lang), y_title,
                                       lang),
          captions.heatmap_alt(norms, "measured", y_title, lang))
    st.subheader(tr("ui.one_step", lang))
    st.markdown(tr("ui.one_step_intro", lang))
    chart(st, view + ("one_step",), lambda: charts.one_step_chart(one_step, lang),
          captions.one_step_alt(one_step, lang))
    csv_button(one_step, "rnnlab_one_step_norms.csv", lang, "dl_one_step")


def checkpoint_label(step: int, last: int, lang: str) -> str:
    if step == 0:
        return tr("ui.before_training", lang)
    if step == last:
        return tr("ui.after_training", lang, n=step)
    return tr("ui.at_step", lang, n=step)

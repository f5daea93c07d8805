"""Tab ③, Jacobian norms: the measured ‖∂h_t/∂h_k‖₂ against the stepwise bound and the lecture's
(β_W β_h)^(t−k), at a checkpoint of the run (a gated cell's own state Jacobians: ui.gated)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from rnnlab import analysis, corpus
from rnnlab.config import LabConfig
from rnnlab.pool import SilentWorkerError
from rnnlab.teaching import captions, charts
from rnnlab.teaching.i18n import tr
from ui import link
from ui.gated import gated_jacobian
from ui.shared import chart, csv_button, md_escape, one_at_a_time, registry


@st.cache_resource(max_entries=64, show_spinner=False)  # shared, read-only: not copied
def norms_for(run_key: str, step: int, window: str, activation: str, form: str, _params,
              _vocab):
    """Jacobian norms against the bounds, their summary and the regime (cached for the class)."""
    ids = _vocab.encode(window)[:-1]

    def compute():  # in a training worker when the server has them (RNNLAB_TRAIN_IN=process)
        ks = analysis.starts_within(len(ids), analysis.pair_budget(_params, len(ids)))
        norms = analysis.jacobian_norms(_params, ids, activation=activation, form=form, ks=ks)
        one_step = analysis.one_step_norms(_params, ids, activation=activation)
        return (norms, analysis.summarize(norms), analysis.regime(_params, activation, norms),
                one_step)

    return registry().compute(compute)


def jacobian_tab(run_key: str, result, config: LabConfig, source: corpus.Corpus, window: str,
                 lang: str) -> None:
    """Measured ‖∂h_t/∂h_k‖₂ against the stepwise bound and (β_W β_h)^(t-k)."""
    if config.cell == "rnn":
        st.markdown(tr("ui.jacobian_intro", lang))
    c1, c2 = st.columns([3, 2])
    step = checkpoint_picker(c1, result, lang)
    if config.cell != "rnn":  # a gated cell: its own state Jacobians, no lecture's bound
        gated_jacobian(run_key, step, result.checkpoints[step], window, source.vocab, lang)
        return
    lecture = link.widget(c2, "note_form", lang)
    params = result.checkpoints[step]
    form = "lecture" if lecture else "correct"
    try:
        with one_at_a_time("norms", run_key, step, window, form):
            norms, summary, reg, one_step = norms_for(run_key, step, window, config.activation,
                                                      form, params, source.vocab)
    except (ValueError, FloatingPointError, SilentWorkerError) as err:
        st.error(tr("ui.analysis_failed", lang, error=md_escape(str(err))))
        return
    regime_panel(reg, norms, config, lang)
    names, defs, y_title = captions.jacobian_series(lecture, lang)
    order = [names[q] for q in ("measured", "bound", "stepwise_bound")]
    view = (run_key, step, window, lang, form)  # what this tab's charts depend on
    chart(st, view + ("by_distance",),
          lambda: charts.by_distance_chart(summary.assign(series=summary["quantity"].map(names)),
                                           tr("chart.jacobian_title", lang), y_title, lang, order),
          lambda: captions.jacobian_alt(norms, lang))
    st.markdown(" · ".join(tr(d, lang) for d in defs))
    if lecture:  # does the note's form change the verdict on this run? say so when it does
        with one_at_a_time("norms", run_key, step, window, "correct"):
            true_norms = norms_for(run_key, step, window, config.activation, "correct", params,
                                   source.vocab)[0]
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
          lambda: captions.heatmap_alt(norms, "measured", y_title, lang))
    st.subheader(tr("ui.one_step", lang))
    st.markdown(tr("ui.one_step_intro", lang))
    chart(st, view + ("one_step",), lambda: charts.one_step_chart(one_step, lang),
          lambda: captions.one_step_alt(one_step, lang))
    csv_button(one_step, "rnnlab_one_step_norms.csv", lang, "dl_one_step")


def checkpoint_picker(container, result, lang: str) -> int:
    """The training step whose weights the tab analyses: the slider over the run's checkpoints
    (following the last until moved), or the initial weights of a run that diverged at once."""
    checkpoints = sorted(result.checkpoints)
    if len(checkpoints) == 1:
        container.caption(tr("ui.before_training", lang))
        return checkpoints[0]
    asked = link.get("ckpt")
    if asked is not None and asked not in checkpoints:  # a link's, or a run since shortened
        container.caption(tr("ui.not_a_checkpoint", lang, step=asked,
                             steps=", ".join(map(str, checkpoints))))
    return link.widget(container, "ckpt", lang, options=checkpoints, auto=checkpoints[-1],
                       format_func=lambda s: checkpoint_label(s, checkpoints[-1], lang))


def regime_panel(reg, norms, config: LabConfig, lang: str) -> None:
    """β_W, β_h, their product and the measured rate, then what the bound proves on this run."""
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


def checkpoint_label(step: int, last: int, lang: str) -> str:
    if step == 0:
        return tr("ui.before_training", lang)
    if step == last:
        return tr("ui.after_training", lang, n=step)
    return tr("ui.at_step", lang, n=step)

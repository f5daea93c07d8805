"""Tab ③ for a gated cell: ‖∂s_t/∂s_k‖₂ against its stepwise bound, the LSTM's cell path, and
what the gates do to the gradient step by step."""

from __future__ import annotations

import streamlit as st

from rnnlab import analysis, gates
from rnnlab.teaching import captions, charts
from rnnlab.teaching.i18n import tr
from ui.shared import chart, csv_button, md_escape, one_at_a_time


@st.cache_resource(max_entries=64, show_spinner=False)  # shared, read-only: not copied
def gated_norms_for(run_key: str, step: int, window: str, _params, _vocab):
    """State-Jacobian norms, their summary and the gate profile (cached for the class)."""
    ids = _vocab.encode(window)[:-1]
    ks = analysis.starts_within(len(ids), analysis.pair_budget(_params, len(ids)))
    norms = analysis.jacobian_norms(_params, ids, ks=ks)
    quantities = ["measured", "stepwise_bound"] + (["measured_c"] if "measured_c" in norms
                                                   else [])
    summary = analysis.summarize(norms, quantities)
    profile, gate_summary = gates.gate_profile(_params, ids, norms)
    return norms, summary, profile, gate_summary


def gated_jacobian(run_key: str, step: int, params, window: str, vocab, lang: str) -> None:
    cell = params.cell
    st.markdown(tr("ui.gated_intro", lang, cell=tr(f"option.cell.{cell}", lang),
                  state=tr(f"ui.state.{cell}", lang)))
    try:
        with one_at_a_time("gated", run_key, step, window):
            norms, summary, profile, gsum = gated_norms_for(run_key, step, window, params, vocab)
    except (ValueError, FloatingPointError) as err:
        st.error(tr("ui.analysis_failed", lang, error=md_escape(str(err))))
        return
    lstm = "measured_c" in norms.columns
    c1, c2, c3 = st.columns(3)
    c1.metric(tr("ui.w_norm_gated", lang), f"{analysis.spectral_norms(params.W_hh):.4g}")
    rate = analysis.decay_rate(norms)
    c2.metric(tr("ui.rates", lang), captions.fixed(rate, "+.3f"))  # "—" when undefined
    if lstm:
        rate_c = analysis.decay_rate(norms, "log10_measured_c")
        c3.metric(tr("ui.rate_c", lang), captions.fixed(rate_c, "+.3f"))
    names = {"measured": tr("q.measured_s", lang), "stepwise_bound": tr("q.stepwise_s", lang),
             "measured_c": tr("q.measured_c", lang)}
    shown = summary.assign(series=summary["quantity"].map(names))
    # the measured norms on their own scale first: beside the bound, which may be many orders
    # of magnitude above, their shape would be flattened to a line
    measured = [names[q] for q in ("measured", "measured_c") if q in set(summary["quantity"])]
    view = (run_key, step, window, lang)  # what this tab's charts depend on
    chart(st, view + ("measured",),
          lambda: charts.by_distance_chart(shown[shown.series.isin(measured)],
                                           tr("chart.gated_title", lang), "‖∂s_t/∂s_k‖₂", lang,
                                           measured),
          lambda: captions.gated_alt(norms, lang))
    pair = [names["measured"], names["stepwise_bound"]]
    chart(st, view + ("bound",),
          lambda: charts.by_distance_chart(shown[shown.series.isin(pair)],
                                           tr("chart.gated_bound_title", lang), "‖∂s_t/∂s_k‖₂",
                                           lang, pair),
          lambda: captions.gated_alt(norms, lang, bound=True))
    defs = ["def.measured_s", "def.stepwise_s"] + (["def.measured_c"] if lstm else [])
    st.markdown(" · ".join(tr(d, lang) for d in defs))
    if len(norms) < len(window) * (len(window) - 1) // 2:
        st.caption(tr("ui.pairs_sampled", lang, n=len(norms)))
    csv_button(norms, "rnnlab_jacobian_norms.csv", lang, "dl_norms")

    st.subheader(tr("ui.gates_title", lang))
    gate = tr(f"ui.gate.{gsum.gate}", lang)
    q = "c" if lstm else "h"
    st.markdown(tr("ui.gates_intro", lang, gate=gate, gate_sym=gsum.gate, q=q))
    chart(st, view + ("gates",), lambda: charts.gates_chart(profile, gate, q, lang),
          lambda: captions.gates_alt(profile, gate, lang))
    if gsum.steps:
        st.caption(tr("ui.gates_caption", lang, n=gsum.steps, gate=gate,
                     direct=captions.fixed(gsum.direct_rate, "+.3f"),
                     rate=captions.fixed(gsum.rate, "+.3f")))
    csv_button(profile, "rnnlab_gates.csv", lang, "dl_gates")

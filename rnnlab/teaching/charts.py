"""Every chart of the lab: pure functions from a tidy DataFrame to an Altair chart.

No colour is hard-coded, so the charts follow Streamlit's light and dark themes. Values that a
log axis cannot show (zeros, negatives, NaN) are dropped from the plotted data only; the
downloadable data keeps them.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from rnnlab.teaching.i18n import tr

HEIGHT = 300


def smooth(values: pd.Series, span: int = 20) -> pd.Series:
    """Exponential moving average (the smoothed loss curve), NaN-aware."""
    return values.ewm(span=span, ignore_na=True).mean()


def training_frame(history: pd.DataFrame) -> pd.DataFrame:
    """The history with the smoothed loss added: the data behind the Training tab's charts."""
    out = history.copy()
    out["loss_smooth"] = smooth(out["loss"])
    return out


def loss_chart(history: pd.DataFrame, chance: float, lang: str, steps: int | None = None
               ) -> alt.LayerChart:
    """Loss J per step, raw and smoothed, with the chance level ln|V| as a dashed rule."""
    data = training_frame(history)
    long = data.melt(id_vars="step", value_vars=["loss", "loss_smooth"], var_name="series",
                     value_name="value")
    long["series"] = long["series"].map({"loss": tr("chart.loss_raw", lang),
                                         "loss_smooth": tr("chart.loss_smooth", lang)})
    long = long[np.isfinite(long["value"])]
    # an exploding run's loss spans many orders of magnitude: only a log axis shows it
    values = long["value"]
    exploded = bool(len(values)) and values.max() > 10 * max(chance, 1.0) and (values > 0).all()
    y_scale = alt.Scale(type="log") if exploded else alt.Undefined
    x = alt.X("step:Q", title=tr("axis.step", lang),
              scale=alt.Scale(domain=[0, steps]) if steps else alt.Undefined)
    lines = alt.Chart(long).mark_line().encode(
        x=x,
        y=alt.Y("value:Q", title=tr("axis.loss_log" if exploded else "axis.loss", lang),
                scale=y_scale),
        color=alt.Color("series:N", title=None, legend=alt.Legend(orient="top")),
        opacity=alt.condition(alt.datum.series == tr("chart.loss_raw", lang),
                              alt.value(0.35), alt.value(1.0)),
        tooltip=[alt.Tooltip("step:Q", title=tr("axis.step", lang)),
                 alt.Tooltip("series:N", title=tr("chart.series", lang)),
                 alt.Tooltip("value:Q", title=tr("axis.loss", lang), format=".4f")],
    )
    rule_data = pd.DataFrame({"chance": [chance], "label": [tr("chart.chance", lang, v=chance)]})
    y_rule = alt.Y("chance:Q", title=tr("axis.loss_log" if exploded else "axis.loss", lang))
    rule = alt.Chart(rule_data).mark_rule(strokeDash=[6, 4], color="gray").encode(
        y=y_rule, tooltip=[alt.Tooltip("label:N", title=tr("chart.chance_title", lang))])
    text = alt.Chart(rule_data).mark_text(align="left", dx=4, dy=-6, color="gray").encode(
        y=y_rule, x=alt.value(0), text="label:N")
    return (lines + rule + text).properties(title=tr("chart.loss_title", lang), height=HEIGHT)


def grad_norm_chart(history: pd.DataFrame, clip: str, clip_at: float, lang: str,
                    steps: int | None = None) -> alt.LayerChart:
    """‖∂J/∂θ‖ before clipping per step on a log axis; the threshold and clipped steps marked."""
    data = history[["step", "grad_norm", "clipped"]].copy()
    data = data[np.isfinite(data["grad_norm"]) & (data["grad_norm"] > 0)]
    data["clipped_label"] = np.where(data["clipped"], tr("chart.clipped_yes", lang),
                                     tr("chart.clipped_no", lang))
    x = alt.X("step:Q", title=tr("axis.step", lang),
              scale=alt.Scale(domain=[0, steps]) if steps else alt.Undefined)
    y = alt.Y("grad_norm:Q", title=tr("axis.grad_norm", lang), scale=alt.Scale(type="log"))
    tips = [alt.Tooltip("step:Q", title=tr("axis.step", lang)),
            alt.Tooltip("grad_norm:Q", title=tr("axis.grad_norm", lang), format=".4g"),
            alt.Tooltip("clipped_label:N", title=tr("chart.clipped", lang))]
    line = alt.Chart(data).mark_line(opacity=0.6).encode(x=x, y=y, tooltip=tips)
    layers = [line]
    if clip != "none":
        points = alt.Chart(data[data["clipped"]]).mark_point(filled=True, size=18).encode(
            x=x, y=y, tooltip=tips,
            shape=alt.Shape("clipped_label:N", title=None, legend=alt.Legend(orient="top")))
        layers.append(points)
    if clip == "norm":
        rule_data = pd.DataFrame({"c": [clip_at],
                                  "label": [tr("chart.clip_rule", lang, c=clip_at)]})
        layers.append(alt.Chart(rule_data).mark_rule(strokeDash=[6, 4], color="gray").encode(
            y=alt.Y("c:Q", title=tr("axis.grad_norm", lang)),
            tooltip=[alt.Tooltip("label:N", title=tr("chart.clip_title", lang))]))
    return alt.layer(*layers).properties(title=tr("chart.grad_title", lang), height=HEIGHT)


def w_norm_chart(history: pd.DataFrame, lang: str, steps: int | None = None,
                 gated: bool = False) -> alt.Chart:
    """‖W_hh‖₂ and the spectral radius r(W_hh) at the measured steps; for a gated cell
    (`gated`), the norm of its stacked gate blocks alone."""
    data = history[["step", "w_norm", "spectral_radius"]]
    # per series: a gated cell's stacked W_hh (G·H, H) has a norm but no spectral radius
    long = data.melt(id_vars="step", var_name="series", value_name="value").dropna()
    long["series"] = long["series"].map({"w_norm": tr("chart.w_norm_gated" if gated
                                                       else "chart.w_norm", lang),
                                         "spectral_radius": tr("chart.rho", lang)})
    x = alt.X("step:Q", title=tr("axis.step", lang),
              scale=alt.Scale(domain=[0, steps]) if steps else alt.Undefined)
    return alt.Chart(long).mark_line(point=alt.OverlayMarkDef(size=12)).encode(
        x=x,
        y=alt.Y("value:Q", title=tr("axis.w_norm", lang)),
        color=alt.Color("series:N", title=None,
                        legend=alt.Legend(orient="top", labelLimit=320)),
        tooltip=[alt.Tooltip("step:Q", title=tr("axis.step", lang)),
                 alt.Tooltip("series:N", title=tr("chart.series", lang)),
                 alt.Tooltip("value:Q", title=tr("axis.w_norm", lang), format=".4f")],
    ).properties(title=tr("chart.w_title_gated" if gated else "chart.w_title", lang),
                 height=HEIGHT)


def state_norm_chart(history: pd.DataFrame, lang: str, steps: int | None = None) -> alt.Chart:
    """The forward state's size per step, the largest ‖h_T‖₂ over the batch, on a log axis:
    beside the gradient norm it tells an exploding state from an exploding gradient."""
    data = history[["step", "state_norm"]]
    data = data[np.isfinite(data["state_norm"]) & (data["state_norm"] > 0)]
    x = alt.X("step:Q", title=tr("axis.step", lang),
              scale=alt.Scale(domain=[0, steps]) if steps else alt.Undefined)
    return alt.Chart(data).mark_line().encode(
        x=x, y=alt.Y("state_norm:Q", title=tr("axis.state_norm", lang),
                     scale=alt.Scale(type="log")),
        tooltip=[alt.Tooltip("step:Q", title=tr("axis.step", lang)),
                 alt.Tooltip("state_norm:Q", title=tr("axis.state_norm", lang), format=".4g")],
    ).properties(title=tr("chart.state_title", lang), height=HEIGHT)


def by_distance_chart(summary: pd.DataFrame, title: str, y_title: str, lang: str,
                      order: list[str] | None = None, few_from: float | None = None
                      ) -> alt.LayerChart:
    """Median over t (line) and the 10th-90th percentile band, by distance t-k, on a log axis.

    `summary` columns: distance, series (display name), median, p10, p90. `order` fixes which
    series takes the theme's first colour, second colour, and so on. `few_from`: a dotted rule
    where the distances with few pairs (t, k) begin.
    """
    data = summary[np.isfinite(summary["median"]) & (summary["median"] > 0)].copy()
    data["p10"] = data["p10"].where(data["p10"] > 0, data["median"])
    x = alt.X("distance:Q", title=tr("axis.distance", lang))
    scale = alt.Scale(domain=order) if order else alt.Undefined
    sort = order or "ascending"
    # the legend comes from the lines alone: the bands' faint fill would make pale swatches
    color = alt.Color("series:N", title=None, scale=scale, sort=sort,
                      legend=alt.Legend(orient="top", labelLimit=320, symbolType="stroke",
                                        symbolStrokeWidth=3, symbolSize=300))
    band_color = alt.Color("series:N", title=None, scale=scale, sort=sort, legend=None)
    tips = [alt.Tooltip("series:N", title=tr("chart.series", lang)),
            alt.Tooltip("distance:Q", title=tr("axis.distance", lang)),
            alt.Tooltip("median:Q", title=tr("chart.median", lang), format=".3e"),
            alt.Tooltip("p10:Q", title="p10", format=".3e"),
            alt.Tooltip("p90:Q", title="p90", format=".3e")]
    band = alt.Chart(data).mark_area(opacity=0.18).encode(
        x=x, y=alt.Y("p10:Q", scale=alt.Scale(type="log"), title=y_title,
                     axis=alt.Axis(format="~g")), y2="p90:Q",
        color=band_color, tooltip=tips)
    line = alt.Chart(data).mark_line(point=alt.OverlayMarkDef(size=14)).encode(
        x=x, y=alt.Y("median:Q", scale=alt.Scale(type="log"), title=y_title,
                     axis=alt.Axis(format="~g")), color=color,
        strokeDash=alt.StrokeDash("series:N", legend=None), tooltip=tips)
    layers = band + line
    if few_from is not None:
        rule = pd.DataFrame({"distance": [few_from], "label": [tr("chart.few_pairs", lang)]})
        layers += alt.Chart(rule).mark_rule(strokeDash=[2, 3], color="gray").encode(
            x="distance:Q", tooltip=[alt.Tooltip("label:N", title=tr("axis.distance", lang))])
    return layers.resolve_legend(color="independent").properties(title=title,
                                                                 height=HEIGHT + 60)


def heatmap_chart(pairs: pd.DataFrame, value: str, title: str, value_title: str, lang: str
                  ) -> alt.Chart:
    """One cell per pair (t, k), coloured by log10 of `value`."""
    data = pairs[["t", "k", "distance", value]].copy()
    data = data[np.isfinite(data[value]) & (data[value] > 0)]
    data["log10"] = np.log10(data[value])
    return alt.Chart(data).mark_rect().encode(
        x=alt.X("k:O", title=tr("axis.k", lang), axis=alt.Axis(labelOverlap=True)),
        y=alt.Y("t:O", title=tr("axis.t", lang), sort="descending",
                axis=alt.Axis(labelOverlap=True)),
        color=alt.Color("log10:Q", title=f"log10 {value_title}",
                        scale=alt.Scale(scheme="viridis")),
        tooltip=[alt.Tooltip("t:Q"), alt.Tooltip("k:Q"),
                 alt.Tooltip("distance:Q", title=tr("axis.distance", lang)),
                 alt.Tooltip(f"{value}:Q", title=value_title, format=".3e")],
    ).properties(title=title, height=HEIGHT + 60)


def chart_data(chart: alt.TopLevelMixin) -> pd.DataFrame:
    """The main data of a chart (what tests compare against rnnlab's numbers): the chart's own,
    or, when Altair kept it per layer, the first layer's."""
    if isinstance(chart.data, pd.DataFrame):
        return chart.data
    return chart.layer[0].data


def shading_chart(chars: pd.DataFrame, words: pd.DataFrame, by_word: bool, title: str,
                  value_title: str, lang: str, per_row: int = 40) -> alt.LayerChart:
    """The analysed text as a grid of characters, each shaded by log10 of its contribution to
    the prediction at step t (or of its word's, `by_word`). Text marks, never HTML.

    chars: k, char, distance, word, contribution (word_contributions' first table).
    """
    data = chars.copy()
    if by_word:
        sums = words.set_index("word")["contribution"]
        data["contribution"] = data["word"].map(sums).where(data["word"] >= 0, np.nan)
    data["col"] = (data["k"] - 1) % per_row
    data["row"] = (data["k"] - 1) // per_row
    data["shown"] = data["char"].map(lambda c: "↵" if c == "\n" else ("·" if c == " " else c))
    positive = data["contribution"] > 0
    data["log10"] = np.where(positive, np.log10(data["contribution"].where(positive, 1.0)),
                             np.nan)
    x = alt.X("col:O", axis=None)
    y = alt.Y("row:O", axis=None)
    tips = [alt.Tooltip("shown:N", title=tr("chart.char", lang)),
            alt.Tooltip("k:Q", title="k"),
            alt.Tooltip("distance:Q", title=tr("axis.distance", lang)),
            alt.Tooltip("contribution:Q", title=value_title, format=".3e")]
    cells = alt.Chart(data).mark_rect(stroke="gray", strokeOpacity=0.25).encode(
        x=x, y=y, tooltip=tips,
        color=alt.Color("log10:Q", title=f"log10 {value_title}",
                        scale=alt.Scale(scheme="viridis")))
    letters = alt.Chart(data).mark_text(fontSize=15, color="gray", dy=1).encode(
        x=x, y=y, text="shown:N", tooltip=tips)
    rows = int(data["row"].max()) + 1 if len(data) else 1
    return (cells + letters).properties(title=title, height=max(150, 42 * rows))


def one_step_chart(one_step: pd.DataFrame, lang: str) -> alt.Chart:
    """Norm of each step's Jacobian, per step j, in the lecture note's form and the right one.

    one_step: j, correct, transpose, lecture (one_step_norms).
    """
    long = one_step.melt(id_vars="j", value_vars=["correct", "transpose", "lecture"],
                      var_name="form", value_name="norm")
    long["form"] = long["form"].map({f: tr(f"form.{f}", lang)
                                     for f in ("correct", "transpose", "lecture")})
    long = long[np.isfinite(long["norm"]) & (long["norm"] > 0)]
    return _lines_over_j(long, "form", "norm", tr("axis.one_step", lang), ".4g",
                         tr("chart.one_step_title", lang), lang, log=True)


def _lines_over_j(long: pd.DataFrame, series: str, value: str, y_title: str, value_format: str,
                  title: str, lang: str, log: bool = False) -> alt.Chart:
    """One line with points per value of `series` over the step j, told apart by colour and
    dash, the legend on top; the tooltip gives j, the series and the value."""
    y = alt.Y(f"{value}:Q", title=y_title, scale=alt.Scale(type="log") if log else alt.Undefined)
    return alt.Chart(long).mark_line(point=alt.OverlayMarkDef(size=16)).encode(
        x=alt.X("j:Q", title=tr("axis.j", lang)),
        y=y,
        color=alt.Color(f"{series}:N", title=None,
                        legend=alt.Legend(orient="top", labelLimit=400)),
        strokeDash=alt.StrokeDash(f"{series}:N", legend=None),
        tooltip=[alt.Tooltip("j:Q", title=tr("axis.j", lang)),
                 alt.Tooltip(f"{series}:N", title=tr("chart.series", lang)),
                 alt.Tooltip(f"{value}:Q", title=y_title, format=value_format)],
    ).properties(title=title, height=HEIGHT)


def share_chart(shares: pd.DataFrame, lang: str) -> alt.Chart:
    """The share of ∂J/∂W_hh's terms that comes from beyond each distance d."""
    return alt.Chart(shares).mark_area(opacity=0.35, line=True).encode(
        x=alt.X("distance:Q", title=tr("axis.beyond_d", lang)),
        y=alt.Y("share:Q", title=tr("axis.share", lang), axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1])),
        tooltip=[alt.Tooltip("distance:Q", title="d"),
                 alt.Tooltip("share:Q", title=tr("axis.share", lang), format=".2%")],
    ).properties(title=tr("chart.share_title", lang), height=HEIGHT - 60)


def recall_chart(sweep: pd.DataFrame, lang: str) -> alt.LayerChart:
    """Key-recall accuracy on the long-range task against the distance d, chance level dashed.

    sweep: distance, accuracy, loss, chance.
    """
    x = alt.X("distance:Q", title=tr("axis.d", lang))
    y = alt.Y("accuracy:Q", title=tr("axis.recall", lang), axis=alt.Axis(format="%"),
              scale=alt.Scale(domain=[0, 1]))
    line = alt.Chart(sweep).mark_line(point=alt.OverlayMarkDef(size=50)).encode(
        x=x, y=y,
        tooltip=[alt.Tooltip("distance:Q", title="d"),
                 alt.Tooltip("accuracy:Q", title=tr("axis.recall", lang), format=".1%"),
                 alt.Tooltip("loss:Q", title=tr("ui.recall_loss", lang), format=".3f")])
    chance = alt.Chart(sweep).mark_rule(strokeDash=[6, 4], color="gray").encode(
        y=alt.Y("mean(chance):Q", title=tr("axis.recall", lang)),
        tooltip=[alt.Tooltip("mean(chance):Q", title=tr("chart.chance_title", lang),
                             format=".1%")])
    return (line + chance).properties(title=tr("chart.recall_title", lang), height=HEIGHT)


def remedy_chart(table: pd.DataFrame, names: dict[str, str], lang: str) -> alt.LayerChart:
    """Key recall against d, one line per setting (the remedy lesson), chance dashed, and the
    distances beyond half the BPTT window shaded (truncation may limit there).

    table: setting, distance, accuracy, chance, window, truncated (rnnlab.remedy.recall_table).
    """
    data = table.assign(series=table["setting"].map(names))
    order = [names[c] for c in names if c in set(table["setting"])]
    x = alt.X("distance:Q", title=tr("axis.d", lang))
    y = alt.Y("accuracy:Q", title=tr("axis.recall", lang), axis=alt.Axis(format="%"),
              scale=alt.Scale(domain=[0, 1]))
    lines = alt.Chart(data).mark_line(point=alt.OverlayMarkDef(size=50)).encode(
        x=x, y=y,
        color=alt.Color("series:N", title=None, scale=alt.Scale(domain=order), sort=order,
                        legend=alt.Legend(orient="top", labelLimit=320)),
        strokeDash=alt.StrokeDash("series:N", legend=None, sort=order),
        tooltip=[alt.Tooltip("series:N", title=tr("chart.series", lang)),
                 alt.Tooltip("distance:Q", title="d"),
                 alt.Tooltip("accuracy:Q", title=tr("axis.recall", lang), format=".1%")])
    chance = alt.Chart(data).mark_rule(strokeDash=[6, 4], color="gray").encode(
        y=alt.Y("mean(chance):Q", title=tr("axis.recall", lang)),
        tooltip=[alt.Tooltip("mean(chance):Q", title=tr("chart.chance_title", lang),
                             format=".1%")])
    layers = [lines, chance]
    if len(data) and data["truncated"].any():
        half = float(data["window"].iloc[0]) / 2
        beyond = pd.DataFrame({"from": [half], "to": [float(data["distance"].max())],
                               "label": [tr("chart.beyond_window", lang, T=int(2 * half))]})
        layers.insert(0, alt.Chart(beyond).mark_rect(opacity=0.12, color="gray").encode(
            x="from:Q", x2="to:Q", tooltip=[alt.Tooltip("label:N", title="T")]))
    return alt.layer(*layers).properties(title=tr("chart.remedy_title", lang),
                                         height=HEIGHT)


def gates_chart(profile: pd.DataFrame, gate: str, q: str, lang: str) -> alt.Chart:
    """Per step j, the direct path's rate beside the measured rate of ‖∂q_j/∂q_0‖₂ (natural log
    per step). profile: j, direct_rate, rate (rnnlab.gates.gate_profile)."""
    long = profile.melt(id_vars="j", value_vars=["direct_rate", "rate"], var_name="series",
                        value_name="value").dropna()
    long["series"] = long["series"].map({"direct_rate": tr("chart.gate_series", lang, gate=gate),
                                         "rate": tr("chart.rate_series", lang, q=q)})
    return _lines_over_j(long, "series", "value", tr("axis.ln_per_step", lang), ".4f",
                         tr("chart.gates_title", lang), lang)

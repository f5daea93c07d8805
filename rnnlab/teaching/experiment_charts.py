"""The Experiments tab's charts and the sentences under them: pure functions of rnnlab's tables.

Like `rnnlab.teaching.charts`, no colour is hard-coded and values a log axis cannot show are
dropped from the plotted data only. Every sentence is computed from the same table its chart draws.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from rnnlab.experiments.phase import Crossing, crossings, threshold
from rnnlab.teaching.captions import number, sentences
from rnnlab.teaching.i18n import option_label, tr

HEIGHT = 320


def _act(code: str, lang: str) -> str:
    return option_label("act", code, lang)


# ---- 1. the phase diagram ----

def phase_frame(summary: pd.DataFrame, lang: str) -> pd.DataFrame:
    """phase_summary with display names: the data of the phase chart (non-finite rates dropped)."""
    data = summary.copy()
    data["series"] = data["activation"].map(lambda a: _act(a, lang))
    return data[np.isfinite(data["rate"])]


def phase_chart(summary: pd.DataFrame, trained: pd.DataFrame | None, lang: str
                ) -> alt.LayerChart:
    """Measured rate against ‖W_hh‖₂ (log x): a line per activation with its seed range, the
    bound's rate ln(β_W β_h) dashed, ln ρ(W_hh) for the linear one dotted, the thresholds 1/γ
    and the regions where the theorem guarantees vanishing shaded; `trained` (trained_point)
    adds the current network before and after training."""
    data = phase_frame(summary, lang)
    # ln ρ(W_hh) is the linear network's alone (NaN for the others): its own layer's data
    rho = data[np.isfinite(data["log_rho"])].assign(label=tr("exp.series.log_rho", lang))
    data = data.drop(columns="log_rho")
    order = list(dict.fromkeys(data["series"]))
    lo, hi = float(summary["w_norm"].min()), float(summary["w_norm"].max())
    x = alt.X("w_norm:Q", title=tr("exp.axis.w_norm", lang),
              scale=alt.Scale(type="log", domain=[lo, hi], nice=False))
    y_title = tr("exp.axis.rate", lang)
    color = alt.Color("series:N", title=None, scale=alt.Scale(domain=order),
                      legend=alt.Legend(orient="top", labelLimit=300))
    tips = [alt.Tooltip("series:N", title=tr("chart.series", lang)),
            alt.Tooltip("w_norm:Q", title="‖W_hh‖₂", format=".3g"),
            alt.Tooltip("rate:Q", title=y_title, format=".3f"),
            alt.Tooltip("rate_min:Q", title="min", format=".3f"),
            alt.Tooltip("rate_max:Q", title="max", format=".3f"),
            alt.Tooltip("bound_rate:Q", title=tr("exp.series.bound", lang), format=".3f")]
    line = alt.Chart(data).mark_line(point=alt.OverlayMarkDef(size=20)).encode(
        x=x, y=alt.Y("rate:Q", title=y_title), color=color, tooltip=tips)
    same = alt.Color("series:N", legend=None, scale=alt.Scale(domain=order))
    band = alt.Chart(data).mark_area(opacity=0.2).encode(
        x=x, y="rate_min:Q", y2="rate_max:Q", color=same)
    bound = alt.Chart(data).mark_line(strokeDash=[6, 4], opacity=0.7).encode(
        x=x, y="bound_rate:Q", color=same,
        tooltip=[alt.Tooltip("series:N"), alt.Tooltip("bound_rate:Q", format=".3f",
                                                      title=tr("exp.series.bound", lang))])
    rho_line = alt.Chart(rho).mark_line(strokeDash=[2, 2], color="gray").encode(
        x=x, y="log_rho:Q", tooltip=[alt.Tooltip("label:N", title=None),
                                     alt.Tooltip("log_rho:Q", format=".3f")])
    regions = _regions(summary, lo, lang)
    shade = alt.Chart(regions).mark_rect(color="gray").encode(
        x="x:Q", x2="x2:Q", opacity=alt.Opacity("shade:Q", scale=None, legend=None),
        tooltip=[alt.Tooltip("label:N", title=None)])
    rules = alt.Chart(regions).mark_rule(strokeDash=[4, 4], color="gray").encode(
        x="x2:Q", tooltip=[alt.Tooltip("rule:N", title=None)])
    rule_text = alt.Chart(regions).mark_text(align="left", dx=3, color="gray").encode(
        x="x2:Q", y=alt.value(8), text="rule:N")
    zero = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color="gray", opacity=0.5).encode(
        y="y:Q")
    layers = [line, band, bound, rho_line, shade, rules, rule_text, zero]
    if trained is not None and len(trained):
        pts = trained.assign(label=trained["stage"].map(lambda s: tr(f"exp.stage.{s}", lang)))
        pts = pts[np.isfinite(pts["rate"]) & (pts["w_norm"] > 0)]
        pts = pts.assign(order=np.arange(len(pts)))
        path = alt.Chart(pts).mark_line(color="gray", strokeWidth=2).encode(
            x=x, y="rate:Q", order="order:Q")
        marks = alt.Chart(pts).mark_point(size=120, filled=True, color="gray").encode(
            x=x, y="rate:Q", shape=alt.Shape("label:N", title=None,
                                               legend=alt.Legend(orient="bottom",
                                                                 labelLimit=400)),
            tooltip=[alt.Tooltip("label:N", title=None),
                     alt.Tooltip("w_norm:Q", title="‖W_hh‖₂", format=".3f"),
                     alt.Tooltip("rate:Q", title=y_title, format=".3f")])
        layers += [path, marks]
    return alt.layer(*layers).properties(title=tr("exp.phase.title", lang), height=HEIGHT + 80)


def _regions(summary: pd.DataFrame, lo: float, lang: str) -> pd.DataFrame:
    """The shaded regions ‖W_hh‖₂ < 1/γ: one for every activation up to 1, and the sigmoid's
    from 1 to 4, with the threshold rule's label at their right edge."""
    acts = list(dict.fromkeys(summary["activation"]))
    by_threshold: dict[float, list[str]] = {}
    for a in acts:
        by_threshold.setdefault(threshold(a), []).append(_act(a, lang))
    rows, left = [], lo
    for i, thr in enumerate(sorted(by_threshold)):
        names = ", ".join(by_threshold[thr])
        upto = [a for a in acts if threshold(a) >= thr]
        rows.append({"x": left, "x2": thr,
                     "label": tr("exp.region", lang, acts=", ".join(_act(a, lang) for a in upto)),
                     "rule": tr("exp.threshold", lang, v=number(thr), acts=names),
                     # darker where the theorem covers more activations
                     "shade": 0.14 / (i + 1)})
        left = thr
    return pd.DataFrame(rows)


def phase_words(summary: pd.DataFrame, table: pd.DataFrame, lang: str) -> list[str]:
    """What the phase chart shows, measured: where each activation's rate first reaches 0, how
    far above its threshold the sigmoid still vanishes, that no rate exceeds its bound, and how
    close the linear one stays to ln ρ(W_hh)."""
    out = []
    for c in crossings(summary):
        out.append(_crossing_words(c, lang))
    sig = next((c for c in crossings(summary) if c.activation == "sigmoid"), None)
    if sig is not None and sig.last_vanishing is not None and sig.last_vanishing > sig.threshold:
        out.append(tr("exp.phase.sigmoid", lang, last=number(sig.last_vanishing),
                     ratio=number(sig.last_vanishing / sig.threshold),
                     thr=number(sig.threshold)))
    finite = table[np.isfinite(table["rate"])]
    above = int((finite["rate"] > finite["bound_rate"] + 1e-9).sum())
    out.append(tr("exp.phase.below" if above == 0 else "exp.phase.above", lang, n=len(table),
                 k=above))
    lin = summary[np.isfinite(summary["log_rho"])]
    if len(lin):
        gap = float((lin["rate"] - lin["log_rho"]).abs().max())
        out.append(tr("exp.phase.linear", lang, gap=number(gap)))
    return out


def _crossing_words(c: Crossing, lang: str) -> str:
    name, thr = _act(c.activation, lang), number(c.threshold)
    if c.crosses_at is None:
        return tr("exp.phase.no_cross", lang, act=name, max=number(c.grid_max), thr=thr,
                 ratio=number(c.grid_max / c.threshold))
    if c.last_vanishing is None:
        return tr("exp.phase.at_start", lang, act=name, at=number(c.crosses_at), thr=thr)
    return tr("exp.phase.cross", lang, act=name, at=number(c.crosses_at), thr=thr,
             ratio=number(c.crosses_at / c.threshold))


def trained_words(trained: pd.DataFrame, activation: str, steps: int, lang: str) -> str:
    """Where the current network sits in the diagram before and after training (trained_point)."""
    a, b = trained.iloc[0], trained.iloc[1]
    return tr("exp.phase.trained", lang, act=_act(activation, lang), w0=number(a["w_norm"]),
             r0=_rate_words(a["rate"], lang), w1=number(b["w_norm"]),
             r1=_rate_words(b["rate"], lang), steps=steps)


def _rate_words(rate: float, lang: str) -> str:
    """A network's rate, or why it has none: fitted_rate is −∞ when every product ∂h_t/∂h_k is
    exactly 0 (its slopes f′ are), and the chart leaves that point off."""
    if np.isfinite(rate):
        return tr("exp.phase.rate_of", lang, r=number(rate))
    return tr("exp.phase.rate_none", lang)


# ---- 2. runs side by side ----

def runs_chart(frame: pd.DataFrame, x: str, y: str, title: str, x_title: str, y_title: str,
               order: list[str], log: bool = False) -> alt.Chart:
    """One line per run (column `run`) of y against x, in the runs' order A, B, C, D."""
    data = frame[["run", x, y]].copy()
    data = data[np.isfinite(data[y].to_numpy(dtype=np.float64))]
    if log:
        data = data[data[y] > 0]
    return alt.Chart(data).mark_line(point=alt.OverlayMarkDef(size=10)).encode(
        x=alt.X(f"{x}:Q", title=x_title),
        y=alt.Y(f"{y}:Q", title=y_title, scale=alt.Scale(type="log") if log else alt.Undefined),
        color=alt.Color("run:N", title=None, scale=alt.Scale(domain=order), sort=order,
                        legend=alt.Legend(orient="top", labelLimit=360, columns=2)),
        strokeDash=alt.StrokeDash("run:N", legend=None, sort=order),
        tooltip=[alt.Tooltip("run:N", title=None), alt.Tooltip(f"{x}:Q", title=x_title),
                 alt.Tooltip(f"{y}:Q", title=y_title, format=".4g")],
    ).properties(title=title, height=HEIGHT)


def compare_words(frame: pd.DataFrame, profiles: pd.DataFrame, lang: str, d: int = 10
                  ) -> list[str]:
    """The comparison's numbers in words: each run's last smoothed loss, its largest gradient
    norm, and its median ‖∂J_t/∂x_k‖ at distance d."""
    out = []
    runs = list(dict.fromkeys(frame["run"]))
    last = [f"{r} {number(frame[frame.run == r]['loss_smooth'].dropna().iloc[-1])}"
            for r in runs if frame[frame.run == r]["loss_smooth"].notna().any()]
    sep = tr("exp.sep", lang)
    out.append(tr("exp.cmp.loss_words", lang, runs=sep.join(last)))
    top = [f"{r} {number(frame[frame.run == r]['grad_norm'].max())}" for r in runs]
    out.append(tr("exp.cmp.grad_words", lang, runs=sep.join(top)))
    at = profiles[(profiles["quantity"] == "grad_x") & (profiles["distance"] == d)]
    if len(at):
        vals = [f"{r} {number(float(at[at.run == r]['median'].iloc[0]))}"
                for r in runs if (at.run == r).any()]
        out.append(tr("exp.cmp.gradx_words", lang, d=d, runs=sep.join(vals)))
    return out


def compare_recall_words(table: pd.DataFrame, lang: str) -> str:
    """Each compared run's recall at every d of the sweep, in words."""
    parts = []
    for run, part in table.groupby("run", sort=False):
        vals = ", ".join(f"d = {int(d)} {a:.0%}" for d, a in zip(part["distance"],
                                                                 part["accuracy"], strict=True))
        parts.append(f"{run}: {vals}")
    return tr("exp.cmp.recall_sweep_words", lang, runs=tr("exp.sep", lang).join(parts))


# ---- 4. the exploding gradient up close ----

def histogram_chart(hist: pd.DataFrame, clip: str, clip_at: float, lang: str) -> alt.LayerChart:
    """How many steps had each gradient norm (log-spaced bins), the clipping threshold marked
    where it is a norm (value clipping bounds each component, not the plotted ‖g‖)."""
    x = alt.X("lo:Q", title=tr("exp.axis.grad_norm", lang), scale=alt.Scale(type="log"))
    bars = alt.Chart(hist).mark_rect(opacity=0.8).encode(
        x=x, x2="hi:Q", y=alt.Y("count:Q", title=tr("exp.axis.count", lang)),
        tooltip=[alt.Tooltip("lo:Q", format=".3g"), alt.Tooltip("hi:Q", format=".3g"),
                 alt.Tooltip("count:Q", title=tr("exp.axis.count", lang))])
    layers = [bars]
    if clip == "norm":
        rule = pd.DataFrame({"c": [clip_at], "label": [tr("chart.clip_rule", lang, c=clip_at)]})
        layers.append(alt.Chart(rule).mark_rule(strokeDash=[6, 4], color="gray").encode(
            x="c:Q", tooltip=[alt.Tooltip("label:N", title=None)]))
    return alt.layer(*layers).properties(title=tr("exp.close.hist_title", lang), height=HEIGHT)


def histogram_words(history: pd.DataFrame, clip: str, clip_at: float, lang: str) -> str:
    """The histogram in words: the median and the largest gradient norm, and their ratio, which
    a median of 0 leaves undefined."""
    g = history[np.isfinite(history["grad_norm"])]
    top = g.loc[g["grad_norm"].idxmax()]
    median = float(g["grad_norm"].median())
    if top["grad_norm"] == 0:
        text = tr("exp.close.hist_zero", lang, n=len(g))
    elif median == 0:
        text = tr("exp.close.hist_zero_median", lang, n=len(g),
                 zero=int((g["grad_norm"] == 0).sum()), top=number(top["grad_norm"]),
                 step=int(top["step"]))
    else:
        text = tr("exp.close.hist_words", lang, n=len(g), median=number(median),
                 top=number(top["grad_norm"]), step=int(top["step"]),
                 ratio=number(top["grad_norm"] / median))
    if clip != "none":  # value clipping caps each component of g at c: no line on this axis
        text = sentences([text, tr(f"exp.close.hist_clipped_{clip}", lang,
                                   k=int(g["clipped"].sum()), c=number(clip_at))], lang)
    return text


def cliff_chart(frame: pd.DataFrame, lang: str) -> alt.Chart:
    """J along −g/‖g‖ against η (symlog axis), at the spike and at an ordinary step."""
    data = frame.copy()
    data["line"] = [tr(f"exp.close.{w}", lang, step=s, g=number(g)) for w, s, g
                    in zip(data["which"], data["step"], data["grad_norm"], strict=True)]
    data = data[np.isfinite(data["loss"])]
    return alt.Chart(data).mark_line(point=alt.OverlayMarkDef(size=14)).encode(
        x=alt.X("eta:Q", title=tr("exp.axis.eta", lang), scale=alt.Scale(type="symlog")),
        y=alt.Y("loss:Q", title=tr("axis.loss", lang)),
        color=alt.Color("line:N", title=None, legend=alt.Legend(orient="top", labelLimit=360)),
        tooltip=[alt.Tooltip("line:N", title=None), alt.Tooltip("eta:Q", format=".4g"),
                 alt.Tooltip("loss:Q", format=".4f")],
    ).properties(title=tr("exp.close.cliff_title", lang), height=HEIGHT)


def cliff_words(frame: pd.DataFrame, lang: str) -> str:
    """The loss along the gradient in words, at the spike and at the ordinary step; where it is
    undefined (a gradient of 0 has no direction) or not finite (it overflows), it says so."""
    lines = {which: line.sort_values("eta") for which, line in frame.groupby("which")}
    if not np.isfinite(lines["spike"]["loss"]).any():  # the largest ‖g‖ is 0: so is every one
        return tr("exp.close.cliff_zero", lang, step=int(lines["spike"]["step"].iloc[0]))
    return sentences([_cliff_line(w, lines[w], lang) for w in ("spike", "ordinary")], lang)


def _cliff_line(which: str, line: pd.DataFrame, lang: str) -> str:
    where = tr(f"exp.close.at_{which}", lang)
    step, g = int(line["step"].iloc[0]), number(line["grad_norm"].iloc[0])
    ok = line[np.isfinite(line["loss"])]  # sorted by η: the first is η = 0, the step's own loss
    if ok.empty:  # ‖g‖ = 0: g/‖g‖, and so every point of the line, is undefined
        return tr("exp.close.cliff_no_direction", lang, where=where, step=step)
    j0 = number(ok["loss"].iloc[0])
    if len(ok) == 1:  # already the shortest step along the line overflows
        return tr("exp.close.cliff_only_start", lang, where=where, step=step, g=g, j0=j0,
                 first=number(line["eta"].iloc[1]))
    best = ok.loc[ok["loss"].idxmin()]
    text = tr("exp.close.cliff_line" if best["eta"] > 0 else "exp.close.cliff_rises", lang,
             where=where, step=step, g=g, j0=j0, jmin=number(best["loss"]),
             eta=number(best["eta"]), jmax=number(ok["loss"].max()),
             end=number(ok["eta"].iloc[-1]))
    bad = line[~np.isfinite(line["loss"])]
    if len(bad):
        text = sentences([text, tr("exp.close.cliff_overflow", lang, k=len(bad), n=len(line),
                                  eta=number(bad["eta"].iloc[0]))], lang)
    return text


def angle_frame(replays: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The clipped steps of each mode's replay: mode, step, degrees."""
    clipped = {mode: h[h["clipped"]] for mode, h in replays.items()}
    # degrees from the clipped rows themselves: a Series assigned to an empty frame would bring
    # its whole index along, rows of NaN
    parts = [c.assign(mode=mode, degrees=np.degrees(c["angle"]))[["mode", "step", "degrees"]]
             for mode, c in clipped.items()]
    return pd.concat(parts, ignore_index=True)


def angle_chart(angles: pd.DataFrame, lang: str) -> alt.Chart:
    data = angles.assign(label=angles["mode"].map(lambda m: option_label("clip", m, lang)))
    return alt.Chart(data).mark_point(filled=True, size=24).encode(
        x=alt.X("step:Q", title=tr("axis.step", lang)),
        y=alt.Y("degrees:Q", title=tr("exp.axis.degrees", lang), axis=alt.Axis(format=".2g")),
        color=alt.Color("label:N", title=None, legend=alt.Legend(orient="top")),
        shape=alt.Shape("label:N", legend=None),
        tooltip=[alt.Tooltip("label:N", title=None), alt.Tooltip("step:Q"),
                 alt.Tooltip("degrees:Q", format=".3g")],
    ).properties(title=tr("exp.close.angle_title", lang), height=HEIGHT)


def angle_words(angles: pd.DataFrame, clip_at: float, lang: str) -> str:
    stats = {}
    for mode in ("value", "norm"):
        a = angles[angles["mode"] == mode]["degrees"]
        stats[mode] = (len(a), float(a.max()) if len(a) else 0.0,
                       float(a.median()) if len(a) else 0.0)
    (vn, vmax, vmed), (nn, nmax, _) = stats["value"], stats["norm"]
    if vn == 0 and nn == 0:
        return tr("exp.close.no_clip", lang, c=number(clip_at))
    if vn == 0:
        return tr("exp.close.angle_no_value", lang, c=number(clip_at), nn=nn, nmax=number(nmax))
    return tr("exp.close.angle_words", lang, vn=vn, vmax=number(vmax), vmed=number(vmed), nn=nn,
             nmax=number(nmax), c=number(clip_at))


# ---- 3. the long-range benchmark ----

def setting_label(setting: str, lang: str) -> str:
    name, _, clip = setting.partition("+")
    label = tr(f"exp.lr.setting.{name}", lang)
    return label + (tr("exp.lr.with_clip", lang) if clip else "")


def recall_chart(summary: pd.DataFrame, lang: str) -> alt.LayerChart:
    """Median recall against d per setting, the seeds' range as a band, chance dashed."""
    data = summary.assign(series=summary["setting"].map(lambda s: setting_label(s, lang)))
    data = data[np.isfinite(data["accuracy"])]
    order = list(dict.fromkeys(data["series"]))
    x = alt.X("distance:Q", title=tr("exp.lr.axis_d", lang))
    color = alt.Color("series:N", title=None, scale=alt.Scale(domain=order),
                      legend=alt.Legend(orient="top", labelLimit=300, columns=3))
    y = alt.Y("accuracy:Q", title=tr("axis.recall", lang), axis=alt.Axis(format="%"),
              scale=alt.Scale(domain=[0, 1]))
    tips = [alt.Tooltip("series:N", title=None), alt.Tooltip("distance:Q", title="d"),
            alt.Tooltip("window:Q", title="T"),
            alt.Tooltip("accuracy:Q", format=".1%", title=tr("axis.recall", lang))]
    line = alt.Chart(data).mark_line(point=alt.OverlayMarkDef(size=30)).encode(
        x=x, y=y, color=color, strokeDash=alt.StrokeDash("series:N", legend=None),
        tooltip=tips)
    band = alt.Chart(data).mark_area(opacity=0.12).encode(
        x=x, y="acc_min:Q", y2="acc_max:Q",
        color=alt.Color("series:N", legend=None, scale=alt.Scale(domain=order)))
    chance = alt.Chart(data).mark_rule(strokeDash=[6, 4], color="gray").encode(
        y="mean(chance):Q")
    return (line + band + chance).properties(title=tr("exp.lr.title", lang), height=HEIGHT + 60)


def recall_words(summary: pd.DataFrame, longest: dict, lang: str) -> list[str]:
    out = []
    far = int(summary["distance"].max())
    for setting, d in longest.items():
        part = summary[(summary.setting == setting) & (summary.distance == far)]
        acc = float(part["accuracy"].iloc[0]) if len(part) else float("nan")
        key = "exp.lr.words" if d is not None else "exp.lr.words_none"
        out.append(tr(key, lang, setting=setting_label(setting, lang), d=d, far=far,
                     acc=f"{acc:.0%}" if np.isfinite(acc) else "—"))
    return out

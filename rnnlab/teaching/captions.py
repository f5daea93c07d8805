"""Sentences computed from a run: the charts' alt texts and the captions that state a number.

Pure functions from rnnlab's tables to a string in the page's language, so every sentence a
student reads (or a screen reader speaks) is a measured fact of this run, tested without
Streamlit like any other number.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from rnnlab.analysis import BoundGaps, Horizon, Silence
from rnnlab.teaching.i18n import tr


def number(value: float, log10: float | None = None) -> str:
    """A value for a sentence, three significant digits: 4.23, 0.0123, 3.1e-28; from its exact
    log10 when the value itself is beyond float64's range (0 or inf). Zero is "0", never "-0"."""
    if log10 is None or (np.isfinite(value) and value != 0):
        if not np.isfinite(value):
            return str(value)
        if value == 0:
            return "0"
        if 1e-3 <= abs(value) < 1e4:
            return f"{value:.3g}"
        return f"{value:.2g}".replace("e+0", "e").replace("e-0", "e-").replace("e+", "e")
    if not np.isfinite(log10):
        return "0" if log10 < 0 else "inf"
    exponent = math.floor(log10)
    return f"{10 ** (log10 - exponent):.2g}e{exponent}"


def fixed(value: float, spec: str) -> str:
    """`value` as format(value, spec) writes it (".3f", "+.1%", ".4g"), for a sentence or a
    metric: never a negative zero (a value that rounds to 0 at this precision reads as 0 does:
    "0.000", not "-0.000"), a fixed-point figure of a million or more as number() writes it
    (1e55, not 56 digits), and NaN or ±inf, which no caller should state, as "—"."""
    value = float(value)
    if not np.isfinite(value):
        return "—"
    percent = spec.endswith("%")
    if spec[-1:] in ("f", "%") and abs(value) * (100 if percent else 1) >= 1e6:
        text = number(value * 100 if percent else value) + ("%" if percent else "")
        return "+" + text if "+" in spec and value > 0 else text
    text = format(value, spec)
    if text.startswith("-") and not re.search("[1-9]", text.partition("e")[0]):
        text = format(-value, spec)  # the same zero, without the sign of what was rounded off
    return text


def listed(parts, lang: str) -> str:
    """Items of a sentence joined as the language writes a list: "a; b" or "a；b"."""
    return ("；" if lang == "zh" else "; ").join(parts)


def sentences(parts, lang: str) -> str:
    """Sentences one after another: with a space in English, none after a Chinese 。."""
    return ("" if lang == "zh" else " ").join(p for p in parts if p)


def from_log10(log10: float) -> str:
    """number() of the value whose exact log10 is given: beyond float64's range (a product of
    exploded weights, 1e-400 or 1e400) it is written from the logarithm, never overflowing."""
    with np.errstate(over="ignore", under="ignore"):
        return number(float(np.power(10.0, log10)), log10)


def _finite(history: pd.DataFrame, column: str) -> pd.DataFrame:
    return history[np.isfinite(history[column].to_numpy(dtype=np.float64))]


def loss_alt(history: pd.DataFrame, chance: float, lang: str) -> str:
    """Alt text of the loss chart."""
    rows = _finite(history, "loss")
    if rows.empty:
        return tr("alt.empty", lang, chart=tr("chart.loss_title", lang))
    smooth = rows["loss"].ewm(span=20).mean()
    top = rows.loc[rows["loss"].idxmax()]
    if chance == 0:  # |V| = 1: every next character is certain; the loss is 0 up to rounding
        return tr("alt.loss_certain", lang, steps=int(rows["step"].iloc[-1]),
                 top=number(float(rows["loss"].abs().max())))
    key = "alt.loss_above" if smooth.iloc[-1] > chance else "alt.loss"
    return tr(key, lang, first=number(rows["loss"].iloc[0]), last=number(smooth.iloc[-1]),
             steps=int(rows["step"].iloc[-1]), chance=number(chance), top=number(top["loss"]),
             top_step=int(top["step"]))


def grad_norm_alt(history: pd.DataFrame, clip: str, clip_at: float, lang: str) -> str:
    """Alt text of the gradient-norm chart: where it starts, its largest value, the clipping."""
    rows = _finite(history, "grad_norm")
    if rows.empty:
        return tr("alt.empty", lang, chart=tr("chart.grad_title", lang))
    top = rows.loc[rows["grad_norm"].idxmax()]
    first = float(rows["grad_norm"].iloc[0])
    if top["grad_norm"] == 0:  # a log axis draws nothing, and no step moved the weights
        text = tr("alt.grad_norm_zero", lang, steps=len(rows))
    elif first == 0:  # no ratio to a first value of 0
        text = tr("alt.grad_norm_from_zero", lang, top=number(top["grad_norm"]),
                 top_step=int(top["step"]))
    else:
        text = tr("alt.grad_norm", lang, first=number(first), top=number(top["grad_norm"]),
                 top_step=int(top["step"]), ratio=number(top["grad_norm"] / first))
    if clip != "none":
        text = sentences([text, tr("alt.clipped", lang, n=int(history["clipped"].sum()),
                                  steps=len(history), c=number(clip_at))], lang)
    return text


def w_norm_alt(history: pd.DataFrame, lang: str) -> str:
    """Alt text of the ‖W_hh‖₂ and spectral radius chart."""
    rows = history[["step", "w_norm", "spectral_radius"]].dropna(subset=["w_norm"])
    if rows.empty:
        return tr("alt.empty", lang, chart=tr("chart.w_title", lang))
    if rows["spectral_radius"].isna().all():  # a gated cell's stacked W_hh: no eigenvalues
        return tr("alt.w_norm_only", lang, w0=number(rows["w_norm"].iloc[0]),
                 w1=number(rows["w_norm"].iloc[-1]), step=int(rows["step"].iloc[-1]))
    return tr("alt.w_norm", lang, w0=number(rows["w_norm"].iloc[0]),
             w1=number(rows["w_norm"].iloc[-1]), r0=number(rows["spectral_radius"].iloc[0]),
             r1=number(rows["spectral_radius"].iloc[-1]), step=int(rows["step"].iloc[-1]))


def state_norm_alt(history: pd.DataFrame, lang: str) -> str:
    """Alt text of the forward-state chart, with the gradient norm's growth beside it: which of
    the two grew tells a forward blow-up from an exploding gradient."""
    rows = _finite(history, "state_norm")
    if rows.empty:
        return tr("alt.empty", lang, chart=tr("chart.state_title", lang))
    grads = _finite(history, "grad_norm")["grad_norm"]
    first, top = float(rows["state_norm"].iloc[0]), float(rows["state_norm"].max())
    if first > 0 and len(grads) and grads.iloc[0] > 0:
        return tr("alt.state_norm", lang, first=number(first), top=number(top),
                 state_ratio=number(top / first), grad_ratio=number(grads.max() / grads.iloc[0]))
    # a ratio to a first value of 0 is undefined: say so instead of writing inf or nan
    state = (tr("alt.state_norm_only", lang, first=number(first), top=number(top),
               state_ratio=number(top / first)) if first > 0
             else tr("alt.state_norm_from_zero", lang, top=number(top)))
    grad = ("" if not len(grads) else tr("alt.grad_ratio_zero", lang) if grads.max() == 0
            else tr("alt.grad_ratio_undefined", lang) if grads.iloc[0] == 0
            else tr("alt.grad_ratio", lang, grad_ratio=number(grads.max() / grads.iloc[0])))
    return sentences([state, grad], lang)


def horizon_value(h: Horizon, lang: str) -> str:
    """The horizon metric's value: a distance, or why there is none."""
    if h.verdict == "reached":
        return tr("ui.steps_back", lang, n=h.distance)
    if h.verdict == "beyond":
        return tr("ui.beyond_text", lang, n=h.largest)
    if h.verdict == "no_decay":
        return tr("ui.no_decay", lang, rate=h.rate)
    return tr("ui.undefined", lang)  # no_signal: horizon_undefined says why


def horizon_undefined(s: Silence, lang: str) -> str:
    """Why the horizon is undefined (its verdict is no_signal), from analysis.silence: how many
    of the distance-0 terms are exactly 0, and for which of the two reasons."""
    parts = [tr("ui.horizon_undefined", lang, zero=s.zero, n=s.steps)]
    if s.certain:
        parts.append(tr("ui.silent_certain", lang, n=s.certain))
    if s.zero > s.certain:
        parts.append(tr("ui.silent_slopes", lang, n=s.zero - s.certain))
    if s.all_zero:
        parts.append(tr("ui.share_undefined", lang))
    return sentences(parts, lang)


def few_pairs_caption(h: Horizon, min_pairs: int, lang: str) -> str | None:
    """Under the by-distance chart: from where on a distance has few pairs, if anywhere."""
    if h.trusted_up_to >= h.largest:
        return None
    return tr("ui.few_pairs", lang, d=h.trusted_up_to, n=min_pairs)


def quantity_name(quantity: str, cell: str, lang: str) -> str:
    """The name of a contribution (analysis.QUANTITIES) for `cell`: a gated cell's state s and
    the state side a^h of its pre-activations take the RNN's h and z; the input x_k stays."""
    gated = cell != "rnn" and quantity != "grad_x"
    return tr(f"q.{quantity}.gated" if gated else f"q.{quantity}", lang)


def distant_alt(summary: pd.DataFrame, h: Horizon, lang: str, quantity: str = "grad_W",
                cell: str = "rnn") -> str:
    """Alt text of the contributions-by-distance chart: the median term at distance 0 and at
    the largest distance with enough pairs, and the horizon."""
    rows = summary[summary["quantity"] == quantity].set_index("distance")["median"]
    near, far = float(rows.get(0, np.nan)), float(rows.get(h.trusted_up_to, np.nan))
    horizon = (tr("alt.horizon_undefined", lang) if h.verdict == "no_signal"
               else horizon_value(h, lang))
    return tr("alt.distant", lang, q=quantity_name(quantity, cell, lang), near=number(near),
             far=number(far), d=h.trusted_up_to, horizon=horizon)


def jacobian_alt(norms: pd.DataFrame, lang: str) -> str:
    """Alt text of the Jacobian chart: the measured median from the smallest to the largest
    distance, and how many orders of magnitude it ends under the lecture's bound."""
    g = norms.groupby("distance")
    log_measured = g["log10_measured"].median()
    log_bound = g["log10_bound"].median()
    d0, d1 = int(log_measured.index.min()), int(log_measured.index.max())
    a, b = float(log_measured.loc[d0]), float(log_measured.loc[d1])
    bound = from_log10(float(log_bound.loc[d1]))
    if not np.isfinite(log_measured.to_numpy()).any():  # every median is exactly 0
        return tr("alt.jacobian_zero", lang, d0=d0, d=d1, bound=bound)
    if not np.isfinite(b):  # 0 at the largest distance: no finite gap in orders of magnitude
        return tr("alt.jacobian_to_zero", lang, a=from_log10(a), d0=d0, d=d1, bound=bound)
    # measured ≤ bound is a theorem: a gap within ±1e-9 decades (a factor 1 ± 2e-9) is rounding
    below = float(log_bound.loc[d1] - b)
    below = 0.0 if abs(below) < 1e-9 else below
    key = ("alt.jacobian_flat" if from_log10(a) == from_log10(b)
           else "alt.jacobian_falls" if b < a else "alt.jacobian_rises")
    return tr(key, lang, a=from_log10(a), b=from_log10(b), steps=d1 - d0 + 1, d=d1,
             below=number(below), bound=bound)


def rate_undefined(norms: pd.DataFrame, lang: str, column: str = "log10_measured"
                   ) -> str | None:
    """Why analysis.decay_rate of `norms` is undefined (NaN), or None when it is defined: it fits
    a line to the logarithm of the per-distance medians, and needs two that are not 0."""
    med = norms.groupby("distance")[column].median()
    if np.isfinite(med.to_numpy()).sum() >= 2:
        return None
    zero = int((~np.isfinite(med.to_numpy())).sum())
    if zero:
        return tr("ui.rate_undefined_zero", lang, zero=zero, n=len(med))
    return tr("ui.rate_undefined_short", lang, n=len(med))


def gaps_caption(g: BoundGaps, lang: str) -> str | None:
    """When the stepwise bound lies on the lecture's (within a factor 2) and far above the
    measured norm: where the slack lies, split into one step's loss and the product's."""
    if not (np.isfinite(g.slopes) and g.slopes < np.log10(2) and g.below_stepwise > 1):
        return None
    return tr("ui.slopes_vs_directions", lang, d=g.distance, slopes=10 ** g.slopes,
             dirs=g.below_stepwise, steps=fixed(g.steps, ".1f"),
             products=fixed(g.products, ".1f"))


def form_verdict_caption(correct_rate: float, lecture_rate: float, lang: str) -> str | None:
    """With the note's formula on: a sentence when its product and the true one disagree on
    whether ‖∂h_t/∂h_k‖₂ grows or decays with distance on this run."""
    if not (np.isfinite(correct_rate) and np.isfinite(lecture_rate)):
        return None
    if min(abs(correct_rate), abs(lecture_rate)) < 5e-4:  # a sign that "+.3f" cannot show
        return None
    if (correct_rate < 0) == (lecture_rate < 0):
        return None
    key = "ui.form_verdict_grows" if lecture_rate >= 0 else "ui.form_verdict_decays"
    return tr(key, lang, lecture=lecture_rate, correct=correct_rate)


def heatmap_alt(pairs: pd.DataFrame, value: str, name: str, lang: str) -> str:
    """Alt text of a (t, k) heatmap: how many pairs, and the largest and smallest non-zero."""
    v = pairs[value].to_numpy(dtype=np.float64)
    ok = np.isfinite(v) & (v > 0)
    if len(v) and (v == 0).all():
        return tr("alt.all_zero", lang, chart=name, n=len(v))
    if not ok.any():
        return tr("alt.empty", lang, chart=name)
    rows = pairs[ok]
    hi, lo = rows.loc[rows[value].idxmax()], rows.loc[rows[value].idxmin()]
    return tr("alt.heatmap", lang, q=name, n=len(pairs), hi=number(hi[value]),
             hi_t=int(hi["t"]), hi_k=int(hi["k"]), lo=number(lo[value]), lo_t=int(lo["t"]),
             lo_k=int(lo["k"]))


def shading_alt(chars: pd.DataFrame, words: pd.DataFrame, by_word: bool, pos: int, lang: str
                ) -> str:
    """Alt text of the shaded sentence: the prediction, and what contributes most to it."""
    table = words if by_word else chars
    text_col = "text" if by_word else "char"
    top = table.sort_values("contribution", ascending=False).head(3)
    paren = "（{}）" if lang == "zh" else " ({})"
    items = ("、" if lang == "zh" else ", ").join(
        f"“{w}”" + paren.format(number(c))
        for w, c in zip(top[text_col], top["contribution"], strict=True))
    return tr("alt.shading", lang, t=pos, top=items or "—")


def silent_prediction(pairs: pd.DataFrame, pos: int, lang: str) -> str:
    """Why every contribution ‖∂J_t/∂x_k‖₂ to the prediction at t = `pos` is 0 (pairs:
    distant_contributions): the model is certain of it (‖∂J_t/∂h_t‖₂ = 0, so J_t = 0), or
    J_t > 0 and no slope at step t passes its gradient back; and whether another t would help."""
    own = pairs[(pairs["t"] == pos) & (pairs["k"] == pos)]["grad_h"]
    certain = bool(len(own)) and float(own.iloc[0]) == 0
    anywhere = bool((pairs["grad_x"].to_numpy() == 0).all())
    return sentences([tr("ui.no_gradient_at_t" if certain else "ui.no_gradient_slopes_at_t", lang),
                      tr("ui.no_gradient_anywhere" if anywhere else "ui.no_gradient_other_t",
                        lang)], lang)


def share_alt(shares: pd.DataFrame, lang: str, ds: tuple[int, ...] = (1, 5, 15)) -> str:
    """Alt text of the share-beyond chart, at a few distances."""
    at = shares.set_index("distance")["share"]
    if at.isna().all():  # share_beyond of terms that are all 0: no total to divide by
        return tr("alt.share_undefined", lang)
    colon = "：" if lang == "zh" else ": "
    parts = [f"d = {d}{colon}{at.loc[d]:.1%}" for d in ds if d in at.index]
    return tr("alt.share", lang, values=listed(parts, lang) or "—")


def one_step_alt(one_step: pd.DataFrame, lang: str) -> str:
    """Alt text of the one-step chart: the medians of the true and the note's one-step norms."""
    return tr("alt.one_step", lang, n=len(one_step), correct=number(one_step["correct"].median()),
             lo=number(one_step["correct"].min()), hi=number(one_step["correct"].max()),
             lecture=number(one_step["lecture"].median()))


def recall_alt(sweep: pd.DataFrame, lang: str) -> str:
    """Alt text of the recall sweep: the share of keys recalled at each distance."""
    colon = "：" if lang == "zh" else ": "
    parts = [f"d = {int(d)}{colon}{a:.0%}" for d, a in zip(sweep["distance"], sweep["accuracy"],
                                                           strict=True)]
    chance = float(sweep["chance"].mean()) if len(sweep) else float("nan")
    return tr("alt.recall", lang, values=listed(parts, lang) or "—", chance=f"{chance:.1%}")


def gated_alt(norms: pd.DataFrame, lang: str, bound: bool = False) -> str:
    """Alt text of a gated cell's charts: the measured median of ‖∂s_t/∂s_k‖₂ from the smallest
    to the largest distance and, for the chart of the measured norms, the LSTM's cell path, or,
    for the chart against the bound (`bound`), the gap to the stepwise bound."""
    g = norms.groupby("distance")
    log_m = g["log10_measured"].median()
    d0, d1 = int(log_m.index.min()), int(log_m.index.max())
    a, b = float(log_m.loc[d0]), float(log_m.loc[d1])
    text = tr("alt.gated", lang, a=from_log10(a), b=from_log10(b), d0=d0, d1=d1)
    if bound:
        below = float(g["log10_stepwise_bound"].median().loc[d1]) - b
        return sentences([text, tr("alt.gated_bound", lang, d=d1,
                                  below=number(below) if np.isfinite(below) else "∞")], lang)
    if "log10_measured_c" in norms.columns:
        log_c = g["log10_measured_c"].median()
        ca, cb = float(log_c.loc[d0]), float(log_c.loc[d1])
        text = sentences([text, tr("alt.gated_c", lang, a=from_log10(ca), b=from_log10(cb))],
                         lang)
    return text


def gates_alt(profile: pd.DataFrame, gate: str, lang: str) -> str:
    """Alt text of the gates chart: the range of the mean kept gate over the steps."""
    g = profile["gate_mean"].to_numpy(dtype=np.float64)
    g = g[np.isfinite(g)]
    if not g.size:
        return tr("alt.gates_none", lang)
    return tr("alt.gates", lang, gate=gate, lo=number(float(g.min())), hi=number(float(g.max())),
             n=len(g))


def remedy_alt(table: pd.DataFrame, names: dict[str, str], lang: str) -> str:
    """Alt text of the remedy chart: each setting's recall at the shortest and longest d."""
    parts = []
    for code in names:  # in the order the page names the settings
        rows = table[table["setting"] == code].sort_values("distance")
        if rows.empty:
            continue
        first, last = rows.iloc[0], rows.iloc[-1]
        parts.append(tr("alt.remedy_part", lang, name=names.get(code, code),
                       d0=int(first.distance), a=f"{first.accuracy:.0%}",
                       d1=int(last.distance), b=f"{last.accuracy:.0%}"))
    return tr("alt.remedy", lang, parts=listed(parts, lang))


def jacobian_series(lecture: bool, lang: str) -> tuple[dict[str, str], list[str], str]:
    """The Jacobian chart's series names, the definitions under it and its y title: the true
    quantities, or (the note's form) the note's product and the stepwise bound with f′ taken
    where the note takes it."""
    names = {q: tr(f"q.{q}", lang) for q in ("measured", "stepwise_bound", "bound")}
    defs = ["def.measured", "def.stepwise_bound", "def.bound"]
    if not lecture:
        return names, defs, "‖∂h_t/∂h_k‖₂"
    names["measured"] = tr("q.measured_lecture", lang)
    names["stepwise_bound"] = tr("q.stepwise_bound_lecture", lang)
    return names, ["def.measured_lecture", "def.stepwise_bound_lecture", "def.bound"], (
        "‖∏ W_hhᵀ diag(f′(h_{j−1}))‖₂")

"""rnnlab: vanishing and exploding gradients in a recurrent network, made visible.

The page reads top to bottom: the sidebar gives a LabConfig, a shared training run is started or
joined, and each tab draws what rnnlab computed. All maths lives in the rnnlab package.
"""

from __future__ import annotations

import io
import time
import uuid

import numpy as np
import pandas as pd
import streamlit as st

from rnnlab import analysis, blas, charts, corpus, evaluate, lessons, theory
from rnnlab.config import CLIPS, CORPORA, OPTIMIZERS, LabConfig
from rnnlab.i18n import LANGS, option_label, t
from rnnlab.model import ACTIVATIONS, INITS
from rnnlab.runs import RunRegistry
from rnnlab.train import HISTORY_COLUMNS, sample, train

ENGINE_VERSION = "1"  # bump when a change to rnnlab changes the numbers a config produces
DEFAULT = LabConfig()
POLL_SECONDS = 0.5
MD_SPECIAL = set("\\`*_{}[]()#+-.!|<>$~:")

# Choice controls are synced with the URL by the app, by code (act=tanh): Streamlit's own binding
# would write the translated label, so a link would change with the page's language.
CHOICES = {"lang": LANGS, "preset": tuple(lessons.PRESETS), "corpus": CORPORA,
           "act": ACTIVATIONS, "init": INITS, "opt": OPTIMIZERS, "clip": CLIPS}
CHOICE_FIELDS = {"corpus": "corpus", "act": "activation", "init": "init", "opt": "optimizer",
                 "clip": "clip"}
LR_GRID = (1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0)
CLIP_GRID = (0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 25.0, 50.0)
# the numeric controls: URL name -> (LabConfig field, kind, widget arguments)
NUMBERS = {
    "hidden": ("hidden", "slider", dict(min_value=4, max_value=256, step=4)),
    "seq": ("seq_len", "slider", dict(min_value=5, max_value=200, step=5)),
    "batch": ("batch", "slider", dict(min_value=1, max_value=64, step=1)),
    "rho": ("rho", "slider", dict(min_value=0.1, max_value=6.0, step=0.05)),
    "lr": ("lr", "select", dict(options=LR_GRID)),
    "clip_at": ("clip_at", "select", dict(options=CLIP_GRID)),
    "steps": ("steps", "slider", dict(min_value=20, max_value=2000, step=20)),
    "seed": ("seed", "number", dict(min_value=0, max_value=999_999, step=1)),
    "dist": ("distance", "slider", dict(min_value=1, max_value=60, step=1)),
}


@st.cache_resource
def registry() -> RunRegistry:
    """The process-wide, bounded cache of training runs shared by every session."""
    return RunRegistry()


@st.cache_data(max_entries=4, ttl=3600, show_spinner=False)
def uploaded_corpus(data: bytes, min_chars: int) -> corpus.Corpus:
    return corpus.corpus_from_bytes(data, min_chars=min_chars)


def main() -> None:
    st.set_page_config(page_title="rnnlab", page_icon="∂", layout="wide")
    blas.set_threads(1)
    lang = seed_from_url()
    config, text, notes = sidebar(lang)
    write_url(config)
    st.title(t("ui.title", lang))
    st.caption(t("ui.subtitle", lang))
    for note in notes:
        st.warning(note)
    run = watch((ENGINE_VERSION, config, text.key), lambda on_step: train(config, text, on_step))
    tabs = st.tabs([t("tab.training", lang), t("tab.distant", lang), t("tab.jacobian", lang),
                    t("tab.theory", lang)])
    with tabs[3]:
        theory_tab(lang)
    with tabs[0]:
        result = training_tab(run, config, text, lang)
    if result is None:
        return
    stats = registry().stats()
    st.sidebar.caption(t("ui.server", lang, started=stats["started"], cached=stats["cached"],
                         mb=stats["bytes"] / 2**20, running=stats["running"]))
    run_key = repr(run.key)
    with tabs[1]:
        window = distant_tab(run_key, result, config, text, lang)
    with tabs[2]:
        jacobian_tab(run_key, result, config, text, window, lang)


def watch(key: tuple, work) -> object:
    """This session's run for `key`, shared with every session asking for the same; the run it
    watched before is told that this session left, so an abandoned run stops at once."""
    state = st.session_state
    who = state.setdefault("who", uuid.uuid4().hex)
    previous = state.get("watching")
    if previous is not None and previous != key:
        registry().leave(previous, who)
    state.watching = key
    run = registry().get(key, work)
    run.touch(who)
    return run


def seed_from_url() -> str:
    """On a session's first run, copy the link's choice parameters into the controls."""
    state = st.session_state
    if "seeded" not in state:
        state.seeded = True
        query = st.query_params
        ignored = []
        preset = query.get("preset")
        if preset in lessons.PRESETS:
            apply_preset(preset, only_missing=set(query))
        for name, options in CHOICES.items():
            value = query.get(name)
            if value is None or name == "preset":
                continue
            if value in options:
                state[name] = value
            else:
                ignored.append(name)
        state.ignored = ignored
        state.link_numbers = {n: query.get(n) for n in NUMBERS if query.get(n) is not None}
    return state.get("lang", "en") if state.get("lang") in LANGS else "en"


def apply_preset(code: str, only_missing: set[str] = frozenset()) -> None:
    """Set every control to the preset's value (skipping the link's own parameters)."""
    cfg = lessons.PRESETS[code]
    state = st.session_state
    for url_name, field in CHOICE_FIELDS.items():
        if url_name not in only_missing:
            state[url_name] = getattr(cfg, field)
    for url_name, (field, _, _) in NUMBERS.items():
        if url_name not in only_missing:
            state[url_name] = getattr(cfg, field)
    if "reset" not in only_missing:
        state["reset"] = cfg.reset_state
    state.preset = code


def on_preset() -> None:
    code = st.session_state.get("preset")
    if code in lessons.PRESETS:
        apply_preset(code)


def choice(container, name: str, kind: str, lang: str, label_key: str, default: str) -> str:
    options = CHOICES[name]
    if st.session_state.get(name) not in options:
        st.session_state[name] = default
    return container.selectbox(t(label_key, lang), options, key=name,
                               format_func=lambda c: option_label(kind, c, lang),
                               help=t(label_key + ".help", lang))


def number(container, url_name: str, lang: str):
    field, kind, args = NUMBERS[url_name]
    default = getattr(DEFAULT, field)
    label, help_text = t(f"ctl.{url_name}", lang), t(f"ctl.{url_name}.help", lang)
    common = dict(key=url_name, help=help_text, bind="query-params")
    if url_name not in st.session_state:
        common["value"] = default
    if kind == "slider":
        return container.slider(label, **args, **common)
    if kind == "select":
        return container.select_slider(label, format_func=lambda v: f"{v:g}", **args, **common)
    return container.number_input(label, **args, **common)


def sidebar(lang: str) -> tuple[LabConfig, corpus.Corpus, list[str]]:
    """Every control; returns the config, the training text and notes to show."""
    sb = st.sidebar
    notes = []
    sb.radio(t("ctl.lang", lang), LANGS, key="lang", horizontal=True,
             format_func=lambda c: option_label("lang", c, c))
    lang = st.session_state.lang
    if st.session_state.get("preset") not in lessons.PRESETS:
        st.session_state.preset = "lecture"
    sb.selectbox(t("ctl.preset", lang), tuple(lessons.PRESETS), key="preset",
                 on_change=on_preset, format_func=lambda c: t(f"preset.{c}.name", lang),
                 help=t("ctl.preset.help", lang))
    sb.caption(t(f"preset.{st.session_state.preset}.desc", lang))

    sb.subheader(t("ui.data", lang))
    corpus_name = choice(sb, "corpus", "corpus", lang, "ctl.corpus", DEFAULT.corpus)
    distance = number(sb, "dist", lang) if corpus_name == "longrange" else DEFAULT.distance
    upload = None
    if corpus_name == "upload":
        upload = sb.file_uploader(t("ctl.upload", lang), type=["txt"],
                                  help=t("ctl.upload.help", lang), key="upload")
    sb.subheader(t("ui.model", lang))
    activation = choice(sb, "act", "act", lang, "ctl.act", DEFAULT.activation)
    hidden = number(sb, "hidden", lang)
    init = choice(sb, "init", "init", lang, "ctl.init", DEFAULT.init)
    rho = number(sb, "rho", lang)
    sb.subheader(t("ui.training", lang))
    seq_len = number(sb, "seq", lang)
    batch = number(sb, "batch", lang)
    optimizer = choice(sb, "opt", "opt", lang, "ctl.opt", DEFAULT.optimizer)
    lr = number(sb, "lr", lang)
    clip = choice(sb, "clip", "clip", lang, "ctl.clip", DEFAULT.clip)
    clip_at = number(sb, "clip_at", lang) if clip != "none" else DEFAULT.clip_at
    steps = number(sb, "steps", lang)
    reset = sb.toggle(t("ctl.reset", lang), key="reset", bind="query-params",
                      help=t("ctl.reset.help", lang),
                      **({} if "reset" in st.session_state else {"value": DEFAULT.reset_state}))
    seed = number(sb, "seed", lang)

    config = LabConfig(corpus=corpus_name, distance=int(distance), activation=activation,
                       hidden=int(hidden), seq_len=int(seq_len), batch=int(batch), init=init,
                       rho=float(rho), optimizer=optimizer, lr=float(lr), clip=clip,
                       clip_at=float(clip_at), steps=int(steps), seed=int(seed),
                       reset_state=bool(reset))
    shown = {"hidden": hidden, "seq": seq_len, "batch": batch, "rho": rho, "lr": lr,
             "steps": steps, "seed": seed}
    shown |= {"dist": distance} if corpus_name == "longrange" else {}
    shown |= {"clip_at": clip_at} if clip != "none" else {}
    check_link_numbers(shown)
    if st.session_state.get("ignored"):
        notes.append(t("url.ignored", lang, names=", ".join(st.session_state.ignored)))
    problems = config.problems()
    if problems:
        notes += [t(p.code, lang, **p.params) for p in problems]
        config = DEFAULT
    text, message = training_text(config, upload, lang)
    if message:
        notes.append(message)
        config = config.replace(corpus="english")
    needed = config.batch * config.seq_len + 1
    if len(text.ids) < needed:  # a bundled text shorter than the link's window (Chinese)
        notes.append(t("err.window_too_long", lang, chars=len(text.ids), needed=needed))
        config = config.replace(batch=DEFAULT.batch, seq_len=DEFAULT.seq_len)
    return config, text, notes


def check_link_numbers(shown: dict) -> None:
    """On the first run, note the link's numbers that the controls could not take as given."""
    asked = st.session_state.pop("link_numbers", {})
    for name, raw in asked.items():
        if name not in shown:  # a control this page does not show (e.g. d for a bundled text)
            continue
        try:
            ok = np.isclose(float(raw), float(shown[name]), rtol=1e-9, atol=0)
        except (TypeError, ValueError, OverflowError):
            ok = False
        if not ok and name not in st.session_state.ignored:
            st.session_state.ignored.append(name)


def training_text(config: LabConfig, upload, lang: str) -> tuple[corpus.Corpus, str | None]:
    """The corpus to train on, and a message when an upload could not be used."""
    if config.corpus != "upload":
        return corpus.load_corpus(config.corpus, distance=config.distance), None
    fallback = corpus.load_corpus("english")
    if upload is None:
        return fallback, t("ui.upload_first", lang)
    try:
        return uploaded_corpus(upload.getvalue(), config.batch * config.seq_len + 1), None
    except corpus.CorpusError as err:
        sep = "" if lang == "zh" else " "
        return fallback, t(f"err.{err.code}", lang, **err.params) + sep + t("ui.using_english",
                                                                              lang)


def write_url(config: LabConfig) -> None:
    """Keep the link's choice parameters equal to the page (numeric ones Streamlit binds)."""
    query = st.query_params
    wanted = {"lang": st.session_state.get("lang", "en")}
    wanted |= {name: getattr(config, field) for name, field in CHOICE_FIELDS.items()}
    preset = lessons.matching_preset(config)
    defaults = {"lang": "en"} | {n: getattr(DEFAULT, f) for n, f in CHOICE_FIELDS.items()}
    for name, value in wanted.items():
        if value == defaults[name]:
            query.pop(name, None)
        elif query.get(name) != value:
            query[name] = value
    if preset and preset != "lecture":
        query["preset"] = preset
    else:
        query.pop("preset", None)


@st.cache_resource(max_entries=64, show_spinner=False)
def live_charts(run_key: str, n: int, lang: str, chance: float, _records, _config):
    """The Training tab's charts after n steps of a run: built once, whoever watches it."""
    history = pd.DataFrame(_records[:n], columns=list(HISTORY_COLUMNS))
    # typed even when empty: a queued run has no rows yet, and object columns break the charts
    history = history.astype({"step": "int64", "loss": "float64", "grad_norm": "float64",
                              "clipped": bool, "w_norm": "float64",
                              "spectral_radius": "float64"})
    c = _config
    return (charts.loss_chart(history, chance, lang, c.steps),
            charts.grad_norm_chart(history, c.clip, c.clip_at, lang, c.steps),
            charts.w_norm_chart(history, lang, c.steps), history)


def training_tab(run, config: LabConfig, text: corpus.Corpus, lang: str):
    """Loss, gradient norm and ‖W_hh‖₂ per step, drawn live; returns the result when done."""
    status = st.empty()
    progress = st.progress(0.0)
    col1, col2 = st.columns(2)
    loss_slot, grad_slot = col1.empty(), col2.empty()
    w_slot, info_slot = col1.empty(), col2.container()
    chance = float(np.log(len(text.vocab)))

    def draw(records: list[dict]) -> pd.DataFrame:
        loss, grad, w_norm, history = live_charts(repr(run.key), len(records), lang, chance,
                                                  _records=records, _config=config)
        loss_slot.altair_chart(loss, width="stretch")
        grad_slot.altair_chart(grad, width="stretch")
        w_slot.altair_chart(w_norm, width="stretch")
        progress.progress(min(1.0, len(records) / config.steps),
                          text=t("ui.progress", lang, step=len(records), steps=config.steps))
        return history

    while not run.done.wait(POLL_SECONDS):
        run.touch(st.session_state.get("who"))
        status.info(t("ui.queued" if run.queued else "ui.training_now", lang))
        draw(run.snapshot())
    if run.abandoned:  # it stopped just as this session asked for it: start it afresh
        st.rerun()
    if run.error or run.result is None:
        status.error(t("ui.run_failed", lang, error=md_escape(run.error or "?")))
        return None
    result = run.result
    history = draw(result.history.to_dict("records"))
    progress.empty()
    if result.diverged_at is not None:
        status.error(t("diverged", lang, step=result.diverged_at))
    else:
        status.success(t("ui.trained", lang, steps=result.steps_done,
                         loss=float(charts.smooth(history.loss).iloc[-1]), chance=chance))
    if config.corpus == "longrange":
        recall_ui(result, config, text, lang)
    with info_slot:
        st.markdown(t("def.loss", lang))
        st.markdown(t("def.grad_norm", lang))
        st.markdown(t("def.w_norm", lang))
        sample_ui(result, text, config, lang)
        downloads(result, lang)
    return result


SWEEP_DISTANCES = (2, 5, 10, 15, 20, 30, 45)


def recall_ui(result, config: LabConfig, text: corpus.Corpus, lang: str) -> None:
    """The long-range task's score, and optionally its sweep over the distance d."""
    st.subheader(t("ui.recall", lang, d=config.distance))
    recall = evaluate.key_recall(result.params, text, config.activation)
    c1, c2 = st.columns(2)
    c1.metric(t("ui.recall_acc", lang), f"{recall.accuracy:.1%}",
              delta=f"{recall.accuracy - recall.chance_accuracy:+.1%} " + t("ui.vs_chance", lang),
              help=t("def.recall", lang))
    c2.metric(t("ui.recall_loss", lang), f"{recall.loss:.3f}",
              delta=f"{recall.loss - recall.chance_loss:+.3f} " + t("ui.vs_chance", lang),
              delta_color="inverse")
    if not st.toggle(t("ctl.sweep", lang), key="sweep", help=t("ctl.sweep.help", lang),
                     bind="query-params"):
        return
    runs = {}
    for d in SWEEP_DISTANCES:
        cfg = config.replace(distance=d)
        text_d = corpus.load_corpus("longrange", distance=d)
        runs[d] = (registry().get((ENGINE_VERSION, cfg, text_d.key),
                                  lambda on_step, cfg=cfg, text_d=text_d:
                                  train(cfg, text_d, on_step)), text_d)
    bar = st.progress(0.0, text=t("ui.sweeping", lang))
    while not all(run.done.wait(0) for run, _ in runs.values()):
        for run, _ in runs.values():
            run.touch()
        done = sum(len(run.result.history) if run.result is not None else len(run.records)
                   for run, _ in runs.values())
        bar.progress(min(1.0, done / (config.steps * len(runs))), text=t("ui.sweeping", lang))
        time.sleep(POLL_SECONDS)
    bar.empty()
    rows = []
    for d, (run, text_d) in runs.items():
        if run.result is not None:
            r = evaluate.key_recall(run.result.params, text_d, config.activation)
            rows.append({"distance": d, "accuracy": r.accuracy, "loss": r.loss,
                         "chance": r.chance_accuracy})
    sweep = pd.DataFrame(rows)
    st.altair_chart(charts.recall_chart(sweep, lang), width="stretch")
    csv_button(sweep, "rnnlab_recall_by_distance.csv", lang, "dl_sweep")


def sample_ui(result, text: corpus.Corpus, config: LabConfig, lang: str) -> None:
    st.subheader(t("ui.sample", lang))
    temperature = st.slider(t("ctl.temperature", lang), 0.1, 2.0, 0.8, 0.1, key="temperature",
                            help=t("ctl.temperature.help", lang))
    try:
        with np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
            out = sample(result.params, text.vocab, "", 300, temperature, seed=config.seed,
                         activation=config.activation)
        st.code(out, language=None, wrap_lines=True)
    except (ValueError, FloatingPointError):
        st.warning(t("ui.sample_failed", lang))


def downloads(result, lang: str) -> None:
    buf = io.BytesIO()
    np.savez(buf, **result.params.as_dict())
    st.download_button(t("ui.download_history", lang),
                       charts.training_frame(result.history).to_csv(index=False),
                       file_name="rnnlab_history.csv", mime="text/csv", key="dl_history")
    st.download_button(t("ui.download_params", lang), buf.getvalue(),
                       file_name="rnnlab_params.npz", mime="application/octet-stream",
                       key="dl_params")


ANALYSIS_MAX = 150  # characters of text analysed at most: T(T+1)/2 pairs
# pairs for jacobian_norms at H = 128; a pair costs ~ H^3, so fewer at larger H (a few seconds)
PAIR_BUDGET_128 = 6000


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
    H = _params.hidden_size
    ks = analysis.starts_within(len(ids), int(PAIR_BUDGET_128 * (128 / H) ** 3))
    norms = analysis.jacobian_norms(_params, ids, activation=activation, form=form, ks=ks)
    steps = analysis.one_step_norms(_params, ids, activation=activation)
    return norms, analysis.summarize(norms), analysis.regime(_params, activation, norms), steps


def analysis_window(text: corpus.Corpus, lang: str) -> tuple[str, list[str]]:
    """The text the analysis tabs look at: the student's own, or a passage of the corpus."""
    default = corpus.passage(text, 80)
    typed = st.text_area(t("ctl.text", lang), key="text", max_chars=ANALYSIS_MAX,
                         placeholder=default, help=t("ctl.text.help", lang), height=90,
                         bind="query-params")
    window, dropped = corpus.known_part(text.vocab, typed or default)
    if len(window) < 3:
        st.warning(t("ui.text_too_short", lang))
        window = default
    return window, dropped


def distant_tab(run_key: str, result, config: LabConfig, text: corpus.Corpus, lang: str) -> str:
    """How much each distance t-k, character and word contributes to the gradient."""
    st.markdown(t("ui.distant_intro", lang))
    window, dropped = analysis_window(text, lang)
    if dropped:
        st.info(t("ui.dropped_chars", lang, chars=md_escape(" ".join(dropped))))
    try:
        pairs, summary = contributions_for(run_key, result.steps_done, window,
                                           config.activation, result.params, text.vocab)
    except (ValueError, FloatingPointError) as err:
        st.error(t("ui.analysis_failed", lang, error=md_escape(str(err))))
        return window
    names = {q: t(f"q.{q}", lang) for q in analysis.QUANTITIES}
    shown = summary.assign(series=summary["quantity"].map(names))
    h = analysis.horizon(summary)
    shares = analysis.share_beyond(pairs)
    T = len(window) - 1
    c1, c2, c3 = st.columns(3)
    c1.metric(t("ui.horizon", lang), t("ui.steps_back", lang, n=h) if h is not None
              else t("ui.beyond_window", lang, n=T - 1), help=t("def.horizon", lang))
    for col, d in ((c2, 5), (c3, 15)):
        share = shares.loc[shares.distance == d, "share"]
        col.metric(t("ui.share_beyond", lang, d=d),
                   f"{float(share.iloc[0]):.1%}" if len(share) else "—",
                   help=t("def.share_beyond", lang))
    chart = charts.by_distance_chart(shown, t("chart.distant_title", lang),
                                     t("axis.contribution", lang), lang,
                                     [names[q] for q in analysis.QUANTITIES])
    st.altair_chart(chart, width="stretch")
    st.markdown(" · ".join(t(f"def.{q}", lang) for q in analysis.QUANTITIES))
    csv_button(pairs, "rnnlab_contributions.csv", lang, "dl_contrib")

    st.subheader(t("ui.shading", lang))
    c1, c2 = st.columns([3, 1])
    pos = c1.slider(t("ctl.pos", lang), 1, T, T, key=f"pos_{T}", help=t("ctl.pos.help", lang))
    by_word = c2.toggle(t("ctl.by_word", lang), value=True, key="by_word",
                        help=t("ctl.by_word.help", lang))
    ids = text.vocab.encode(window)
    chars, words = analysis.word_contributions(
        result.params, ids[:-1], ids[1:], pos, corpus.words(window[:-1]),
        activation=config.activation, text=window[:-1])
    nxt = window[pos]
    st.caption(t("ui.shading_caption", lang, t=pos, char=md_escape(repr(window[pos - 1])),
                 next=md_escape(repr(nxt))))
    st.altair_chart(charts.shading_chart(chars, words, by_word,
                                         t("chart.shading_title", lang, t=pos),
                                         t("q.word_x" if by_word else "q.grad_x", lang), lang),
                    width="stretch")
    csv_button(chars.merge(words[["word", "text"]], on="word", how="left"),
               f"rnnlab_contributions_t{pos}.csv", lang, "dl_shading")
    top = words.sort_values("contribution", ascending=False).head(5)
    if len(top):
        st.caption(t("ui.top_words", lang, words=", ".join(
            f"“{md_escape(w)}” ({c:.2e})" for w, c in zip(top.text, top.contribution,
                                                          strict=True))))
    st.subheader(t("ui.heatmap", lang))
    st.altair_chart(charts.heatmap_chart(pairs, "grad_h", t("chart.heat_title", lang),
                                         t("q.grad_h", lang), lang), width="stretch")
    st.altair_chart(charts.share_chart(shares, lang), width="stretch")
    csv_button(shares, "rnnlab_share_beyond.csv", lang, "dl_share")
    return window


def jacobian_tab(run_key: str, result, config: LabConfig, text: corpus.Corpus, window: str,
                 lang: str) -> None:
    """Measured ‖∂h_t/∂h_k‖₂ against the stepwise bound and (β_W β_h)^(t-k)."""
    st.markdown(t("ui.jacobian_intro", lang))
    steps = sorted(result.checkpoints)
    c1, c2 = st.columns([3, 2])
    if len(steps) > 1:
        step = c1.select_slider(t("ctl.checkpoint", lang), steps, value=steps[-1],
                                key=f"ckpt_{steps[-1]}", help=t("ctl.checkpoint.help", lang),
                                format_func=lambda s: checkpoint_label(s, steps[-1], lang))
    else:  # a run that diverged at once has only its initial weights
        step = steps[0]
        c1.caption(t("ui.before_training", lang))
    lecture = c2.toggle(t("ctl.lecture_form", lang), key="lecture_form",
                        help=t("ctl.lecture_form.help", lang))
    params = result.checkpoints[step]
    form = "lecture" if lecture else "correct"
    try:
        norms, summary, reg, one_step = norms_for(run_key, step, window, config.activation,
                                                  form, params, text.vocab)
    except (ValueError, FloatingPointError) as err:
        st.error(t("ui.analysis_failed", lang, error=md_escape(str(err))))
        return
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("β_W = ‖W_hh‖₂", f"{reg.beta_W:.4g}")
    c2.metric("β_h = sup|f′|", f"{reg.beta_h:g}")
    c3.metric("β_W β_h", f"{reg.product:.4g}")
    rate = reg.measured_rate
    c4.metric(t("ui.rates", lang), f"{rate:+.3f}" if rate is not None and np.isfinite(rate)
              else "—", help=t("ui.rates.help", lang, bound=reg.bound_rate))
    verdict = t(f"verdict.{reg.verdict}", lang, prod=reg.product)
    (st.success if reg.verdict == "vanishing_guaranteed" else st.warning)(verdict)
    if config.activation == "sigmoid":
        st.caption(t("verdict.sigmoid_note", lang))
    names = {q: t(f"q.{q}", lang) for q in ("measured", "stepwise_bound", "bound")}
    defs = ["def.measured", "def.stepwise_bound", "def.bound"]
    y_title = "‖∂h_t/∂h_k‖₂"
    if lecture:  # the note's product, and the stepwise bound with f' where the note takes it
        names["measured"] = t("q.measured_lecture", lang)
        names["stepwise_bound"] = t("q.stepwise_bound_lecture", lang)
        defs[:2] = ["def.measured_lecture", "def.stepwise_bound_lecture"]
        y_title = "‖∏ W_hhᵀ diag(f′(h_{j−1}))‖₂"
    shown = summary.assign(series=summary["quantity"].map(names))
    order = [names[q] for q in ("measured", "bound", "stepwise_bound")]
    st.altair_chart(charts.by_distance_chart(shown, t("chart.jacobian_title", lang),
                                             y_title, lang, order), width="stretch")
    st.markdown(" · ".join(t(d, lang) for d in defs))
    if len(norms) < len(window) * (len(window) - 1) // 2:
        st.caption(t("ui.pairs_sampled", lang, n=len(norms)))
    csv_button(norms, "rnnlab_jacobian_norms.csv", lang, "dl_norms")
    st.altair_chart(charts.heatmap_chart(norms, "measured", t("chart.jheat_title", lang),
                                         y_title, lang), width="stretch")
    st.subheader(t("ui.one_step", lang))
    st.markdown(t("ui.one_step_intro", lang))
    st.altair_chart(charts.one_step_chart(one_step, lang), width="stretch")
    csv_button(one_step, "rnnlab_one_step_norms.csv", lang, "dl_one_step")


def checkpoint_label(step: int, last: int, lang: str) -> str:
    if step == 0:
        return t("ui.before_training", lang)
    if step == last:
        return t("ui.after_training", lang, n=step)
    return t("ui.at_step", lang, n=step)


def md_escape(text: str) -> str:
    """User text made inert for st.markdown: no emphasis, maths, links or HTML."""
    return "".join("\\" + c if c in MD_SPECIAL else c for c in text)


def csv_button(frame: pd.DataFrame, name: str, lang: str, key: str) -> None:
    st.download_button(t("ui.download_csv", lang), frame.to_csv(index=False), file_name=name,
                       mime="text/csv", key=key)


def theory_tab(lang: str) -> None:
    for section in theory.sections(lang):
        st.subheader(section.title)
        for block in section.blocks:
            if block.kind == "latex":
                st.latex(block.text)
            else:
                st.markdown(block.text)
        if section.chart:
            st.caption(t("ui.see_chart", lang, chart=t(f"chartid.{section.chart}", lang)))


main()

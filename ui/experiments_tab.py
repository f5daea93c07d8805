"""Tab ⑤: experiments over many configurations — the phase diagram of the theorem, runs side by
side (their own link parameter, `cmp`), and the exploding gradient up close.

Every training, replay and phase diagram goes through the class-wide registry, so a class that
opens the same experiment link computes it once, and a computation nobody watches stops.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from rnnlab import corpus, evaluate
from rnnlab import experiments as ex
from rnnlab.cells import CELLS
from rnnlab.config import LabConfig
from rnnlab.remedy import DISTANCES as RECALL_DISTANCES
from rnnlab.teaching import experiment_charts as xc
from rnnlab.teaching import experiment_packs as packs
from rnnlab.teaching.captions import number, sentences
from rnnlab.teaching.i18n import option_label, tr
from rnnlab.train import train
from ui import link
from ui.shared import ENGINE_VERSION, csv_button, md_escape, registry, wait_for

EXAMPLES = {"act": "act:sigmoid|act:tanh|act:relu",
            "clip": "clip:none|clip:value|clip:norm",
            "init": "init:gaussian|init:orthogonal|init:identity"}
if "gru" in CELLS and "lstm" in CELLS:
    EXAMPLES["cell"] = "cell:rnn|cell:gru|cell:lstm"
PROFILE_DISTANCE = 10  # the distance the comparison's sentence quotes


def experiments_tab(config: LabConfig, source: corpus.Corpus, lang: str) -> None:
    st.markdown(tr("exp.intro", lang))
    window = _window(source)
    phase_ui(config, source, window, lang)
    compare_ui(config, source, window, lang)
    closeup_ui(config, source, lang)
    longrange_ui(lang)


def _window(source: corpus.Corpus) -> str:
    """The analysed text of tabs ② and ③ (the same text area's value, or its default)."""
    return corpus.analysis_window(source, link.get("text")).text


def wait(runs: list, total: float, done_of, lang: str) -> None:
    """Wait for the registry's `runs` (ui.shared.wait_for), with a progress bar."""
    bar = st.progress(0.0, text=tr("exp.queued", lang))

    def draw(queued: bool) -> None:
        done = sum(done_of(run) for run in runs)
        bar.progress(min(1.0, done / max(total, 1)),
                     text=tr("exp.queued" if queued else "exp.working", lang, done=int(done),
                            total=int(total)))

    wait_for(runs, draw)
    bar.empty()


def _progress(run) -> int:
    return len(run.records) if run.result is None else len(getattr(run.result, "history",
                                                                    run.records))


def training_run(config: LabConfig, source: corpus.Corpus):
    """The registry's run of `config` on `text`: the very run the single-run page shares."""
    return registry().get((ENGINE_VERSION, config, source.key),
                          lambda on_step: train(config, source, on_step))


def _shipped_or_computed(kind: str, spec, context: tuple, total: int, work, lang: str):
    """An experiment's table: shipped with the app for the default links (packs), else computed
    once for the whole class through the registry; None (and a message) when that failed."""
    table = packs.load_pack(kind, spec, context)
    if table is not None:
        return table
    run = registry().get((kind, ENGINE_VERSION, spec, context), work)
    wait([run], total, lambda r: total if r.result is not None else len(r.records), lang)
    if run.error or run.result is None:
        st.error(tr("exp.failed", lang, error=md_escape(run.error or "?")))
        return None
    return run.result.table


# ---- 1. the phase diagram ----

@st.cache_data(max_entries=32, show_spinner=False)
def _trained_point(run_key: str, window: str, activation: str, _before, _after, _vocab):
    ids = _vocab.encode(window)[:-1]
    return ex.trained_point(_before, _after, ids, activation)


def phase_ui(config: LabConfig, source: corpus.Corpus, window: str, lang: str) -> None:
    st.subheader(tr("exp.phase.header", lang))
    st.markdown(tr("exp.phase.intro", lang))
    spec = ex.PhaseSpec(init=config.init)
    ids = source.vocab.encode(window)[:-1]
    table = _shipped_or_computed("phase", spec, (source.key, window), spec.size,
                                 lambda on_step: ex.phase_diagram(ids, len(source.vocab), spec,
                                                                  on_step), lang)
    if table is None:
        return
    summary = ex.phase_summary(table)
    trained = None
    main = training_run(config, source)
    if config.cell != "rnn":
        st.info(tr("exp.phase.gated", lang, cell=option_label("cell", config.cell, lang)))
    elif main.result is not None and main.result.checkpoints:
        r = main.result
        trained = _trained_point(repr(main.key), window, config.activation, r.checkpoints[0],
                                 r.params, source.vocab)
    st.altair_chart(xc.phase_chart(summary, trained, lang), width="stretch")
    words = xc.phase_words(summary, table, lang)
    if trained is not None:
        words.append(xc.trained_words(trained, config.activation, main.result.steps_done, lang))
    st.markdown("\n".join(f"- {w}" for w in words))
    ks, D = ex.start_steps(len(ids), spec.starts, spec.max_distance)
    st.caption(tr("exp.phase.method", lang, seeds=len(spec.seeds), H=spec.hidden,
                 init=option_label("init", spec.init, lang), T=len(ids), D=D, starts=len(ks)))
    csv_button(table, "rnnlab_phase_diagram.csv", lang, "dl_phase")


# ---- 2. runs side by side ----

@st.cache_data(max_entries=64, show_spinner=False)
def _profiles(run_key: str, window: str, activation: str, _params, _vocab) -> pd.DataFrame:
    return ex.by_distance(_params, _vocab.encode(window), activation)


def _set_cmp(value: str) -> None:
    link.put("cmp", value)


def _variant_text(cfg: LabConfig, source: corpus.Corpus) -> corpus.Corpus:
    """A run's text: A's, or the long-range task at the run's own distance."""
    if source.distance is not None and cfg.distance != source.distance:
        return corpus.load_corpus("longrange", distance=cfg.distance)
    return source


def compare_ui(config: LabConfig, source: corpus.Corpus, window: str, lang: str) -> None:
    st.subheader(tr("exp.cmp.header", lang))
    st.markdown(tr("exp.cmp.intro", lang))
    cols = st.columns([1] + [2] * len(EXAMPLES))
    cols[0].caption(tr("exp.cmp.examples", lang))
    for col, (name, value) in zip(cols[1:], EXAMPLES.items(), strict=True):
        col.button(tr(f"exp.cmp.ex.{name}", lang), key=f"cmp_ex_{name}", on_click=_set_cmp,
                   args=(value,))
    raw = link.widget(st, "cmp", lang)
    variants, notes = ex.parse_comparison(raw, config)
    for note in notes:
        st.warning(tr(note.code.replace("cmp.", "exp.cmp."), lang, part=md_escape(note.part),
                     detail=md_escape(note.detail)))
    entries = [(tr("exp.cmp.current", lang), config)] + [(v.label(), v.config) for v in variants]
    if not variants:
        st.info(tr("exp.cmp.none", lang))
    runs = [(label, cfg, _variant_text(cfg, source)) for label, cfg in entries]
    handles = [training_run(cfg, tx) for _, cfg, tx in runs]
    wait(handles, sum(cfg.steps for _, cfg, _ in runs), _progress, lang)
    results, profiles, recalls = {}, [], []
    for (label, cfg, tx), run in zip(runs, handles, strict=True):
        if run.result is None:
            st.error(tr("exp.cmp.run_failed", lang, label=md_escape(label),
                       error=md_escape(run.error or "?")))
            continue
        results[label] = run.result
        analysed = window if tx is source else corpus.passage(tx, corpus.PASSAGE_CHARS)
        prof = _profiles(repr(run.key), analysed, cfg.activation, run.result.params, tx.vocab)
        profiles.append(prof.assign(run=label))
        if tx.distance is not None:
            r = evaluate.key_recall(run.result.params, tx, cfg.activation)
            recalls.append(f"{label} (d = {r.distance}) {r.accuracy:.1%}")
    if not results:
        return
    order = list(results)
    frame = ex.histories(results)
    prof = pd.concat(profiles, ignore_index=True)
    step, dist = tr("axis.step", lang), tr("axis.distance", lang)
    c1, c2 = st.columns(2)
    c1.altair_chart(xc.runs_chart(frame, "step", "loss_smooth", tr("exp.cmp.loss_title", lang),
                                  step, tr("axis.loss", lang), order), width="stretch")
    c2.altair_chart(xc.runs_chart(frame, "step", "grad_norm", tr("exp.cmp.grad_title", lang),
                                  step, tr("exp.axis.grad_log", lang), order, log=True),
                    width="stretch")
    c1.altair_chart(xc.runs_chart(frame, "step", "w_norm", tr("exp.cmp.w_title", lang), step,
                                  "‖W_hh‖₂", order), width="stretch")
    c2.altair_chart(xc.runs_chart(prof[prof.quantity == "grad_x"], "distance", "median",
                                  tr("exp.cmp.gradx_title", lang), dist,
                                  tr("exp.axis.grad_x", lang), order, log=True), width="stretch")
    c1.altair_chart(xc.runs_chart(prof[prof.quantity == "jacobian"], "distance", "median",
                                  tr("exp.cmp.jac_title", lang), dist,
                                  tr("exp.axis.jacobian", lang), order, log=True),
                    width="stretch")
    words = xc.compare_words(frame, prof, lang, PROFILE_DISTANCE)
    if recalls:
        words.append(tr("exp.cmp.recall_words", lang, runs="; ".join(recalls)))
    c2.markdown("\n".join(f"- {md_escape(w)}" for w in words))
    csv_button(frame, "rnnlab_comparison.csv", lang, "dl_cmp")
    if source.distance is not None:
        recall_sweep_ui({label: cfg for label, cfg, _ in runs if label in results}, order, lang)


def recall_sweep_ui(runs: dict[str, LabConfig], order: list[str], lang: str) -> None:
    """Recall against d for each compared run, when asked for (it trains each run again)."""
    ds = ", ".join(str(d) for d in RECALL_DISTANCES)
    if not link.widget(st, "cmp_sweep", lang, help_params={"ds": ds}):
        return
    configs = ex.recall_configs(runs, RECALL_DISTANCES)
    texts = {d: corpus.load_corpus("longrange", distance=d) for d in RECALL_DISTANCES}
    handles = {key: training_run(cfg, texts[key[1]]) for key, cfg in configs.items()}
    wait(list(handles.values()), sum(c.steps for c in configs.values()), _progress, lang)
    done = {key: run.result for key, run in handles.items() if run.result is not None}
    if not done:
        return
    table = ex.recall_by_distance(done)
    st.altair_chart(xc.runs_chart(table, "distance", "accuracy", tr("exp.cmp.recall_title", lang),
                                  tr("axis.d", lang), tr("axis.recall", lang), order),
                    width="stretch")
    st.markdown(md_escape(xc.compare_recall_words(table, lang)))


# ---- 3. the exploding gradient up close ----

def _replay_run(cfg: LabConfig, source: corpus.Corpus, keep=frozenset()):
    return registry().get(("replay", ENGINE_VERSION, cfg, source.key, keep),
                          lambda on_step: ex.replay(cfg, source, keep, on_step))


@st.cache_data(max_entries=32, show_spinner=False)
def _cliff(run_key: str, _config, _text, _history, _replayed) -> pd.DataFrame:
    return ex.cliff(_config, _text, _history, replayed=_replayed)


def closeup_ui(config: LabConfig, source: corpus.Corpus, lang: str) -> None:
    st.subheader(tr("exp.close.header", lang))
    st.markdown(tr("exp.close.intro", lang))
    main = training_run(config, source)
    wait([main], config.steps, _progress, lang)
    if main.result is None or main.result.history.empty:
        return
    history = main.result.history
    c1, c2 = st.columns(2)
    hist = ex.histogram(history)
    if len(hist):  # no bins when every norm is 0 (a log axis shows none): the words say so
        c1.altair_chart(xc.histogram_chart(hist, config.clip, config.clip_at, lang),
                        width="stretch")
    c1.markdown(md_escape(xc.histogram_words(history, config.clip, config.clip_at, lang)))
    rp = _replay_run(config, source, ex.cliff_steps(history)["keep"])
    wait([rp], config.steps, lambda r: len(r.records), lang)
    if rp.result is None or rp.result.stopped_at is not None:
        return
    line = _cliff(repr(rp.key), config, source, history, rp.result)
    if (line["loss"].abs() < float("inf")).any():  # none when ‖g‖ = 0: the words say why
        c2.altair_chart(xc.cliff_chart(line, lang), width="stretch")
    c2.markdown(md_escape(xc.cliff_words(line, lang)))
    c, own = ex.clipping_threshold(rp.result.history, config.clip_at)
    if c == 0:  # at c = 0 both rules turn every gradient into 0: nothing to compare
        st.markdown(tr("exp.close.clip_zero", lang, own=number(config.clip_at)))
        return
    st.markdown(sentences([tr("exp.close.angle_intro", lang, c=number(c)), "" if own else tr(
        "exp.close.angle_median", lang, c=number(c), own=number(config.clip_at))], lang))
    modes = {m: config.replace(clip=m, clip_at=c) for m in ("value", "norm")}
    replays = {m: _replay_run(cfg, source) for m, cfg in modes.items()}
    wait(list(replays.values()), 2 * config.steps, lambda r: len(r.records), lang)
    if any(r.result is None for r in replays.values()):
        return
    angles = xc.angle_frame({m: r.result.history for m, r in replays.items()})
    loss = ex.histories({option_label("clip", m, lang): r.result
                         for m, r in replays.items()})
    c1, c2 = st.columns(2)
    c1.altair_chart(xc.angle_chart(angles, lang), width="stretch")
    c1.markdown(md_escape(xc.angle_words(angles, c, lang)))
    c2.altair_chart(xc.runs_chart(loss, "step", "loss_smooth", tr("exp.close.loss_title", lang),
                                  tr("axis.step", lang), tr("axis.loss", lang),
                                  list(dict.fromkeys(loss["run"]))), width="stretch")


# ---- 4. the long-range benchmark ----

def longrange_ui(lang: str) -> None:
    st.subheader(tr("exp.lr.header", lang))
    spec = ex.LongRangeSpec()
    first = spec.runs()[0][3]
    st.markdown(tr("exp.lr.intro", lang, runs=len(spec.runs()), seeds=len(spec.seeds),
                  steps=spec.steps, H=first.hidden, B=first.batch))
    if not link.widget(st, "lr_bench", lang):
        return
    table = _shipped_or_computed("longrange", spec, (), len(spec.runs()),
                                 lambda on_step: ex.long_range_benchmark(spec, on_step), lang)
    if table is None:
        return
    summary = ex.recall_summary(table)
    st.altair_chart(xc.recall_chart(summary, lang), width="stretch")
    words = xc.recall_words(summary, ex.longest_recalled(summary), lang)
    st.markdown("\n".join(f"- {md_escape(w)}" for w in words))
    csv_button(table, "rnnlab_long_range_benchmark.csv", lang, "dl_lr")

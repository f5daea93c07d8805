"""Tab ①: the live training curves, the long-range score, samples and downloads."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import streamlit as st

from rnnlab import corpus, evaluate
from rnnlab.config import LabConfig
from rnnlab.teaching import captions, charts
from rnnlab.teaching.i18n import tr
from rnnlab.train import HISTORY_COLUMNS, MAX_MATRIX_MEASUREMENTS, sample, train
from ui import link
from ui.remedy import remedy_ui
from ui.shared import ENGINE_VERSION, chart, csv_button, md_escape, registry, wait_for


@st.cache_resource(max_entries=64, show_spinner=False)
def live_charts(run_key: str, n: int, lang: str, chance: float, _records, _config):
    """The Training tab's charts after n steps of a run: built once, whoever watches it."""
    history = pd.DataFrame(_records[:n], columns=list(HISTORY_COLUMNS))
    # typed even when empty: a queued run has no rows yet, and object columns break the charts
    history = history.astype({"step": "int64", "loss": "float64", "grad_norm": "float64",
                              "clipped": bool, "w_norm": "float64",
                              "spectral_radius": "float64", "state_norm": "float64"})
    c = _config
    # each chart with its alt text, the same facts in words (rnnlab.teaching.captions)
    return ((charts.loss_chart(history, chance, lang, c.steps),
             captions.loss_alt(history, chance, lang)),
            (charts.grad_norm_chart(history, c.clip, c.clip_at, lang, c.steps),
             captions.grad_norm_alt(history, c.clip, c.clip_at, lang)),
            (charts.w_norm_chart(history, lang, c.steps, gated=c.cell != "rnn"),
             captions.w_norm_alt(history, lang)),
            (charts.state_norm_chart(history, lang, c.steps),
             captions.state_norm_alt(history, lang)),
            history)


def training_tab(run, config: LabConfig, source: corpus.Corpus, lang: str):
    """Loss, gradient norm and ‖W_hh‖₂ per step, drawn live; returns the result when done."""
    status = st.empty()
    progress = st.progress(0.0)
    col1, col2 = st.columns(2)
    loss_slot, grad_slot = col1.empty(), col2.empty()
    w_slot, state_slot = col1.empty(), col2.empty()  # the forward state beside the gradient
    info_slot = col2.container()
    chance = float(np.log(len(source.vocab)))

    def draw(records: list[dict]) -> pd.DataFrame:
        # what the charts show: the run's first n steps; before its first step, only settings
        # that every run waiting in line with them shares (a class's queued pages draw once)
        c = config
        view = repr(run.key) if records else repr((c.steps, c.clip, c.clip_at, c.cell, chance))
        *drawn, history = live_charts(view, len(records), lang, chance, _records=records,
                                      _config=config)
        slots = (loss_slot, grad_slot, w_slot, state_slot)
        for i, (slot, (made, alt)) in enumerate(zip(slots, drawn, strict=True)):
            # one conversion per view, step count and language for every watcher
            chart(slot, (view, len(records), lang, i), lambda made=made: made, alt)
        progress.progress(min(1.0, len(records) / config.steps),
                          text=tr("ui.progress", lang, step=len(records), steps=config.steps))
        return history

    def draw_live(queued: bool) -> None:  # a queued run draws its empty charts once
        status.info(tr("ui.queued" if queued else "ui.training_now", lang))
        draw(run.snapshot())

    wait_for([run], draw_live)
    if run.error or run.result is None:
        status.error(tr("ui.run_failed", lang, error=md_escape(run.error or "?")))
        return None
    result = run.result
    history = draw(result.history.to_dict("records"))
    progress.empty()
    if result.diverged_at is not None:
        status.error(tr("diverged", lang, step=result.diverged_at))
    else:
        status.success(tr("ui.trained", lang, steps=result.steps_done,
                         loss=captions.fixed(charts.smooth(history.loss).iloc[-1], ".3f"),
                         chance=captions.fixed(chance, ".3f")))
    if len(source.vocab) == 1:  # every next character is certain: nothing flows back
        st.info(tr("ui.one_char", lang))
    if config.corpus == "longrange":
        recall_ui(result, config, source, lang)
        remedy_ui(config, lang)
    with info_slot:
        st.markdown(tr("def.loss", lang))
        st.markdown(tr("def.grad_norm", lang))
        st.markdown(tr("def.w_norm" if config.cell == "rnn" else "def.w_norm_gated", lang,
                      n=MAX_MATRIX_MEASUREMENTS))
        st.markdown(tr("def.state_norm", lang))
        sample_ui(result, source, config, lang)
        downloads(result, lang)
    return result


SWEEP_DISTANCES = (2, 5, 10, 15, 20, 30, 45)


def recall_ui(result, config: LabConfig, source: corpus.Corpus, lang: str) -> None:
    """The long-range task's score, and optionally its sweep over the distance d."""
    st.subheader(tr("ui.recall", lang, d=config.distance))
    recall = evaluate.key_recall(result.params, source, config.activation)
    c1, c2 = st.columns(2)
    c1.metric(tr("ui.recall_acc", lang), f"{recall.accuracy:.1%}",
              delta=captions.fixed(recall.accuracy - recall.chance_accuracy, "+.1%") + " "
              + tr("ui.vs_chance", lang),
              help=tr("def.recall", lang))
    c2.metric(tr("ui.recall_loss", lang), f"{recall.loss:.3f}",
              delta=captions.fixed(recall.loss - recall.chance_loss, "+.3f") + " "
              + tr("ui.vs_chance", lang),
              delta_color="inverse")
    if not link.widget(st, "sweep", lang):
        return
    runs = {}
    for d in SWEEP_DISTANCES:
        cfg = config.replace(distance=d)
        text_d = corpus.load_corpus("longrange", distance=d)
        runs[d] = (registry().get((ENGINE_VERSION, cfg, text_d.key),
                                  lambda on_step, cfg=cfg, text_d=text_d:
                                  train(cfg, text_d, on_step)), text_d)
    bar = st.progress(0.0, text=tr("ui.sweeping", lang))

    def draw_sweep(queued: bool) -> None:
        done = sum(len(run.result.history) if run.result is not None else len(run.records)
                   for run, _ in runs.values())
        bar.progress(min(1.0, done / (config.steps * len(runs))), text=tr("ui.sweeping", lang))

    wait_for([run for run, _ in runs.values()], draw_sweep)
    bar.empty()
    rows = []
    for d, (run, text_d) in runs.items():
        if run.result is not None:
            r = evaluate.key_recall(run.result.params, text_d, config.activation)
            rows.append({"distance": d, "accuracy": r.accuracy, "loss": r.loss,
                         "chance": r.chance_accuracy})
    sweep = pd.DataFrame(rows)
    st.altair_chart(charts.recall_chart(sweep, lang), width="stretch",
                    alt=captions.recall_alt(sweep, lang))
    csv_button(sweep, "rnnlab_recall_by_distance.csv", lang, "dl_sweep")


@st.cache_data(max_entries=256, show_spinner=False)
def sampled(run_key: str, temperature: float, seed: int, activation: str, _params, _vocab) -> str:
    """300 characters sampled from a run's model: the same for the class at one temperature."""
    with np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
        return sample(_params, _vocab, "", 300, temperature, seed=seed, activation=activation)


def sample_ui(result, source: corpus.Corpus, config: LabConfig, lang: str) -> None:
    st.subheader(tr("ui.sample", lang))
    temperature = link.widget(st, "temp", lang)
    try:
        out = sampled(repr((config, source.key)), temperature, config.seed, config.activation,
                      result.params, source.vocab)
        st.code(out, language=None, wrap_lines=True)
    except (ValueError, FloatingPointError):
        st.warning(tr("ui.sample_failed", lang))


def downloads(result, lang: str) -> None:
    """The history and the weights, written when their button is clicked (not on every run)."""
    def params_npz() -> bytes:
        buf = io.BytesIO()
        np.savez(buf, **result.params.to_torch())  # PyTorch's names (README: loading it in torch)
        return buf.getvalue()

    st.download_button(tr("ui.download_history", lang),
                       lambda: charts.training_frame(result.history).to_csv(index=False),
                       file_name="rnnlab_history.csv", mime="text/csv", key="dl_history")
    st.download_button(tr("ui.download_params", lang), params_npz,
                       file_name="rnnlab_params.npz", mime="application/octet-stream",
                       key="dl_params")

"""The remedy lesson's comparison: the cells on the long-range task, recall against d."""

from __future__ import annotations

import streamlit as st

from rnnlab import remedy
from rnnlab.config import LabConfig
from rnnlab.corpus import load_corpus
from rnnlab.teaching import captions, charts
from rnnlab.teaching.i18n import tr
from rnnlab.train import train
from ui import link
from ui.shared import ENGINE_VERSION, csv_button, registry, wait_for


def remedy_ui(config: LabConfig, lang: str) -> None:
    ds = ", ".join(str(d) for d in remedy.DISTANCES)
    if not link.widget(st, "remedy", lang, help_params={"ds": ds}):
        return
    runs = {}
    for key, cfg in remedy.remedy_configs(config).items():
        if cfg.problems():
            continue  # too heavy for the server at these sizes: left out (the chart shows it)
        source = load_corpus("longrange", distance=cfg.distance)
        runs[key] = registry().get(
            (ENGINE_VERSION, cfg, source.key),
            lambda on_step, cfg=cfg, source=source: train(cfg, source, on_step))
    bar = st.progress(0.0, text=tr("ui.remedy_running", lang, n=len(runs)))

    def draw(queued: bool) -> None:
        done = sum(run.done.is_set() for run in runs.values())
        bar.progress(done / max(len(runs), 1), text=tr("ui.remedy_running", lang, n=len(runs)))

    wait_for(list(runs.values()), draw)
    bar.empty()
    table = remedy.recall_table({k: run.result for k, run in runs.items()})
    names = {code: tr(f"remedy.{code}", lang) for code, _ in remedy.SETTINGS}
    st.altair_chart(charts.remedy_chart(table, names, lang), width="stretch",
                    alt=captions.remedy_alt(table, names, lang))
    st.caption(remedy_sentence(table, config, lang))
    csv_button(table, "rnnlab_remedy_recall.csv", lang, "dl_remedy")


def remedy_sentence(table, config: LabConfig, lang: str) -> str:
    """What the runs measured, per setting: how far back at least LEVEL of the keys came back."""
    parts = []
    shortest = min(remedy.DISTANCES)
    for code, d in remedy.reach(table).items():
        name = tr(f"remedy.{code}", lang)
        key = "ui.remedy_reach" if d is not None else "ui.remedy_none"
        parts.append(tr(key, lang, name=name, level=remedy.LEVEL, d=d or shortest))
    sep = "；" if lang == "zh" else "; "
    return tr("ui.remedy_measured", lang, steps=config.steps, T=config.seq_len,
             parts=sep.join(parts))

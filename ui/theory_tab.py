"""Tab ④: the derivation, in the lab's own words, with its maths typeset."""

from __future__ import annotations

import streamlit as st

from rnnlab.teaching import theory
from rnnlab.teaching.i18n import tr


def theory_tab(lang: str) -> None:
    for section in theory.sections(lang):
        st.subheader(section.title)
        for block in section.blocks:
            if block.kind == "latex":
                st.latex(block.text)
            else:
                st.markdown(block.text)
        if section.chart:
            st.caption(tr("ui.see_chart", lang, chart=tr(f"chartid.{section.chart}", lang)))

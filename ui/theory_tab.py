"""Tab ④: the derivation, in the lab's own words, with its maths typeset."""

from __future__ import annotations

import streamlit as st

from rnnlab import theory
from rnnlab.i18n import t


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

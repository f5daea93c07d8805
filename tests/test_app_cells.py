"""The page with a gated cell (AppTest): `?cell=gru` and `?cell=lstm` fill every tab, and the
Jacobian tab plots rnnlab's numbers for the state s with no lecture's bound."""

from __future__ import annotations

import numpy as np
import pytest
from test_app import chart_with_column, open_page, vega_charts

from rnnlab import analysis, gates
from rnnlab.cells import CELLS
from rnnlab.config import LabConfig
from rnnlab.corpus import load_corpus, passage
from rnnlab.teaching.captions import fixed
from rnnlab.train import train

GATED = [c for c in ("gru", "lstm") if c in CELLS]


@pytest.fixture(scope="module", params=GATED)
def gated_page(request):
    cell = request.param
    return cell, open_page(cell=cell, steps="60")


def test_a_gated_cell_fills_every_tab(gated_page):
    cell, at = gated_page
    assert not at.exception and not at.error
    assert len(vega_charts(at.tabs[0])) == 4
    assert len(vega_charts(at.tabs[1])) == 4
    assert len(vega_charts(at.tabs[2])) == 3  # measured, against the bound, the gates
    assert at.query_params["cell"] in (cell, [cell])
    act = next(s for s in at.sidebar.selectbox if s.key == "act")
    assert act.disabled
    assert any("own nonlinearities" in c.value for c in at.sidebar.caption)


def test_the_gated_jacobian_tab_plots_rnnlabs_state_norms(gated_page):
    cell, at = gated_page
    english = load_corpus("english")
    result = train(LabConfig(cell=cell, steps=60), english)
    ids = english.vocab.encode(passage(english, 80))[:-1]
    # the page's pairs: all of them, or evenly spaced starts within its CPU budget (the LSTM's
    # state is 2H = 128 wide, and 1.5 s of its pairs is fewer than the passage's 3,160)
    ks = analysis.starts_within(len(ids), analysis.pair_budget(result.params, len(ids)))
    norms = analysis.jacobian_norms(result.params, ids, ks=ks)
    want = analysis.summarize(norms, ["measured"]).sort_values("distance")
    shown = chart_with_column(at.tabs[2], "median")
    measured = shown[shown.series.str.startswith("measured ‖∂s_t")].sort_values("distance")
    np.testing.assert_allclose(measured["median"].to_numpy(), want["median"].to_numpy(),
                               rtol=1e-9)
    assert not shown.series.str.startswith("lecture's bound").any()
    assert shown.series.str.startswith("cell path").any() == (cell == "lstm")
    _, summary = gates.gate_profile(result.params, ids, norms)
    caption = next(c.value for c in at.tabs[2].caption if "Averaged over" in c.value)
    assert fixed(summary.direct_rate, "+.3f") in caption and fixed(summary.rate, "+.3f") in caption
    assert any("is a theorem about the RNN only" in m.value for m in at.tabs[2].markdown)

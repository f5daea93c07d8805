"""The remedy lesson's comparison: its runs, its table and the sentence under its chart are the
measured facts of those runs, and the story holds (gates carry the key further than the
lecture's sigmoid RNN)."""

import pytest

from rnnlab import remedy
from rnnlab.cells import CELLS
from rnnlab.corpus import load_corpus
from rnnlab.evaluate import key_recall
from rnnlab.teaching import charts
from rnnlab.teaching.lessons import PRESETS
from ui.remedy import remedy_sentence

REMEDY = PRESETS["remedy"]


@pytest.fixture(scope="module")
def table(trained):
    runs = {key: trained(cfg, load_corpus("longrange", distance=cfg.distance))
            for key, cfg in remedy.remedy_configs(REMEDY).items()}
    return remedy.recall_table(runs)


def test_every_setting_runs_at_every_distance_within_the_server_limits(table):
    configs = remedy.remedy_configs(REMEDY)
    assert all(not cfg.problems() for cfg in configs.values())
    assert set(table.setting) == {c for c, ch in remedy.SETTINGS if ch["cell"] in CELLS}
    assert sorted(set(table.distance)) == list(remedy.DISTANCES)
    assert table.accuracy.between(0, 1).all() and (table.chance == 1 / 8).all()
    assert not table.truncated.any()  # T = 60 >= 2d for every d of the grid


def test_the_sentence_states_each_settings_measured_reach(table):
    reach = remedy.reach(table)
    sentence = remedy_sentence(table, REMEDY, "en")
    for code, d in reach.items():
        rows = table[table.setting == code].sort_values("distance")
        if d is None:
            assert rows.accuracy.iloc[0] < remedy.LEVEL
            assert f"below 50% already at d = {rows.distance.iloc[0]}" in sentence
        else:
            assert (rows[rows.distance <= d].accuracy >= remedy.LEVEL).all()
            assert f"up to d = {d}" in sentence
    assert "600 steps each, window T = 60" in sentence
    assert "；" in remedy_sentence(table, REMEDY, "zh")


def test_every_remedy_carries_the_key_further_than_the_lectures_rnn(table):
    reach = {code: d or 0 for code, d in remedy.reach(table).items()}
    assert all(reach["rnn_sigmoid"] < reach[code] for code in reach if code != "rnn_sigmoid")


def test_the_lessons_own_lstm_recalls_its_key(trained):
    text = load_corpus("longrange", distance=REMEDY.distance)
    recall = key_recall(trained(REMEDY, text).params, text, REMEDY.activation)
    assert recall.accuracy >= remedy.LEVEL > recall.chance_accuracy


def test_the_chart_plots_the_table(table):
    names = {code: code for code, _ in remedy.SETTINGS}
    chart = charts.remedy_chart(table, names, "en")
    data = charts.chart_data(chart)
    assert len(data) == len(table)

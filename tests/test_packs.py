"""The shipped lesson packs: one for the default link and each lesson, of this engine version,
each equal to a fresh run of the current engine (rebuild with `python -m rnnlab.teaching.packs`)."""

import numpy as np
import pytest

from rnnlab.config import LabConfig
from rnnlab.runs import RunRegistry
from rnnlab.teaching import packs
from rnnlab.teaching.lessons import PRESETS
from rnnlab.train import HISTORY_COLUMNS, train
from rnnlab.version import ENGINE_VERSION

SHIPPED = packs.shipped()


def test_every_lesson_link_and_the_default_link_has_a_pack():
    want = {(c, packs.corpus_for(c).key) for c in packs.pack_configs()}
    assert want == set(SHIPPED)
    assert (LabConfig(), "english") in SHIPPED
    assert all((p.canonical(), packs.corpus_for(p).key) in SHIPPED for p in PRESETS.values())


@pytest.mark.parametrize("config", packs.pack_configs(), ids=lambda c: f"{c.cell}-{c.activation}"
                         f"-{c.corpus}-{c.rho}-{c.clip}")
def test_a_shipped_pack_equals_a_fresh_run_of_this_engine(config, trained):
    text = packs.corpus_for(config)
    shipped = SHIPPED[(config, text.key)]
    fresh = trained(config, text)  # trained in this session, by this engine
    hint = "stale pack: rebuild with `python -m rnnlab.teaching.packs`"
    for column in HISTORY_COLUMNS:
        np.testing.assert_array_equal(shipped.history[column].to_numpy(),
                                      fresh.history[column].to_numpy(), err_msg=hint)
    assert sorted(shipped.checkpoints) == sorted(fresh.checkpoints), hint
    for step, params in fresh.checkpoints.items():
        for a, b in zip(shipped.checkpoints[step].arrays(), params.arrays(), strict=True):
            np.testing.assert_array_equal(a, b, err_msg=hint)
    np.testing.assert_array_equal(shipped.h_last, fresh.h_last, err_msg=hint)
    assert (shipped.diverged_at, shipped.steps_done) == (fresh.diverged_at, fresh.steps_done)


def test_a_pack_round_trips_and_a_kept_run_needs_no_training():
    config = LabConfig(steps=20, hidden=8)
    result = train(config, packs.corpus_for(config))
    back, key = packs.from_bytes(packs.to_bytes(result, "english"))
    assert key == "english" and back.config == config
    np.testing.assert_array_equal(back.params.W_hh, result.params.W_hh)
    runs = RunRegistry()
    runs.keep((ENGINE_VERSION, config, "english"), back)
    run = runs.get((ENGINE_VERSION, config, "english"), lambda on_step: pytest.fail("trained"))
    assert run.done.is_set() and run.result is back and runs.started == 0


def test_packs_of_another_engine_version_are_not_loaded(tmp_path):
    config = LabConfig(steps=20, hidden=8)
    data = packs.to_bytes(train(config, packs.corpus_for(config)), "english")
    (tmp_path / packs.pack_name(config, "english", version="0")).write_bytes(data)
    assert packs.shipped(tmp_path) == {}
    (tmp_path / packs.pack_name(config, "english")).write_bytes(data)
    assert list(packs.shipped(tmp_path)) == [(config, "english")]

"""Lesson presets: each sets every control at once to make one point of the lecture visible.

Every claim a preset's description makes about its run is measured in tests/test_lessons.py.
"""

from __future__ import annotations

from dataclasses import fields

from rnnlab.config import LabConfig

# the exploding and the clipped lessons differ in the clipping only
_EXPLODING = LabConfig(activation="tanh", init="gaussian", rho=4.0, optimizer="sgd", lr=1.25,
                       clip="none", clip_at=1.0)

PRESETS: dict[str, LabConfig] = {
    # the lecture's network: sigmoid, small random W_hh; beta_W beta_h = 1/4 < 1, vanishing
    "lecture": LabConfig(),
    # tanh with an orthogonal W_hh: every singular value 1, the bound sits at the edge
    "edge": LabConfig(activation="tanh", init="orthogonal", rho=1.0),
    # tanh keeps |h| < 1, so only the back-propagated products can grow: ||W_hh||_2 = 4 puts
    # the network where they do, and plain SGD without clipping takes the huge steps they cause
    "exploding": _EXPLODING,
    # the same run with Pascanu et al.'s global-norm clipping: the only difference
    "clipped": _EXPLODING.replace(clip="norm"),
    # the other failure: ReLU and a state carried across windows, whose norm grows every window
    # until the forward pass overflows; no gradient needs to explode for that
    "state_blowup": LabConfig(activation="relu", init="gaussian", rho=3.0, optimizer="sgd",
                              lr=0.05, clip="none"),
    # Le, Jaitly & Hinton 2015: ReLU with W_hh = I; h_0 = 0 for every window, since an identity
    # recurrence with ReLU lets a state carried across windows grow without bound
    "irnn": LabConfig(activation="relu", init="identity", rho=1.0, lr=0.005, clip_at=1.0,
                      reset_state=True),
    # the synthetic task with a dependency d characters back
    "longrange": LabConfig(corpus="longrange", distance=20, activation="tanh",
                           init="orthogonal", seq_len=50, steps=600),
    # the remedies: an LSTM on the long-range task, and (toggle in tab ①) the lecture's RNN,
    # tanh with an orthogonal W_hh and the GRU beside it, at every d of rnnlab.remedy.DISTANCES;
    # a window of 60 >= 2d for all of them, so truncation is not what limits
    "remedy": LabConfig(corpus="longrange", distance=10, cell="lstm", hidden=48, seq_len=60,
                        steps=600),
}


def matching_preset(config: LabConfig) -> str | None:
    """The preset whose settings are `config`'s (settings the run does not use aside)."""
    config = config.canonical()
    return next((code for code, preset in PRESETS.items() if preset.canonical() == config), None)


def changed_fields(code: str, config: LabConfig) -> list[str]:
    """The settings in which `config` differs from preset `code` (all of them if unknown)."""
    preset = PRESETS.get(code)
    names = [f.name for f in fields(LabConfig)]
    if preset is None:
        return names
    unused = config.unused()  # a setting the run does not read has not been changed for it
    preset, config = preset.canonical(), config.canonical()
    return [n for n in names if getattr(preset, n) != getattr(config, n) and n not in unused]

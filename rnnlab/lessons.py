"""Lesson presets: each sets every control at once to make one point of the lecture visible."""

from __future__ import annotations

from rnnlab.config import LabConfig

PRESETS: dict[str, LabConfig] = {
    # the lecture's network: sigmoid, small random W_hh; beta_W beta_h = 1/4 < 1, vanishing
    "lecture": LabConfig(),
    # tanh with an orthogonal W_hh: every singular value 1, the bound sits at the edge
    "edge": LabConfig(activation="tanh", init="orthogonal", rho=1.0),
    # ReLU, ||W_hh||_2 = 3 and plain SGD without clipping: the gradient norm explodes
    "exploding": LabConfig(activation="relu", init="gaussian", rho=3.0, optimizer="sgd",
                           lr=0.05, clip="none"),
    # the same, with Pascanu et al.'s global-norm clipping
    "clipped": LabConfig(activation="relu", init="gaussian", rho=3.0, optimizer="sgd",
                         lr=0.05, clip="norm", clip_at=1.0),
    # Le, Jaitly & Hinton 2015: ReLU with W_hh = I; h_0 = 0 for every window, since an identity
    # recurrence with ReLU lets a state carried across windows grow without bound
    "irnn": LabConfig(activation="relu", init="identity", rho=1.0, lr=0.005, clip_at=1.0,
                      reset_state=True),
    # the synthetic task with a dependency d characters back
    "longrange": LabConfig(corpus="longrange", distance=20, activation="tanh",
                           init="orthogonal", seq_len=50, steps=600),
}


def matching_preset(config: LabConfig) -> str | None:
    """The preset whose settings are exactly `config`, if any."""
    return next((code for code, preset in PRESETS.items() if preset == config), None)

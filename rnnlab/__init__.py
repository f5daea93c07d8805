"""rnnlab: a toy character RNN in pure numpy, exact BPTT, and the analysis of its gradient flow."""

from rnnlab.model import (
    ACTIVATIONS,
    INITS,
    Params,
    activate,
    derivative,
    derivative_bound,
    init_params,
    loss_and_grads,
)

__all__ = [
    "ACTIVATIONS",
    "INITS",
    "Params",
    "activate",
    "derivative",
    "derivative_bound",
    "init_params",
    "loss_and_grads",
]

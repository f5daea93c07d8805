"""The RNN's activations as small records: f, its slope f' and sup|f'| kept together.

The slopes are written so that saturated units keep a tiny but exact slope: through e = e^-|z|,
σ'(z) = e/(1+e)² and tanh'(z) = 4e²/(1+e²)² (e = e^-|z| for tanh's 2|z|), where σ(1-σ) and 1-h²
would round to 0; each is clamped to sup|f'|, since rounding may land one ulp above it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Activation:
    name: str
    f: Callable[[np.ndarray], np.ndarray]  # h = f(z)
    df: Callable[[np.ndarray], np.ndarray]  # f'(z), at the pre-activation
    sup_df: float  # β_h = sup_z |f'(z)|


def sigmoid(z: np.ndarray) -> np.ndarray:
    e = np.exp(-np.abs(z))  # in (0, 1]: no overflow, and tiny outputs keep full precision
    return np.where(z >= 0, 1.0, e) / (1.0 + e)


def _dsigmoid(z: np.ndarray) -> np.ndarray:
    e = np.exp(-np.abs(z))
    return np.minimum(e / (1.0 + e) ** 2, 0.25)


def _dtanh(z: np.ndarray) -> np.ndarray:
    e = np.exp(-2.0 * np.abs(z))
    return np.minimum(4.0 * e / (1.0 + e) ** 2, 1.0)


def _linear(z: np.ndarray) -> np.ndarray:
    return np.array(z, dtype=np.float64, copy=True)


ACTIVATIONS: dict[str, Activation] = {
    "sigmoid": Activation("sigmoid", sigmoid, _dsigmoid, 0.25),
    "tanh": Activation("tanh", np.tanh, _dtanh, 1.0),
    "relu": Activation("relu", lambda z: np.maximum(z, 0.0),
                       lambda z: (np.asarray(z) > 0).astype(np.float64), 1.0),
    "linear": Activation("linear", _linear, lambda z: np.ones_like(z, dtype=np.float64), 1.0),
}


def get(name: str) -> Activation:
    if name not in ACTIVATIONS:
        raise ValueError(f"unknown activation {name!r}; choose one of {', '.join(ACTIVATIONS)}")
    return ACTIVATIONS[name]

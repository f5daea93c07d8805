"""Central differences: the independent reference the gradient tests hold BPTT to."""

import numpy as np

from rnnlab import loss_and_grads


def numeric_grads(p, x, y, h0, activation: str = "sigmoid", eps: float = 1e-6):
    """∂J/∂θ by central differences, one element of one parameter at a time: Params of p's
    cell. The gated cells ignore `activation`."""
    num = p.with_arrays([np.zeros_like(a) for a in p.arrays()])
    for a, n in zip(p.arrays(), num.arrays(), strict=True):
        for i in np.ndindex(a.shape):
            old = a[i]
            a[i] = old + eps
            up = loss_and_grads(p, x, y, h0, activation)[0]
            a[i] = old - eps
            down = loss_and_grads(p, x, y, h0, activation)[0]
            a[i] = old
            n[i] = (up - down) / (2 * eps)
    return num

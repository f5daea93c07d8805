"""Karpathy's min-char-rnn training step, ported straight: the in-run baseline of bench_engine.py.

The original (gist d4dee566867f8291f086, 2015) works on one sequence at a time with one-hot
column vectors x_t (V, 1), one np.dot per weight matrix per time step and a softmax per step:

    h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h)      p_t = softmax(W_hy h_t + b_y)
    loss = sum_t -log p_t[y_t]

then clips every gradient element to [-5, 5] and takes an Adagrad step. This port keeps all of
that, call for call; only the spelling is Python 3 / numpy 2 (range, a seeded Generator), and the
sampling and loss printing of the original's main loop are left out: they are not a training step.
"""

from __future__ import annotations

import numpy as np


class MinCharRNN:
    """min-char-rnn's weights, its Adagrad memories, and its lossFun + update as one step."""

    def __init__(self, vocab_size: int, hidden_size: int = 100, learning_rate: float = 0.1,
                 seed: int = 0):
        rng = np.random.default_rng(seed)
        V, H = vocab_size, hidden_size
        self.vocab_size, self.learning_rate = V, learning_rate
        self.Wxh = rng.standard_normal((H, V)) * 0.01  # input to hidden
        self.Whh = rng.standard_normal((H, H)) * 0.01  # hidden to hidden
        self.Why = rng.standard_normal((V, H)) * 0.01  # hidden to output
        self.bh = np.zeros((H, 1))  # hidden bias
        self.by = np.zeros((V, 1))  # output bias
        self.memory = [np.zeros_like(p) for p in self.params()]  # Adagrad's sums of squares

    def params(self) -> list[np.ndarray]:
        return [self.Wxh, self.Whh, self.Why, self.bh, self.by]

    def loss_fun(self, inputs: list[int], targets: list[int], hprev: np.ndarray):
        """min-char-rnn's lossFun: (loss, dWxh, dWhh, dWhy, dbh, dby, last hidden state)."""
        Wxh, Whh, Why, bh, by = self.params()
        xs, hs, ys, ps = {}, {}, {}, {}
        hs[-1] = np.copy(hprev)
        loss = 0.0
        for t in range(len(inputs)):  # forward pass
            xs[t] = np.zeros((self.vocab_size, 1))  # encode in 1-of-k representation
            xs[t][inputs[t]] = 1
            hs[t] = np.tanh(np.dot(Wxh, xs[t]) + np.dot(Whh, hs[t - 1]) + bh)  # hidden state
            ys[t] = np.dot(Why, hs[t]) + by  # unnormalized log probabilities for next chars
            ps[t] = np.exp(ys[t]) / np.sum(np.exp(ys[t]))  # probabilities for next chars
            loss += -np.log(ps[t][targets[t], 0])  # softmax (cross-entropy loss)
        dWxh, dWhh, dWhy = np.zeros_like(Wxh), np.zeros_like(Whh), np.zeros_like(Why)
        dbh, dby = np.zeros_like(bh), np.zeros_like(by)
        dhnext = np.zeros_like(hs[0])
        for t in reversed(range(len(inputs))):  # backward pass
            dy = np.copy(ps[t])
            dy[targets[t]] -= 1  # backprop into y
            dWhy += np.dot(dy, hs[t].T)
            dby += dy
            dh = np.dot(Why.T, dy) + dhnext  # backprop into h
            dhraw = (1 - hs[t] * hs[t]) * dh  # backprop through tanh nonlinearity
            dbh += dhraw
            dWxh += np.dot(dhraw, xs[t].T)
            dWhh += np.dot(dhraw, hs[t - 1].T)
            dhnext = np.dot(Whh.T, dhraw)
        for dparam in [dWxh, dWhh, dWhy, dbh, dby]:
            np.clip(dparam, -5, 5, out=dparam)  # clip to mitigate exploding gradients
        return loss, dWxh, dWhh, dWhy, dbh, dby, hs[len(inputs) - 1]

    def step(self, inputs: list[int], targets: list[int], hprev: np.ndarray
             ) -> tuple[float, np.ndarray]:
        """One training step: lossFun, then the Adagrad update; returns (loss, new hprev)."""
        loss, *grads, hprev = self.loss_fun(inputs, targets, hprev)
        for param, dparam, mem in zip(self.params(), grads, self.memory, strict=True):
            mem += dparam * dparam
            param += -self.learning_rate * dparam / np.sqrt(mem + 1e-8)  # adagrad update
        return loss, hprev

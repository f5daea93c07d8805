"""Every lesson tells the truth: each claim a preset's description (and the Theory tab) makes
about its run is computed here from that run and asserted, so a change that breaks a lesson's
story fails CI. The analysed text is the page's default, an 80-character passage."""

from dataclasses import fields

import numpy as np
import pytest

from rnnlab import analysis
from rnnlab.corpus import load_corpus, passage
from rnnlab.evaluate import key_recall
from rnnlab.teaching import charts
from rnnlab.teaching.lessons import PRESETS
from rnnlab.train import train


class Run:
    """One preset trained (by `trainer`: the session's shared runs for the lessons themselves),
    with the analyses of the page's default text at its checkpoints."""

    def __init__(self, code, config=None, trainer=train):
        self.config = config or PRESETS[code]
        c = self.config
        self.text = load_corpus(c.corpus, distance=c.distance)
        self.result = trainer(c, self.text)
        self.history = self.result.history
        self.chance = float(np.log(len(self.text.vocab)))
        ids = self.text.vocab.encode(passage(self.text, 80))
        self.x, self.y = ids[:-1], ids[1:]

    @property
    def steps(self):
        return sorted(self.result.checkpoints)

    def params(self, step=None):
        return self.result.checkpoints[self.steps[-1] if step is None else step]

    def norms(self, step=None, form="correct"):
        return analysis.jacobian_norms(self.params(step), self.x,
                                       activation=self.config.activation, form=form)

    def horizon(self, step=None):
        pairs = analysis.distant_contributions(self.params(step), self.x, self.y,
                                               activation=self.config.activation)
        return analysis.horizon(pairs)

    def final_loss(self):
        return float(charts.smooth(self.history.loss).iloc[-1])

    def recall(self):
        return key_recall(self.result.params, self.text, self.config.activation)


@pytest.fixture(scope="module")
def lecture(trained):
    return Run("lecture", trainer=trained)


@pytest.fixture(scope="module")
def edge(trained):
    return Run("edge", trainer=trained)


@pytest.fixture(scope="module")
def exploding(trained):
    return Run("exploding", trainer=trained)


@pytest.fixture(scope="module")
def clipped(trained):
    return Run("clipped", trainer=trained)


@pytest.fixture(scope="module")
def state_blowup(trained):
    return Run("state_blowup", trainer=trained)


@pytest.fixture(scope="module")
def irnn(trained):
    return Run("irnn", trainer=trained)


@pytest.fixture(scope="module")
def longrange(trained):
    return Run("longrange", trainer=trained)


# -- the lecture's RNN ---------------------------------------------------------------------------

def test_lecture_vanishing_is_guaranteed_before_training(lecture):
    reg = analysis.regime(lecture.params(0), "sigmoid")
    assert reg.product == pytest.approx(0.25, rel=1e-9)
    assert reg.verdict == "vanishing_guaranteed"


def test_lecture_training_pushes_the_norm_above_4_yet_every_checkpoint_decays(lecture):
    assert lecture.history.w_norm.dropna().iloc[-1] > 4
    assert analysis.regime(lecture.params(), "sigmoid").verdict == "bound_silent"
    assert len(lecture.steps) == 5  # "the five checkpoints"
    for step in lecture.steps:
        assert analysis.decay_rate(lecture.norms(step)) < 0, step


def test_lecture_horizon_stays_within_about_ten_characters(lecture):
    for step in (0, None):
        h = lecture.horizon(step)
        assert h.verdict == "reached" and h.distance <= 12, (step, h)


# -- at the edge ---------------------------------------------------------------------------------

def test_edge_starts_with_the_bound_at_one_and_a_slow_measured_decay(edge, lecture):
    reg = analysis.regime(edge.params(0), "tanh", edge.norms(0))
    assert reg.product == pytest.approx(1.0, abs=1e-9) and reg.verdict == "bound_silent"
    assert -0.1 < reg.measured_rate < -0.01  # "a few per cent a step"
    assert edge.horizon(0).verdict == "beyond"  # the horizon lies beyond the text ...
    assert lecture.horizon(0).distance <= 12  # ... the lecture's is a few characters


def test_edge_training_moves_the_norm_away_from_one_and_shortens_the_horizon(edge):
    assert edge.history.w_norm.dropna().iloc[-1] > 2
    h = edge.horizon()
    assert h.verdict == "reached" and h.distance <= 25


def test_edge_after_training_the_notes_formula_changes_the_verdict(edge):
    """Theory, slip (a): with tanh, f' at h_{j-1} makes the product grow where it decays."""
    assert analysis.decay_rate(edge.norms()) < 0 < analysis.decay_rate(edge.norms(form="lecture"))


# -- exploding gradients, and the same run clipped -----------------------------------------------

def test_exploding_gradient_grows_while_the_forward_state_stays_bounded(exploding):
    h = exploding.history
    assert h.state_norm.max() < np.sqrt(exploding.config.hidden)  # tanh: |h_i| < 1
    assert analysis.decay_rate(exploding.norms(0)) > 0  # ∂h_t/∂h_k grows with distance
    assert exploding.horizon(0).verdict == "no_decay"
    assert h.grad_norm.max() > 100 * h.grad_norm.iloc[0]


def test_exploding_run_ends_above_chance(exploding):
    assert exploding.final_loss() > exploding.chance


def test_clipped_is_the_exploding_run_with_clipping_only(exploding, clipped):
    a, b = exploding.config, clipped.config
    assert [f.name for f in fields(a) if getattr(a, f.name) != getattr(b, f.name)] == ["clip"]
    assert b.clip == "norm" and b.clip_at == 1.0
    for x, y in zip(exploding.params(0).arrays(), clipped.params(0).arrays(), strict=True):
        np.testing.assert_array_equal(x, y)  # the same growing Jacobians before training


def test_clipped_run_trains_where_the_unclipped_one_diverges(exploding, clipped):
    h = clipped.history
    assert 0.3 < h.clipped.mean() < 0.7  # "about half the steps"
    assert h.loss.max() <= h.loss.iloc[0] + 1e-9  # never above its starting value
    assert clipped.final_loss() < clipped.chance - 1  # well below chance ...
    assert exploding.final_loss() > exploding.chance  # ... where the unclipped run ends above
    assert h.state_norm.max() < np.sqrt(clipped.config.hidden)


# -- exploding activations -----------------------------------------------------------------------

def test_state_blowup_is_the_forward_state_growing_within_a_few_windows(state_blowup):
    h = state_blowup.history
    assert state_blowup.result.diverged_at is not None and state_blowup.result.diverged_at <= 10
    finite = h.state_norm[np.isfinite(h.state_norm)].to_numpy()
    assert len(finite) >= 3
    assert finite[-1] > 1e6 * finite[0]  # orders of magnitude within a few windows
    assert finite.min() > np.sqrt(state_blowup.config.hidden)  # beyond what tanh could reach
    g = h.grad_norm[np.isfinite(h.grad_norm)].to_numpy()
    assert g.max() > 1e6 * g[0]  # "the gradient explodes with it"


def test_state_blowup_blows_up_with_the_weights_frozen_too():
    """lr = 1e-5, the smallest the lab allows: the weights barely move from their start, and
    the carried state still overflows: the forward pass, not a gradient step, blows up."""
    frozen = Run("state_blowup", PRESETS["state_blowup"].replace(lr=1e-5))
    h = frozen.history.state_norm.to_numpy()
    assert frozen.result.diverged_at is not None
    assert np.nanmax(h[np.isfinite(h)]) > 1e6 * h[0]


def test_state_blowup_with_h0_zero_per_window_does_not_diverge():
    calm = Run("state_blowup", PRESETS["state_blowup"].replace(reset_state=True))
    assert calm.result.diverged_at is None


# -- IRNN ----------------------------------------------------------------------------------------

def test_irnn_products_neither_shrink_nor_grow_before_training(irnn):
    norms = irnn.norms(0)
    # exactly 1: some unit stays active at every step of the default text
    np.testing.assert_allclose(norms.measured, 1.0, rtol=1e-12)
    assert analysis.decay_rate(norms) == pytest.approx(0.0, abs=1e-12)


def test_irnn_training_makes_the_horizon_finite(irnn):
    h = irnn.horizon()
    assert h.verdict == "reached" and 15 <= h.distance <= 60  # "a few dozen characters"


def test_irnn_recalls_no_more_long_range_keys_than_tanh_orthogonal(longrange):
    lr = PRESETS["longrange"]
    on_task = PRESETS["irnn"].replace(corpus="longrange", distance=lr.distance,
                                      seq_len=lr.seq_len, steps=lr.steps)
    irnn_recall = Run("irnn", on_task).recall()
    tanh_recall = longrange.recall()
    assert irnn_recall.accuracy <= tanh_recall.accuracy + 0.05
    assert irnn_recall.accuracy < 0.2  # near chance, 1/8


# -- the long-range task -------------------------------------------------------------------------

def test_longrange_recall_at_d20_is_hardly_above_chance(longrange):
    r = longrange.recall()
    assert r.chance_accuracy == 1 / 8
    assert r.accuracy < 0.2


def test_longrange_short_distances_are_learned_almost_perfectly():
    r = Run("longrange", PRESETS["longrange"].replace(distance=2)).recall()
    assert r.accuracy > 0.9


def test_longrange_a_longer_window_lifts_recall_at_d20_for_the_same_work(longrange):
    """Theory: "not learned, however long you train" was too strong."""
    cfg = PRESETS["longrange"].replace(seq_len=100, steps=300)
    lesson = PRESETS["longrange"]
    assert cfg.steps * cfg.seq_len * cfg.batch == lesson.steps * lesson.seq_len * lesson.batch
    r = Run("longrange", cfg).recall()
    assert r.accuracy > 0.5 > 0.2 > longrange.recall().accuracy  # "more than half the keys"


# -- the Theory tab's slip (a): transposing a product reverses its factors -----------------------

def test_the_notes_transposed_factors_make_the_transpose_only_earliest_first(edge):
    from rnnlab.analysis import step_jacobians

    params, x = edge.params(), edge.x[:12]
    J = step_jacobians(params, x, activation="tanh")  # (T, H, H): J_1..J_T
    Jt = step_jacobians(params, x, activation="tanh", form="transpose")  # J_jᵀ
    true = np.linalg.multi_dot(J[::-1])  # ∂h_T/∂h_0 = J_T ... J_1
    np.testing.assert_allclose(np.linalg.multi_dot(Jt), true.T, rtol=1e-9, atol=1e-300)
    wrong = np.linalg.norm(np.linalg.multi_dot(Jt[::-1]), 2)  # latest first
    assert abs(np.log10(wrong) - np.log10(np.linalg.norm(true, 2))) > 0.1

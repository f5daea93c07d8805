"""rnnlab: a toy character RNN in pure numpy, exact BPTT, and the analysis of its gradient flow."""

from rnnlab.analysis import (
    FORMS,
    Regime,
    decay_rate,
    distant_contributions,
    horizon,
    jacobian_norms,
    one_step_norms,
    regime,
    share_beyond,
    starts_within,
    step_jacobians,
    summarize,
    weight_terms,
    word_contributions,
)
from rnnlab.config import LabConfig
from rnnlab.corpus import Corpus, CorpusError, Vocab, corpus_from_bytes, load_corpus, words
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
from rnnlab.train import TrainResult, sample, train
from rnnlab.version import ENGINE_VERSION

__all__ = [
    "ACTIVATIONS", "ENGINE_VERSION", "FORMS", "INITS", "Corpus", "CorpusError", "LabConfig",
    "Params", "Regime",
    "TrainResult", "Vocab", "activate", "corpus_from_bytes", "decay_rate", "derivative",
    "derivative_bound", "distant_contributions", "horizon", "init_params", "jacobian_norms",
    "load_corpus", "loss_and_grads", "one_step_norms", "regime", "sample", "share_beyond",
    "starts_within", "step_jacobians", "summarize", "train", "weight_terms",
    "word_contributions", "words",
]

"""rnnlab: a toy character RNN in pure numpy, exact BPTT, and the analysis of its gradient flow.

The names below are imported on first use (PEP 562), so that `import rnnlab.pool` or
`rnnlab.runs` costs no numpy or pandas: the server starts its training workers before its own
heavy imports, and a worker leaves out what it never needs (see rnnlab/pool.py). The training
function is `rnnlab.train.train`: `rnnlab.train` (and `from rnnlab import train`) is that module.
"""

from __future__ import annotations

import importlib

_FROM = {
    "analysis": ["FORMS", "Regime", "decay_rate", "distant_contributions", "horizon",
                 "jacobian_norms", "one_step_norms", "regime", "share_beyond", "starts_within",
                 "step_jacobians", "summarize", "weight_terms", "word_contributions"],
    "config": ["LabConfig"],
    "corpus": ["Corpus", "CorpusError", "Vocab", "corpus_from_bytes", "load_corpus", "words"],
    "model": ["ACTIVATIONS", "INITS", "Params", "activate", "derivative", "derivative_bound",
              "init_params", "loss_and_grads"],
    "train": ["TrainResult", "sample"],
    "version": ["ENGINE_VERSION"],
}
_MODULE_OF = {name: module for module, names in _FROM.items() for name in names}

__all__ = sorted(_MODULE_OF)


def __getattr__(name: str):
    module = _MODULE_OF.get(name)
    if module is None:  # a submodule (`rnnlab.analysis` after `import rnnlab`), as before
        try:
            return importlib.import_module(f"rnnlab.{name}")
        except ModuleNotFoundError as err:
            if err.name != f"rnnlab.{name}":
                raise  # the submodule exists but needs something missing: say that
            raise AttributeError(f"module 'rnnlab' has no attribute {name!r}") from err
    value = getattr(importlib.import_module(f"rnnlab.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

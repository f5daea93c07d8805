"""The recurrent cells of the lab, one file each, all with the interface of `cells.base.Cell`.

Adding a cell is one new file (a Cell subclass) registered below, plus its strings.
"""

from __future__ import annotations

from rnnlab.cells.base import Cell, Trace
from rnnlab.cells.elman import Elman

CELLS: dict[str, Cell] = {"rnn": Elman()}


def _register_gated() -> None:
    # the gated cells live in their own files; a missing one leaves the lab with the RNN alone
    try:
        from rnnlab.cells.gru import GRU
        CELLS["gru"] = GRU()
    except ImportError:
        pass
    try:
        from rnnlab.cells.lstm import LSTM
        CELLS["lstm"] = LSTM()
    except ImportError:
        pass


_register_gated()


def get_cell(name: str) -> Cell:
    if name not in CELLS:
        raise ValueError(f"unknown cell {name!r}; choose one of {', '.join(CELLS)}")
    return CELLS[name]


__all__ = ["CELLS", "Cell", "Trace", "get_cell"]

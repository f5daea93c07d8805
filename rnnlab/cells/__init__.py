"""The recurrent cells of the lab, one file each, all with the interface of `cells.base.Cell`.

Adding a cell is one new file (a Cell subclass) registered below, plus its strings.
"""

from __future__ import annotations

from rnnlab.cells.base import Cell, Trace
from rnnlab.cells.elman import Elman
from rnnlab.cells.gru import GRU
from rnnlab.cells.lstm import LSTM

CELLS: dict[str, Cell] = {"rnn": Elman(), "gru": GRU(), "lstm": LSTM()}


def get_cell(name: str) -> Cell:
    if name not in CELLS:
        raise ValueError(f"unknown cell {name!r}; choose one of {', '.join(CELLS)}")
    return CELLS[name]


__all__ = ["CELLS", "Cell", "Trace", "get_cell"]

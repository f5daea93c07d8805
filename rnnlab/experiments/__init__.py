"""Experiments over many configurations: the theorem's phase diagram (`phase`), runs side by
side and their link (`compare`), and the exploding gradient up close (`closeup`)."""

from rnnlab.experiments.closeup import (
    Replay,
    angle,
    cliff,
    cliff_steps,
    clipping_threshold,
    histogram,
    loss_along,
    replay,
    spike_and_ordinary,
)
from rnnlab.experiments.compare import (
    MAX_VARIANTS,
    Note,
    Variant,
    by_distance,
    comparison_link,
    histories,
    parse_comparison,
    recall_by_distance,
    recall_configs,
)
from rnnlab.experiments.longrange import (
    LongRangeResult,
    LongRangeSpec,
    long_range_benchmark,
    longest_recalled,
    recall_summary,
)
from rnnlab.experiments.phase import (
    PhaseResult,
    PhaseSpec,
    crossings,
    fitted_rate,
    phase_diagram,
    phase_summary,
    start_steps,
    threshold,
    trained_point,
)

__all__ = [
    "LongRangeResult", "LongRangeSpec", "MAX_VARIANTS", "Note", "PhaseResult", "PhaseSpec",
    "Replay", "Variant", "angle", "by_distance", "cliff", "cliff_steps", "clipping_threshold",
    "comparison_link", "crossings", "fitted_rate", "histogram", "histories",
    "long_range_benchmark", "longest_recalled", "loss_along", "parse_comparison", "phase_diagram",
    "phase_summary", "recall_by_distance", "recall_configs", "recall_summary", "replay",
    "spike_and_ordinary", "start_steps", "threshold", "trained_point",
]

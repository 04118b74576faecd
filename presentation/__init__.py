"""Words for results: the sentences, driver lines and table cells the app and the PDF share.

The methods in ``scoring/`` return numbers with their units; this layer turns a method's
arrays for one assessment into the :class:`scoring.results.FactorResult` both the app and
the PDF present. A method whose words still live in its own module (the older ones, moved
here method by method) is presented by that module's ``factor_result``.
"""

from __future__ import annotations

import importlib

from scoring.registry import Factor
from scoring.results import FactorResult

# Method modules whose words live under a shorter name.
SHORT_NAMES = {"revised_strain_index": "rsi"}


def factor_result(factor: Factor, res, i: int = 0) -> FactorResult:
    """Return the presented result of one factor for row ``i`` of its method's arrays."""
    name = factor.module.__name__.rsplit(".", 1)[-1]
    name = SHORT_NAMES.get(name, name)
    try:
        words = importlib.import_module(f"presentation.{name}")
    except ModuleNotFoundError:
        return factor.module.factor_result(res, i)
    return words.factor_result(res, i)

"""Words for results: the sentences, driver lines and table cells the app and the PDF share.

The methods in ``scoring/`` return numbers with their units; this layer turns a method's
arrays for one assessment into the :class:`scoring.results.FactorResult` both the app and
the PDF present. Every method in the registry has its module here, under the method
module's name (or its short name below).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from scoring.results import FactorResult

if TYPE_CHECKING:  # the registry imports the recommendations, which use presentation.formatting
    from scoring.registry import Factor

# Method modules whose words live under a shorter name.
SHORT_NAMES = {"revised_strain_index": "rsi"}


def factor_result(factor: Factor, res, i: int = 0) -> FactorResult:
    """Return the presented result of one factor for row ``i`` of its method's arrays."""
    name = factor.module.__name__.rsplit(".", 1)[-1]
    name = SHORT_NAMES.get(name, name)
    return importlib.import_module(f"presentation.{name}").factor_result(res, i)

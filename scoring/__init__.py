"""Scoring methods: pure functions over floats or numpy arrays.

``METHODS`` is the registry the UI, the PDF, the CLI and the tests iterate:
method id -> :class:`scoring.results.MethodInfo`. Scoring never imports from
``assessments``, ``reports`` or ``views``.
"""

from __future__ import annotations

# Bumped whenever a method's numbers can change, so a stored result says which
# version of the rules produced it and can be re-scored.
METHOD_VERSION = "2026.12.1"


def _registry():
    from scoring.registry import FACTORS

    return {f.method.id: f.method for f in FACTORS}


def __getattr__(name):
    # The registry is built lazily so importing one method module stays cheap and
    # free of import cycles (the registry imports every method).
    if name == "METHODS":
        return _registry()
    raise AttributeError(f"module 'scoring' has no attribute {name!r}")


def method(method_id: str):
    """Return a method's MethodInfo; unknown ids are answered with the valid ones."""
    methods = _registry()
    if method_id not in methods:
        raise KeyError(f"method == {method_id!r}, must be one of: {', '.join(sorted(methods))}.")
    return methods[method_id]

"""Number and time formatting shared by the methods' presentations (drivers, tables, why)."""

from __future__ import annotations

import math


def format_hours(hours: float) -> str:
    """Return a duration as "1 h 40 min" ("25 min" under an hour, "unlimited" for inf).

    The time is rounded down to the whole minute, so staying under the shown
    time keeps an exposure below the limit it was computed for.
    """
    if hours is None or math.isnan(hours):
        return "n/a"
    if math.isinf(hours):
        return "unlimited"
    minutes = math.floor(hours * 60.0 + 1e-6)
    h, m = divmod(minutes, 60)
    return f"{h} h {m:02d} min" if h else f"{m} min"


def format_number(x: float, decimals: int = 2) -> str:
    """Return x with up to ``decimals`` decimals but at least one ("6.0", "3.5", "2.25")."""
    txt = f"{x:.{decimals}f}".rstrip("0")
    return txt + "0" if txt.endswith(".") else txt


def value_near_edge(x: float, edge: float) -> str:
    """Return x to 2 decimals, or more when 2 would round it onto the other side of edge."""
    for d in (2, 3, 4):
        if (round(x, d) < edge) == (x < edge):
            return f"{x:.{d}f}"
    return f"{x:.4f}"

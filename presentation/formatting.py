"""Number and time formatting in words, shared by the presentations, the app, the PDF and the what-ifs."""

from __future__ import annotations

import math

# A daily exposure time cannot exceed the day: a limit above it never binds, so it is
# written as such instead of as "1278 h 20 min" (or an OverflowError for ~1e300 h).
DAY_H = 24.0


def format_hours(hours: float) -> str:
    """Return a duration as "1 h 40 min" ("25 min" under an hour, "unlimited" for inf).

    The time is rounded down to the whole minute, so staying under the shown
    time keeps an exposure below the limit it was computed for. A duration
    longer than a day is "more than 24 h" (a daily limit that never binds);
    a negative one or a missing one is "n/a".
    """
    if hours is None or math.isnan(hours) or hours < 0:
        return "n/a"
    if math.isinf(hours):
        return "unlimited"
    if hours > DAY_H:
        return f"more than {DAY_H:.0f} h"
    minutes = math.floor(hours * 60.0 + 1e-6)
    h, m = divmod(minutes, 60)
    return f"{h} h {m:02d} min" if h else f"{m} min"


def format_metric(value: float, unit: str, decimals: int = 2) -> str:
    """Return a native value with its unit; a duration in hours as "1 h 04 min".

    One duration format everywhere (app, PDF, summary), never "1.06 h". Daily
    exposures in ``h/day`` keep the decimal form the L&I thresholds are
    written in ("more than 2 h/day").
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    if unit == "h":
        return format_hours(value)
    return f"{value:.{decimals}f} {unit}".strip()


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

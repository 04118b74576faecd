"""Bands, the 0-100 risk index and borderline flags shared by every method.

Each method keeps its own native scale (LI, A(8) m/s², cm outside a range,
h/day). A project rule maps every native value onto four bands and a 0-100 risk index
that is piecewise linear *inside* each band (low 0-25, moderate 25-50, high
50-75, very high 75-100), so factors measured on different scales can share one
chart without pretending they are one scale.

Band codes are small integers so whole columns can be banded at once:
``-1`` not applicable, ``0`` low, ``1`` moderate, ``2`` high, ``3`` very high.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

NOT_APPLICABLE = -1
LOW, MODERATE, HIGH, VERY_HIGH = 0, 1, 2, 3
BAND_NAMES = ("low", "moderate", "high", "very high")
BAND_INDEX_WIDTH = 25.0
BORDERLINE_FRACTION = 0.10  # project rule: within 10 % of a band edge


def band_name(code: int) -> str:
    """Return the band's name for a band code, or "not applicable" for -1."""
    code = int(code)
    if code == NOT_APPLICABLE:
        return "not applicable"
    if code not in range(4):
        raise ValueError(f"band code == {code}, must be one of -1, 0, 1, 2, 3.")
    return BAND_NAMES[code]


@dataclass(frozen=True)
class BandScale:
    """A method's action levels on its native scale.

    Parameters
    ----------
    edges
        Lower edge of the moderate, high and very-high bands in native units;
        ``None`` where the method does not use that band (vibration has no
        moderate band: by law it is below or above the EAV).
    cap
        Native value at which the open top band's index reaches its top
        (project rule: e.g. twice its lower edge).
    edge_in_lower
        For each edge, whether a value exactly on it stays in the lower band
        (NIOSH: LI <= 1.0 is low) or moves up (2002/44/EC: an A(8) of 5 has reached the
        ELV, band very high by project choice).
    unit
        Unit of the native value, for labels and the Methods page.
    """

    edges: tuple[float | None, float | None, float | None]
    cap: float
    edge_in_lower: tuple[bool, bool, bool] = (True, True, True)
    unit: str = ""

    def band(self, x):
        """Return the band code of each native value (NaN -> -1)."""
        x = np.asarray(x, dtype=float)
        code = np.zeros(x.shape, dtype=np.int8)
        for b, (edge, inclusive_low) in enumerate(zip(self.edges, self.edge_in_lower, strict=True)):
            if edge is None:
                continue
            passed = x > edge if inclusive_low else x >= edge
            # Bands are ordered, so passing an edge lifts the code to that band.
            code = np.where(passed, b + 1, code)
        code = np.where(np.isnan(x), NOT_APPLICABLE, code).astype(np.int8)
        return code if code.ndim else code[()]

    def _spans(self):
        """Return, per band code, the native [lo, hi] span that maps onto it."""
        used = [(0, 0.0)] + [(b + 1, e) for b, e in enumerate(self.edges) if e is not None]
        spans = {}
        for i, (code, lo) in enumerate(used):
            hi = used[i + 1][1] if i + 1 < len(used) else self.cap
            spans[code] = (lo, hi)
        return spans

    def index(self, x):
        """Return the 0-100 risk index of each native value (NaN stays NaN).

        The index is linear inside each band and non-decreasing in ``x``. When
        the top band a method uses is below "very high", its index stops just
        short of the next band so index and band always agree.
        """
        x = np.asarray(x, dtype=float)
        code = np.asarray(self.band(x))
        out = np.full(x.shape, np.nan)
        spans = self._spans()
        top = max(spans)
        for c, (lo, hi) in spans.items():
            frac = np.clip((x - lo) / (hi - lo), 0.0, 1.0) if hi > lo else np.ones(x.shape)
            idx = BAND_INDEX_WIDTH * (c + frac)
            if c == top and c < VERY_HIGH:
                idx = np.minimum(idx, BAND_INDEX_WIDTH * (c + 1) - 0.1)
            out = np.where(code == c, idx, out)
        return out if out.ndim else float(out)

    def borderline(self, x):
        """Return True where a native value lies within 10 % of a band edge."""
        x = np.asarray(x, dtype=float)
        flag = np.zeros(x.shape, dtype=bool)
        for edge in self.edges:
            if edge is None or edge == 0:
                continue
            # The 1e-9 slack keeps 1.1 "within 10 % of 1.0" despite binary rounding.
            flag |= np.abs(x - edge) <= BORDERLINE_FRACTION * abs(edge) * (1 + 1e-9)
        return flag if flag.ndim else bool(flag)

    def describe(self) -> list[tuple[str, str]]:
        """Return (band name, native range) rows for the Methods page and the PDF."""
        rows = []
        spans = self._spans()
        codes = sorted(spans)
        for i, c in enumerate(codes):
            lo, hi = spans[c]
            lo_edge_in_lower = self.edge_in_lower[c - 1] if c > 0 else True
            lo_txt = "" if c == 0 else (f"> {_fmt(lo)}" if lo_edge_in_lower else f">= {_fmt(lo)}")
            if i + 1 < len(codes):
                hi_in_lower = self.edge_in_lower[codes[i + 1] - 1]
                hi_txt = f"<= {_fmt(hi)}" if hi_in_lower else f"< {_fmt(hi)}"
            else:
                hi_txt = ""
            rng = " and ".join(t for t in (lo_txt, hi_txt) if t)
            rows.append((BAND_NAMES[c], f"{rng} {self.unit}".strip()))
        return rows


def _fmt(v: float) -> str:
    return f"{v:g}"


def worst_band(codes):
    """Return the worst band code along the last axis (-1 when none applies)."""
    codes = np.asarray(codes)
    return codes.max(axis=-1)


def count_high_or_above(codes):
    """Return how many band codes along the last axis are high or very high."""
    codes = np.asarray(codes)
    return (codes >= HIGH).sum(axis=-1)

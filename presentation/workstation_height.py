"""Workstation height in words: each dimension against its personal target, body estimates."""

from __future__ import annotations

import numpy as np

from scoring.bands import LOW, NOT_APPLICABLE, band_name
from scoring.results import DetailTable, FactorResult, Metric
from scoring.workstation_height import DIMENSIONS, METHOD, WorkstationResult

DIMENSION_TITLES = {
    "seat": "Seat height",
    "keyboard": "Keyboard height",
    "monitor": "Top of screen",
    "distance": "Viewing distance",
    "standing": "Standing work surface",
}
_DRIVER_SUBJECT = {
    "seat": "Seat",
    "keyboard": "Keyboard",
    "monitor": "Top of screen",
    "distance": "Viewing distance",
    "standing": "Standing work surface",
}


def _cm(v: float) -> str:
    """Return a length with at most one decimal and no trailing ".0" ("—" for NaN)."""
    if np.isnan(v):
        return "—"
    # Two decimals when one would show a small non-zero deviation as 0.
    txt = f"{v:.2f}" if 0 < abs(v) < 0.05 else f"{v:.1f}"
    return txt[:-2] if txt.endswith(".0") else txt


def _actual(res: WorkstationResult, dim: str, i: int) -> float:
    field = {
        "seat": "seat_height_cm",
        "keyboard": "keyboard_height_cm",
        "monitor": "monitor_top_height_cm",
        "distance": "viewing_distance_cm",
        "standing": "standing_surface_height_cm",
    }[dim]
    return float(getattr(res, field)[i])


def _dim(res: WorkstationResult, dim: str, i: int) -> tuple[float, float, float, float, float]:
    """Return (actual, target, lo, hi, deviation) of one dimension in row i."""
    return (
        _actual(res, dim, i),
        float(getattr(res, f"{dim}_target_cm")[i]),
        float(getattr(res, f"{dim}_lo_cm")[i]),
        float(getattr(res, f"{dim}_hi_cm")[i]),
        float(getattr(res, f"{dim}_deviation_cm")[i]),
    )


def _driver(dim: str, x: float, lo: float, hi: float, dev: float) -> str:
    side = "above" if x > hi else "below"
    whose = "the" if dim == "distance" else "your"
    return (
        f"{_DRIVER_SUBJECT[dim]} at {_cm(x)} cm is {_cm(dev)} cm {side} "
        f"{whose} range {_cm(lo)}–{_cm(hi)} cm"
    )


def _estimate(res: WorkstationResult, i: int, what: str) -> str:
    """Return the source cell of an estimated dimension, naming an extrapolation."""
    text = f"estimated from stature {_cm(float(res.stature_cm[i]))} cm ({res.sex[i]}, Bodyspace)"
    if res.extrapolated[i]:
        text += " - extrapolated: outside the survey's statures, measure it"
    return f"{text}{what}"


def _monitor_angle_text(res: WorkstationResult, i: int) -> str:
    """Return the screen's angle below the eye line against its zone, in words."""
    top = float(res.monitor_top_angle_deg[i])
    if top < 0:
        return f" (top line {-top:.0f}° above the eye line: it should be at or below it)"
    bottom = float(res.monitor_bottom_angle_deg[i])
    if res.progressive_lenses[i]:
        where = f"bottom line {bottom:.0f}°" if not np.isnan(bottom) else f"top line {top:.0f}°"
        return f" ({where} below the eye line; the whole screen should be within 60°)"
    return f" (top line {top:.0f}° below the eye line; at most 20° without progressive lenses)"


def _body_rows(res: WorkstationResult, i: int) -> tuple[tuple, ...]:
    shoe = _cm(float(res.shoe_allowance_cm[i]))
    rows = []
    if res.posture_mode[i] in ("seated", "sit_stand"):
        rows += [
            (
                "Popliteal height with shoes (P)",
                _cm(float(res.popliteal_shod_cm[i])),
                f"measured + {shoe} cm shoes"
                if res.popliteal_measured[i]
                else _estimate(res, i, f" + {shoe} cm shoes"),
            ),
            (
                "Seat to keyboard home row (G)",
                _cm(float(res.keyboard_gap_cm[i])),
                "measured sitting elbow height - 2.5 cm"
                if res.elbow_measured[i]
                else _estimate(res, i, ", sitting elbow height - 2.5 cm"),
            ),
            (
                "Seat to eyes (E)",
                _cm(float(res.eye_gap_cm[i])),
                "measured sitting eye height" if res.eye_measured[i] else _estimate(res, i, ""),
            ),
        ]
    if res.posture_mode[i] in ("standing", "sit_stand"):
        rows.append(
            (
                "Standing elbow height with shoes",
                _cm(float(res.standing_elbow_shod_cm[i])),
                f"measured + {shoe} cm shoes"
                if res.standing_elbow_measured[i]
                else _estimate(res, i, f" + {shoe} cm shoes"),
            )
        )
        rows.append(
            (
                "Standing eye height with shoes",
                _cm(float(res.standing_eye_shod_cm[i])),
                _estimate(res, i, f" + {shoe} cm shoes"),
            )
        )
    angle = float(res.monitor_top_angle_deg[i])
    if not np.isnan(angle):
        lenses = "progressive lenses" if res.progressive_lenses[i] else "no progressive lenses"
        rows.append(
            (
                "Top of screen below the eye line [deg]",
                f"{angle:.0f}",
                f"eyes at {_cm(float(res.eye_height_cm[i]))} cm; {lenses}",
            )
        )
    return tuple(rows)


# Dimensions each posture mode scores (the top of the screen: seated eye height in
# "seated" and "sit_stand", standing eye height in "standing").
_RELEVANT = {
    "seated": ("seat", "keyboard", "monitor", "distance"),
    "standing": ("monitor", "distance", "standing"),
    "sit_stand": DIMENSIONS,
}

_WHY_EDGE = {
    1: "up to 5 cm outside is moderate",
    2: "more than 5 cm outside is high",
}
_BASIS = "project rule on ANSI/HFES 100-2007 and ISO 9241-5 targets"


def factor_result(res: WorkstationResult, i: int = 0) -> FactorResult:
    """Return row ``i`` of a workstation result as a FactorResult for the UI and PDF."""
    band = int(res.band[i])
    mode = str(res.posture_mode[i])
    if band == NOT_APPLICABLE:
        if mode == "":
            reason = "Posture mode not given: no workstation dimension to score."
        elif all(
            np.isnan(float(getattr(res, f"{d}_target_cm")[i]))
            for d in DIMENSIONS
            if d != "distance"
        ) and any(not np.isnan(_actual(res, d, i)) for d in DIMENSIONS):
            reason = "No stature or body dimensions given: personal ranges cannot be set."
        else:
            reason = "No workstation height or viewing distance was measured."
        return FactorResult.not_applicable(
            factor=METHOD.factor, title=METHOD.factor_title, method=METHOD.id, reason=reason
        )

    worst = str(res.worst_dimension[i])
    native = float(res.native[i])
    headline = Metric("deviation", f"worst dimension ({worst})", native, "cm", decimals=1)
    metrics = [headline]
    rows, drivers, not_measured, no_target = [], [], [], []
    outside = []
    for d in _RELEVANT[mode]:
        x, t, lo, hi, dev = _dim(res, d, i)
        if np.isnan(t):
            no_target.append(DIMENSION_TITLES[d].lower())
        elif np.isnan(x):
            not_measured.append(DIMENSION_TITLES[d].lower())
        rows.append(
            (
                DIMENSION_TITLES[d],
                "not measured" if np.isnan(x) else _cm(x),
                "—" if np.isnan(lo) else f"{_cm(lo)}–{_cm(hi)}",
                "—" if np.isnan(t) else _cm(t),
                "—" if np.isnan(dev) else _cm(dev),
            )
        )
        if not np.isnan(dev):
            metrics.append(Metric(f"{d}_deviation", DIMENSION_TITLES[d], dev, "cm", decimals=1))
        if dev > 0:
            text = _driver(d, x, lo, hi, dev)
            if d == "monitor":
                text += _monitor_angle_text(res, i)
            outside.append((dev, text))
    drivers = [text for _, text in sorted(outside, key=lambda o: -o[0])]
    if not drivers:
        drivers.append("Every measured dimension is inside your personal range")
    if res.seat_too_high[i]:
        over = float(res.seat_height_cm[i] - res.popliteal_shod_cm[i] - res.footrest_height_cm[i])
        drivers.append(
            f"Seat {_cm(over)} cm above your popliteal height (with shoes and footrest): "
            "the seat front presses the thighs"
        )
        metrics.append(Metric("seat_front_pressure", "Seat above popliteal height", over, "cm", 1))
    if not res.lumbar_support[i] and mode in ("seated", "sit_stand"):
        drivers.append("No lumbar support (not part of the height score)")

    reason_parts = []
    if res.extrapolated[i]:
        reason_parts.append(
            f"Stature {_cm(float(res.stature_cm[i]))} cm is outside the statures of the "
            f"body-size survey ({_cm(float(res.survey_lo_cm[i]))}-"
            f"{_cm(float(res.survey_hi_cm[i]))} cm, 5th-95th percentile): the estimated body "
            "dimensions are extrapolated; measure them for reliable ranges."
        )
    if not_measured:
        reason_parts.append("Not measured: " + ", ".join(not_measured) + ".")
    if no_target:
        reason_parts.append(
            "No personal range (body dimension or task type missing): " + ", ".join(no_target) + "."
        )
    if band == LOW:
        why = f"Low: every measured dimension is inside its personal range ({_BASIS})."
    else:
        why = (
            f"{band_name(band).capitalize()}: the {DIMENSION_TITLES[worst].lower()} is "
            f"{_cm(native)} cm outside its personal range ({_WHY_EDGE[band]}; {_BASIS})."
        )
    tables = (
        DetailTable(
            title="Workstation dimensions against your personal ranges",
            columns=(
                "dimension",
                "actual [cm]",
                "personal range [cm]",
                "target [cm]",
                "deviation [cm]",
            ),
            rows=tuple(rows),
        ),
        DetailTable(
            title="Body dimensions used",
            columns=("dimension", "value [cm]", "source"),
            rows=_body_rows(res, i),
        ),
    )
    return FactorResult(
        factor=METHOD.factor,
        title=METHOD.factor_title,
        method=METHOD.id,
        applicable=True,
        reason=" ".join(reason_parts),
        band=band,
        index=float(res.index[i]),
        headline=headline,
        metrics=tuple(metrics),
        tables=tables,
        drivers=tuple(drivers),
        borderline=bool(res.borderline[i]),
        why=why,
    )

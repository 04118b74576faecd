"""Check my desk in plain words: the settings, what to change, the advice.

The page and the one-page PDF an employee keeps (``reports.desk_check``) read the same
sentences from here. Everything is
presented from the result (``result.desk_targets``, the factor results, the catalogue's
employee texts) and the answers the employee typed; nothing is scored here. Lengths are
given in centimetres and inches.
"""

from __future__ import annotations

from typing import NamedTuple

from assessments import model as m
from assessments.units import cm_to_in
from reports import bibliography
from scoring import contact_stress, prolonged_sitting, workstation_height
from scoring.recommendations import catalogue_entry
from scoring.results import AssessmentResult

# The individual measures every employee gets (catalogue ids), then the footrest tip.
EVERYDAY = ("SIT-BREAKS", "WS-LUMBAR", "SIT-EXERCISE")
FOOTREST_TIP = "If your feet do not rest flat on the floor, use a footrest."
# Advice the settings already give, in the one sentence that says which way to move:
# the seat-edge and footrest entries would otherwise say it again, or the other way.
COVERED_BY_SETTINGS = ("WS-SETTINGS", "WS-FOOTREST", "CS-SEAT_EDGE")
# Less than this apart, a setting is already right (the settings are whole centimetres).
SAME_CM = 1.0
RED_FLAG_SOURCES = ("nice-cks-sciatica", "girft-ces-2023", "nhs-sciatica")


class SettingRow(NamedTuple):
    """One setting: what it is, the height now (None: not measured) and the one to set."""

    label: str
    now_cm: float | None
    target_cm: float
    action: str  # "raise it 5 cm (2.0 in)", "keep it", "add one" ...


def length(cm: float) -> str:
    """Return a length in whole centimetres with inches, e.g. "52 cm (20.5 in)".

    The inches are those of the whole centimetres shown, so the two always agree.
    """
    whole = round(cm)
    return f"{whole:.0f} cm ({cm_to_in(whole):.1f} in)"


def _change(now: float | None, target: float, up: str, down: str) -> str:
    """Return which way to move a setting and by how much, in words."""
    if now is None:
        return "set it"
    diff = round(target) - round(now)  # the whole centimetres the employee reads
    if abs(diff) < SAME_CM:
        return "keep it"
    return f"{up if diff > 0 else down} {length(abs(diff))}"


def setting_rows(ws: m.Workstation | None, targets: dict[str, float]) -> list[SettingRow]:
    """Return the settings to give, each against what the employee measured now."""
    ws = ws or m.Workstation(not_applicable=True)
    rows = []

    def add(label, now, key, up="raise it", down="lower it"):
        if key in targets:
            rows.append(SettingRow(label, now, targets[key], _change(now, targets[key], up, down)))

    add("Chair seat height", ws.seat_height_cm, "chair_cm")
    if targets.get("footrest_cm", 0) > 0:
        now = ws.footrest_height_cm or None
        action = (
            "add one"
            if now is None
            else _change(now, targets["footrest_cm"], "raise it", "lower it")
        )
        rows.append(SettingRow("Footrest", now, targets["footrest_cm"], action))
    add("Keyboard (desk) height", ws.keyboard_height_cm, "desk_cm")
    add("Top of the screen", ws.monitor_top_height_cm, "monitor_top_cm")
    add(
        "Screen distance from your eyes",
        ws.viewing_distance_cm,
        "viewing_distance_cm",
        up="move it further away by",
        down="bring it closer by",
    )
    add("Desk when you stand", None, "standing_surface_cm")
    add("Top of the screen when you stand", None, "standing_monitor_top_cm")
    return rows


def settings_sentence(ws: m.Workstation | None, targets: dict[str, float]) -> str:
    """Return the settings in one sentence that says which way the chair goes and why.

    When a footrest is needed the chair sits above the height of the legs (the desk does
    not come down far enough, or the chair does not), so the sentence says both at once.
    """
    if "chair_cm" not in targets:
        return ""
    now = ws.seat_height_cm if ws else None
    chair = length(targets["chair_cm"])
    if now is None or abs(targets["chair_cm"] - now) < SAME_CM:
        verb = f"Set your chair to {chair}" if now is None else f"Keep your chair at {chair}"
    else:
        verb = ("Raise" if targets["chair_cm"] > now else "Lower") + f" your chair to {chair}"
    rest = [f"desk {length(targets['desk_cm'])}"]
    if "monitor_top_cm" in targets:
        rest.append(f"top of the screen at {length(targets['monitor_top_cm'])}")
    rest.append(f"screen about {length(targets['viewing_distance_cm'])} from your eyes")
    footrest = targets.get("footrest_cm", 0)
    if footrest > 0:
        first = (
            f"{verb} and put a footrest {length(footrest)} high under your feet: the desk "
            "is high for you, so the chair goes up to bring the keyboard to your elbows "
            "and the footrest keeps your feet flat."
        )
    else:
        first = f"{verb}."
    sentence = f"{first} Then: {', '.join(rest)}."
    if "standing_surface_cm" in targets:
        sentence += f" When you stand: desk {length(targets['standing_surface_cm'])}"
        if "standing_monitor_top_cm" in targets:
            sentence += f", top of the screen at {length(targets['standing_monitor_top_cm'])}"
        sentence += "."
    return sentence


def desk_summary(rows: list[SettingRow]) -> str:
    """Return what to change, compared with the settings above ("" when nothing)."""
    changes = [
        f"{r.label.lower()}: {r.action}"
        for r in rows
        if r.now_cm is not None and r.action != "keep it"
    ]
    if not changes:
        return "Your desk, chair and screen match your settings."
    return "Compared with your settings: " + "; ".join(changes) + "."


def factor_lines(a: m.Assessment, result: AssessmentResult, factor: str) -> list[str]:
    """Return the plain-words lines under one factor's level on the page and in the PDF."""
    f = result.factor(factor)
    if factor == workstation_height.METHOD.factor:
        return [desk_summary(setting_rows(a.workstation, result.desk_targets))]
    if factor == prolonged_sitting.METHOD.factor and a.sitting is not None:
        s = a.sitting
        line = f"You sit about {s.seated_h_per_day:g} hours a day"
        if s.longest_bout_min is not None:
            line += f", up to {s.longest_bout_min:g} minutes without getting up"
        return [line + "."]
    if factor == contact_stress.METHOD.factor:
        lines = []
        pressure = next(
            (x for x in _workstation_metrics(result) if x.key == "seat_front_pressure"), None
        )
        if pressure is not None:
            lines.append(
                "The front edge of your chair presses under your thighs: the seat is about "
                f"{length(pressure.value)} higher than your lower legs (with shoes and footrest)."
            )
        hard = a.contact_stress.hard_edge_h if a.contact_stress else 0
        if hard:
            lines.append(
                f"A hard desk edge presses on your wrists or forearms about {hard:g} hours a day."
            )
        return lines
    return list(f.drivers)


def _workstation_metrics(result: AssessmentResult):
    ws = next((f for f in result.factors if f.factor == workstation_height.METHOD.factor), None)
    return ws.metrics if ws is not None and ws.applicable else ()


def advice(result: AssessmentResult) -> tuple[list[str], list[str]]:
    """Return (what you can do, good habits for everyone): each line once, none against the
    settings (those the settings sentence already gives are left out)."""
    shown: list[str] = []
    for rec in result.recommendations:
        if rec.id in COVERED_BY_SETTINGS and result.desk_targets.get("chair_cm") is not None:
            continue
        if rec.employee_text not in shown:
            shown.append(rec.employee_text)
    everyday = [catalogue_entry(i).employee for i in EVERYDAY]
    everyday = [t for t in everyday if t not in shown]
    if not result.desk_targets.get("footrest_cm"):
        everyday.append(FOOTREST_TIP)
    return shown, everyday


def red_flag_sources() -> str:
    """Return the clinical sources of the red-flag advice, as printed."""
    return "Sources: " + "; ".join(bibliography.get(k).text for k in RED_FLAG_SOURCES)


def now_text(r: SettingRow) -> str:
    """Return the "now" cell of a setting: its length, "none" or "not measured"."""
    if r.now_cm is not None:
        return length(r.now_cm)
    return "none" if r.label == "Footrest" else "not measured"

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
from scoring import contact_stress, prolonged_sitting, rosa, workstation_height
from scoring.recommendations import ROSA_FIXES, catalogue_entry
from scoring.results import AssessmentResult

# The individual measures every employee gets (catalogue ids), then the footrest tip.
EVERYDAY = ("SIT-BREAKS", "WS-LUMBAR", "SIT-EXERCISE")
# Said once, at the foot of the page: the one-page PDF has no Methods section to point to.
DESK_DISCLAIMER = "This check screens how your desk is set up; it is not a diagnosis."
FOOTREST_TIP = "If your feet do not rest flat on the floor, use a footrest."
# Advice the settings already give, in the one sentence that says which way to move:
# the seat-edge and footrest entries would otherwise say it again, or the other way.
COVERED_BY_SETTINGS = ("WS-SETTINGS", "WS-FOOTREST", "CS-SEAT_EDGE")
# Advice the chair and screen answers give line by line (:func:`rosa_lines`), more exactly
# than the catalogue's one sentence a part, which would say it again.
COVERED_BY_ANSWERS = tuple(ROSA_FIXES)
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


def about(cm: float) -> str:
    """Return a rule-of-thumb length as written, with whole inches, e.g. "7.5 cm (3 in)"."""
    return f"{cm:g} cm ({cm_to_in(cm):.0f} in)"


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
    if factor == rosa.METHOD.factor:
        n = len(rosa_lines(a.office_workstation, result.desk_targets))
        if not n:
            return [ROSA_ALL_RIGHT]
        answers = "1 of your answers points" if n == 1 else f"{n} of your answers point"
        return [f"{answers} to something to change: see What you can do, above."]
    return list(f.drivers)


# What the employee's answers about the chair, screen, phone, mouse and keyboard say, and
# what to do, one line per answer away from the checklist's neutral posture (the items and
# additions of bib:sonne-2012 Table 1 and 2, p. 101). Keyed by the model's fields and
# values, so the page and the PDF say the same from the same answers.
SEAT_BY_SETTINGS = "set your chair and footrest as in your settings"
ROSA_BASE_WORDS = {
    ("seat_height_score", 2): "Your knees are not level with your hips: {seat}.",
    ("seat_height_score", 3): "Your feet do not reach the floor flat: {seat}.",
    ("seat_depth_score", 2): "The seat is too deep or too short for you: slide it, or put a "
    "cushion behind your back, so there is a gap of about three fingers, {knee}, between "
    "the seat front and the back of your knees.",
    ("armrest_score", 2): "Your elbows do not rest with your shoulders relaxed: set the "
    "armrests just below your elbows, lower them if they lift your shoulders, or rest your "
    "forearms on the desk.",
    ("back_support_score", 2): "Your backrest does not support the small of your back: sit "
    "right back, lean the backrest slightly back and set it at the small of your back, or "
    "add a cushion.",
    ("monitor_score", 2): "Your screen is low: raise it until its top is about level with "
    "your eyes.",
    ("monitor_score", 3): "Your screen is high: lower it until its top is about level with "
    "your eyes, so your head is not tipped back.",
    ("telephone_score", 2): "Your phone is out of easy reach: keep it within {phone}.",
    ("mouse_score", 2): "You reach for your mouse: keep it right beside the keyboard, with "
    "your elbow close to your side.",
    ("keyboard_score", 2): "Your wrists bend up when you type: fold the keyboard's feet away "
    "and keep your wrists straight.",
}
ROSA_TICK_WORDS = {
    "seat_height_insufficient_space": "There is not enough room for your legs under the desk: "
    "clear the space so you can move them.",
    "seat_height_non_adjustable": "Your seat does not go up and down: ask for a chair that does.",
    "seat_depth_non_adjustable": "Your seat does not slide forward and back: a cushion "
    "behind your back makes it shorter.",
    "armrest_hard_surface": "The armrests are hard or damaged: ask for padded ones.",
    "armrest_too_wide": "The armrests are too far apart: bring them in, or rest your forearms "
    "on the desk instead.",
    "armrest_non_adjustable": "The armrests cannot be adjusted: if they are in the way, "
    "ask whether they can be taken off.",
    "back_work_surface_too_high": "You lean forward off the backrest because the desk is "
    "high: raise your chair (with a footrest if your feet then leave the floor).",
    "back_support_non_adjustable": "The backrest cannot be adjusted: a cushion can bring "
    "support to the small of your back.",
    "monitor_too_far": "Your screen is more than an arm's length ({arm}) away: bring it closer.",
    "monitor_neck_twist": "You turn your head to see the screen: put it straight in front of you.",
    "monitor_glare": "Light shines on your screen: turn it side-on to the window, or draw "
    "the blind.",
    "monitor_no_document_holder": "You work from papers with nowhere to prop them up: use a "
    "document holder beside the screen.",
    "telephone_neck_shoulder_hold": "You hold the phone between your ear and shoulder: use a "
    "headset or the speaker.",
    "telephone_no_hands_free": "Your phone has no headset or speaker: ask for a headset.",
    "mouse_different_surface": "Your mouse is not on the same surface as the keyboard: put "
    "them side by side at one height.",
    "mouse_pinch_grip": "Your mouse is small and you grip it with your fingertips: try a "
    "larger one that fills your hand.",
    "mouse_palm_rest": "A hard wrist rest presses into your wrist: take it away, or use a "
    "soft one.",
    "keyboard_wrist_deviation": "Your wrists bend sideways as you type: sit centred on the "
    "keyboard with your hands in line with your forearms.",
    "keyboard_too_high": "Your keyboard is so high your shoulders lift: raise your chair or "
    "lower the keyboard.",
    "keyboard_overhead_reach": "You reach above your head for things: keep what you use "
    "often within easy reach.",
    "keyboard_platform_non_adjustable": "The desk or tray under your keyboard cannot be "
    "raised or lowered: set your chair to it instead.",
}
ROSA_HEADING = "Your chair, screen, phone, mouse and keyboard"  # where the lines are shown
ROSA_ALL_RIGHT = (
    "Your answers show nothing to change at your chair, screen, phone, mouse or keyboard."
)
ROSA_LENGTHS = {
    "knee": about(7.5),  # bib:sonne-2012 Table 1: about 3 in (7.5 cm) seat front to knee
    "phone": about(30.0),  # bib:sonne-2012 Table 2: telephone within 30 cm
    "arm": about(75.0),  # bib:sonne-2012 Table 2: screen beyond arm's length, 75 cm
}


# The checklist's parts, as the one-page PDF groups the lines (model field prefixes).
ROSA_PARTS = (
    ("Seat height", "seat_height_"),
    ("Seat depth", "seat_depth_"),
    ("Armrests", "armrest_"),
    ("Backrest", "back_"),
    ("Screen", "monitor_"),
    ("Phone", "telephone_"),
    ("Mouse", "mouse_"),
    ("Keyboard", "keyboard_"),
)


def rosa_parts(
    ow: m.OfficeWorkstation | None, targets: dict[str, float]
) -> list[tuple[str, list[str]]]:
    """Return (part, lines) for each part of the chair and screen answers with a line.

    One line per answer away from the neutral posture, in the order asked; [] when none
    is, or the part was skipped. A seat too low or too high points to the personal
    settings when there are any, so the two never give the chair different heights.
    """
    if ow is None or ow.not_applicable:
        return []
    seat = (
        SEAT_BY_SETTINGS
        if "chair_cm" in targets
        else "raise or lower the seat until your thighs are level and your feet rest flat, "
        "with a footrest if they do not reach"
    )
    words = {**ROSA_LENGTHS, "seat": seat}
    out = []
    for label, prefix in ROSA_PARTS:
        lines = []
        for name in type(ow).model_fields:
            if not name.startswith(prefix):
                continue
            value = getattr(ow, name)
            if (name, value) in ROSA_BASE_WORDS:
                lines.append(ROSA_BASE_WORDS[name, value].format(**words))
            elif name in ROSA_TICK_WORDS and value is True:
                lines.append(ROSA_TICK_WORDS[name].format(**words))
        if lines:
            out.append((label, lines))
    return out


def rosa_lines(ow: m.OfficeWorkstation | None, targets: dict[str, float]) -> list[str]:
    """Return what the chair and screen answers say, with what to do: :func:`rosa_parts`'
    lines in one list, as the page shows them."""
    return [line for _, lines in rosa_parts(ow, targets) for line in lines]


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
        if rec.id in COVERED_BY_ANSWERS:
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

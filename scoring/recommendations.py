"""The recommendations catalogue and the quantified what-ifs behind it.

Each catalogue entry has an id, the factor and lowest band that trigger it, its
level in the hierarchy of controls, the text for an officer, the plain-words
text for an employee, and its source. Where the method allows, the entry is
*quantified*: the factor is re-scored with the fix applied (the same ``assess``
function, one changed input) and the effect is stated, e.g. "Task 1: H 50 → 25
cm: LI 1.80 → 0.90". Entries are ranked by the risk they remove (the fall in
the factor's 0-100 index), then by the hierarchy of controls.

Nothing here is a diagnosis: symptoms are referred to a clinician.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from presentation.formatting import format_hours as _hm  # rounds down: "under X" stays below
from scoring import (
    awkward_posture,
    contact_stress,
    hand_arm_vibration,
    lni_zones,
    niosh_lifting,
    prolonged_sitting,
    repetitive_motion,
    rosa,
    whole_body_vibration,
    workstation_height,
)
from scoring import push_pull_carry as ppc
from scoring import revised_strain_index as rsi
from scoring.bands import HIGH, LOW, MODERATE
from scoring.results import CONTROL_LEVELS, Recommendation

NIOSH = "NIOSH Pub. 94-110, Applications Manual for the Revised NIOSH Lifting Equation (2021)"
EU_VIB = "Directive 2002/44/EC Art. 3 and 5; ISO 5349-1:2001"
EU_WBV = "Directive 2002/44/EC Art. 3 and 5; ISO 2631-1:1997"
ANSI = "ANSI/HFES 100-2007; ISO 9241-5:1998; OSHA eTool Computer Workstations"
BUCKLEY = "Buckley et al. 2015, Br J Sports Med 49:1357-62"
# bib:burton-2006 summary: exercise helps against recurrence and consequences, not onset.
BURTON = "Burton et al. 2006, European guidelines for prevention in low back pain, Eur Spine J 15 Suppl 1"
SONNE = "Sonne, Villalta & Andrews 2012, Applied Ergonomics 43:98-108 (ROSA); CSA Z412-00"
LAW_VIB = "EU Directive 2002/44/EC; UK Control of Vibration at Work Regulations 2005"
GARG = "Garg, Moore & Kapellusch 2017, Ergonomics 60(7):912-922 (RSI); 60(8):1033-1041 (COSI, CUSI)"
POTVIN = "Potvin et al. 2021, Ergonomics 64(8):955-970 (Liberty Mutual MMH equations)"
WAC = "WAC 296-62-05105 caution zone and WAC 296-62-05174 Appendix B hazard zone (Washington L&I)"


@dataclass(frozen=True)
class Entry:
    """One catalogue entry (the text may hold {placeholders} the what-if fills)."""

    id: str
    factor: str
    min_band: int
    control: str
    officer: str
    employee: str
    source: str


CATALOGUE: tuple[Entry, ...] = (
    # --- lifting
    Entry(
        "LIFT-ELIMINATE",
        "lifting",
        HIGH,
        "eliminate",
        "Remove the manual lift in '{task}': conveyor, lift table, vacuum lifter or pallet "
        "inverter.",
        "Ask for a lifting aid so '{task}' is not lifted by hand.",
        NIOSH,
    ),
    Entry(
        "LIFT-H",
        "lifting",
        MODERATE,
        "engineer",
        "Bring the load closer in '{task}' (remove barriers, smaller cartons, reach aids).",
        "Hold the load close to your body in '{task}'.",
        NIOSH + ", HM = 25/H",
    ),
    Entry(
        "LIFT-V",
        "lifting",
        MODERATE,
        "engineer",
        "Raise the origin of '{task}' to knuckle height (about 75 cm) with a lift table or "
        "pallet raiser.",
        "Keep what you lift between knee and shoulder height.",
        NIOSH + ", VM = 1 - 0.003|V - 75|",
    ),
    Entry(
        "LIFT-A",
        "lifting",
        MODERATE,
        "engineer",
        "Lay out '{task}' so the worker does not twist: origin and destination in front.",
        "Turn with your feet, not your back.",
        NIOSH + ", AM = 1 - 0.0032A",
    ),
    Entry(
        "LIFT-LOAD",
        "lifting",
        MODERATE,
        "engineer",
        "Reduce the load in '{task}' to at most the recommended weight limit.",
        "Split heavy loads or ask for help.",
        NIOSH + ", LI = L / RWL",
    ),
    Entry(
        "LIFT-F",
        "lifting",
        MODERATE,
        "administrate",
        "Halve the lift rate in '{task}' (rotation, pacing, more people).",
        "Take turns with colleagues on '{task}'.",
        NIOSH + ", Table 5",
    ),
    Entry(
        "LIFT-C",
        "lifting",
        MODERATE,
        "engineer",
        "Give the containers in '{task}' good handles or hand-hold cut-outs.",
        "Use containers with handles.",
        NIOSH + ", Tables 6-7",
    ),
    # --- hand-arm vibration
    Entry(
        "HAV-ELV",
        "hand_arm_vibration",
        3,
        "eliminate",
        "Exposure has reached the exposure limit value, above which workers shall not be "
        "exposed (EU Directive 2002/44/EC Art. 5(3); UK Control of Vibration at Work "
        "Regulations 2005 reg. 6(4)): act at once to bring it below the limit value.",
        "Your vibration exposure has reached the legal limit (" + LAW_VIB + "): your employer "
        "must reduce it now.",
        EU_VIB,
    ),
    Entry(
        "HAV-TOOL",
        "hand_arm_vibration",
        HIGH,
        "engineer",
        "Replace the {tool} by a lower-vibration tool or process (at most {a_needed} m/s² for "
        "the same trigger time).",
        "Ask for a low-vibration {tool}.",
        EU_VIB,
    ),
    Entry(
        "HAV-TIME",
        "hand_arm_vibration",
        HIGH,
        "administrate",
        "Keep the {tool} under {limit} a day to stay below the EAV.",
        "Use the {tool} for less than {limit} a day.",
        EU_VIB + "; HSE exposure points",
    ),
    Entry(
        "HAV-DECLARED",
        "hand_arm_vibration",
        LOW,
        "administrate",
        "The A(8) of the {tool} rests on the manufacturer's declared emission value: check it "
        "with in-use vibration data or a measurement before relying on the time limits.",
        "Ask whether the vibration of the {tool} has been measured in use.",
        "HSE L140 (manufacturers' declared values)",
    ),
    Entry(
        "HAV-SURVEILLANCE",
        "hand_arm_vibration",
        HIGH,
        "administrate",
        "Provide health surveillance for workers above the EAV and train them on the "
        "signs of HAVS.",
        "Report tingling, numbness or white fingers to your manager.",
        "Directive 2002/44/EC Art. 8; UK Control of Vibration at Work Regulations 2005 reg. 7",
    ),
    # --- whole-body vibration
    Entry(
        "WBV-TIME",
        "whole_body_vibration",
        HIGH,
        "administrate",
        "Keep time on the {source} under {limit} a day to stay below the EAV.",
        "Limit time on the {source} to {limit} a day.",
        EU_WBV,
    ),
    Entry(
        "WBV-SEAT",
        "whole_body_vibration",
        HIGH,
        "engineer",
        "Fit a suspension seat matched to the {source}, maintain tyres and routes, and "
        "control speed.",
        "Adjust your seat suspension to your weight; slow down on rough ground.",
        EU_WBV,
    ),
    Entry(
        "WBV-SHOCKS",
        "whole_body_vibration",
        LOW,
        "engineer",
        "Jolts or shocks on the {source}, or a vibration dose value that reaches a value A(8) "
        "does not: A(8) under-estimates this risk. Measure the VDV, and cut the shocks "
        "(maintain routes and surfaces, control speed, fit a suspension seat matched to the "
        "machine).",
        "Slow down over bumps and rough ground, and tell your manager about jolts.",
        EU_WBV + " §6.2-6.3 (VDV)",
    ),
    # --- workstation
    Entry(
        "WS-SETTINGS",
        "workstation",
        MODERATE,
        "engineer",
        "Set the workstation to the worker's personal targets: {settings}.",
        "Set your workstation: {settings}.",
        ANSI,
    ),
    Entry(
        "WS-LUMBAR",
        "workstation",
        LOW,
        "individual",
        "Provide lumbar support (adjustable backrest, cushion or rolled towel).",
        "Support the small of your back with the backrest, a cushion or a rolled towel.",
        "ANSI/HFES 100-2007 §8 (seating); ROSA back-support item (Sonne et al. 2012)",
    ),
    Entry(
        "WS-FOOTREST",
        "workstation",
        LOW,
        "individual",
        "Provide a footrest of about {footrest} cm: with the chair at the height the desk "
        "needs, the worker's feet do not rest flat on the floor.",
        "Use a footrest (about {footrest} cm high) so your feet rest flat.",
        "ISO 9241-5:1998 (feet supported when the seat is above popliteal height); "
        "ANSI/HFES 100-2007",
    ),
    # --- sitting
    Entry(
        "SIT-BREAKS",
        "sitting",
        MODERATE,
        "individual",
        "Break up sitting regularly: stand up or move at least every 30 minutes.",
        "Stand up or move for a few minutes at least every 30 minutes; change your sitting "
        "position often.",
        BUCKLEY + " (break up seated work regularly); 30-minute interval: project choice",
    ),
    Entry(
        "SIT-STANDDESK",
        "sitting",
        MODERATE,
        "engineer",
        # Buckley 2015 p. 1357 (the statement's first recommendation): at first 2 h a
        # day of standing and light activity at work, in time 4 h a day.
        "Provide a sit-stand desk so the worker can alternate sitting, standing and light "
        "walking: at first about 2 hours a day of standing and moving about at work, in time "
        "about 4 hours; avoid long spells of standing still.",
        "Alternate sitting, standing and light walking during the day; avoid standing still "
        "for long.",
        BUCKLEY + " (p. 1357)",
    ),
    Entry(
        "SIT-EXERCISE",
        "sitting",
        MODERATE,
        "individual",
        "Encourage workers to stay physically active: regular physical exercise is "
        "recommended to reduce the recurrence and consequences of back pain.",
        "Stay physically active: choose exercise you enjoy and keep it up.",
        BURTON,
    ),
    # --- office workstation (ROSA): each entry brings one ROSA section to its neutral
    # postures (every base score 1, no additions), as Sonne et al. 2012 define them.
    Entry(
        "ROSA-CHAIR",
        "office_workstation",
        MODERATE,
        "engineer",
        "Adjust or replace the chair so seat height and depth, armrests and back support are "
        "neutral (ROSA section A): knees at about 90° with the feet flat, 7.5 cm between seat "
        "front and knee, elbows supported with relaxed shoulders, lower back supported.",
        "Set your chair so your feet rest flat with your knees level with your hips, there is "
        "a gap of three fingers behind your knees, your elbows rest with relaxed shoulders "
        "and the backrest supports the small of your back.",
        SONNE,
    ),
    Entry(
        "ROSA-SCREEN-PHONE",
        "office_workstation",
        MODERATE,
        "engineer",
        "Place the screen at arm's length with its top at eye level, straight ahead and free "
        "of glare, with a document holder where documents are used; provide a headset or "
        "keep the telephone within 30 cm (ROSA section B).",
        "Put your screen straight in front of you, an arm's length away, with the top at eye "
        "level; use a headset rather than holding the phone with your shoulder.",
        SONNE,
    ),
    Entry(
        "ROSA-MOUSE-KEYBOARD",
        "office_workstation",
        MODERATE,
        "engineer",
        "Put mouse and keyboard on one surface, the mouse in line with the shoulder and sized "
        "to the hand, the keyboard flat at a height where the wrists stay straight and the "
        "shoulders relaxed (ROSA section C).",
        "Keep your mouse right next to your keyboard on the same surface, and your wrists "
        "straight and shoulders relaxed while you type.",
        SONNE,
    ),
    # --- hand-intensive tasks (RSI): each entry brings one input of the worst task to the
    # value that alone takes its RSI to the authors' hazard threshold 10, then re-scores.
    Entry(
        "RSI-FORCE",
        "hand_exertion",
        HIGH,
        "engineer",
        "Reduce the force of each exertion in {task}: sharper or powered tools, lighter "
        "parts, better grip surfaces or jigs; intensity {was} → {to} of maximum "
        "strength brings the task's RSI to 10.",
        "Ask for tools that need less hand force (sharper, powered or better to grip).",
        GARG,
    ),
    Entry(
        "RSI-EFFORTS",
        "hand_exertion",
        HIGH,
        "engineer",
        "Cut the number of hand exertions in {task} (fewer cuts or fastenings per part, "
        "automation of the most frequent step): efforts {was} → {to} "
        "brings the task's RSI to 10.",
        "Ask whether some of the repeated hand movements can be done by a machine.",
        GARG,
    ),
    Entry(
        "RSI-HOURS",
        "hand_exertion",
        HIGH,
        "administrate",
        "Rotate workers so no one does {task} for more than {to} a day (now {was}), "
        "with the rest of the shift on work that rests the hands.",
        "Take turns with colleagues so you spend less of the day on this hand work.",
        GARG,
    ),
    # --- push, pull and carry (LM-MMH): each entry brings the worst task's force or weight
    # to the value acceptable to the chosen share (ratio 1.0), then re-scores.
    Entry(
        "PPC-FORCE",
        "push_pull_carry",
        MODERATE,
        "engineer",
        "Reduce the force needed to push or pull in {task}: larger or better-maintained "
        "wheels and castors, smoother floors, lighter loads or a powered tug; {was} → {to} "
        "brings it to the force acceptable to the share protected.",
        "Ask for carts that roll more easily (better wheels, lighter loads, smoother floor).",
        POTVIN,
    ),
    Entry(
        "PPC-WEIGHT",
        "push_pull_carry",
        MODERATE,
        "engineer",
        "Lighten what is carried in {task} (smaller containers, split loads) or put it on a "
        "cart: {was} → {to} brings it to the weight acceptable to the share protected.",
        "Ask for smaller loads or a trolley instead of carrying by hand.",
        POTVIN,
    ),
)

# Red flags (never a diagnosis). Pain spreading down a leg with numbness, tingling or
# weakness is sciatica-type pain: see a clinician soon (bib:nice-ng59). The
# warning signs of cauda equina syndrome need emergency care now (bib:nice-cks-sciatica
# "Red flag symptoms and signs"; bib:girft-ces-2023 "presentation in the community"); the
# UK wording "go to A&E or call 999" is the NHS's own (bib:nhs-sciatica "Urgent advice").
RED_FLAG_SOURCE = (
    "NICE CKS Sciatica (lumbar radiculopathy): red flag symptoms and signs; "
    "GIRFT National Suspected Cauda Equina Syndrome Pathway (NHS England, 2023); "
    "NHS: Sciatica, urgent advice"
)
# The cauda equina warning signs, in the words a person reads (bib:nice-cks-sciatica;
# bib:nhs-sciatica). Keys are the model's field names (assessments.model.Symptoms).
CAUDA_EQUINA_SIGNS = {
    "bladder_bowel": "New difficulty passing urine, or new trouble controlling your bladder "
    "or bowel",
    "saddle_numbness": "Numbness or altered feeling between your legs, around your genitals "
    "or back passage (the area that would touch a saddle)",
    "both_legs": "Pain, numbness, tingling or weakness in both legs",
    "worsening_weakness": "Weakness in a leg that is getting worse quickly",
}
LEG_SYMPTOMS = "Pain that spreads down one leg, with numbness, tingling or weakness"

EMERGENCY_ADVICE = Recommendation(
    id="SYMPTOMS-EMERGENCY",
    factor="general",
    control="individual",
    officer_text="The worker reports a warning sign of cauda equina syndrome (new bladder or "
    "bowel difficulty, saddle numbness, symptoms in both legs or rapidly worsening leg "
    "weakness): they need emergency care now (UK: A&E or 999; elsewhere: the emergency "
    "department or emergency number). Stop the assessment and make sure they go. This "
    "assessment is not a diagnosis.",
    employee_text="Seek emergency care now. In the UK, go to A&E or call 999; elsewhere, go "
    "to the nearest emergency department or call your emergency number. Tell them which of "
    "these signs you noticed. They can be signs of a problem with the nerves at the bottom of "
    "the spine that needs checking straight away; this check cannot tell what causes them.",
    source=RED_FLAG_SOURCE,
)
SYMPTOM_ADVICE = Recommendation(
    id="SYMPTOMS-CLINICIAN",
    factor="general",
    control="individual",
    officer_text="The worker reports symptoms: refer to occupational health or a clinician; "
    "this assessment is not a diagnosis.",
    employee_text="Pain that spreads down a leg with numbness, tingling or weakness should be "
    "checked by a doctor or physiotherapist soon. This tool cannot diagnose it.",
    source="NICE NG59 (2016, updated 2020): low back pain and sciatica",
)


def symptom_advice(*, cauda_equina_signs: bool, leg_symptoms: bool) -> tuple[Recommendation, ...]:
    """Return the red-flag advice for the symptoms reported, most urgent first.

    Any cauda equina warning sign gives :data:`EMERGENCY_ADVICE`; leg pain with numbness,
    tingling or weakness gives :data:`SYMPTOM_ADVICE` (see a clinician soon). Both can
    apply; nothing reported gives ``()``.
    """
    out = []
    if cauda_equina_signs:
        out.append(EMERGENCY_ADVICE)
    if leg_symptoms:
        out.append(SYMPTOM_ADVICE)
    return tuple(out)


_ENTRY = {e.id: e for e in CATALOGUE}
_CONTROL_RANK = {c: i for i, c in enumerate(CONTROL_LEVELS)}


def catalogue_entry(entry_id: str) -> Entry:
    """Return one catalogue entry; unknown ids are answered with the valid ones."""
    if entry_id not in _ENTRY:
        raise KeyError(f"entry == {entry_id!r}, must be one of: {', '.join(_ENTRY)}.")
    return _ENTRY[entry_id]


# ------------------------------------------------------------------------- helpers


def _row(kwargs: Mapping[str, Any], i: int) -> dict[str, np.ndarray]:
    """Return one assessment's inputs as length-1 arrays (keeps (1, K) for lists)."""
    out = {}
    for k, v in kwargs.items():
        a = np.asarray(v)
        out[k] = a[i : i + 1].copy() if a.ndim >= 1 else a
    return out


def _with(kw: Mapping[str, np.ndarray], **changes) -> dict[str, np.ndarray]:
    out = {k: np.array(v, copy=True) for k, v in kw.items()}
    for name, (where, value) in changes.items():
        if where is None:
            out[name] = np.full_like(out[name], value)
        else:
            out[name][where] = value
    return out


def _f(x: float, d: int = 2) -> str:
    return "n/a" if x is None or not np.isfinite(x) else f"{x:.{d}f}"


def _make(entry: Entry, before: float, after: float, effect: str, **fmt) -> Recommendation:
    return Recommendation(
        id=entry.id,
        factor=entry.factor,
        control=entry.control,
        officer_text=entry.officer.format(**fmt),
        employee_text=entry.employee.format(**fmt),
        source=entry.source,
        effect=effect,
        index_before=before,
        index_after=after,
    )


def _quantified(
    rec: Recommendation, before: float, after: float, list_id: str, changes: Mapping
) -> Recommendation:
    """Return ``rec`` with its native values and its input changes as model paths.

    ``changes`` are the engine's ``{input: ((0, k), value)}``: slot k of a list input is
    item k of the assessment's list, and the input names are the item's field names.
    """
    paths = tuple(
        (list_id, int(where[1]), name, value.item() if hasattr(value, "item") else value)
        for name, (where, value) in changes.items()
        if where is not None and name != "excluded"
    )
    return dataclasses.replace(rec, native_before=before, native_after=after, changes=paths)


def _plain(entry: Entry, before: float = math.nan, **fmt) -> Recommendation:
    return _make(entry, before, math.nan, "", **fmt)


# -------------------------------------------------------------------- per factor


def _task_what_ifs(kw, res, k: int) -> list[tuple[str, dict, str]]:
    """Return (entry id, input changes, description) for the fixes that apply to task k."""
    at = (0, k)
    us = bool(np.asarray(kw["us_units"])[at])
    to_len = (lambda cm: f"{cm / 2.54:.0f} in") if us else (lambda cm: f"{cm:.0f} cm")
    to_w = (lambda kg: f"{kg / 0.45359237:.1f} lb") if us else (lambda kg: f"{kg:.1f} kg")
    h_min = 25.4 if us else 25.0  # HM = 1 at H <= 25 cm / 10 in (NIOSH 94-110 p. 8)
    v_opt = 76.2 if us else 75.0  # VM = 1 at knuckle height
    out: list[tuple[str, dict, str]] = []
    h_o, h_d = float(kw["h_origin_cm"][at]), float(np.nan_to_num(kw["h_dest_cm"][at]))
    if max(h_o, h_d) > h_min:
        changes = {"h_origin_cm": (at, min(h_o, h_min))}
        if np.isfinite(kw["h_dest_cm"][at]):
            changes["h_dest_cm"] = (at, min(h_d, h_min))
        out.append(("LIFT-H", changes, f"H {to_len(max(h_o, h_d))} → {to_len(h_min)}"))
    v_o = float(kw["v_origin_cm"][at])
    if abs(v_o - v_opt) > 10:
        out.append(("LIFT-V", {"v_origin_cm": (at, v_opt)}, f"V {to_len(v_o)} → {to_len(v_opt)}"))
    a = max(float(kw["asymmetry_origin_deg"][at]), float(kw["asymmetry_dest_deg"][at]))
    if a > 0:
        out.append(
            (
                "LIFT-A",
                {"asymmetry_origin_deg": (at, 0.0), "asymmetry_dest_deg": (at, 0.0)},
                f"asymmetry {a:.0f}° → 0°",
            )
        )
    f = float(kw["lifts_per_min"][at])
    if f > 0.2:
        out.append(("LIFT-F", {"lifts_per_min": (at, f / 2)}, f"F {f:g} → {f / 2:g} lifts/min"))
    if str(kw["coupling"][at]) != "good":
        out.append(("LIFT-C", {"coupling": (at, "good")}, f"coupling {kw['coupling'][at]} → good"))
    rwl = float(np.asarray(res.rwl_kg)[at])
    load = float(kw["load_kg"][at])
    if np.isfinite(rwl) and load > rwl > 0:
        changes = {"load_kg": (at, rwl)}
        if "load_max_kg" in kw and np.isfinite(kw["load_max_kg"][at]):
            changes["load_max_kg"] = (at, min(float(kw["load_max_kg"][at]), rwl))
        out.append(("LIFT-LOAD", changes, f"load {to_w(load)} → {to_w(rwl)}"))
    if int(np.asarray(res.n_tasks)[0]) > 1:
        out.append(("LIFT-ELIMINATE", {"excluded": (at, True)}, "lift removed"))
    return out


def _lifting(kw, res, band, index) -> list[Recommendation]:
    """Try every fix on every task; keep, per kind of fix, the task where it buys most."""
    li = np.asarray(res.li)[0]
    if np.all(np.isnan(li)):
        return []
    names = np.asarray(kw.get("task_names", np.full(li.shape, "")))[0]
    multi = int(np.asarray(res.n_tasks)[0]) > 1
    label = "CLI" if multi else "LI"
    native = float(np.asarray(res.native)[0])
    best: dict[str, tuple[float, Recommendation]] = {}
    for k in np.flatnonzero(~np.isnan(li)):
        task = str(names[k]) or f"Task {k + 1}"
        for entry_id, changes, what in _task_what_ifs(kw, res, int(k)):
            new = niosh_lifting.assess(**_with(kw, **changes))
            after_native = float(np.asarray(new.native)[0])
            after_index = float(np.asarray(new.index)[0])
            effect = f"{task}: {what}: {label} {_f(native)} → {_f(after_native)}"
            rec = _quantified(
                _make(_ENTRY[entry_id], index, after_index, effect, task=task),
                native,
                after_native,
                "lifting.tasks",
                changes,
            )
            if entry_id not in best or after_native < best[entry_id][0]:
                best[entry_id] = (after_native, rec)
    if not multi and band >= HIGH:
        task = str(names[int(np.nanargmax(li))]) or "Task 1"
        best["LIFT-ELIMINATE"] = (
            0.0,
            _make(_ENTRY["LIFT-ELIMINATE"], index, 0.0, f"{task}: no manual lift", task=task),
        )
    return [rec for _, rec in best.values()]


def _hand_arm(kw, res, band, index) -> list[Recommendation]:
    out = []
    partial = np.asarray(res.partial_a8_m_s2)[0]
    if np.all(np.isnan(partial)):
        return out
    names = np.asarray(res.tool_names)[0]
    a8 = float(np.asarray(res.a8_m_s2)[0])
    t = np.asarray(kw["trigger_time_h"], dtype=float)[0]
    eav = hand_arm_vibration.EAV_M_S2
    if band >= 3:
        out.append(_plain(_ENTRY["HAV-ELV"], index))
    declared = np.asarray(res.declared, dtype=bool)[0]
    if declared.any():
        top = int(np.nanargmax(np.where(declared, partial, -np.inf)))
        out.append(_plain(_ENTRY["HAV-DECLARED"], index, tool=str(names[top])))
    limits = np.asarray(res.tool_time_limit_eav_h)[0]
    k = int(np.nanargmax(partial))
    tool = str(names[k])
    if a8 >= eav and 0 < limits[k] < t[k]:
        # One tool's time alone can bring the day below the EAV.
        change = {"trigger_time_h": ((0, k), limits[k] * 0.99)}
        new = hand_arm_vibration.assess(**_with(kw, **change))
        eff = (
            f"{tool}: {_hm(t[k])} → under {_hm(limits[k])} a day: A(8) {_f(a8)} → "
            f"{_f(float(np.asarray(new.a8_m_s2)[0]))} m/s²"
        )
        rec = _make(
            _ENTRY["HAV-TIME"],
            index,
            float(np.asarray(new.index)[0]),
            eff,
            tool=tool,
            limit=_hm(limits[k]),
        )
        out.append(
            _quantified(rec, a8, float(np.asarray(new.a8_m_s2)[0]), "vibration.tools", change)
        )
    elif a8 >= eav:
        # The others already reach the EAV: scale every tool's time by (EAV / A(8))².
        factor = (eav / a8) ** 2 * 0.99
        new_t = np.where(np.isnan(t), t, t * factor)
        new = hand_arm_vibration.assess(
            **_with(kw, trigger_time_h=(None, 0.0)) | {"trigger_time_h": new_t[None, :]}
        )
        per_tool = ", ".join(
            f"{names[j]} under {_hm(new_t[j])}" for j in np.flatnonzero(~np.isnan(partial))
        )
        eff = f"all tools × {factor:.2f}: A(8) {_f(a8)} → {_f(float(np.asarray(new.a8_m_s2)[0]))} m/s²"
        entry = Entry(
            "HAV-TIME",
            "hand_arm_vibration",
            HIGH,
            "administrate",
            # Tool names are user text: passed as a value, never joined into the template.
            "Cut every tool's trigger time to stay below the EAV: {per_tool}.",
            "Use the tools for less time: {per_tool} a day.",
            _ENTRY["HAV-TIME"].source,
        )
        out.append(_make(entry, index, float(np.asarray(new.index)[0]), eff, per_tool=per_tool))
    # Magnitude for the biggest contributor that keeps the day below the EAV, same times.
    others = float(np.nansum(partial**2) - partial[k] ** 2)
    room = eav**2 - others
    if a8 >= eav and room > 0 and t[k] > 0:
        a_needed = math.sqrt(room / (t[k] / 8.0)) * 0.99
        change = {"a_hv_m_s2": ((0, k), a_needed)}
        new = hand_arm_vibration.assess(**_with(kw, **change))
        eff = (
            f"{tool}: a_hv {_f(float(kw['a_hv_m_s2'][0, k]), 1)} → {_f(a_needed, 1)} m/s²: "
            f"A(8) {_f(a8)} → {_f(float(np.asarray(new.a8_m_s2)[0]))} m/s²"
        )
        rec = _make(
            _ENTRY["HAV-TOOL"],
            index,
            float(np.asarray(new.index)[0]),
            eff,
            tool=tool,
            a_needed=_f(a_needed, 1),
        )
        out.append(
            _quantified(rec, a8, float(np.asarray(new.a8_m_s2)[0]), "vibration.tools", change)
        )
    elif a8 >= eav:
        out.append(
            _plain(
                Entry(
                    "HAV-TOOL",
                    "hand_arm_vibration",
                    HIGH,
                    "engineer",
                    "Replace the highest-vibration tools and processes (start with the "
                    "{tool}) by lower-vibration ones.",
                    "Ask for low-vibration tools.",
                    _ENTRY["HAV-TOOL"].source,
                ),
                index,
                tool=tool,
            )
        )
    if a8 >= eav:
        out.append(_plain(_ENTRY["HAV-SURVEILLANCE"], index))
    return out


def _whole_body(kw, res, band, index) -> list[Recommendation]:
    out = []
    limits = np.asarray(res.source_time_limit_eav_h)[0]
    t = np.asarray(kw["exposure_h"])[0]
    names = np.asarray(res.source_names)[0]
    a8 = float(np.asarray(res.a8_m_s2)[0])
    # The source whose time limit bites hardest (largest share of the dose).
    used = np.asarray(res.used, dtype=bool)[0]
    if not used.any():
        return out
    ratio = np.where(
        used & (t > 0), np.nan_to_num(limits, nan=np.inf) / np.where(t > 0, t, 1), np.inf
    )
    k = int(np.argmin(ratio))
    source = str(names[k])
    if np.isfinite(limits[k]) and 0 < limits[k] < t[k]:
        change = {"exposure_h": ((0, k), limits[k] * 0.99)}
        new = whole_body_vibration.assess(**_with(kw, **change))
        eff = (
            f"{source}: {_hm(float(t[k]))} → under {_hm(float(limits[k]))} a day: A(8) "
            f"{_f(a8)} → {_f(float(np.asarray(new.a8_m_s2)[0]))} m/s²"
        )
        rec = _make(
            _ENTRY["WBV-TIME"],
            index,
            float(np.asarray(new.index)[0]),
            eff,
            source=source,
            limit=_hm(float(limits[k])),
        )
        out.append(
            _quantified(rec, a8, float(np.asarray(new.a8_m_s2)[0]), "vibration.sources", change)
        )
    out.append(_plain(_ENTRY["WBV-SEAT"], index, source=source))
    if bool(np.asarray(res.a8_underestimates)[0]):
        out.append(_plain(_ENTRY["WBV-SHOCKS"], index, source=_shock_source(res)))
    return out


def _shock_source(res) -> str:
    """Return the first source with jolts or shocks, else the one with the highest VDV."""
    names = np.asarray(res.source_names)[0]
    jolts = np.asarray(res.shocks, dtype=bool)[0]
    if jolts.any():
        return str(names[int(np.argmax(jolts))])
    vdv = np.nanmax(
        np.stack(
            [
                np.asarray(res.source_vdv_x_m_s175)[0],
                np.asarray(res.source_vdv_y_m_s175)[0],
                np.asarray(res.source_vdv_z_m_s175)[0],
            ]
        ),
        axis=0,
    )
    return str(names[int(np.nanargmax(vdv))])


def settings_text(targets: workstation_height.PersonalTargets, i: int = 0) -> str:
    """Return row ``i`` of personal targets as a plain-words list of settings.

    A fragment that reads after "Set your workstation:" or "personal targets:", e.g.
    "chair 56 cm, footrest 10 cm, desk 74 cm, top of screen at 127 cm, screen about
    60 cm from the eyes". Heights are rounded to whole cm; a furniture limit is
    appended after a semicolon ("; the chair does not go high enough: a taller chair
    is needed").
    """

    def v(name):
        return float(getattr(targets, name)[i])

    parts = []
    seated = not np.isnan(v("chair_cm"))
    if seated:
        parts.append(f"chair {v('chair_cm'):.0f} cm")
        if v("footrest_cm") > 0:
            parts.append(f"footrest {v('footrest_cm'):.0f} cm")
        parts.append(f"desk {v('desk_cm'):.0f} cm")
        if not np.isnan(v("monitor_top_cm")):
            parts.append(f"top of screen at {v('monitor_top_cm'):.0f} cm")
    if not np.isnan(v("standing_surface_cm")):
        label = "standing desk" if seated else "work surface"
        parts.append(f"{label} {v('standing_surface_cm'):.0f} cm")
    if not np.isnan(v("standing_monitor_top_cm")):
        when = " when standing" if seated else ""
        parts.append(f"top of screen{when} at {v('standing_monitor_top_cm'):.0f} cm")
    if not np.isnan(v("viewing_distance_cm")):
        parts.append(f"screen about {v('viewing_distance_cm'):.0f} cm from the eyes")
    limits = furniture_limits(targets, i)
    return "; ".join([", ".join(parts), *limits]) if parts else "; ".join(limits)


def furniture_limits(targets: workstation_height.PersonalTargets, i: int = 0) -> list[str]:
    """Return, in words, the furniture limits that keep row ``i``'s settings out of reach."""
    limits = []
    if bool(targets.chair_too_low[i]):
        limits.append("the chair does not go high enough: a taller chair is needed")
    if bool(targets.desk_too_high[i]):
        limits.append("the desk stays too high even with the chair raised: a lower desk is needed")
    if bool(targets.desk_too_low[i]):
        limits.append("the desk does not go high enough: a taller desk is needed")
    if bool(targets.standing_surface_out_of_reach[i]):
        limits.append("the desk cannot reach the best standing height")
    return limits


def _workstation(kw, res, band, index) -> tuple[list[Recommendation], dict[str, float]]:
    targets = workstation_height.personal_targets(
        **{k: v for k, v in kw.items() if k in workstation_height.PERSONAL_TARGET_INPUTS}
    )
    settings = {
        name: round(float(np.asarray(v)[0]), 1)
        for name, v in targets._asdict().items()
        if np.asarray(v).dtype.kind == "f" and np.isfinite(np.asarray(v)[0])
    }
    out = []
    if band >= MODERATE:
        changes = {}
        for target_name, input_name in workstation_height.TARGET_TO_INPUT.items():
            if (
                target_name in settings
                and input_name in kw
                and np.isfinite(np.asarray(kw[input_name])[0])
            ):
                changes[input_name] = (None, settings[target_name])
        if "footrest_cm" in settings and "footrest_height_cm" in kw:
            changes["footrest_height_cm"] = (None, settings["footrest_cm"])
        new = workstation_height.assess(**_with(kw, **changes))
        text = settings_text(targets, 0)
        eff = (
            f"worst dimension {_f(float(np.asarray(res.native)[0]), 1)} cm out of range → "
            f"{_f(float(np.asarray(new.native)[0]), 1)} cm"
        )
        out.append(
            _make(_ENTRY["WS-SETTINGS"], index, float(np.asarray(new.index)[0]), eff, settings=text)
        )
    if "lumbar_support" in kw and not bool(np.asarray(kw["lumbar_support"])[0]):
        out.append(_plain(_ENTRY["WS-LUMBAR"], index))
    if _needs_footrest(kw, res)[0]:
        out.append(
            _plain(_ENTRY["WS-FOOTREST"], index, footrest=f"{float(res.set_footrest_cm[0]):.0f}")
        )
    return out, settings


def _needs_footrest(kw, res) -> np.ndarray:
    """True where the personal settings need a footrest higher than the one in use."""
    target = np.nan_to_num(np.asarray(res.set_footrest_cm, dtype=float), nan=0.0)
    current = np.nan_to_num(np.asarray(kw.get("footrest_height_cm", 0.0), dtype=float), nan=0.0)
    return target > current + 0.5


# Sitting: a break is advised where the longest bout passes the low band's top (30 min),
# a sit-stand desk from the daily seated time where moderate begins (4 h/day), and the
# what-if moves Buckley et al.'s initial 2 h/day of sitting to standing.
BREAK_AFTER_MIN = prolonged_sitting.BOUT_SCALE.edges[0]
STAND_DESK_FROM_H = prolonged_sitting.HOURS_SCALE.edges[0]
STAND_SWAP_H = prolonged_sitting.BUCKLEY_INITIAL_H


def _sitting(kw, res, band, index) -> list[Recommendation]:
    out = []
    bout = float(np.asarray(kw["longest_bout_min"])[0])
    hours = float(np.asarray(kw["seated_h_per_day"])[0])
    if np.isfinite(bout) and bout > BREAK_AFTER_MIN:
        new = prolonged_sitting.assess(**_with(kw, longest_bout_min=(None, BREAK_AFTER_MIN)))
        eff = f"longest bout {bout:.0f} → {BREAK_AFTER_MIN:.0f} min: band {_band(band)} → {_band(int(np.asarray(new.band)[0]))}"
        out.append(_make(_ENTRY["SIT-BREAKS"], index, float(np.asarray(new.index)[0]), eff))
    if np.isfinite(hours) and hours >= STAND_DESK_FROM_H:
        target = max(0.0, hours - STAND_SWAP_H)
        new = prolonged_sitting.assess(
            **_with(
                kw,
                seated_h_per_day=(None, target),
                standing_h_per_day=(
                    None,
                    float(np.asarray(kw["standing_h_per_day"])[0]) + STAND_SWAP_H,
                ),
            )
        )
        eff = (
            f"seated {hours:g} → {target:g} h/day: band {_band(band)} → "
            f"{_band(int(np.asarray(new.band)[0]))}"
        )
        out.append(_make(_ENTRY["SIT-STANDDESK"], index, float(np.asarray(new.index)[0]), eff))
    out.append(_plain(_ENTRY["SIT-EXERCISE"], index))
    return out


def _band(code: int) -> str:
    from scoring.bands import band_name

    return band_name(code)


def _capped(kw: Mapping[str, np.ndarray], names, limit: float) -> dict[str, np.ndarray]:
    """Return the inputs with the named hours inputs cut to at most ``limit`` (blanks kept)."""
    out = {k: np.array(v, copy=True) for k, v in kw.items()}
    for name in (names,) if isinstance(names, str) else names:
        v = np.asarray(out[name], dtype=float)
        out[name] = np.where(np.isnan(v), v, np.minimum(v, limit))
    return out


# Contact stress: control per criterion for the recommendations catalogue: (control level, officer
# text, employee text). Sources: bib:osha-etools-contact-stress; bib:niosh-2004-164 (handles).
CONTACT_STRESS_ADVICE = {
    "hammer": (
        "engineer",
        "Provide a mallet, press or insertion tool so the hand or knee is no longer used "
        "as a hammer; redesign parts that have to be struck to seat.",
        "Use a mallet or a tool instead of striking with your palm or knee.",
    ),
    "kneeling_hard": (
        "engineer",
        "Raise the work off the floor or provide padded kneeling mats; where kneeling "
        "remains, issue knee pads.",
        "Raise your work where you can, and kneel on a mat or wear knee pads.",
    ),
    "hard_edge": (
        "engineer",
        "Round or pad the edges that press on wrists, forearms or palms (desk and bin "
        "edges, fixtures) and provide padded supports.",
        "Pad or round the edge you rest on, or use a padded wrist or forearm rest.",
    ),
    "handle_in_palm": (
        "engineer",
        f"Replace tools whose handle ends in the palm with handles at least "
        f"{contact_stress.HANDLE_MIN_LENGTH_CM:g} cm long ({contact_stress.HANDLE_PREFERRED_LENGTH_CM:g} cm preferred, longer "
        "for gloved hands).",
        "Ask for a tool whose handle reaches past your palm.",
    ),
    "seat_edge": (
        "engineer",
        "Lower the seat to the worker's popliteal height or add a footrest, and prefer a "
        "seat with a rounded (waterfall) front edge.",
        "Lower your chair or use a footrest so the seat edge does not press under your thighs.",
    ),
}

# Repetitive motion: control per exposure (criterion group) for the recommendations catalogue:
# (control level, officer text, employee text).
REPETITIVE_MOTION_ADVICE = {
    "repetitive": (
        "engineer",
        "Automate or mechanise the repeated motion, or rotate workers through tasks that "
        "use other muscles; remove awkward wrist postures and high forces with jigs, fixtures "
        "and powered tools.",
        "Vary your tasks and take short breaks; keep your wrist straight while you work.",
    ),
    "keying": (
        "administrate",
        "Limit continuous intensive keying with task variety and breaks; set keyboard height "
        "and tilt so the wrists stay straight.",
        "Break up keying with other tasks and keep your wrists straight, not bent up or sideways.",
    ),
    "hand_force": (
        "engineer",
        "Reduce pinch and grip forces: lighter parts, powered tools, fixtures that hold the "
        "load, handles that allow a power grip instead of a pinch.",
        "Use a full-hand grip instead of a pinch, and let tools or fixtures hold the load.",
    ),
}

# Awkward posture: control per exposure (criterion id or group) for the recommendations catalogue:
# (control level, officer text, employee text).
AWKWARD_POSTURE_ADVICE = {
    "hands_above_head": (
        "engineer",
        "Bring the work below shoulder height: lifts, platforms, adjustable fixtures or "
        "extension tools.",
        "Use a platform or a step so your hands stay below your shoulders.",
    ),
    "raising": (
        "engineer",
        "Place frequently used items and controls below shoulder height and within easy "
        "reach so they need not be reached for over and over.",
        "Keep the things you use often between waist and shoulder height.",
    ),
    "neck_or_back_30": (
        "engineer",
        "Raise, tilt or bring the work closer, or provide support, so neither the neck nor "
        "the back stays bent more than 30°; let the worker vary posture.",
        "Raise or tilt your work, or bring it closer, so you do not stay bent over it.",
    ),
    "neck_bent": (
        "engineer",
        "Raise or tilt the work or the display so the neck need not bend more than 45°.",
        "Raise or tilt your work so you can see it without bending your neck far down.",
    ),
    "back": (
        "engineer",
        "Raise the work to about waist height and use tilt tables or long-handled tools so "
        "the back need not bend forward.",
        "Raise your work or use long-handled tools so you do not bend forward.",
    ),
    "squatting": (
        "engineer",
        "Raise the work or provide low stools so workers need not squat.",
        "Sit on a low stool instead of squatting, or raise the work.",
    ),
    "kneeling": (
        "engineer",
        "Raise the work off the floor; where kneeling remains, provide mats or knee pads.",
        "Raise your work where you can; use a mat or knee pads when you must kneel.",
    ),
}

# The zone factors' advice by method id: criterion id (or its exposure group) -> advice.
ZONE_ADVICE = {
    contact_stress.METHOD.id: CONTACT_STRESS_ADVICE,
    repetitive_motion.METHOD.id: REPETITIVE_MOTION_ADVICE,
    awkward_posture.METHOD.id: AWKWARD_POSTURE_ADVICE,
}


def zone_advice(module, spec) -> tuple[str, str, str] | None:
    """Return (control level, officer text, employee text) for a zone criterion, or None."""
    advice = ZONE_ADVICE[module.METHOD.id]
    return advice.get(spec.id) or advice.get(spec.group)


def _zones(prefix: str, module, kw, res, band, index) -> list[Recommendation]:
    """One recommendation per criterion met: cut its hours to the zone's limit."""
    out = []
    best: dict[str, int] = {}  # exposure group -> criterion with the highest index
    idx = np.nan_to_num(np.asarray(res.criterion_index, dtype=float)[0], nan=-1.0)
    for k, spec in enumerate(module.CRITERIA):
        met = bool(np.asarray(res.met_hazard)[0, k]) or bool(np.asarray(res.met_caution)[0, k])
        group = spec.group or spec.id
        if met and (group not in best or idx[k] > idx[best[group]]):
            best[group] = k
    for k in sorted(best.values()):
        spec = module.CRITERIA[k]
        limit = float(lni_zones.hours_to_drop_below(res, k, zone="caution")[0])
        hours = float(np.asarray(res.hours)[0, k])
        if not np.isfinite(limit):
            continue
        advice = zone_advice(module, spec)
        if advice is None:
            continue
        new = module.assess(**_capped(kw, module.HOURS_INPUT[spec.id], limit))
        eff = (
            f"{spec.label}: {hours:g} → at most {limit:g} h/day: band {_band(band)} → "
            f"{_band(int(np.asarray(new.band)[0]))}"
        )
        control, officer, employee = advice
        entry = Entry(
            f"{prefix}-{spec.id.upper()}",
            module.METHOD.factor,
            MODERATE,
            control,
            officer,
            employee,
            WAC,
        )
        out.append(_make(entry, index, float(np.asarray(new.index)[0]), eff))
    return out


# ROSA entry -> the inputs its fix sets to neutral (rosa.NEUTRAL_VALUES) and the item
# totals that show the section is not neutral yet (1 is neutral, 0 a device not used).
ROSA_FIXES = {
    "ROSA-CHAIR": (
        ("seat_height", "seat_depth", "armrest", "back_support"),
        ("seat_height_", "seat_depth_", "armrest_", "back_"),
    ),
    "ROSA-SCREEN-PHONE": (("monitor_items", "telephone_items"), ("monitor_", "telephone_")),
    "ROSA-MOUSE-KEYBOARD": (("mouse_items", "keyboard_items"), ("mouse_", "keyboard_")),
}


def _rosa_not_neutral(res, totals) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        return np.any([np.asarray(getattr(res, t), dtype=float) > 1 for t in totals], axis=0)


def recommend_rosa(kw, res, band, index):
    """Return the ROSA entries for one row, each re-scored with its section made neutral."""
    out = []
    before = float(np.asarray(res.native)[0])
    for entry_id, (totals, prefixes) in ROSA_FIXES.items():
        if not bool(_rosa_not_neutral(res, totals)[0]):
            continue
        neutral = {
            name: np.full(1, value)
            for name, value in rosa.NEUTRAL_VALUES.items()
            if name.startswith(prefixes)
        }
        new = rosa.assess(**{**kw, **neutral})
        after = float(np.asarray(new.native)[0])
        eff = f"ROSA {before:.0f} → {after:.0f}"
        rec = _make(_ENTRY[entry_id], index, float(np.asarray(new.index)[0]), eff)
        out.append(dataclasses.replace(rec, native_before=before, native_after=after))
    return out, {}


def rosa_triggered(kw, res, band: np.ndarray) -> dict[str, np.ndarray]:
    moderate = band >= MODERATE
    return {
        entry_id: moderate & _rosa_not_neutral(res, totals)
        for entry_id, (totals, _) in ROSA_FIXES.items()
    }


# RSI entry -> (input its fix changes, SingleInputLimits field, unit shown, decimals).
RSI_FIXES = {
    "RSI-FORCE": ("intensity", "intensity", "", 2),
    "RSI-EFFORTS": ("efforts_per_min", "efforts_per_min", "/min", 1),
    "RSI-HOURS": ("hours_per_day", "hours_per_day", " h", 1),
}
RSI_LIST = "hand_exertion.tasks"


def _rsi_worst_slot(res) -> np.ndarray:
    """Return per row the list slot of the scored subtask with the highest RSI (-1 none)."""
    values = np.asarray(res.rsi, dtype=float).reshape(np.shape(res.native)[0], -1)
    scored = ~np.isnan(values)
    best = np.argmax(np.where(scored, values, -np.inf), axis=1)
    return np.where(scored.any(axis=1), best, -1)


def _rsi_limits(res) -> tuple[np.ndarray, dict[str, tuple[np.ndarray, np.ndarray]]]:
    """Return the worst slot per row and, per RSI entry, (now, limit) of that slot's input."""
    k = _rsi_worst_slot(res)
    limits = rsi.single_input_limits(res)
    rows = np.arange(k.shape[0])
    at = np.maximum(k, 0)
    out = {}
    for entry_id, (name, field, _, _) in RSI_FIXES.items():
        now = np.asarray(getattr(res, name), dtype=float).reshape(k.shape[0], -1)[rows, at]
        limit = np.asarray(getattr(limits, field), dtype=float).reshape(k.shape[0], -1)[rows, at]
        out[entry_id] = (np.where(k >= 0, now, np.nan), np.where(k >= 0, limit, np.nan))
    return k, out


def rsi_triggered(kw, res, band: np.ndarray) -> dict[str, np.ndarray]:
    """Return, per RSI entry, the rows it fires for: CUSI above 10 and the fix lowers the input."""
    high = np.asarray(band) >= HIGH
    _, limits = _rsi_limits(res)
    with np.errstate(invalid="ignore"):
        return {
            entry_id: high & np.isfinite(limit) & (limit < now)
            for entry_id, (now, limit) in limits.items()
        }


def recommend_rsi(kw, res, band, index):
    """Return the RSI entries for row 0, each re-scored with one input of the worst subtask."""
    fires = rsi_triggered(kw, res, np.atleast_1d(band))
    k_rows, limits = _rsi_limits(res)
    k = int(k_rows[0])
    names = np.asarray(kw.get("task_names", np.array([[""]], dtype=object)), dtype=object)
    label = str(names.reshape(-1)[k]) if 0 <= k < names.size else ""
    task = f"task {k + 1}" + (f" ({label})" if label else "")
    before = float(np.asarray(res.native)[0])
    out = []
    for entry_id, (name, _, unit, d) in RSI_FIXES.items():
        if not bool(fires[entry_id][0]):
            continue
        now, limit = float(limits[entry_id][0][0]), float(limits[entry_id][1][0])
        changed = np.array(np.broadcast_to(np.asarray(kw[name], dtype=float), res.rsi.shape))
        # Hours belong to the task: every subtask of the worst subtask's task changes with it.
        slots = [k]
        if name == "hours_per_day":
            labels = np.asarray(res.task)[0]
            slots = [int(j) for j in np.flatnonzero(labels == labels[k])]
        changed[0, slots] = limit
        args = {n: v for n, v in kw.items() if n in rsi.METHOD.inputs}  # no task names
        new = rsi.assess(**{**args, name: changed})
        after = float(np.asarray(new.native)[0])
        was, to = f"{now:.{d}f}{unit}", f"{limit:.{d}f}{unit}"
        eff = f"Task {k + 1}: {was} → {to}: CUSI {before:.1f} → {after:.1f}"
        fmt = {"task": task, "was": was, "to": to}
        rec = _make(_ENTRY[entry_id], index, float(np.asarray(new.index)[0]), eff, **fmt)
        rec = _quantified(rec, before, after, RSI_LIST, {name: ((0, k), limit)})
        if len(slots) > 1:
            more = tuple((RSI_LIST, j, name, limit) for j in slots if j != k)
            rec = dataclasses.replace(rec, changes=rec.changes + more)
        out.append(rec)
    return out, {}


PPC_LIST = "push_pull_carry.tasks"


def _ppc_worst(res) -> tuple[np.ndarray, Callable[[str], np.ndarray]]:
    """Return the worst task slot per row (-1 none) and a reader of that slot's values."""
    k = np.asarray(res.worst_task).reshape(-1)
    rows, at = np.arange(k.shape[0]), np.maximum(k, 0)

    def pick(name: str) -> np.ndarray:
        v = np.asarray(getattr(res, name), dtype=float).reshape(k.shape[0], -1)[rows, at]
        return np.where(k >= 0, v, np.nan)

    return k, pick


def ppc_triggered(kw, res, band: np.ndarray) -> dict[str, np.ndarray]:
    """Return, per push/pull/carry entry, the rows it fires for: worst ratio above 1.0."""
    over = np.asarray(band) >= MODERATE
    _, pick = _ppc_worst(res)
    carry = pick("kind") == ppc.CARRY
    with np.errstate(invalid="ignore"):
        excess = (pick("excess_initial_kg") > 0) | (pick("excess_sustained_kg") > 0)
    return {"PPC-FORCE": over & ~carry & excess, "PPC-WEIGHT": over & carry & excess}


def _ppc_targets(res, k: int) -> dict[str, tuple[float, float, str]]:
    """Return {input: (now, acceptable, unit)} of task k's loads above acceptable.

    Forces are in newtons (the form's unit), rounded down so the shown value is inside.
    """
    out = {}
    if int(np.asarray(res.kind)[0, k]) == ppc.CARRY:
        phases = (("carry_weight_kg", "carry_weight_kg", "initial", 1.0, 10.0, "kg"),)
    else:
        g = ppc.STANDARD_GRAVITY_M_S2  # bib:iso-80000-3-2019: kgf to N
        phases = (
            ("initial_force", "initial_force_kgf", "initial", g, 1.0, "N"),
            ("sustained_force", "sustained_force_kgf", "sustained", g, 1.0, "N"),
        )
    for name, actual, phase, scale, steps, unit in phases:
        now = float(np.asarray(getattr(res, actual))[0, k]) * scale
        limit = float(np.asarray(getattr(res, f"mal_{phase}_kg"))[0, k]) * scale
        if not math.isnan(now) and now > limit:
            out[name] = (now, math.floor(limit * steps) / steps, unit)
    return out


# Engine input -> the task's field name the quantified change is written to.
PPC_FIELDS = {
    "initial_force": "initial_force_n",
    "sustained_force": "sustained_force_n",
    "carry_weight_kg": "carry_weight_kg",
}


def recommend_ppc(kw, res, band, index):
    """Return the push/pull/carry entries for row 0, re-scored at the acceptable load."""
    fires = ppc_triggered(kw, res, np.atleast_1d(band))
    k = int(np.asarray(res.worst_task).reshape(-1)[0])
    entry_id = next((e for e, rows in fires.items() if bool(rows[0])), None)
    if entry_id is None:
        return [], {}
    names = np.asarray(kw.get("task_names", np.array([[""]], dtype=object)), dtype=object)
    label = str(names.reshape(-1)[k]) if 0 <= k < names.size else ""
    task = f"task {k + 1}" + (f" ({label})" if label else "")
    targets = _ppc_targets(res, k)
    args = {n: v for n, v in kw.items() if n in ppc.METHOD.inputs}  # no task names
    for name, (_, limit, _) in targets.items():
        changed = np.array(np.broadcast_to(np.asarray(args[name], dtype=float), res.kind.shape))
        changed[0, k] = limit
        args[name] = changed
    new = ppc.assess(**args)
    before, after = float(np.asarray(res.native)[0]), float(np.asarray(new.native)[0])
    d = {"kg": 1, "N": 0}
    words = {"initial_force": "initial ", "sustained_force": "sustained ", "carry_weight_kg": ""}
    was = ", ".join(f"{words[n]}{now:.{d[u]}f} {u}" for n, (now, _, u) in targets.items())
    to = ", ".join(f"{lim:.{d[u]}f} {u}" for _, lim, u in targets.values())
    eff = f"Task {k + 1}: {was} → {to}: ratio {before:.2f} → {after:.2f}"
    fmt = {"task": task, "was": was, "to": to}
    rec = _make(_ENTRY[entry_id], index, float(np.asarray(new.index)[0]), eff, **fmt)
    changes = {PPC_FIELDS[n]: ((0, k), lim) for n, (_, lim, _) in targets.items()}
    return [_quantified(rec, before, after, PPC_LIST, changes)], {}


# Zone factors: their catalogue entries are built from each module's criteria and advice,
# with this id prefix ("CS-KNEELING_HARD").
ZONE_PREFIXES = {contact_stress: "CS", repetitive_motion: "REP", awkward_posture: "POS"}


def _no_targets(handler: Callable) -> Callable:
    """Return the handler as a registry recommender: (recommendations, no desk targets)."""

    def recommender(kw, res, band, index):
        return handler(kw, res, band, index), {}

    return recommender


recommend_workstation = _workstation
recommend_sitting = _no_targets(_sitting)
recommend_lifting = _no_targets(_lifting)
recommend_hand_arm = _no_targets(_hand_arm)
recommend_whole_body = _no_targets(_whole_body)


def zone_recommender(module) -> Callable:
    """Return the registry recommender of an L&I zone factor scored by ``module``."""
    prefix = ZONE_PREFIXES[module]

    def recommender(kw, res, band, index):
        return _zones(prefix, module, kw, res, band, index), {}

    return recommender


def zone_trigger(module) -> Callable:
    """Return the registry trigger of an L&I zone factor scored by ``module``."""
    prefix = ZONE_PREFIXES[module]

    def trigger(kw, res, band):
        return _zones_triggered(prefix, module, res, band)

    return trigger


def recommend(engine, inputs: Mapping[str, Mapping[str, Any]], applicable, i: int = 0):
    """Return (ranked recommendations, personal desk targets) for assessment ``i``."""
    from scoring.registry import FACTORS

    recs: list[Recommendation] = []
    targets: dict[str, float] = {}
    for j, factor in enumerate(FACTORS):
        band = int(engine.band[i, j])
        if band < 0:
            continue
        index = float(engine.index[i, j])
        kw = dict(inputs.get(factor.id, {}))
        if factor.derive is not None:
            kw |= factor.derive(engine.results, inputs, applicable, engine.n)
        kw = _row(kw, i)
        res = _row(engine.results[factor.id]._asdict(), i)
        res = type(engine.results[factor.id])(**res)
        found, more = factor.recommend(kw, res, band, index)
        targets |= more
        recs += [r for r in found if _ENTRY.get(r.id) is None or band >= _ENTRY[r.id].min_band]
    recs.sort(
        key=lambda r: (
            -round(r.risk_removed, 6),
            _CONTROL_RANK[r.control],
            -_factor_index(engine, i, r.factor),
        )
    )
    return recs, targets


def _factor_index(engine, i: int, factor: str) -> float:
    from scoring.registry import FACTOR_IDS

    v = engine.index[i, FACTOR_IDS.index(factor)] if factor in FACTOR_IDS else 0.0
    return 0.0 if np.isnan(v) else float(v)


# ------------------------------------------------- which entries fire, vectorised
#
# The summary report counts how often each entry is recommended across thousands
# of assessments. recommend() re-scores every fix per row (what-ifs, ~10 ms each);
# the functions below only decide *which* entries fire, with the same conditions
# recommend() applies, as whole-column array operations.


def _col(kw: Mapping[str, Any], name: str, shape, fill=np.nan) -> np.ndarray:
    v = kw.get(name)
    return np.full(shape, fill) if v is None else np.asarray(v)


def lifting_triggered(kw, res, band: np.ndarray) -> dict[str, np.ndarray]:
    li = np.asarray(res.li, dtype=float)
    scored = ~np.isnan(li)  # (n, K) tasks the what-ifs are tried on
    us = np.asarray(kw["us_units"], dtype=bool)
    h_min = np.where(us, 25.4, 25.0)
    v_opt = np.where(us, 76.2, 75.0)
    h_o = np.asarray(kw["h_origin_cm"], dtype=float)
    h_d = np.nan_to_num(np.asarray(kw["h_dest_cm"], dtype=float))
    v_o = np.asarray(kw["v_origin_cm"], dtype=float)
    a = np.maximum(
        np.asarray(kw["asymmetry_origin_deg"], dtype=float),
        np.asarray(kw["asymmetry_dest_deg"], dtype=float),
    )
    f = np.asarray(kw["lifts_per_min"], dtype=float)
    rwl = np.asarray(res.rwl_kg, dtype=float)
    load = np.asarray(kw["load_kg"], dtype=float)
    with np.errstate(invalid="ignore"):
        task = {
            "LIFT-H": np.maximum(h_o, h_d) > h_min,
            "LIFT-V": np.abs(v_o - v_opt) > 10,
            "LIFT-A": a > 0,
            "LIFT-F": f > 0.2,
            "LIFT-C": np.asarray(kw["coupling"]).astype(str) != "good",
            "LIFT-LOAD": np.isfinite(rwl) & (load > rwl) & (rwl > 0),
        }
    any_task = scored.any(axis=1)
    out = {k: (v & scored).any(axis=1) & (band >= MODERATE) for k, v in task.items()}
    # Several tasks: every task offers "remove the lift"; one task: offered at high+.
    out["LIFT-ELIMINATE"] = any_task & (band >= HIGH)
    return out


def hand_arm_triggered(kw, res, band: np.ndarray) -> dict[str, np.ndarray]:
    partial = np.asarray(res.partial_a8_m_s2, dtype=float)
    some = (~np.isnan(partial)).any(axis=1)
    with np.errstate(invalid="ignore"):
        above = some & (np.asarray(res.a8_m_s2, dtype=float) >= hand_arm_vibration.EAV_M_S2)
    high = above & (band >= HIGH)
    return {
        "HAV-DECLARED": np.asarray(res.declared, dtype=bool).any(axis=1),
        "HAV-ELV": some & (band >= 3),
        "HAV-TIME": high,
        "HAV-TOOL": high,
        "HAV-SURVEILLANCE": high,
    }


def whole_body_triggered(kw, res, band: np.ndarray) -> dict[str, np.ndarray]:
    used = np.asarray(res.used, dtype=bool)
    limits = np.asarray(res.source_time_limit_eav_h, dtype=float)
    t = np.asarray(kw["exposure_h"], dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        positive = t > 0
        ratio = np.where(
            used & positive,
            np.nan_to_num(limits, nan=np.inf) / np.where(positive, t, 1.0),
            np.inf,
        )
        k = np.argmin(ratio, axis=1)[:, None]  # the source whose limit bites hardest
        lim_k = np.take_along_axis(limits, k, axis=1)[:, 0]
        t_k = np.take_along_axis(t, k, axis=1)[:, 0]
        time_fix = np.isfinite(lim_k) & (lim_k > 0) & (lim_k < t_k)
    any_used = used.any(axis=1) & (band >= HIGH)
    return {
        "WBV-TIME": any_used & time_fix,
        "WBV-SEAT": any_used,
        "WBV-SHOCKS": np.asarray(res.a8_underestimates, dtype=bool),
    }


def workstation_triggered(kw, res, band: np.ndarray) -> dict[str, np.ndarray]:
    lumbar = kw.get("lumbar_support")
    no_lumbar = np.zeros(band.shape, bool) if lumbar is None else ~np.asarray(lumbar, dtype=bool)
    return {
        "WS-SETTINGS": band >= MODERATE,
        "WS-LUMBAR": no_lumbar & (band >= LOW),
        "WS-FOOTREST": _needs_footrest(kw, res) & (band >= LOW),
    }


def sitting_triggered(kw, res, band: np.ndarray) -> dict[str, np.ndarray]:
    bout = _col(kw, "longest_bout_min", band.shape).astype(float)
    hours = _col(kw, "seated_h_per_day", band.shape).astype(float)
    moderate = band >= MODERATE
    with np.errstate(invalid="ignore"):
        return {
            "SIT-BREAKS": moderate & np.isfinite(bout) & (bout > BREAK_AFTER_MIN),
            "SIT-STANDDESK": moderate & np.isfinite(hours) & (hours >= STAND_DESK_FROM_H),
            "SIT-EXERCISE": moderate,
        }


def _zones_triggered(prefix: str, module, res, band: np.ndarray) -> dict[str, np.ndarray]:
    """Per exposure group, the met criterion with the highest index (as _zones picks it)."""
    out: dict[str, np.ndarray] = {}
    met = np.asarray(res.met_hazard, dtype=bool) | np.asarray(res.met_caution, dtype=bool)
    met &= (band >= 0)[:, None]
    idx = np.nan_to_num(np.asarray(res.criterion_index, dtype=float), nan=-1.0)
    hours = np.asarray(res.hours, dtype=float)
    limit = np.minimum(np.asarray(res.caution_limit), np.asarray(res.hazard_limit))
    limit = np.where(np.isnan(hours), np.nan, limit)  # hours_to_drop_below(zone="caution")
    groups: dict[str, list[int]] = {}
    for k, spec in enumerate(module.CRITERIA):
        groups.setdefault(spec.group or spec.id, []).append(k)
    for cols in groups.values():
        cols_a = np.array(cols)
        any_met = met[:, cols_a].any(axis=1)
        best = cols_a[np.argmax(np.where(met[:, cols_a], idx[:, cols_a], -np.inf), axis=1)]
        ok = any_met & np.isfinite(limit[np.arange(len(best)), best])
        for k in cols:
            spec = module.CRITERIA[k]
            if zone_advice(module, spec) is None:
                continue
            out[f"{prefix}-{spec.id.upper()}"] = ok & (best == k)
    return out


def triggered(engine, inputs: Mapping[str, Mapping[str, Any]]) -> dict[str, np.ndarray]:
    """Return, per entry id, which assessments :func:`recommend` gives that entry.

    Vectorised over rows: no what-if is re-scored, only the conditions under
    which :func:`recommend` produces an entry are evaluated on whole columns
    (the factor's band against the entry's ``min_band``, the input the fix
    changes, and for the L&I zone factors the criteria met, one entry per
    exposure group as :func:`recommend` picks it).

    Parameters
    ----------
    engine
        The :class:`scoring.engine.EngineResult` of ``n`` assessments.
    inputs
        The inputs the engine scored: factor -> ``assess`` keyword arrays.

    Returns
    -------
    dict
        Entry id -> boolean array (n,). Zone entries have ids such as
        ``"CS-KNEELING_HARD"`` (see :func:`entry_for`).
    """
    from scoring.registry import FACTORS

    out: dict[str, np.ndarray] = {}
    for j, factor in enumerate(FACTORS):
        band = np.asarray(engine.band[:, j], dtype=int)
        found = factor.triggered(inputs.get(factor.id, {}), engine.results[factor.id], band)
        for entry_id, mask in found.items():
            out[entry_id] = np.asarray(mask, dtype=bool) & (band >= 0)
    return out


def triggered_counts(engine, inputs: Mapping[str, Mapping[str, Any]]) -> dict[str, int]:
    """Return entry id -> number of assessments :func:`recommend` gives it (zeros left out)."""
    counts = {k: int(np.count_nonzero(v)) for k, v in triggered(engine, inputs).items()}
    return {k: v for k, v in counts.items() if v}


# Placeholder-free wording for entries whose text names one task, tool or setting.
_GENERIC = {
    "HAV-TOOL": (
        "Replace the highest-vibration tools and processes by lower-vibration ones.",
        "Ask for low-vibration tools.",
    ),
    "HAV-TIME": (
        "Limit each tool's trigger time so the day's A(8) stays below the EAV.",
        "Use the vibrating tools for less time each day.",
    ),
    "WBV-TIME": (
        "Limit time on the vehicle or machine so the day's A(8) stays below the EAV.",
        "Spend less time a day on the vehicle or machine.",
    ),
    "HAV-DECLARED": (
        "Where A(8) rests on manufacturers' declared emission values, check them with in-use "
        "vibration data or a measurement before relying on the time limits.",
        "Ask whether the vibration of your tools has been measured in use.",
    ),
    "WS-SETTINGS": (
        "Set the workstation to the worker's personal targets (chair, footrest, desk, screen).",
        "Set your chair, desk and screen to your personal targets.",
    ),
    "WS-FOOTREST": (
        "Provide a footrest where the chair has to be above the worker's popliteal height.",
        "Use a footrest so your feet rest flat.",
    ),
    "RSI-FORCE": (
        "Reduce the force of each exertion in the highest-RSI task (sharper or powered tools, "
        "lighter parts, better grip surfaces or jigs) until its RSI is 10 or less.",
        "Ask for tools that need less hand force (sharper, powered or better to grip).",
    ),
    "RSI-EFFORTS": (
        "Cut the number of hand exertions a minute in the highest-RSI task until its RSI is "
        "10 or less.",
        "Ask whether some of the repeated hand movements can be done by a machine.",
    ),
    "RSI-HOURS": (
        "Rotate workers so no one does the highest-RSI task long enough a day to take its "
        "RSI above 10.",
        "Take turns with colleagues so you spend less of the day on this hand work.",
    ),
    "PPC-FORCE": (
        "Reduce the push or pull force of the worst task (better wheels and castors, smoother "
        "floors, lighter loads or a powered tug) until it is acceptable to the share protected.",
        "Ask for carts that roll more easily (better wheels, lighter loads, smoother floor).",
    ),
    "PPC-WEIGHT": (
        "Lighten what is carried in the worst task, or put it on a cart, until the weight is "
        "acceptable to the share protected.",
        "Ask for smaller loads or a trolley instead of carrying by hand.",
    ),
}
_GENERIC_FILL = {"task": "the task", "tool": "tool", "source": "vehicle or machine"}


def entry_for(entry_id: str) -> Entry:
    """Return a catalogue or zone entry by id, its texts free of placeholders.

    For reports over many assessments, where no single task, tool or setting
    can be named. Unknown ids are answered with the valid ones.
    """
    if entry_id in _ENTRY:
        e = _ENTRY[entry_id]
        officer, employee = _GENERIC.get(entry_id, (e.officer, e.employee))
        fill = {**_GENERIC_FILL}
        officer = officer.replace("'{task}'", "{task}").format(**fill)
        employee = employee.replace("'{task}'", "{task}").format(**fill)
        return Entry(e.id, e.factor, e.min_band, e.control, officer, employee, e.source)
    prefix, _, criterion = entry_id.partition("-")
    for module, pre in ZONE_PREFIXES.items():
        if pre != prefix:
            continue
        factor = module.METHOD.factor
        for spec in module.CRITERIA:
            if spec.id.upper() == criterion:
                advice = zone_advice(module, spec)
                if advice is not None:
                    control, officer, employee = advice
                    return Entry(entry_id, factor, MODERATE, control, officer, employee, WAC)
    valid = [*_ENTRY, *_zone_ids()]
    raise KeyError(f"entry == {entry_id!r}, must be one of: {', '.join(valid)}.")


def _zone_ids() -> list[str]:
    out = []
    for module, prefix in ZONE_PREFIXES.items():
        for spec in module.CRITERIA:
            if zone_advice(module, spec) is not None:
                out.append(f"{prefix}-{spec.id.upper()}")
    return out

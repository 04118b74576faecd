"""The single-assessment PDF, read back with pypdf as a reader would read it."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

import scoring
from assessments import model as m
from assessments.evaluate import score_assessment
from reports.bibliography import citations
from reports.drawing import profile_drawing
from reports.pdf import assessment_pdf
from reports.profile import profile_chart
from reports.styles import DISCLAIMER, DISCLAIMER_SHORT, MARGIN_X, esc, register_fonts

from .conftest import REPORT_DATE, flat, pages_text


def _pdf(a, r=None, **kw) -> bytes:
    return assessment_pdf(a, r or score_assessment(a), generated=REPORT_DATE, **kw)


@pytest.fixture(scope="module")
def built(examples):
    """Each example's PDF bytes and extracted page texts."""
    out = {}
    for name, (a, r) in examples.items():
        data = _pdf(a, r, invariant=True)
        out[name] = (data, pages_text(data))
    return out


def test_page_one_says_who_where_when_the_overall_result_and_the_top_actions(examples, built):
    a, r = examples["office-desk"]
    page1 = flat(built["office-desk"][1][0])
    h = a.header
    for value in (
        h.organisation,
        h.site,
        h.department,
        h.job_title,
        h.worker_ref,
        h.assessor,
        h.assessment_id,
        h.date.isoformat(),
        "Audit",
        REPORT_DATE.isoformat(),
    ):
        assert value in page1
    # Overall: the worst band and the count at high or above, never an average.
    assert f"Overall result: {r.overall_band_name}" in page1
    assert f"{r.n_high} factors at high or above" in page1
    # Contact stress is very high: the seat is 3.5 cm above her shod popliteal height (Bodyspace).
    assert r.overall_band_name == "very high" and r.n_high == 4
    # The three most valuable actions: top 3 by risk removed, with their effect.
    removed = [x.risk_removed for x in r.recommendations]
    assert removed == sorted(removed, reverse=True)
    for rec in r.recommendations[:3]:
        assert flat(rec.officer_text) in page1
        assert flat(rec.effect) in page1
    assert flat(r.recommendations[3].officer_text) not in page1
    # The profile is on page one too.
    assert "Risk profile" in page1


def test_every_page_has_its_number_of_n_and_the_disclaimer(built):
    for _, texts in built.values():
        n = len(texts)
        assert n > 1
        for k, text in enumerate(texts, start=1):
            assert f"Page {k} of {n}" in text
            assert flat(DISCLAIMER_SHORT) in flat(text)
        assert flat(DISCLAIMER) in flat(texts[-1])  # the full disclaimer closes the report


def test_native_values_are_formatted_as_the_app_formats_them(examples, built):
    """LI/CLI to 2 decimals, A(8) in m/s² to 2 decimals (scoring.results.Metric.text)."""
    _, r = examples["warehouse-lifting"]
    text = flat(" ".join(built["warehouse-lifting"][1]))
    cli = r.factor("lifting").headline
    assert cli.label == "CLI" and f"CLI {cli.value:.2f}" in text  # "CLI 3.96"
    assert "CLI 3.96" in text
    assert "2.59 / 1.53" in text  # task 1 LI at origin / destination (multipliers table)
    _, r = examples["maintenance-vibration"]
    text = flat(" ".join(built["maintenance-vibration"][1]))
    a8 = r.factor("hand_arm_vibration").headline
    assert f"A(8) {a8.value:.2f} m/s²" in text
    assert "A(8) 3.65 m/s²" in text
    assert "A(8) 0.35 m/s²" in text  # whole-body, dominant axis


def test_factor_sections_show_method_edition_band_why_drivers_and_intermediate_values(
    examples, built
):
    for name, (_, r) in examples.items():
        text = flat(" ".join(built[name][1]))
        for f in r.factors:
            if not f.applicable:
                assert f.reason in text
                continue
            method = scoring.METHODS[f.method]
            assert flat(method.title) in text
            assert flat(method.edition) in text
            assert flat(f.why) in text
            for d in f.drivers:
                assert flat(d) in text
            for t in f.tables:
                assert flat(t.title) in text
        assert "Factors not scored" in text


def test_inputs_come_from_the_field_declarations(examples, built):
    text = flat(" ".join(built["office-desk"][1]))
    for label in (
        "Stature",
        "Seat height",
        "Top of screen height",
        "Longest uninterrupted sitting",
    ):
        assert label in text
    text = flat(" ".join(built["warehouse-lifting"][1]))
    for label in ("H at origin [cm]", "Load (average) [kg]", "Coupling"):
        assert label in text
    text = flat(" ".join(built["maintenance-vibration"][1]))
    assert "Vibration magnitude a_hv [m/s²]" in text and "Angle grinder" in text


def test_recommendations_table_methods_and_sign_off(examples, built):
    _, r = examples["maintenance-vibration"]
    text = flat(" ".join(built["maintenance-vibration"][1]))
    for header in ("Action", "Control level", "Expected effect", "Owner", "Due date"):
        assert header in text
    for rec in r.recommendations:
        assert flat(rec.officer_text) in text
    for ref in citations(scoring.METHODS["hand_arm_vibration"].references):
        assert flat(ref) in text
    for word in ("Sign-off", "Assessor", "Manager", "Signature", "Methods and references"):
        assert word in text


def test_user_markup_comes_back_literally():
    a = m.Assessment(
        header=m.Header(
            assessment_id="ID<1>&2",
            organisation="A & B <Ltd>",
            notes='<b>&</para> and <font color="red">x</font> &amp; <br/> done',
        ),
        sitting=m.Sitting(seated_h_per_day=5, longest_bout_min=45),
    )
    text = flat(" ".join(pages_text(_pdf(a))))
    assert '<b>&</para> and <font color="red">x</font> &amp; <br/> done' in text
    assert "A & B <Ltd>" in text
    assert "ID<1>&2" in text


def test_the_one_escaper():
    assert esc("<b>&</para>") == "&lt;b&gt;&amp;&lt;/para&gt;"
    assert esc("line 1\nline 2") == "line 1<br/>line 2"
    assert esc("bell\x07") == "bell"  # no glyph, and reportlab's parser rejects it
    assert esc(None) == ""


def test_european_names_render_with_an_embedded_unicode_font():
    names = ("Łukasz Żółć", "Zoë Ørsted", "Σοφία", "Dmitrij Šostakovič", "Дмитрий")
    a = m.Assessment(
        header=m.Header(
            assessor=names[0],
            worker_ref=names[1],
            department=names[2],
            job_title=names[3],
            notes=names[4],
            organisation="Ærø Fiskeri ApS",
        ),
        sitting=m.Sitting(seated_h_per_day=7, longest_bout_min=90),
    )
    data = _pdf(a)
    text = " ".join(pages_text(data))
    for name in (*names, "Ærø Fiskeri ApS"):
        assert name in text
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        fonts = {str(f.get_object()["/BaseFont"]) for f in page["/Resources"]["/Font"].values()}
        assert fonts and all("DejaVuSans" in f for f in fonts), fonts  # no Latin-1 Helvetica


def test_two_builds_with_a_fixed_date_are_byte_identical(examples):
    a, r = examples["warehouse-lifting"]
    one = assessment_pdf(a, r, generated=dt.date(2026, 11, 5), invariant=True)
    two = assessment_pdf(a, r, generated=dt.date(2026, 11, 5), invariant=True)
    assert one == two
    assert assessment_pdf(a, r, generated=dt.date(2026, 11, 6), invariant=True) != one


def _right_edges(data: bytes):
    """Yield (page, right edge of each text run) from pypdf's text positions. [pt]"""
    register_fonts()
    for k, page in enumerate(PdfReader(io.BytesIO(data)).pages, start=1):
        runs = []

        def visit(text, cm, tm, font, size, runs=runs):
            if text.strip() and font is not None:
                runs.append((text.rstrip("\n"), cm, tm, font, size))

        page.extract_text(visitor_text=visit)
        for text, cm, tm, font, size in runs:
            name = str(font["/BaseFont"]).split("+")[-1]
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            yield k, x + stringWidth(text, name, size) * tm[0] * cm[0], text


def test_very_long_notes_wrap_inside_the_margins_and_keep_every_character():
    word = "Ø" * 300  # a 300-character word must still break, not run off the page
    notes = ("Long observation of the workstation and habits. " * 120) + word + " end."
    a = m.Assessment(
        header=m.Header(notes=notes),
        sitting=m.Sitting(seated_h_per_day=7, longest_bout_min=90),
    )
    data = _pdf(a)
    page_w = float(PdfReader(io.BytesIO(data)).pages[0].mediabox.width)
    for page, right, text in _right_edges(data):
        assert right <= page_w - MARGIN_X + 3, (page, right, text[:40])
    furniture = ("Ergonomics risk assessment", "Screening result", "Ergo ·", "Page ")
    body = [
        line
        for page in pages_text(data)
        for line in page.splitlines()
        if not line.startswith(furniture)
    ]
    assert "".join(notes.split()) in "".join("".join(body).split())
    assert len(pages_text(data)) > 2


def _tasks(n: int) -> list[m.LiftingTask]:
    return [
        m.LiftingTask(
            name=f"Carton {k:02d} from pallet bay {k} to the conveyor at station {k % 4}",
            load_kg=8 + k % 7,
            h_origin_cm=30 + k % 25,
            v_origin_cm=20 + 5 * (k % 20),
            h_dest_cm=35,
            v_dest_cm=100,
            asymmetry_origin_deg=15 * (k % 4),
            lifts_per_min=0.1 + 0.02 * (k % 5),
            coupling=("good", "fair", "poor")[k % 3],
        )
        for k in range(1, n + 1)
    ]


def test_twenty_lifting_tasks_split_across_pages_with_the_header_repeated():
    a = m.Assessment(
        header=m.Header(assessment_id="LIFT-20"),
        lifting=m.Lifting(tasks=_tasks(20)),
        vibration=m.Vibration(
            tools=[
                m.HandArmTool(name=f"Tool {k}", a_hv_m_s2=2 + k, trigger_time_h=0.2)
                for k in range(10)
            ]
        ),
    )
    r = score_assessment(a)
    assert r.factor("lifting").headline.label == "CLI"
    texts = pages_text(_pdf(a, r))
    # The multipliers table: one row per task, so it runs over pages; each page holding
    # task rows of it also holds its header ("HM o / d" is only ever a column header).
    rows_on = [k for k, t in enumerate(texts) if re.search(r"Task \d+ \(Carton", t)]
    # Which column part runs over a page break depends on what precedes it (one more
    # factor's line moves it): the headers of both later parts count.
    header_on = [k for k, t in enumerate(texts) if "HM o / d" in t or "RWL o / d" in t]
    assert len(header_on) >= 2
    assert len(rows_on) >= 2
    # The input table too: its header on every page that holds its rows.
    # (its column parts start with "# Task"; which part meets a page break moves with the
    # lines before it, as above).
    assert sum("# Task" in flat(t) for t in texts) >= 2
    # Every task appears in the input table, numbered and with its full name.
    text = flat(" ".join(texts))
    for task in a.lifting.tasks:
        assert task.name in text
    for k in range(10):
        assert f"Tool {k}" in text


def test_self_assessment_speaks_to_the_employee(examples):
    a, _ = examples["office-desk"]
    a = a.model_copy(deep=True)
    a.header.assessment_type = "self"
    r = score_assessment(a)
    text = flat(" ".join(pages_text(_pdf(a, r))))
    assert "Self-assessment" in text
    assert flat(r.recommendations[0].employee_text) in text


def test_an_assessment_with_nothing_assessed_still_reports():
    text = flat(" ".join(pages_text(_pdf(m.Assessment()))))
    assert "NOT ASSESSED" in text
    assert "Not assessed: nothing was entered in the sitting section." in text
    assert "in the push, pull and carry section." in text  # the title, not the id
    assert "No recommendation: no factor was scored." in text


def test_profile_drawing_writes_band_and_native_value_of_every_bar(examples):
    _, r = examples["office-desk"]
    chart = profile_chart(r)
    d = profile_drawing(chart, 500)
    strings = [s.text for s in d.contents if hasattr(s, "text")]
    joined = " ".join(strings)
    for bar in chart.bars:
        assert bar.title in joined
        if bar.applicable:
            assert bar.band_name in joined
            assert all(w in joined for w in bar.value_label.split())
    # A bar nobody looked at says "not assessed", one judged not to apply "not applicable".
    unscored = joined.count("not applicable") + joined.count("not assessed")
    assert unscored >= sum(not b.applicable for b in chart.bars)
    assert all(name in strings for name in chart.band_names)  # the zones are labelled

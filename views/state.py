"""Every session-state key the pages use, in one place (STYLE.md).

Each page calls :func:`init` first, so it runs alone (what AppTest needs):
keys are created with ``setdefault`` and never overwritten here. Keys are
grouped by the page that owns them; widget keys are built with the helpers of
the owning page's block.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

# ---- shared: the assessment being worked on and its result
ASSESSMENT = "assessment"  # assessments.model.Assessment | None (validated)
RESULT = "result"  # scoring.results.AssessmentResult | None

DEFAULTS: dict[str, Any] = {
    ASSESSMENT: None,
    RESULT: None,
}

# ---- Check my desk (views/check_my_desk.py): the employee's own check. Written by the
# submit callback only, so what is shown always belongs to one submitted set of answers.
DESK_ASSESSMENT = "desk.assessment"  # assessments.model.Assessment | None (last valid check)
DESK_RESULT = "desk.result"  # scoring.results.AssessmentResult | None
DESK_PROBLEMS = "desk.problems"  # tuple[tuple[str, str], ...]: (input name, message in words)
DESK_SYMPTOMS = "desk.symptoms"  # dict of the symptom answers | None before the first submit

DEFAULTS.update({DESK_ASSESSMENT: None, DESK_RESULT: None, DESK_PROBLEMS: (), DESK_SYMPTOMS: None})


def desk_key(name: str) -> str:
    """Return the widget key of a Check my desk input, e.g. "desk.stature_cm"."""
    return f"desk.{name}"


# ---- New assessment (views/new_assessment.py, views/form.py) and Results (views/results.py).
# Form widgets are keyed "form.{scope}.{name}" and the list editors "form.{section}.{list}"
# (views.form.widget_key, views.form.list_key). Streamlit drops a widget's value when another
# page runs, so every change is also copied (by the widgets' callbacks) into FORM_VALUES and,
# for the tables, FORM_EDITS, and put back when the form page runs again: typing survives a
# visit to another page, submitted or not. These values are replaced, never mutated in place:
# a default object here would be shared by every session.
FORM_UNITS = "form.units"  # widget: the form's button that switches metric <-> US units
FORM_UPLOAD = "form.upload"  # widget: the JSON file uploader
UNIT_SYSTEM = "unit_system"  # "metric" | "us": how values are shown, on every page
FORM_VALUES = "form_values"  # dict widget key -> value in display units | None before first use
FORM_ROWS = "form_rows"  # dict list id -> pandas.DataFrame in display units | None
FORM_EDITS = "form_edits"  # dict list id -> the editor's pending edits (not folded into ROWS)
FORM_TAB = "form_tab"  # "header" or the section id of the tab shown
FORM_TABS = "form.tabs"  # key prefix of the tabs (their labels carry each section's state)
# Tabs drawn anew on FORM_TAB: moved on only when the form itself opens a tab (the first
# with a problem, a blank start), never while a person types (see views.new_assessment).
FORM_TABS_DRAWN = "form_tabs_drawn"
FORM_NA = "form.not_applicable"  # widget: the factors marked not applicable, in one place
FORM_SUBMIT = "form.submit"  # widget: Check and score
FORM_BLANK = "form.start_blank"  # widget: start a blank assessment
FORM_COPY = "form.start_copy"  # widget: start a new record from a copy of this one
RECORD_LABEL = "store.record_label"  # (record_id, worker reference) the banner names | None
FORM_PROBLEMS = "form_problems"  # dict widget key -> list of messages (last submit or load)
FORM_FILE = "form_file"  # file id of the JSON last loaded into the form | None
FORM_SCORED = "form_scored"  # True from a valid submit until the page moves to the results
# Lists entered one card at a time or as a table (views/cards.py); the view widgets are keyed
# "form.{list id}._view", a card's inputs "form.{list id}.card{n}.{name}".
FORM_VIEWS = "form_views"  # dict list id -> "cards" | "table" chosen (unchosen: the default)
FORM_CARD = "form_card"  # dict list id -> position of the card open for editing
WHATIF_FOR = "whatif_for"  # the Assessment the what-if widgets were set up for | None
WHATIF_FACTOR = "results.whatif.factor"  # widget: factor id
WHATIF_INPUT = "results.whatif.input"  # widget: input id (views.components.what_if_inputs)
WHATIF_VALUE = "results.whatif.value"  # widget: the changed value, display units
DOWNLOAD_JSON = "results.download_json"  # widget: download of the assessment as JSON
DOWNLOAD_PDF = "results.download_pdf"  # widget: download of the PDF report

DEFAULTS.update(
    {
        UNIT_SYSTEM: "metric",
        FORM_VALUES: None,
        FORM_ROWS: None,
        FORM_EDITS: None,
        FORM_TAB: "header",
        FORM_TABS_DRAWN: 0,
        RECORD_LABEL: None,
        FORM_PROBLEMS: None,
        FORM_FILE: None,
        FORM_SCORED: False,
        FORM_VIEWS: None,
        FORM_CARD: None,
        WHATIF_FOR: None,
    }
)


# ---- Saved assessments (issue 5): Assessments, Dashboard and Import pages
# (views/assessments_page.py, views/dashboard.py, views/import_page.py) and the Save action on
# Results. Filter widgets are keyed "{page}.filter.{name}" (filter_key); the store itself is a
# shared resource (views.services.store), never kept here.
RECORD_ID = "store.record_id"  # record the form's assessment was opened from / saved as | None
SAVED_FOR = "store.saved_for"  # the Assessment last saved (so Save is not repeated) | None
SAVED_REF = "store.saved_ref"  # assessments.store.SavedRef of that save | None
SAVE = "results.save"  # widget: the Save button on Results
SAVE_AS_NEW = "form.save_as_new"  # widget: stop editing the opened record (save as a new one)
SAVE_CONFIRM = "results.save_confirm"  # widget: yes, the changed reference is the same record
RESULTS_BLANK = "results.start_blank"  # widget: start the next assessment blank
RESULTS_COPY = "results.start_copy"  # widget: start the next assessment from a copy
LIST_PICK = "assessments.pick"  # widget: record_id of the assessment picked in the list
LIST_TABLE = "assessments.table"  # widget: the list's row selection (st.dataframe on_select)
LIST_REVISION = "assessments.revision"  # widget: revision shown of the picked record
LIST_OPEN = "assessments.open"  # widget: open the picked revision in the form
LIST_DOWNLOAD_PDF = "assessments.download_pdf"  # widget
LIST_DOWNLOAD_JSON = "assessments.download_json"  # widget
DELETE_CONFIRM = "assessments.delete_confirm"  # widget: the "I understand" checkbox
DELETE = "assessments.delete"  # widget: the delete button
DELETED = "assessments.deleted"  # text of the last deletion, shown once | None
COMPARE_WITH = "assessments.compare_with"  # widget: record_id of the other assessment
COMPARE_PDF = "assessments.compare_pdf"  # widget: before/after PDF download
COMPARE_REV_BEFORE = "assessments.compare_rev_before"  # widget: earlier revision compared
COMPARE_REV_AFTER = "assessments.compare_rev_after"  # widget: later revision compared
COMPARE_REV_PDF = "assessments.compare_rev_pdf"  # widget: two revisions' before/after PDF
DASH_PDF = "dashboard.summary_pdf"  # widget: summary PDF download
IMPORT_UPLOAD = "import.upload"  # widget: the CSV/XLSX uploader
IMPORT_SAVE = "import.save"  # widget: score and save the uploaded file
IMPORT_DONE = "import.done"  # (file id, rows saved) of the last import | None
IMPORT_FORMAT = "import.export_format"  # widget: "csv" | "xlsx"

DEFAULTS.update(
    {RECORD_ID: None, SAVED_FOR: None, SAVED_REF: None, DELETED: None, IMPORT_DONE: None}
)


# ---- Organisation mode (issue 11): the self-check save on Check my desk (views/self_check.py),
# My checks, Review and the admin page. The signed-in person is looked up on every run
# (views.identity), never kept here.
DESK_CONSENT = "desk.share_symptoms"  # widget: consent to share the symptom answers
DESK_SAVE = "desk.save"  # widget: save the self-check
DESK_SAVED = "desk.saved"  # (the Assessment saved, its SavedRef) | None
MY_PICK = "my_checks.pick"  # widget: record_id of the self-check shown
MY_PDF = "my_checks.pdf"  # widget
REVIEW_PICK = "review.pick"  # widget: record_id of the self-check being reviewed
REVIEW_NOTE = "review.note"  # widget: the officer's note
REVIEW_DONE = "review.done"  # widget: mark reviewed
REVIEW_AUDIT = "review.start_audit"  # widget: start an audit from the self-check
REVIEW_MESSAGE = "review.message"  # text of the last review, shown once | None
ADMIN_EMAIL = "admin.email"  # widget
ADMIN_ROLE = "admin.role"  # widget
ADMIN_SITES = "admin.sites"  # widget: sites, comma-separated
ADMIN_SET = "admin.set"  # widget: grant the role
ADMIN_REMOVE = "admin.remove"  # widget: remove the role
ADMIN_MESSAGE = "admin.message"  # text of the last admin action, shown once | None
ADMIN_ERROR = "admin.error"  # text of the last refused grant, shown once
ADMIN_REMOVE_PICK = "admin.remove_pick"  # widget: whose role to remove
ADMIN_AUDIT_CSV = "admin.audit_csv"  # widget: audit trail download
ADMIN_ARCHIVED = "admin.archived_pick"  # widget: archived record picked
ADMIN_RESTORE = "admin.restore"  # widget
ADMIN_PURGE_REASON = "admin.purge_reason"  # widget
ADMIN_PURGE = "admin.purge"  # widget

DEFAULTS.update({DESK_SAVED: None, REVIEW_MESSAGE: None, ADMIN_MESSAGE: None})


# ---- Corrective actions (issue 12): the Follow-up page and the actions panel
# (views/follow_up.py, views/actions_panel.py; widgets keyed "{panel key}.{...}").
FOLLOWUP_FOR = "actions.followup_for"  # action id whose follow-up is in the form | None
FOLLOWUP_VERIFY = "results.followup_verify"  # widget: mark that action verified
FOLLOWUP_MESSAGE = "actions.followup_message"  # ("success" | "error", text) shown once | None
OPEN_RECORD = "assessments.open_record"  # record another page asked Assessments to show | None
FOLLOW_SITE = "follow_up.site"  # widget: site filter
FOLLOW_OWNER = "follow_up.owner"  # widget: owner filter
FOLLOW_DAYS = "follow_up.days"  # widget: how many days ahead

DEFAULTS.update({FOLLOWUP_FOR: None, FOLLOWUP_MESSAGE: None, OPEN_RECORD: None})


# ---- Sites and departments as lists; dashboard rows that open their records (issue 9,
# points 10-11: views/admin.py, views/dashboard.py, views/assessments_page.py).
ADMIN_LIST_KIND = "admin.list_kind"  # widget: "site" | "department" shown on the admin page
ADMIN_RENAME_OLD = "admin.rename_old"  # widget: the listed name to rename or merge
ADMIN_RENAME_NEW = "admin.rename_new"  # widget: the name it becomes
ADMIN_MERGE_OK = "admin.merge_ok"  # widget: yes, merge when the new name is already listed
ADMIN_RENAME_ERROR = "admin.rename_error"  # text of the last refused rename, shown once
DASH_TOP_TABLE = "dashboard.top_table"  # widget: row selection of "most frequent recommendations"
DASH_NEED_TABLE = "dashboard.need_table"  # widget: row selection of "most need action"
LIST_FOCUS = (
    "assessments.focus"  # (Filters, words) a dashboard row asked Assessments to list | None
)
LIST_FOCUS_CLEAR = "assessments.focus_clear"  # widget: back to every assessment

DEFAULTS.update({LIST_FOCUS: None})


def filter_key(page: str, name: str) -> str:
    """Return the widget key of a filter on a page, e.g. "dashboard.filter.sites"."""
    return f"{page}.filter.{name}"


def open_form_tab(tab: str) -> None:
    """Open one tab of the New assessment form on its next run ("header", a section id)."""
    st.session_state[FORM_TAB] = tab
    st.session_state[FORM_TABS_DRAWN] = st.session_state.get(FORM_TABS_DRAWN, 0) + 1


def init() -> None:
    """Create every key with its default (existing values are kept)."""
    for key, value in DEFAULTS.items():
        st.session_state.setdefault(key, value)


# ---- Background jobs started from a page (issue 14; views/job_panel.py shows them there).
DASH_JOB_START = "dashboard.summary_job"  # widget: build the summary PDF as a job
DASH_JOB = "dashboard.summary_job_id"  # id of the summary job this session started | None
LIST_JOB_START = "assessments.pdf_job"  # widget: PDFs of the filtered records as a job
LIST_JOB = "assessments.pdf_job_id"  # id of that PDF batch job | None
IMPORT_JOB = "import.job_id"  # id of the import job started for a large file | None
IMPORT_JOB_FILE = "import.job_file"  # upload file id that job imports | None

DEFAULTS.update({DASH_JOB: None, LIST_JOB: None, IMPORT_JOB: None, IMPORT_JOB_FILE: None})

"""A TableError crosses a process pool whole (background jobs): its problems, not only its message."""

from __future__ import annotations

import pickle

from assessments.fields import Problem
from assessments.tables import TableError


def test_table_error_keeps_its_problems_through_pickle():
    # A pool sends a worker's exception back pickled: it must come back whole.
    problems = [Problem(None, "file", None, "the file has no header row.")]
    back = pickle.loads(pickle.dumps(TableError(problems)))
    assert isinstance(back, TableError)
    assert back.problems == problems and str(back) == "the file has no header row."

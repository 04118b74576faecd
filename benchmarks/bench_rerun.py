"""Server-side rerun time of the Results page after a widget change (goal: well under 100 ms).

    .venv/bin/python benchmarks/bench_rerun.py [--n 60] [--example warehouse-lifting]

Runs views/results.py under streamlit's AppTest with a scored example in session
state, then changes the what-if value (alternating between two values, so every
rerun re-scores a changed copy of the assessment and redraws the page: overall,
profile figure, recommendations, factor tables) and times each rerun. AppTest
runs the page script in-process with no browser, so the figure is the server's
share: the script run plus AppTest's own bookkeeping (an upper bound of the
script's time). Also times a submit of the New assessment form (validate, score,
summary) and a rerun of the Results page with nothing changed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from assessments import io  # noqa: E402
from assessments.evaluate import score_assessment  # noqa: E402
from views import form, state  # noqa: E402

# The input changed per example and the two values it alternates between (canonical units).
WHAT_IF = {
    "warehouse-lifting": ("lifting", "lifting.tasks.2.h_dest_cm", (25.0, 45.0)),
    "maintenance-vibration": ("hand_arm_vibration", "vibration.tools.0.trigger_time_h", (0.5, 1.5)),
    "office-desk": ("workstation", "workstation.keyboard_height_cm", (66.0, 74.0)),
}


def _ms(samples: list[float]) -> str:
    q = statistics.quantiles(samples, n=10)
    return f"median {statistics.median(samples):.1f} ms (p10 {q[0]:.1f}, p90 {q[-1]:.1f}, n={len(samples)})"


def bench_what_if(name: str, n: int) -> list[float]:
    """Return the wall time [ms] of each Results rerun after a what-if value change."""
    a = io.load_json((ROOT / "examples" / f"{name}.json").read_text("utf-8"))[0][0]
    at = AppTest.from_file(str(ROOT / "views" / "results.py"), default_timeout=60)
    at.session_state[state.ASSESSMENT] = a
    at.session_state[state.RESULT] = score_assessment(a)
    at.run()
    factor, input_id, values = WHAT_IF[name]
    at.selectbox(key=state.WHATIF_FACTOR).set_value(factor).run()
    at.selectbox(key=state.WHATIF_INPUT).set_value(input_id).run()
    out = []
    for k in range(n + 5):
        at.number_input(key=state.WHATIF_VALUE).set_value(values[k % 2])
        t = time.perf_counter()
        at.run()
        dt = (time.perf_counter() - t) * 1000
        assert not at.exception, at.exception
        if k >= 5:  # warm-up: imports, first figure
            out.append(dt)
    return out


def bench_idle(name: str, n: int) -> list[float]:
    """Return the wall time [ms] of Results reruns with nothing changed."""
    a = io.load_json((ROOT / "examples" / f"{name}.json").read_text("utf-8"))[0][0]
    at = AppTest.from_file(str(ROOT / "views" / "results.py"), default_timeout=60)
    at.session_state[state.ASSESSMENT] = a
    at.session_state[state.RESULT] = score_assessment(a)
    at.run()
    out = []
    for _ in range(n):
        t = time.perf_counter()
        at.run()
        out.append((time.perf_counter() - t) * 1000)
    return out


def bench_submit(name: str, n: int) -> list[float]:
    """Return the wall time [ms] of a New assessment submit (validate, score, summary)."""
    a = io.load_json((ROOT / "examples" / f"{name}.json").read_text("utf-8"))[0][0]
    values, rows = form.state_from_assessment(a, "metric")
    at = AppTest.from_file(str(ROOT / "views" / "new_assessment.py"), default_timeout=60)
    out = []
    for k in range(n + 3):
        for key, value in values.items():
            at.session_state[key] = value
        at.session_state[state.FORM_ROWS] = rows
        at.run()
        button = next(b for b in at.button if b.label == "Check and score")
        t = time.perf_counter()
        button.click().run()
        dt = (time.perf_counter() - t) * 1000
        assert not at.exception and at.session_state[state.RESULT] is not None
        if k >= 3:
            out.append(dt)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=60)
    ap.add_argument("--example", choices=sorted(WHAT_IF), default=None)
    args = ap.parse_args()
    names = [args.example] if args.example else list(WHAT_IF)
    for name in names:
        print(f"{name}: Results rerun after a what-if change: {_ms(bench_what_if(name, args.n))}")
    name = names[0]
    print(f"{name}: Results rerun, nothing changed: {_ms(bench_idle(name, args.n))}")
    n_submit = max(10, args.n // 3)
    print(f"{name}: New assessment submit: {_ms(bench_submit(name, n_submit))}")


if __name__ == "__main__":
    main()

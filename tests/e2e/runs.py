"""Waiting for Streamlit's script runs in a real browser, instead of guessing with sleeps.

Streamlit writes the state of the current script run on its root element
(``data-test-script-state``: ``running``, ``rerunRequested``, ``notRunning``). Until a run
finishes, the page still shows the previous run's elements (marked ``data-stale``); a
locator resolved then can be detached a moment later, and a bounding box read then can
move. So a journey waits for the run an action starts to *finish* before it reads or
clicks what that run draws.

``watch_runs(context)`` installs a counter of finished runs in every page of a browser
context; ``after_run(page, action)`` does the action and waits until a run that started
after it has finished; ``idle(page)`` waits until no run is in progress.
"""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

# A machine with two busy cores (CI) can take longer than expect's 30 s for one run.
RUN_TIMEOUT_MS = 90_000

_COUNTER = """
(() => {
  window.__ergoRunsFinished = 0;
  let last = null;
  const FINISHED = 'notRunning';
  // Every change of the attribute is counted from the mutation records (their old values),
  // not from the value read when the observer is called: a run that starts and finishes
  // between two calls (a fast run on a busy page) would otherwise go uncounted.
  const seen = (records) => {
    const app = document.querySelector('[data-testid="stApp"]');
    const now = app ? app.getAttribute('data-test-script-state') : null;
    const states = [];
    for (const r of records || []) {
      if (r.type === 'attributes' && r.target === app) states.push(r.oldValue);
    }
    if (states.length && last !== null) {
      states.push(now);
      for (let i = 1; i < states.length; i++) {
        if (states[i] === FINISHED && states[i - 1] !== FINISHED) window.__ergoRunsFinished += 1;
      }
    } else if (now !== last && now === FINISHED && last !== null) {
      window.__ergoRunsFinished += 1;  // the root element itself was replaced
    }
    last = now;
  };
  new MutationObserver(seen).observe(document, {
    subtree: true, childList: true, attributes: true, attributeOldValue: true,
    attributeFilter: ['data-test-script-state'],
  });
})();
"""

_IDLE = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return app !== null
    && app.getAttribute('data-test-script-state') === 'notRunning'
    && document.querySelector('[data-stale="true"]') === null;
}
"""

# A run finished since ``n`` were counted, or one is in progress now.
RUN_STARTED = """
n => window.__ergoRunsFinished > n || (() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return app !== null && app.getAttribute('data-test-script-state') !== 'notRunning';
})()
"""

_FINISHED_AFTER = f"""
n => window.__ergoRunsFinished > n && ({_IDLE})()
"""


def watch_runs(context) -> None:
    """Count finished script runs in every page the browser context opens from now on."""
    context.add_init_script(_COUNTER)


def idle(page, timeout: float = RUN_TIMEOUT_MS) -> None:
    """Wait until no script run is in progress and no stale element is left on the page."""
    page.wait_for_function(_IDLE, timeout=timeout)


def after_run(
    page,
    action: Callable[[], object],
    timeout: float = RUN_TIMEOUT_MS,
    *,
    before: int | None = None,
) -> None:
    """Do an action that reruns the script; return once that run has finished.

    ``before`` is the count of finished runs taken before the action, when the caller
    already did it (the action is then ``lambda: None``).
    """
    if before is None:
        before = runs_finished(page)
    action()
    try:
        page.wait_for_function(_FINISHED_AFTER, arg=before, timeout=timeout)
    except Exception as exc:  # say which half of the wait never came
        raise AssertionError(
            f"no finished run after the action (before: {before}); {state(page)}"
        ) from exc


def maybe_run(page, before: int, start_ms: float = 3_000) -> None:
    """Wait out the run an action may start: one that starts within ``start_ms`` is finished.

    Some actions rerun the script only sometimes (a table's "Add row" sends the new row
    at once for some tables, not for others); waiting for a run that never comes would
    time out, and not waiting leaves a run that redraws the page under the next step.
    """
    try:
        page.wait_for_function(RUN_STARTED, arg=before, timeout=start_ms)
    except PlaywrightTimeoutError:
        return
    idle(page)


def runs_finished(page) -> int:
    """Return how many script runs the page has finished so far."""
    return page.evaluate("window.__ergoRunsFinished")


def state(page) -> str:
    """Return what the page's run counter and script state say, for a failure message."""
    return page.evaluate(_STATE)


_STATE = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const stale = [...document.querySelectorAll('[data-stale="true"]')];
  return 'runs finished: ' + window.__ergoRunsFinished
    + ', script state: ' + (app ? app.getAttribute('data-test-script-state') : 'no app')
    + ', stale elements: ' + stale.length
    + ', open cell editor: ' + (() => {
        const e = document.querySelector('#portal :is(input, textarea)');
        return e ? JSON.stringify(e.value) + (e === document.activeElement ? ' (focused)' : '')
                 : 'none';
      })()
    + ', focus: ' + (document.activeElement ? document.activeElement.tagName + '.'
        + (document.activeElement.className || '').toString().slice(0, 40) : 'none')
    + (stale.length ? ' (' + stale.slice(0, 3).map(e => e.getAttribute('data-testid') + ' '
        + (e.className || '').toString().slice(0, 80)).join('; ') + ')' : '');
}
"""


def new_page(browser, width: int = 1280, height: int = 900, *, phone: bool = False, **kw):
    """Return a page in a fresh context (a new session), watching its script runs.

    ``phone`` emulates a phone (its user agent, touch and mobile viewport), which is what
    Streamlit looks at when it decides to close the sidebar after a page is chosen.
    """
    if phone:
        kw.update(user_agent=PHONE_USER_AGENT, is_mobile=True, has_touch=True)
    context = browser.new_context(viewport={"width": width, "height": height}, **kw)
    watch_runs(context)
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


# Playwright's "Pixel 7" user agent (Chrome on Android).
PHONE_USER_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)


def check_and_score(page) -> None:
    """Press the form's "Check and score" once its last run is over; return after its run."""
    idle(page)
    after_run(page, page.get_by_role("button", name="Check and score").click)
    idle(page)


def results(page, timeout: float = RUN_TIMEOUT_MS) -> None:
    """Wait for the Results page; when it never comes, fail with what the form said instead."""
    try:
        page.get_by_role("heading", name="Results").wait_for(timeout=timeout)
    except Exception as exc:  # a bare timeout hides the form's own message
        said = page.locator("[data-testid='stAlert']").all_text_contents()
        raise AssertionError(f"no Results page; the page said: {' | '.join(said)}") from exc
    idle(page)

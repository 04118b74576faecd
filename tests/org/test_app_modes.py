"""The router by mode and role (AppTest): the sidebar line is true, the page list follows the role.

Organisation mode is switched on by an ``[auth]`` secrets section; the signed-in person is
seeded through AppTest's ``user``. The real sign-in through an OpenID Connect provider is
tested in tests/org/test_journeys.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assessments import access

ROOT = Path(__file__).resolve().parents[2]
AUTH = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "test-only-not-a-secret",
        "client_id": "ergo",
        "client_secret": "test-only",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
    }
}


def _app(**user) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.secrets = AUTH
    at.user = {"is_logged_in": True, **user} if user else {"is_logged_in": False}
    return at


def _sidebar(at) -> list[str]:
    # The captions' text as read: without the Markdown escapes the page adds.
    return [re.sub(r"\\(.)", r"\1", c.value).replace("\u2060", "") for c in at.sidebar.caption]


def test_item_18_local_sqlite_says_where_the_file_is(tmp_path, monkeypatch):
    monkeypatch.setenv("ERGO_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert not at.exception
    lines = _sidebar(at)
    assert lines[0] == "Local mode: no sign-in; everyone who can open this page sees every record."
    assert lines[1] == (
        f"Data: a SQLite file on the computer running Ergo: {tmp_path.resolve() / 'ergo.db'}."
    )
    assert not any("leaves this computer" in c for c in lines)


@pytest.fixture
def pg_url(_postgres_admin):
    """Yield the URL of a fresh PostgreSQL schema on the test server (with its password)."""
    import uuid

    from tests.conftest import postgres_schema_url

    schema = f"test_{uuid.uuid4().hex[:12]}"
    with _postgres_admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    yield postgres_schema_url(_postgres_admin.url.render_as_string(hide_password=False), schema)
    from views import services

    services._store.clear()
    with _postgres_admin.begin() as conn:
        conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')


def test_item_18_local_postgresql_names_the_host_never_the_password(pg_url, monkeypatch):
    import sqlalchemy as sa

    monkeypatch.setenv("DATABASE_URL", pg_url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert not at.exception
    u = sa.engine.make_url(pg_url)
    line = _sidebar(at)[1]
    assert line == f"Data: a shared postgresql database at {u.host}:{u.port}/{u.database}."
    assert "@" not in line and f":{u.password}" not in line.replace(f":{u.port}", "")


def test_org_mode_before_sign_in_offers_only_sign_in(tmp_path, monkeypatch):
    monkeypatch.setenv("ERGO_DATA_DIR", str(tmp_path))
    at = _app().run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Ergo"]
    assert at.button[0].label == "Sign in"
    assert _sidebar(at)[:2] == [
        "Organisation mode: sign-in through your organisation's identity provider.",
        "Not signed in.",
    ]


@pytest.mark.parametrize(
    ("role", "sites", "title"),
    [
        ("employee", ("Leeds",), "Check my desk"),
        ("manager", ("Leeds",), "Dashboard"),
        ("officer", ("Leeds",), "New assessment"),
        ("admin", (), "New assessment"),
    ],
)
def test_org_mode_opens_on_the_roles_first_page_and_names_the_person(
    tmp_path, monkeypatch, role, sites, title
):
    monkeypatch.setenv("ERGO_DATA_DIR", str(tmp_path))
    from views import services

    services._store.clear()
    email = f"{role}@example.org"
    access.set_user(services.raw_store().engine, email, role, sites, by="test")
    at = _app(email=email).run()
    assert not at.exception
    assert at.title[0].value == title
    where = ", ".join(sites) if role != "admin" else "all sites"
    assert _sidebar(at)[1] == f"Signed in as {email}, {role} ({where})."
    assert [b.label for b in at.sidebar.button] == ["Sign out"]
    services._store.clear()


ROLE_PAGES = {
    "employee": ["Check my desk", "My checks", "Methods"],
    "manager": ["Dashboard", "Assessments", "Methods"],
    "officer": [
        "What Ergo does",
        "New assessment",
        "Results",
        "Score a file",
        "Review",
        "Follow-up",
        "Assessments",
        "Dashboard",
        "Import",
        "Background jobs",
        "Check my desk",
        "Methods",
    ],
}
ROLE_PAGES["admin"] = [*ROLE_PAGES["officer"], "People and audit"]


@pytest.mark.parametrize("role", list(ROLE_PAGES))
def test_page_list_follows_the_role(role):
    from views.navigation import page_specs

    p = access.Principal(f"{role}@example.org", role, ("Leeds",) if role != "admin" else None)
    got = [page.title for group in page_specs(p).values() for page in group]
    assert got == ROLE_PAGES[role]


def test_local_mode_keeps_every_page_of_one_person():
    from views.navigation import page_specs

    got = [page.title for group in page_specs(access.local_principal()).values() for page in group]
    assert got == [
        "What Ergo does",
        "New assessment",
        "Results",
        "Score a file",
        "Follow-up",
        "Assessments",
        "Dashboard",
        "Import",
        "Background jobs",
        "Check my desk",
        "Methods",
    ]


@pytest.fixture
def served_on_every_interface():
    from streamlit import config

    old = config.get_option("server.address")
    config.set_option("server.address", "0.0.0.0")
    yield
    config.set_option("server.address", old)


def test_served_beyond_localhost_without_sign_in_warns_on_every_page_and_logs(
    served_on_every_interface, tmp_path, monkeypatch, caplog
):
    monkeypatch.setenv("ERGO_DATA_DIR", str(tmp_path))
    from views import identity

    identity._warned.clear()  # the log line is written once per server process
    caplog.set_level("WARNING", logger="ergo")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    for page in ("views/dashboard.py", "views/check_my_desk.py"):
        at.switch_page(page).run()
        assert not at.exception
        assert at.warning[0].value.startswith(
            "**Ergo is served on 0.0.0.0 without sign-in.** Anyone who can reach this address"
        )
    logged = [r.getMessage() for r in caplog.records if r.name == "ergo"]
    assert len(logged) == 1  # two pages, one log line
    assert logged[0].startswith("Ergo is served on 0.0.0.0 without sign-in")


def test_no_warning_with_sign_in_configured(served_on_every_interface, tmp_path, monkeypatch):
    monkeypatch.setenv("ERGO_DATA_DIR", str(tmp_path))
    at = _app().run()
    assert not at.exception
    assert not at.warning

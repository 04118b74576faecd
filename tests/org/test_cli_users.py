"""`python -m cli users add|list|remove` on SQLite and PostgreSQL, audited."""

from __future__ import annotations

import cli
from assessments import access, audit


def test_users_add_list_remove(store_url, capsys):
    url = ["--url", store_url]
    assert (
        cli.main(["users", "add", "Ann@Example.org", "--role", "officer", "--site", "Leeds", *url])
        == 0
    )
    assert "ann@example.org: officer (Leeds)" in capsys.readouterr().err
    assert cli.main(["users", "add", "meg@example.org", "--role", "manager", *url]) == 0
    assert cli.main(["users", "list", *url]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "email,role,sites,created_at,created_by"
    assert [r.split(",")[:3] for r in out[1:]] == [
        ["ann@example.org", "officer", "Leeds"],
        ["meg@example.org", "manager", ""],
    ]
    assert cli.main(["users", "remove", "ann@example.org", *url]) == 0
    assert cli.main(["users", "remove", "ann@example.org", *url]) == 1
    assert "no role stored" in capsys.readouterr().err
    store = cli._store(type("Args", (), {"url": store_url})())
    assert access.principal_for(store.engine, "ann@example.org").role == "employee"
    actions = audit.events(store.engine)["action"].tolist()
    assert actions == ["user_remove", "role_change", "role_change"]
    assert all(a.startswith("cli:") for a in audit.events(store.engine)["actor"])
    store.close()


def test_users_add_refuses_a_bad_address(store_url, capsys):
    assert cli.main(["users", "add", "nobody", "--role", "officer", "--url", store_url]) == 1
    assert "e-mail == 'nobody', must look like name@example.org." in capsys.readouterr().err

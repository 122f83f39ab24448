"""A PostgreSQL team server: each member's own connection, guarded by the server itself.

Provisions a project with alice and bob (annotators), carol (adjudicator) and maya
(manager), then connects as each with their own login role and password and tries raw
SQL and the services: the server, not the program, refuses what the role may not do.
Runs when ANNOTATOR_TEST_POSTGRES_URL names a server database (``.ci/run`` starts one).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from annotator.cli.main import cli
from annotator.core.values import Role, SetStatus
from annotator.services import team, team_server
from annotator.services.export.datasets import export_jsonl
from annotator.services.gold.commands import AddGoldSpan
from annotator.services.imports.documents import import_paths
from annotator.services.project import Project
from annotator.services.spans import AddSpan
from annotator.storage.rls import ServerRefused
from tests.conftest import own_schema

PG_URL = os.environ.get("ANNOTATOR_TEST_POSTGRES_URL")
if not PG_URL and os.environ.get("CI"):
    raise RuntimeError("CI must run the PostgreSQL tests: ANNOTATOR_TEST_POSTGRES_URL is not set")
needs_pg = pytest.mark.skipif(not PG_URL, reason="set ANNOTATOR_TEST_POSTGRES_URL to run against PostgreSQL")
#: the login roles are the server's, not a database's: xdist workers that each run some tests of
#: this module take turns, holding this advisory lock (in the server's database ``postgres``: every
#: worker's the same one) while their project lives
ROLES_LOCK = 0x726C73

MEMBERS = {"alice": Role.ANNOTATOR, "bob": Role.ANNOTATOR, "carol": Role.ADJUDICATOR, "maya": Role.MANAGER}
#: Arabic written for these tests
TEXTS = {
    "d1": "قال الوزير إن الجسر الجديد سيُفتتح في أيار المقبل بعد تأخير طويل.\n",
    "d2": "أكدت البلدية أن المكتبة العامة ستبقى مغلقة حتى نهاية الشهر.\n",
}


def _drop_logins(owner_url: str) -> None:
    engine = sa.create_engine(owner_url)
    with engine.begin() as conn:
        for login in MEMBERS:
            conn.execute(sa.text(f'DROP ROLE IF EXISTS "{login}"'))
    engine.dispose()


def as_member(owner_url: str, login: str, password: str) -> str:
    """The project's URL as *login* with their password (what a member's pgpass supplies)."""
    return sa.make_url(owner_url).set(username=login, password=password).render_as_string(hide_password=False)


@pytest.fixture(scope="module")
def team_project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """A provisioned project: (owner URL, each member's URL with their password)."""
    assert PG_URL
    lock_engine = sa.create_engine(sa.make_url(PG_URL).set(database="postgres"))  # one database: its locks
    lock = lock_engine.connect()
    lock.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": ROLES_LOCK})
    try:
        yield from _provisioned(tmp_path_factory)
    finally:
        lock.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": ROLES_LOCK})
        lock.close()
        lock_engine.dispose()


def _provisioned(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    assert PG_URL
    owner = own_schema(PG_URL, "rls_team")
    _drop_logins(owner)
    folder = tmp_path_factory.mktemp("docs")
    for name, body in TEXTS.items():
        (folder / f"{name}.txt").write_text(body, encoding="utf-8")
    project = Project.open(owner)
    try:
        import_paths(project, [folder])
        for name, role in MEMBERS.items():
            team.add_annotator(project, name, role)
        team.assign(project, ["d1", "d2"], ["alice", "bob"])
        AddSpan("d1", "alice", 0, 3, "ACTOR", span_id="a-1").do(project)
        AddSpan("d1", "bob", 4, 10, "ACTOR", span_id="b-1").do(project)
        AddSpan("d2", "bob", 0, 4, "ACTOR", span_id="b-2").do(project)
        AddGoldSpan("d1", "carol", 4, 10, "ACTOR", span_id="g-1").do(project)
        report = team_server.provision(project)
    finally:
        project.close()
    passwords = {c.login: c.password for c in report.members}
    assert set(passwords) == set(MEMBERS) and all(passwords.values())
    yield owner, {login: as_member(owner, login, pw) for login, pw in passwords.items() if pw}
    _drop_logins(owner)


def _rows(url: str, sql: str, **params: object) -> list[tuple[object, ...]]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(sa.text(sql), params)]
    finally:
        engine.dispose()


def _refused(url: str, sql: str, **params: object) -> str:
    """Run *sql* as a member; it must be refused by the server (or touch no row: a policy that hides
    the row). Returns how: 'refused' or 'no row'."""
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            try:
                result = conn.execute(sa.text(sql), params)
            except sa.exc.ProgrammingError as exc:
                assert getattr(exc.orig, "sqlstate", None) == "42501", exc
                return "refused"
            assert result.rowcount == 0, f"{sql} changed {result.rowcount} rows"
            return "no row"
    finally:
        engine.dispose()


def _set_id(owner: str, doc: str, who: str, kind: str = "annotation") -> int:
    rows = _rows(owner, "SELECT s.id FROM annotation_sets s JOIN annotators a ON a.id = s.annotator_id "
                        "WHERE s.document_id = :d AND a.name = :w AND s.kind = :k", d=doc, w=who, k=kind)
    return int(rows[0][0])  # type: ignore[call-overload]


def _annotator_id(owner: str, name: str) -> int:
    return int(_rows(owner, "SELECT id FROM annotators WHERE name = :n", n=name)[0][0])  # type: ignore[call-overload]


@needs_pg
def test_alice_reads_only_her_own_rows(team_project: tuple[str, dict[str, str]]) -> None:
    owner, urls = team_project
    every = _rows(urls["alice"], "SELECT * FROM spans")
    assert len(every) == 1  # neither bob's spans nor gold (her set is not done)
    assert _rows(urls["alice"], "SELECT uid FROM spans") == [("a-1",)]
    owners = {r[0] for r in _rows(urls["alice"], "SELECT annotator_id FROM annotation_sets")}
    assert owners == {_annotator_id(owner, "alice")}
    assert {r[0] for r in _rows(urls["alice"], "SELECT annotator_id FROM changes")} == {_annotator_id(owner, "alice")}
    assert len(_rows(urls["alice"], "SELECT id FROM documents")) == 2
    # carol (adjudicator) reads everyone's work and gold
    assert {r[0] for r in _rows(urls["carol"], "SELECT uid FROM spans")} == {"a-1", "b-1", "b-2", "g-1"}


@needs_pg
def test_alice_cannot_write_what_is_not_hers(team_project: tuple[str, dict[str, str]]) -> None:
    owner, urls = team_project
    alice = urls["alice"]
    gold_set, bob_set = _set_id(owner, "d1", "gold", "gold"), _set_id(owner, "d1", "bob")
    span = ("INSERT INTO spans (set_id, kind, uid, start_offset, end_offset, label, attrs, provenance, comment, "
            "unsure, created_at, updated_at) VALUES (:s, :k, :u, 0, 3, 'ACTOR', '{}', '{}', '', false, now(), now())")
    assert _refused(alice, span, s=gold_set, k="gold", u="forged-gold") == "refused"
    assert _refused(alice, span, s=bob_set, k="annotation", u="forged-bob") == "refused"
    assert _refused(alice, "UPDATE spans SET label = 'DATE' WHERE set_id = :s", s=gold_set) == "no row"
    assert _refused(alice, "UPDATE spans SET label = 'DATE' WHERE uid = 'b-1'") == "no row"
    assert _refused(alice, "DELETE FROM spans WHERE uid IN ('b-1', 'g-1')") == "no row"
    # roles, assignments, the schema: managers only
    assert _refused(alice, "UPDATE annotators SET role = 'manager' WHERE name = 'alice'") == "refused"
    assert _refused(alice, "INSERT INTO annotators (name, role, created_at) VALUES ('eve', 'manager', now())") \
        == "refused"
    assert _refused(alice, "DELETE FROM assignments") == "refused"
    assert _refused(alice, "UPDATE project_settings SET value = 'always' WHERE key = 'team.gold'") == "refused"
    # the change log is append-only for everyone
    assert _refused(alice, "UPDATE changes SET action = 'x'") == "refused"
    assert _refused(alice, "DELETE FROM changes") == "refused"
    assert _refused(urls["maya"], "DELETE FROM changes") == "refused"
    assert {r[0] for r in _rows(owner, "SELECT uid FROM spans")} == {"a-1", "b-1", "b-2", "g-1"}
    assert _rows(owner, "SELECT role FROM annotators WHERE name = 'alice'") == [("annotator",)]


@needs_pg
def test_her_own_span_is_written_and_logged_as_hers(team_project: tuple[str, dict[str, str]]) -> None:
    owner, urls = team_project
    engine = sa.create_engine(urls["alice"])
    with engine.begin() as conn:
        conn.execute(sa.text(
            "INSERT INTO spans (set_id, kind, uid, start_offset, end_offset, label, attrs, provenance, comment, "
            "unsure, created_at, updated_at) VALUES (:s, 'annotation', 'a-raw', 11, 15, 'ACTOR', '{}', '{}', '', "
            "false, now(), now())"), {"s": _set_id(owner, "d1", "alice")})
        # the client claims bob wrote this entry: the server writes alice
        conn.execute(sa.text("INSERT INTO changes (at, annotator_id, document_id, action, payload) "
                             "VALUES (now(), :bob, 'd1', 'span.add', '{}')"), {"bob": _annotator_id(owner, "bob")})
    engine.dispose()
    logged = _rows(owner, "SELECT a.name FROM changes c JOIN annotators a ON a.id = c.annotator_id "
                          "ORDER BY c.id DESC LIMIT 1")
    assert logged == [("alice",)]


@needs_pg
def test_services_through_alice_connection(team_project: tuple[str, dict[str, str]], tmp_path: Path) -> None:
    owner, urls = team_project
    project = Project.open(urls["alice"], create=False)
    try:
        assert team_server.connected_user(project) == "alice"
        AddSpan("d2", "alice", 0, 4, "ACTOR", span_id="a-2").do(project)
        assert [s.id for s in project.spans("d2", "alice")] == ["a-2"]
        assert project.spans("d1", "bob") == []  # invisible to her connection, whatever the program asks
        export_jsonl(project, tmp_path / "mine.jsonl", annotator="alice")
        lines = [json.loads(line) for line in (tmp_path / "mine.jsonl").read_text(encoding="utf-8").splitlines()]
        assert {s["id"] for line in lines for s in line.get("spans", [])} >= {"a-1", "a-2"}
        # a write the server refuses is one line, and nothing of it stays
        with pytest.raises(ServerRefused, match="refused") as refused:
            AddSpan("d2", "bob", 4, 8, "ACTOR", span_id="forged").do(project)
        assert "\n" not in str(refused.value)
    finally:
        project.close()
    assert _rows(owner, "SELECT uid FROM spans WHERE uid = 'forged'") == []
    result = CliRunner().invoke(cli, ["team", "list", "--db", urls["bob"]])
    assert "connected as: bob" in result.output


@needs_pg
def test_no_command_shows_bob_s_work_to_alice_s_connection(team_project: tuple[str, dict[str, str]],
                                                           tmp_path: Path) -> None:
    """Whatever the command and whatever it is asked (--source bob, --as carol), alice's connection
    never brings bob's spans or the gold back: refused, or empty."""
    owner, urls = team_project
    runner = CliRunner()
    commands = [
        ["info"], ["agreement"], ["annotators", "status"], ["annotators", "list"], ["search", "الجسر"],
        ["export", "--source", "bob", "--out", str(tmp_path / "bob")],
        ["export", "--source", "all", "--out", str(tmp_path / "all")],
        ["export", "--source", "gold", "--out", str(tmp_path / "gold")],
        ["adjudicate", "--docs", "d1", "--list", "--as", "carol"],
        ["annotators", "role", "alice", "manager", "--as", "maya"],
    ]
    for args in commands:
        result = runner.invoke(cli, [*args, "--db", urls["alice"]], env={"ANNOTATOR_USER": "alice"})
        assert "Traceback" not in result.output, (args, result.output)
        assert result.exit_code in (0, 1, 2), (args, result.output)
        assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), args
        written = "".join(p.read_text(encoding="utf-8", errors="replace")
                          for p in tmp_path.rglob("*") if p.is_file())
        for secret in ("b-1", "b-2", "g-1"):
            assert secret not in result.output + written, (args, secret)
    assert _rows(owner, "SELECT role FROM annotators WHERE name = 'alice'") == [("annotator",)]
    # the same export through the owner's connection does hold bob's spans: the check above can fail
    runner.invoke(cli, ["export", "--source", "bob", "--out", str(tmp_path / "owner"), "--db", owner])
    assert "b-1" in "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "owner").rglob("*") if p.is_file())


@needs_pg
def test_a_member_connects_with_the_password_from_pgpass(team_project: tuple[str, dict[str, str]],
                                                         tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    owner, urls = team_project
    password = sa.make_url(urls["alice"]).password
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"*:*:*:alice:{password}\n", encoding="utf-8")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    bare = sa.make_url(owner).set(username="alice").render_as_string(hide_password=False)
    assert ":" not in bare.split("@")[0].split("//")[1]  # no password in the URL
    project = Project.open(bare, create=False)
    try:
        assert team_server.connected_user(project) == "alice"
    finally:
        project.close()
    result = CliRunner().invoke(cli, ["team", "list", "--db", bare])
    assert "connected as: alice" in result.output and password not in result.output


@needs_pg
def test_adjudicator_writes_gold_and_manager_changes_roles(team_project: tuple[str, dict[str, str]]) -> None:
    owner, urls = team_project
    project = Project.open(urls["carol"], create=False)
    try:
        AddGoldSpan("d2", "carol", 0, 4, "ACTOR", span_id="g-2").do(project)
    finally:
        project.close()
    assert _rows(owner, "SELECT kind FROM spans WHERE uid = 'g-2'") == [("gold",)]
    assert _refused(urls["carol"], "UPDATE annotators SET role = 'manager' WHERE name = 'carol'") == "refused"
    engine = sa.create_engine(urls["maya"])
    with engine.begin() as conn:
        assert conn.execute(sa.text("UPDATE annotators SET role = 'adjudicator' WHERE name = 'bob'")).rowcount == 1
    engine.dispose()
    try:
        assert {r[0] for r in _rows(urls["bob"], "SELECT uid FROM spans")} >= {"a-1", "g-1"}  # bob now adjudicates
    finally:
        engine = sa.create_engine(urls["maya"])
        with engine.begin() as conn:
            conn.execute(sa.text("UPDATE annotators SET role = 'annotator' WHERE name = 'bob'"))
        engine.dispose()
    assert "a-1" not in {r[0] for r in _rows(urls["bob"], "SELECT uid FROM spans")}


@needs_pg
def test_provision_again_changes_nothing_and_a_removed_member_cannot_connect(
        team_project: tuple[str, dict[str, str]]) -> None:
    owner, urls = team_project
    runner = CliRunner()
    again = runner.invoke(cli, ["team", "provision", "--db", owner])
    assert again.exit_code == 0, again.output
    assert "every member has a login already" in again.output
    assert {r[0] for r in _rows(urls["alice"], "SELECT uid FROM spans")} >= {"a-1"}  # her password still works
    # annotators read only their assigned documents, kept by a later provision without the option
    assert runner.invoke(cli, ["team", "provision", "--documents", "assigned", "--db", owner]).exit_code == 0
    project = Project.open(owner, create=False)
    try:
        team.unassign(project, ["d2"], ["alice"])
        assert runner.invoke(cli, ["team", "provision", "--db", owner]).exit_code == 0
        assert _rows(urls["alice"], "SELECT id FROM documents") == [("d1",)]
        assert len(_rows(urls["carol"], "SELECT id FROM documents")) == 2
        team.assign(project, ["d2"], ["alice"])
    finally:
        project.close()
    assert runner.invoke(cli, ["team", "provision", "--documents", "all", "--db", owner]).exit_code == 0
    rotated = runner.invoke(cli, ["team", "password", "maya", "--db", owner])
    assert rotated.exit_code == 0, rotated.output
    new = rotated.output.split("password ")[-1].strip()
    with pytest.raises(sa.exc.OperationalError):
        _rows(urls["maya"], "SELECT 1")
    assert _rows(as_member(owner, "maya", new), "SELECT 1") == [(1,)]
    removed = runner.invoke(cli, ["team", "remove", "bob", "--db", owner])
    assert removed.exit_code == 0, removed.output
    with pytest.raises(sa.exc.OperationalError):
        _rows(urls["bob"], "SELECT 1")
    added = runner.invoke(cli, ["team", "add", "bob", "--role", "annotator", "--db", owner])
    assert added.exit_code == 0, added.output
    urls["bob"] = as_member(owner, "bob", added.output.split("password ")[-1].strip())
    assert {r[0] for r in _rows(urls["bob"], "SELECT uid FROM spans")} >= {"b-1"}


@needs_pg
def test_alice_reads_the_gold_once_her_work_is_done(team_project: tuple[str, dict[str, str]]) -> None:
    _owner, urls = team_project
    assert "g-1" not in {r[0] for r in _rows(urls["alice"], "SELECT uid FROM spans")}
    project = Project.open(urls["alice"], create=False)
    try:
        project.set_status("d1", "alice", SetStatus.DONE)
    finally:
        project.close()
    uids = {r[0] for r in _rows(urls["alice"], "SELECT uid FROM spans")}
    assert "g-1" in uids and "b-1" not in uids


def test_team_server_needs_postgresql(tmp_path: Path) -> None:
    Project.open(tmp_path / "p.sqlite").close()
    result = CliRunner().invoke(cli, ["team", "provision", "--db", str(tmp_path / "p.sqlite")])
    assert result.exit_code == 2
    assert "needs a PostgreSQL project" in result.output


@needs_pg
def test_on_a_team_server_the_login_decides_who_acts(team_project: tuple[str, dict[str, str]], tmp_path: Path) -> None:
    """--as or ANNOTATOR_USER naming someone else is refused on a member's connection; without
    them the command acts as the login (alice's export is hers, with no name given)."""
    _owner, urls = team_project
    runner = CliRunner()
    claimed = runner.invoke(cli, ["annotators", "role", "alice", "manager", "--as", "maya", "--db", urls["alice"]],
                            env={"ANNOTATOR_USER": ""})
    assert claimed.exit_code == 2
    assert "this connection logs in as alice: it acts as alice, not as maya" in claimed.output
    mine = runner.invoke(cli, ["export", "--out", str(tmp_path / "mine"), "--db", urls["alice"]],
                         env={"ANNOTATOR_USER": ""})
    assert mine.exit_code == 0, mine.output
    written = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "mine").rglob("*") if p.is_file())
    assert "b-1" not in written and "ACTOR" in written  # alice's own span, none of bob's


@needs_pg
def test_the_window_says_who_is_connected_and_their_role(team_project: tuple[str, dict[str, str]], qtbot) -> None:  # type: ignore[no-untyped-def]
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from annotator.gui import main_window

    _owner, urls = team_project
    win = main_window(urls["alice"], ["d1"], annotator="somebody-else")  # the login decides, not the name given
    qtbot.addWidget(win)
    try:
        assert win.controller.annotator == "alice"
        assert win.who.text() == "Connected as alice (annotator)"
    finally:
        win.close()


@needs_pg
def test_suggestion_rows_follow_the_blind_rule(team_project: tuple[str, dict[str, str]]) -> None:
    """A shared model (learnt from everyone's work) and bob's decisions are invisible to alice's
    connection; she cannot write a decision in bob's name; an adjudicator reads the models."""
    from annotator.core.suggest import Suggestion
    from annotator.services.suggestions import RejectSuggestions
    from annotator.storage import suggestions as suggestion_store
    from annotator.storage import team as team_store

    owner, urls = team_project
    p = Project.open(owner)
    try:
        with p.database.unit_of_work() as s:
            bob = team_store.annotator_id(s, "bob", create=False)
            suggestion_store.save_model(s, "project", None, {"sources": [{"annotator": "bob"}]}, b"shared")
            suggestion_store.save_model(s, "project", bob, {"sources": [{"annotator": "bob"}]}, b"bob's own")
        RejectSuggestions("d1", "bob", [Suggestion("d1", 0, 3, "ACTOR", "dates")]).do(p)
    finally:
        p.close()
    assert _rows(urls["alice"], "SELECT blob FROM suggestion_models") == []
    assert _rows(urls["alice"], "SELECT annotator_id FROM suggestion_decisions") == []
    assert len(_rows(urls["carol"], "SELECT pk FROM suggestion_models")) >= 2
    assert _refused(urls["alice"], "INSERT INTO suggestion_decisions (document_id, annotator_id, recommender, "
                                   "suggestion_key, label, decision, at) VALUES ('d1', :bob, 'dates', 'k', 'ACTOR', "
                                   "'rejected', now())", bob=bob) == "refused"

"""A PostgreSQL project secured by the server: roles, grants and row-level security.

``annotator team provision`` (an owner connection) makes, for the project's database and
schema, one group role per project role (``<prefix>_annotator``, ``<prefix>_adjudicator``,
``<prefix>_manager``; *prefix* from the database and schema names, so two projects on one
server never share a group), one LOGIN role per team member, the table GRANTs and the
row-level security policies (ENABLE + FORCE) that decide, row by row, what each member's
own connection may read and write. Everything here is idempotent: running it again leaves
the same state.

Who a connection is: the table ``annotator_logins`` maps a login role (``current_user``)
to its ``annotators`` row, and the policies read the member's role from that row (the
project's one source of truth: a manager's ``UPDATE annotators SET role`` takes effect at
once; a trigger keeps the group memberships, i.e. the table GRANTs, in step). The change
log's trigger writes that annotator into every new entry, whatever the client sent.

Only this module speaks this SQL; services call it through a unit of work. PostgreSQL only.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from annotator.core.errors import AnnotatorError
from annotator.core.values import Role

#: the mapping of login roles to annotators (made by provisioning, not by a migration)
LOGINS = "annotator_logins"

#: project settings the policies read (``team provision --documents/--gold``)
DOCUMENTS_SETTING = "team.documents"  # "all" | "assigned"
GOLD_SETTING = "team.gold"  # "done" (an annotator sees a document's gold once their set is done) | "never" | "always"
DOCUMENT_CHOICES = ("all", "assigned")
GOLD_CHOICES = ("done", "never", "always")

_LOGIN_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")

#: SQLSTATE of a refusal: insufficient privilege (a missing GRANT, a row-level security policy)
INSUFFICIENT_PRIVILEGE = "42501"


class NotPostgreSQL(AnnotatorError):
    """Row-level security needs a PostgreSQL project."""


class ServerRefused(AnnotatorError):
    """The database server refused a statement for this connection's role; nothing was written."""


@dataclass(frozen=True)
class Names:
    """The roles of one project: its groups by project role, and the schema they guard."""

    schema: str
    prefix: str

    def group(self, role: Role) -> str:
        return f"{self.prefix}_{role.value}"

    @property
    def groups(self) -> list[str]:
        return [self.group(r) for r in Role]


@dataclass(frozen=True)
class Login:
    """A member's login role: which annotator, under which role name, with which project role."""

    annotator: str
    login: str
    role: Role


def _ident(name: str) -> str:
    """*name* quoted as a PostgreSQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _require_postgresql(session: Session) -> None:
    if session.get_bind().dialect.name != "postgresql":
        raise NotPostgreSQL("a team server needs a PostgreSQL project (a SQLite file is one trust domain: "
                            "whoever can open the file can read it)")


def names(session: Session) -> Names:
    """The group names of the project this session is connected to (database + schema)."""
    _require_postgresql(session)
    db, schema = session.execute(text("SELECT current_database(), current_schema()")).one()
    base = db if schema == "public" else f"{db}_{schema}"
    prefix = re.sub(r"[^a-z0-9_]", "_", str(base).lower())[:40]
    return Names(str(schema), prefix)


def login_name(annotator: str) -> str:
    """The login role of a member: their name when it is a plain PostgreSQL name, else refused."""
    login = annotator.lower()
    if not _LOGIN_NAME.fullmatch(login):
        raise AnnotatorError(f"{annotator!r} cannot be a PostgreSQL login name: use lowercase Latin letters, "
                             "digits and _ (give the member such a name)")
    return login


def new_password() -> str:
    """A generated password (24 URL-safe characters, about 144 bits)."""
    return secrets.token_urlsafe(18)


def _ddl(session: Session, statement: str) -> None:
    """A statement without parameters, sent to the driver as written (neither ``:name`` nor ``%I``
    in a literal or a function body is taken for a parameter), in the session's transaction."""
    cursor = session.connection().connection.cursor()
    try:
        cursor.execute(statement)
    finally:
        cursor.close()


def _role_exists(session: Session, role: str) -> bool:
    return session.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first() is not None


def _password_clause(session: Session, login: str, password: str) -> str:
    """``PASSWORD '…'`` with the SCRAM verifier computed here (libpq), so the server's statement
    log never holds the password itself; the plain literal if the driver cannot."""
    driver = session.connection().connection.driver_connection
    pgconn = getattr(driver, "pgconn", None)
    if pgconn is not None and hasattr(pgconn, "encrypt_password"):
        verifier = pgconn.encrypt_password(password.encode(), login.encode(), b"scram-sha-256")
        return f"PASSWORD {_literal(verifier.decode())}"
    return f"PASSWORD {_literal(password)}"


# -- the policies ----------------------------------------------------------------------------

_ME = "(SELECT annotator_me())"
_ROLE = "(SELECT annotator_my_role())"
_PRIVILEGED = f"{_ROLE} IN ('adjudicator', 'manager')"
_MANAGER = f"{_ROLE} = 'manager'"
_MY_WORK = f"(annotator_id = {_ME} AND kind = 'annotation')"
_GOLD_WORK = f"({_PRIVILEGED} AND kind = 'gold')"
#: the member's own sets (by the annotator index), or, for adjudicators and managers, gold sets
_WRITABLE_SETS = (f"set_id IN (SELECT s.id FROM annotation_sets s WHERE s.annotator_id = {_ME} AND "
                  f"s.kind = 'annotation') OR ({_PRIVILEGED} AND set_id IN "
                  "(SELECT s.id FROM annotation_sets s WHERE s.kind = 'gold'))")


def _visible_document(column: str) -> str:
    """A document an annotator may read: every one, or (``team.documents = assigned``) their assigned ones."""
    return (f"((SELECT annotator_setting('{DOCUMENTS_SETTING}', 'all')) = 'all' OR {_PRIVILEGED} "
            f"OR {column} IN (SELECT a.document_id FROM assignments a WHERE a.annotator_id = {_ME}))")


_GOLD_VISIBLE = (f"(kind = 'gold' AND ((SELECT annotator_setting('{GOLD_SETTING}', 'done')) = 'always' OR "
                 f"((SELECT annotator_setting('{GOLD_SETTING}', 'done')) = 'done' "
                 "AND document_id IN (SELECT annotator_my_done_documents()))))")

#: a row of a set the member may read: their own sets (found by the annotator index), or gold sets
#: of documents whose gold they may read (annotation_sets' own policy applies inside as well). Two
#: small lists of set ids per query, whose size follows the member's own work, not the project's
_SET_VISIBLE = (f"set_id IN (SELECT s.id FROM annotation_sets s WHERE s.annotator_id = {_ME}) OR "
                f"set_id IN (SELECT s.id FROM annotation_sets s WHERE s.kind = 'gold' AND "
                f"((SELECT annotator_setting('{GOLD_SETTING}', 'done')) = 'always' OR "
                f"((SELECT annotator_setting('{GOLD_SETTING}', 'done')) = 'done' "
                "AND s.document_id IN (SELECT annotator_my_done_documents()))))")
_LINK_VISIBLE = ("EXISTS (SELECT 1 FROM spans s WHERE s.pk = source_pk) "
                 "AND EXISTS (SELECT 1 FROM spans s WHERE s.pk = target_pk)")

#: per table: (SELECT, INSERT check, UPDATE/DELETE rows) expressions; None: that command is not granted
_ALL = "true"
POLICIES: dict[str, tuple[str, str | None, str | None]] = {
    "alembic_version": (_ALL, None, None),
    "label_schemas": (_ALL, _MANAGER, _MANAGER),
    "project_settings": (_ALL, _MANAGER, _MANAGER),
    "import_batches": (_ALL, _MANAGER, _MANAGER),
    "documents": (_visible_document("id"), _MANAGER, _MANAGER),
    "document_list": (_visible_document("document_id"), _MANAGER, _MANAGER),
    "document_search": ("number IN (SELECT l.number FROM document_list l)", _MANAGER, _MANAGER),
    "annotators": (_ALL, _MANAGER, _MANAGER),
    LOGINS: (_ALL, None, None),
    "assignments": (f"annotator_id = {_ME} OR {_PRIVILEGED}", _MANAGER, _MANAGER),
    "annotation_sets": (f"annotator_id = {_ME} OR {_PRIVILEGED} OR {_GOLD_VISIBLE}",
                        f"{_MY_WORK} OR {_GOLD_WORK}", f"{_MY_WORK} OR {_GOLD_WORK}"),
    "spans": (_SET_VISIBLE, _WRITABLE_SETS, _WRITABLE_SETS),
    "relations": (_SET_VISIBLE, _WRITABLE_SETS, _WRITABLE_SETS),
    "links": (_LINK_VISIBLE,
              f"{_MY_WORK} OR {_GOLD_WORK}", f"{_MY_WORK} OR {_GOLD_WORK}"),
    "entities": (_ALL, _ALL, _ALL),
    # append-only: INSERT for everyone (the trigger names the author), no UPDATE or DELETE granted
    "changes": (f"annotator_id = {_ME} OR {_PRIVILEGED}", _ALL, None),
    "suggestions": (f"audience_id IS NULL OR audience_id = {_ME} OR {_PRIVILEGED}",
                    f"audience_id = {_ME} OR {_PRIVILEGED}", f"audience_id = {_ME} OR {_PRIVILEGED}"),
    "suggestion_decisions": (f"annotator_id = {_ME} OR {_PRIVILEGED}", f"annotator_id = {_ME}",
                             f"annotator_id = {_ME}"),
    # a shared model learnt from everyone's work: an annotator reads only a model made for them
    "suggestion_models": (f"audience_id = {_ME} OR {_PRIVILEGED}",
                          f"audience_id = {_ME} OR {_PRIVILEGED}", f"audience_id = {_ME} OR {_PRIVILEGED}"),
}

#: tables whose writes are granted to the manager group only (the policies check the role too)
MANAGER_TABLES = frozenset({"label_schemas", "project_settings", "import_batches", "documents", "document_list",
                            "document_search", "annotators", "assignments"})


def _functions(n: Names) -> list[str]:
    """The helper functions the policies and triggers call (in the project's schema)."""
    schema = _ident(n.schema)
    groups = ", ".join(_literal(g) for g in n.groups)
    return [
        # schema-qualified instead of a SET search_path, so that the planner inlines them
        f"""CREATE OR REPLACE FUNCTION annotator_me() RETURNS integer LANGUAGE sql STABLE
            AS $$ SELECT annotator_id FROM {schema}.{LOGINS} WHERE login = current_user $$""",
        f"""CREATE OR REPLACE FUNCTION annotator_my_role() RETURNS text LANGUAGE sql STABLE
            AS $$ SELECT a.role FROM {schema}.annotators a JOIN {schema}.{LOGINS} l ON l.annotator_id = a.id
                  WHERE l.login = current_user $$""",
        f"""CREATE OR REPLACE FUNCTION annotator_setting(k text, fallback text) RETURNS text LANGUAGE sql STABLE
            AS $$ SELECT coalesce((SELECT value FROM {schema}.project_settings WHERE key = k), fallback) $$""",
        # the caller's own done documents, read past annotation_sets' policy (which asks it)
        f"""CREATE OR REPLACE FUNCTION annotator_my_done_documents() RETURNS SETOF text LANGUAGE sql STABLE
            SECURITY DEFINER SET search_path = {schema}, pg_temp
            AS $$ SELECT s.document_id FROM annotation_sets s JOIN {LOGINS} l ON l.annotator_id = s.annotator_id
                  WHERE l.login = session_user AND s.kind = 'annotation' AND s.status = 'done' $$""",
        # the change log's author is the connection's member, whatever the client sent
        f"""CREATE OR REPLACE FUNCTION annotator_changes_author() RETURNS trigger LANGUAGE plpgsql
            SET search_path = {schema}, pg_temp
            AS $$ DECLARE me integer; BEGIN
                me := annotator_me();
                IF me IS NOT NULL THEN NEW.annotator_id := me; END IF;
                RETURN NEW;
            END $$""",
        # a member's group follows their role in the annotators table (a manager's UPDATE)
        f"""CREATE OR REPLACE FUNCTION annotator_role_groups() RETURNS trigger LANGUAGE plpgsql
            SECURITY DEFINER SET search_path = {schema}, pg_temp
            AS $$ DECLARE who text; g text; BEGIN
                SELECT login INTO who FROM {LOGINS} WHERE annotator_id = NEW.id;
                IF who IS NULL OR NEW.role IS NOT DISTINCT FROM OLD.role THEN RETURN NEW; END IF;
                FOREACH g IN ARRAY ARRAY[{groups}] LOOP
                    EXECUTE format('REVOKE %I FROM %I', g, who);
                END LOOP;
                EXECUTE format('GRANT %I TO %I', {_literal(n.prefix)} || '_' || NEW.role, who);
                RETURN NEW;
            END $$""",
    ]


def _tables(session: Session, schema: str) -> set[str]:
    return {r[0] for r in session.execute(
        text("SELECT tablename FROM pg_tables WHERE schemaname = :s"), {"s": schema})}


def provision(session: Session, *, documents: str | None = None, gold: str | None = None) -> Names:
    """Make (or bring up to date) the groups, the login mapping, the helper functions and
    triggers, the GRANTs and the policies of the project. The session's user must own the
    tables and be allowed to create roles (a superuser, or CREATEROLE). Idempotent."""
    n = names(session)
    if documents not in (None, *DOCUMENT_CHOICES) or gold not in (None, *GOLD_CHOICES):
        raise AnnotatorError(f"documents must be one of {DOCUMENT_CHOICES}, gold one of {GOLD_CHOICES}")
    owner = session.execute(text("SELECT current_user")).scalar_one()
    for group in n.groups:
        if not _role_exists(session, group):
            _ddl(session, f"CREATE ROLE {_ident(group)} NOLOGIN")
    _ddl(session, f"""CREATE TABLE IF NOT EXISTS {LOGINS} (
        login text PRIMARY KEY,
        annotator_id integer NOT NULL UNIQUE REFERENCES annotators(id) ON DELETE CASCADE)""")
    for statement in _functions(n):
        _ddl(session, statement)
    # a setting not given keeps its stored value (the default the first time)
    settings = ((DOCUMENTS_SETTING, documents, DOCUMENT_CHOICES[0]), (GOLD_SETTING, gold, GOLD_CHOICES[0]))
    for key, value, default in settings:
        conflict = "DO NOTHING" if value is None else "DO UPDATE SET value = excluded.value"
        session.execute(text(f"INSERT INTO project_settings (key, value) VALUES (:k, :v) ON CONFLICT (key) {conflict}"),
                        {"k": key, "v": value or default})
    _ddl(session, "DROP TRIGGER IF EXISTS annotator_changes_author ON changes")
    _ddl(session, "CREATE TRIGGER annotator_changes_author BEFORE INSERT ON changes "
                         "FOR EACH ROW EXECUTE FUNCTION annotator_changes_author()")
    _ddl(session, "DROP TRIGGER IF EXISTS annotator_role_groups ON annotators")
    _ddl(session, "CREATE TRIGGER annotator_role_groups AFTER UPDATE OF role ON annotators "
                         "FOR EACH ROW EXECUTE FUNCTION annotator_role_groups()")
    groups = ", ".join(_ident(g) for g in n.groups)
    manager = _ident(n.group(Role.MANAGER))
    privileged = f"{_ident(n.group(Role.ADJUDICATOR))}, {manager}"
    schema = _ident(n.schema)
    db = session.execute(text("SELECT current_database()")).scalar_one()
    _ddl(session, f"REVOKE CONNECT ON DATABASE {_ident(db)} FROM PUBLIC")
    _ddl(session, f"GRANT CONNECT ON DATABASE {_ident(db)} TO {groups}")
    _ddl(session, f"GRANT USAGE ON SCHEMA {schema} TO {groups}")
    _ddl(session, f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {groups}")
    present = _tables(session, n.schema)
    for table, (read, insert, change) in POLICIES.items():
        if table not in present:
            continue
        t = _ident(table)
        _ddl(session, f"REVOKE ALL ON {t} FROM PUBLIC, {groups}")
        _ddl(session, f"GRANT SELECT ON {t} TO {groups}")
        writers = manager if table in MANAGER_TABLES else groups
        if insert is not None:
            _ddl(session, f"GRANT INSERT ON {t} TO {writers}")
        if change is not None:
            _ddl(session, f"GRANT UPDATE, DELETE ON {t} TO {writers}")
        _ddl(session, f"ALTER TABLE {t} ENABLE ROW LEVEL SECURITY")
        _ddl(session, f"ALTER TABLE {t} FORCE ROW LEVEL SECURITY")
        existing = [r[0] for r in session.execute(
            text("SELECT policyname FROM pg_policies WHERE schemaname = :s AND tablename = :t"),
            {"s": n.schema, "t": table})]
        for policy in existing:
            _ddl(session, f"DROP POLICY {_ident(policy)} ON {t}")
        # the owner keeps every row (FORCE subjects it to the policies too; a superuser bypasses them)
        _ddl(session, f"CREATE POLICY owner_all ON {t} TO {_ident(owner)} USING (true) WITH CHECK (true)")
        _ddl(session, f"CREATE POLICY member_read ON {t} FOR SELECT USING ({read})")
        # adjudicators and managers read every row: a policy of their groups that is plainly true,
        # so their queries are planned as the owner's are (the role tests in the members' policy
        # would hide the tables' sizes from the planner: a read of the adjudication view took 3x)
        _ddl(session, f"CREATE POLICY privileged_read ON {t} FOR SELECT TO {privileged} USING (true)")
        if insert is not None:
            _ddl(session, f"CREATE POLICY member_insert ON {t} FOR INSERT WITH CHECK ({insert})")
        if change is not None:
            _ddl(session, f"CREATE POLICY member_update ON {t} FOR UPDATE USING ({change}) "
                                 f"WITH CHECK ({change})")
            _ddl(session, f"CREATE POLICY member_delete ON {t} FOR DELETE USING ({change})")
    return n


def is_provisioned(session: Session) -> bool:
    """Whether the project has its login mapping (``team provision`` ran)."""
    if session.get_bind().dialect.name != "postgresql":
        return False
    return session.execute(text("SELECT to_regclass(:t)"), {"t": LOGINS}).scalar_one() is not None


def _require_provisioned(session: Session) -> None:
    if not is_provisioned(session):
        raise AnnotatorError("this project has no team server yet: run `annotator team provision` first")


def logins(session: Session) -> list[Login]:
    """Every member with a login role, in name order."""
    _require_provisioned(session)
    rows = session.execute(text(f"SELECT a.name, l.login, a.role FROM {LOGINS} l "
                                "JOIN annotators a ON a.id = l.annotator_id ORDER BY a.name"))
    return [Login(name, login, Role(role)) for name, login, role in rows]


def create_login(session: Session, annotator_id: int, annotator: str, role: Role) -> tuple[str, str | None]:
    """Give the member *annotator* a login role in this project's group of *role*; returns (login,
    password). The password is new when the role is made here; an existing role (the same person
    in another project on this server) keeps theirs (None)."""
    n = names(session)
    _require_provisioned(session)
    login = login_name(annotator)
    password: str | None = None
    if not _role_exists(session, login):
        password = new_password()
        _ddl(session, f"CREATE ROLE {_ident(login)} LOGIN {_password_clause(session, login, password)}")
    session.execute(text(f"INSERT INTO {LOGINS} (login, annotator_id) VALUES (:l, :a) "
                         "ON CONFLICT (login) DO UPDATE SET annotator_id = excluded.annotator_id"),
                    {"l": login, "a": annotator_id})
    for group in n.groups:
        _ddl(session, f"REVOKE {_ident(group)} FROM {_ident(login)}")
    _ddl(session, f"GRANT {_ident(n.group(role))} TO {_ident(login)}")
    return login, password


def set_password(session: Session, annotator: str) -> tuple[str, str]:
    """A new generated password for *annotator*'s login role; returns (login, password)."""
    login = _mapped_login(session, annotator)
    password = new_password()
    _ddl(session, f"ALTER ROLE {_ident(login)} {_password_clause(session, login, password)}")
    return login, password


def _mapped_login(session: Session, annotator: str) -> str:
    _require_provisioned(session)
    login = session.execute(text(f"SELECT l.login FROM {LOGINS} l JOIN annotators a ON a.id = l.annotator_id "
                                 "WHERE a.name = :n"), {"n": annotator}).scalar_one_or_none()
    if login is None:
        raise AnnotatorError(f"{annotator!r} has no login on this server (add one with: annotator team add "
                             f"{annotator} --role annotator)")
    return str(login)


def drop_login(session: Session, annotator: str) -> tuple[str, bool]:
    """Take *annotator*'s login out of this project (mapping and groups); the role itself is dropped
    unless another project on the server still has it. Returns (login, dropped)."""
    n = names(session)
    login = _mapped_login(session, annotator)
    session.execute(text(f"DELETE FROM {LOGINS} WHERE login = :l"), {"l": login})
    for group in n.groups:
        _ddl(session, f"REVOKE {_ident(group)} FROM {_ident(login)}")
    others = session.execute(text("SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member "
                                  "WHERE r.rolname = :l"), {"l": login}).scalar_one()
    if others:
        return login, False
    _ddl(session, f"DROP ROLE {_ident(login)}")
    return login, True


def connected_member(session: Session) -> str | None:
    """The annotator this connection logs in as (its ``current_user`` mapped), else None
    (an owner's connection, a project without a team server, SQLite)."""
    if not is_provisioned(session):
        return None
    return session.execute(text(f"SELECT a.name FROM {LOGINS} l JOIN annotators a ON a.id = l.annotator_id "
                                "WHERE l.login = current_user")).scalar_one_or_none()


def refusal(exc: BaseException) -> ServerRefused | None:
    """The one-line :class:`ServerRefused` for a statement the server refused for lack of
    privilege (a GRANT it lacks, a row-level security policy), else None."""
    if not isinstance(exc, DBAPIError):
        return None
    orig = exc.orig
    if getattr(orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
        return None
    first = str(orig).strip().splitlines()[0] if str(orig).strip() else "permission denied"
    diag = getattr(orig, "diag", None)
    table = getattr(diag, "table_name", None) if diag is not None else None
    what = f" ({table})" if table and table not in first else ""
    return ServerRefused(f"the database server refused this for your role: {first}{what}; nothing was written")


def ids_of(session: Session, logins_: Iterable[str]) -> dict[str, int]:
    """The annotator id each login maps to (tests and tools)."""
    rows = session.execute(text(f"SELECT login, annotator_id FROM {LOGINS} WHERE login = ANY(:l)"),
                           {"l": list(logins_)})
    return {login: int(a) for login, a in rows}

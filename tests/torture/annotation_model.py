"""A model of one annotator's annotations of one document, and a driver that makes the
same edits through the services' commands (annotate.py, structure.py) with an undo and a
redo stack as the window keeps them.

An operation is a small dict (JSON on a child's stdout): ``add_span``, ``delete_span``,
``add_rel``, ``delete_rel``, ``status``, ``undo``, ``redo``. :class:`Model` applies one
with its own rules, written from the commands' documentation, not from their code paths:
a span or relation edit made through an open set moves a new set to in progress.
"""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass, field
from typing import Any

DOC = "d1"
WHO = "alice"
# Written for this test: a ministry, a bridge, dates.
TEXT = ("قالت وزارة النقل يوم الأحد إن الجسر الجديد سيفتح في نهاية أيار المقبل، وأضاف المتحدث باسم البلدية "
        "أن الأشغال تأخرت بسبب الأمطار. ونفى رئيس النقابة ما قاله الوزير أمس عن الكلفة، وقال إن "
        "العمال لم يتقاضوا أجورهم منذ كانون الثاني.\n")
STATUSES = ("new", "in_progress", "done")
RELATIONS = {"SOURCE": "ACTOR", "TARGET": "ACTOR", "TIME": "DATE"}  # head is always a CLAIM
MAX_SPANS = 30


@dataclass
class State:
    spans: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    rels: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    status: str = "new"

    def as_tuple(self) -> tuple[Any, ...]:
        return (sorted(self.spans.items()), sorted(self.rels.items()), self.status)


@dataclass
class Model:
    """The expected state and the undo/redo stacks of one session."""

    state: State = field(default_factory=State)
    undo_stack: list[tuple[dict[str, Any], Any]] = field(default_factory=list)
    redo_stack: list[dict[str, Any]] = field(default_factory=list)

    def copy(self) -> Model:
        return copy.deepcopy(self)

    def new_session(self) -> None:
        self.undo_stack.clear()
        self.redo_stack.clear()

    def _auto(self) -> None:
        if self.state.status == "new":
            self.state.status = "in_progress"

    def _forward(self, op: dict[str, Any]) -> Any:
        st, kind = self.state, op["op"]
        if kind == "add_span":
            st.spans[op["id"]] = (op["start"], op["end"], op["label"])
            self._auto()
            return None
        if kind == "delete_span":
            span = st.spans.pop(op["id"])
            rels = {r: v for r, v in st.rels.items() if op["id"] in (v[1], v[2])}
            for r in rels:
                del st.rels[r]
            self._auto()
            return span, rels
        if kind == "add_rel":
            st.rels[op["id"]] = (op["type"], op["head"], op["tail"])
            self._auto()
            return None
        if kind == "delete_rel":
            return st.rels.pop(op["id"])  # an existing set: no automatic status
        if kind == "status":
            before, st.status = st.status, op["to"]
            return before
        raise ValueError(op)

    def _backward(self, op: dict[str, Any], memo: Any) -> None:
        st, kind = self.state, op["op"]
        if kind == "add_span":
            del st.spans[op["id"]]
            self._auto()
        elif kind == "delete_span":
            span, rels = memo
            st.spans[op["id"]] = span
            st.rels.update(rels)
            self._auto()
        elif kind == "add_rel":
            del st.rels[op["id"]]
        elif kind == "delete_rel":
            st.rels[op["id"]] = memo
            self._auto()
        elif kind == "status":
            st.status = memo

    def apply(self, op: dict[str, Any]) -> None:
        if op["op"] == "undo":
            done, memo = self.undo_stack.pop()
            self._backward(done, memo)
            self.redo_stack.append(done)
        elif op["op"] == "redo":
            again = self.redo_stack.pop()
            self.undo_stack.append((again, self._forward(again)))
        else:
            self.undo_stack.append((op, self._forward(op)))
            self.redo_stack.clear()


def choose(rnd: random.Random, model: Model, tokens: list[tuple[int, int]], n: int) -> dict[str, Any]:
    """A random operation that is valid in *model* (the *n*-th of this session: ids from it)."""
    st = model.state
    claims = [s for s, v in st.spans.items() if v[2] == "CLAIM"]
    pairs = [(t, c, o) for t, tail in RELATIONS.items() for c in claims
             for o, v in st.spans.items() if v[2] == tail
             and (t, c, o) not in set(st.rels.values())]
    weights = {"add_span": 30 if len(st.spans) < MAX_SPANS else 2, "delete_span": 10 if st.spans else 0,
               "add_rel": 15 if pairs else 0, "delete_rel": 6 if st.rels else 0, "status": 6,
               "undo": 20 if model.undo_stack else 0, "redo": 12 if model.redo_stack else 0}
    kind = rnd.choices(list(weights), list(weights.values()))[0]
    uid = f"{rnd.getrandbits(32):08x}{n}"
    if kind == "add_span":
        i = rnd.randrange(len(tokens))
        j = min(len(tokens) - 1, i + rnd.randrange(3))
        return {"op": kind, "id": "s" + uid, "start": tokens[i][0], "end": tokens[j][1],
                "label": rnd.choice(("CLAIM", "ACTOR", "DATE"))}
    if kind == "delete_span":
        return {"op": kind, "id": rnd.choice(sorted(st.spans))}
    if kind == "add_rel":
        t, head, tail = rnd.choice(pairs)
        return {"op": kind, "id": "r" + uid, "type": t, "head": head, "tail": tail}
    if kind == "delete_rel":
        return {"op": kind, "id": rnd.choice(sorted(st.rels))}
    if kind == "status":
        return {"op": kind, "to": rnd.choice(STATUSES)}
    return {"op": kind}


class Driver:
    """Makes operations through the services' commands, with the window's two stacks."""

    def __init__(self, project: Any) -> None:
        self.project = project
        self.undo_stack: list[Any] = []
        self.redo_stack: list[Any] = []

    def do(self, op: dict[str, Any]) -> None:
        from annotator.core.values import SetStatus
        from annotator.services.relations import AddRelation, DeleteRelation
        from annotator.services.spans import AddSpan, DeleteSpan, SetDocumentStatus

        kind = op["op"]
        if kind == "undo":
            cmd = self.undo_stack[-1]
            cmd.undo(self.project)
            self.redo_stack.append(self.undo_stack.pop())
            return
        if kind == "redo":
            cmd = self.redo_stack[-1]
            cmd.do(self.project)
            self.undo_stack.append(self.redo_stack.pop())
            return
        if kind == "add_span":
            cmd = AddSpan(DOC, WHO, op["start"], op["end"], op["label"], span_id=op["id"])
        elif kind == "delete_span":
            cmd = DeleteSpan(DOC, WHO, op["id"])
        elif kind == "add_rel":
            cmd = AddRelation(DOC, WHO, op["type"], op["head"], op["tail"], relation_id=op["id"])
        elif kind == "delete_rel":
            cmd = DeleteRelation(DOC, WHO, op["id"])
        elif kind == "status":
            cmd = SetDocumentStatus(DOC, WHO, SetStatus(op["to"]))
        else:
            raise ValueError(op)
        cmd.do(self.project)  # raises (and is not pushed) when refused
        self.undo_stack.append(cmd)
        self.redo_stack.clear()


# -- reading what is stored ---------------------------------------------------------------

def make_project(url: str) -> None:
    from annotator.core.text import text_sha256
    from annotator.core.values import Document
    from annotator.services import team
    from annotator.services.project import Project
    from annotator.storage import documents as document_store

    p = Project.open(url)
    with p.database.unit_of_work() as s:
        document_store.add_document(s, Document(DOC, "الجسر", TEXT, text_sha256(TEXT), "rtl"))
    team.add_annotator(p, WHO)
    p.close()


def stored(project: Any) -> State:
    from annotator.services.relations import relations_of

    spans = {s.id: (s.start, s.end, s.label) for s in project.spans(DOC, WHO)}
    rels = {r.id: (r.type, r.head, r.tail) for r in relations_of(project, DOC, WHO)}
    return State(spans, rels, project.status(DOC, WHO).value)


def replayed(project: Any) -> State:
    """The state the change log of the document replays to (entries in order)."""
    from annotator.storage import changelog

    actions = ("span.add", "span.delete", "undo.span.add", "undo.span.delete", "span.update", "undo.span.update",
               "relation.add", "relation.delete", "undo.relation.add", "undo.relation.delete", "status",
               "undo.status")
    st = State()
    with project.database.unit_of_work() as s:
        log = changelog.logged_actions(s, DOC, actions)
    for action, who, payload in log:
        if who != WHO:
            continue
        if action in ("span.add", "undo.span.delete"):
            sp = payload["span"]
            st.spans[sp["id"]] = (sp["start"], sp["end"], sp["label"])
        elif action in ("span.delete", "undo.span.add"):
            st.spans.pop(payload["span"]["id"], None)
        elif action in ("span.update", "undo.span.update"):
            sp = payload["after"]
            st.spans[sp["id"]] = (sp["start"], sp["end"], sp["label"])
        elif action in ("relation.add", "undo.relation.delete"):
            r = payload["relation"]
            st.rels[r["id"]] = (r["type"], r["head"], r["tail"])
        elif action in ("relation.delete", "undo.relation.add"):
            st.rels.pop(payload["relation"]["id"], None)
        else:
            st.status = payload["after"]
    return st


def difference(expected: State, got: State) -> str:
    parts = []
    for name in ("spans", "rels"):
        e, g = getattr(expected, name), getattr(got, name)
        missing = sorted(set(e) - set(g))
        extra = sorted(set(g) - set(e))
        changed = sorted(k for k in set(e) & set(g) if e[k] != g[k])
        if missing or extra or changed:
            parts.append(f"{name}: missing {missing[:3]} extra {extra[:3]} changed {changed[:3]}")
    if expected.status != got.status:
        parts.append(f"status {got.status}, expected {expected.status}")
    return "; ".join(parts)


def lost_something(expected: State, got: State) -> bool:
    return bool(set(expected.spans) - set(got.spans) or set(expected.rels) - set(got.rels))

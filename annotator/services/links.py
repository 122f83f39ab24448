"""Links: a span of one document joined to a span of another (SAME_CLAIM, CONTRADICTS,
SUPPORTS, SAME_DATE), owned by the annotator who made them.

Undoable commands in the style of :mod:`annotator.services.spans` (one committed
transaction each, logged, returning a :class:`RelationsLinksChanged` that also names the
other document), and the read of the links of open documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from annotator.core import validation
from annotator.core.errors import NotFound
from annotator.core.values import Link, new_link_id
from annotator.services.changes import RelationsLinksChanged, existing_set, link_payload, open_set, read_span
from annotator.services.project import InvalidEdit, Project
from annotator.storage import changelog
from annotator.storage import links as link_store
from annotator.storage import relations as relation_store
from annotator.storage import team as team_store
from annotator.storage.database import UnitOfWork
from annotator.storage.limits import LIMITS

# -- checks and writes inside a caller's transaction ------------------------------------------

def check_link(project: Project, s: UnitOfWork, link: Link, src_set_id: int, tgt_set_id: int) -> tuple[int, int]:
    """Refuse a link the schema does not allow, inside one document, or already there (either
    direction for an undirected type); the primary keys of its two spans otherwise."""
    problem = (validation.id_problem("the link id", link.id, LIMITS.link_id)
               or validation.link_problem(project.schema, link, None, None))  # type, and two documents
    if problem:
        raise InvalidEdit(problem)
    src, tgt = read_span(s, src_set_id, link.source_span), read_span(s, tgt_set_id, link.target_span)
    problem = validation.link_problem(project.schema, link, src.label, tgt.label)  # the labels it joins
    if problem:
        raise InvalidEdit(problem)
    ltype = project.schema.link_type(link.type)
    src_pk, tgt_pk = relation_store.span_pk(s, src_set_id, src.id), relation_store.span_pk(s, tgt_set_id, tgt.id)
    if link_store.link_exists(s, link.id):
        raise InvalidEdit(f"a link with id {link.id!r} already exists")
    for other in link_store.links_touching(s, src_pk):
        same = (other.source_doc, other.source_span, other.target_doc, other.target_span) == (
            link.source_doc, link.source_span, link.target_doc, link.target_span)
        flipped = (other.source_doc, other.source_span, other.target_doc, other.target_span) == (
            link.target_doc, link.target_span, link.source_doc, link.source_span)
        if other.type == link.type and (same or (flipped and not ltype.directed)):
            raise InvalidEdit(f"these spans are already linked as {link.type} ({other.id})")
    return src_pk, tgt_pk


def insert_link(project: Project, s: UnitOfWork, annotator: str, link: Link, action: str) -> None:
    """Check and store *link* (owned by *annotator*), and log it as *action*."""
    src_set = open_set(s, link.source_doc, annotator)
    tgt_set = open_set(s, link.target_doc, annotator)
    src_pk, tgt_pk = check_link(project, s, link, src_set.id, tgt_set.id)
    link_store.insert_link(s, link, src_pk, tgt_pk, src_set.annotator_id)
    changelog.log_change(s, action=action, annotator=src_set.annotator_id, document_id=link.source_doc,
                    set_id=src_set.id, payload={"link": link_payload(link)})


def remove_link(s: UnitOfWork, annotator: str, link_id: str, action: str) -> Link:
    """Delete the annotator's link and log it as *action*; returns it."""
    owner = link_store.link_annotator(s, link_id)
    if owner is None:
        raise NotFound(f"no link {link_id!r} in this project")
    if owner != annotator:
        raise InvalidEdit(f"link {link_id} belongs to {owner}, not {annotator}")
    link = link_store.delete_link(s, link_id)
    set_key = existing_set(s, link.source_doc, annotator)
    changelog.log_change(s, action=action, annotator=set_key.annotator_id, document_id=link.source_doc,
                    set_id=set_key.id, payload={"link": link_payload(link)})
    return link


def _link_changed(annotator: str, link: Link) -> RelationsLinksChanged:
    return RelationsLinksChanged(link.source_doc, annotator, (link.source_span,), link_ids=(link.id,),
                            other_documents=((link.target_doc, (link.target_span,)),))


# -- commands -------------------------------------------------------------------------------

@dataclass
class AddLink:
    """Link a span of one document to a span of another (SAME_CLAIM, CONTRADICTS, SUPPORTS, SAME_DATE)."""

    annotator: str
    type: str
    source_doc: str
    source_span: str
    target_doc: str
    target_span: str
    link_id: str = field(default_factory=new_link_id)

    @property
    def text(self) -> str:
        return f"Link {self.type}"

    @property
    def link(self) -> Link:
        return Link(self.link_id, self.type, self.source_doc, self.source_span, self.target_doc, self.target_span)

    def do(self, project: Project) -> RelationsLinksChanged:
        with project.database.unit_of_work() as s:
            insert_link(project, s, self.annotator, self.link, "link.add")
        return _link_changed(self.annotator, self.link)

    def undo(self, project: Project) -> RelationsLinksChanged:
        with project.database.unit_of_work() as s:
            remove_link(s, self.annotator, self.link_id, "undo.link.add")
        return _link_changed(self.annotator, self.link)


@dataclass
class DeleteLink:
    annotator: str
    link_id: str
    _deleted: Link | None = None

    @property
    def text(self) -> str:
        return "Delete link"

    def do(self, project: Project) -> RelationsLinksChanged:
        with project.database.unit_of_work() as s:
            self._deleted = remove_link(s, self.annotator, self.link_id, "link.delete")
        return _link_changed(self.annotator, self._deleted)

    def undo(self, project: Project) -> RelationsLinksChanged:
        assert self._deleted is not None, "undo before do"
        with project.database.unit_of_work() as s:
            insert_link(project, s, self.annotator, self._deleted, "undo.link.delete")
        return _link_changed(self.annotator, self._deleted)


# -- reads ----------------------------------------------------------------------------------

def links_of_documents(project: Project, doc_ids: Sequence[str] | None, annotator: str) -> list[Link]:
    """The annotator's links with either end in *doc_ids* (every link if None)."""
    with project.database.unit_of_work() as s:
        try:
            who = team_store.annotator_id(s, annotator, create=False)
        except NotFound:
            return []
        return link_store.links_of_documents(s, None if doc_ids is None else list(doc_ids), who)

"""Reads for relations, links, entities, date proposals and the claim table.

Shared by the CLI and the GUI; nothing here writes. The commands that change
these things are in :mod:`annotator.services.structure`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select

from annotator.core.date_words import fold
from annotator.core.dates import DateValue, anchor_from_meta, normalise_date
from annotator.core.errors import AnnotatorError, NotFound
from annotator.core.values import Document, Span
from annotator.core.schema import LabelSchema
from annotator.core.values import (
    ClaimRow,
    Entity,
    EntityMention,
    LinkedClaim,
    Link,
    MentionProposal,
    Relation,
    SpanRef,
)
from annotator.core.tokens import tokens
from annotator.services.project import Project
from annotator.storage import export as xr
from annotator.storage import relations_repo as rr
from annotator.storage import repository as repo
from annotator.storage.tables import AnnotationSetRow, AnnotatorRow, SpanRow

CLAIM, ACTOR, DATE = "CLAIM", "ACTOR", "DATE"
GOLD = "gold"  # the claim table's source name for the adjudicated gold sets
SOURCE, TIME, TARGET = "SOURCE", "TIME", "TARGET"
_CLITIC_LETTERS = "وفبلك"


# -- relations and links --------------------------------------------------------------

def relations_of(project: Project, doc_id: str, annotator: str) -> list[Relation]:
    """The annotator's relations in the document, in creation order."""
    with project.database.unit_of_work() as s:
        set_row = repo.find_set(s, doc_id, annotator)
        return [] if set_row is None else rr.relations_of_set(s, set_row.id)


def links_of_documents(project: Project, doc_ids: Sequence[str] | None, annotator: str) -> list[Link]:
    """The annotator's links with either end in *doc_ids* (every link if None)."""
    with project.database.unit_of_work() as s:
        try:
            who = repo.annotator_id(s, annotator, create=False)
        except NotFound:
            return []
        return rr.links_of_documents(s, None if doc_ids is None else list(doc_ids), who)


def dependents_of(project: Project, doc_id: str, annotator: str, span_id: str) -> tuple[list[Relation], list[Link]]:
    """The relations and links that deleting this span would delete (to ask first)."""
    with project.database.unit_of_work() as s:
        set_row = repo.find_set(s, doc_id, annotator)
        if set_row is None:
            return [], []
        pk = rr.span_pk(s, set_row.id, span_id)
        return rr.relations_touching(s, set_row.id, span_id), rr.links_touching(s, pk)


def relabel_conflicts(project: Project, doc_id: str, annotator: str, span_id: str,
                      new_label: str) -> tuple[list[Relation], list[Link]]:
    """The relations and links that relabelling the span to *new_label* would make invalid
    (a SOURCE whose tail is no longer an ACTOR, a SAME_CLAIM to a non-claim), to ask first."""
    rels, links = dependents_of(project, doc_id, annotator, span_id)
    labels = {sp.id: sp.label for sp in project.spans(doc_id, annotator)}
    labels[span_id] = new_label
    bad_rels = []
    for r in rels:
        try:
            ok = project.schema.relation(r.type).allows(labels.get(r.head, ""), labels.get(r.tail, ""))
        except KeyError:
            ok = False
        if not ok:
            bad_rels.append(r)
    bad_links = []
    for lk in links:
        try:
            ok = new_label in project.schema.link_type(lk.type).labels
        except KeyError:
            ok = False
        if not ok:
            bad_links.append(lk)
    return bad_rels, bad_links


def default_annotator(project: Project) -> str | None:
    """The one annotator who has spans; None if nobody has; an error if several have."""
    with project.database.unit_of_work() as s:
        names = sorted(set(s.scalars(
            select(AnnotatorRow.name).join(AnnotationSetRow, AnnotationSetRow.annotator_id == AnnotatorRow.id)
            .join(SpanRow, SpanRow.set_id == AnnotationSetRow.id).where(AnnotationSetRow.kind == repo.ANNOTATION))))
    if len(names) > 1:
        raise AnnotatorError(f"several annotators have spans ({', '.join(names)}): choose one with --source NAME")
    return names[0] if names else None


def default_source(project: Project) -> str | None:
    """What a claim table shows when nobody is named: ``gold`` when the project has gold,
    else :func:`default_annotator` (the rule of ``annotator export``)."""
    with project.database.unit_of_work() as s:
        has_gold = xr.gold_set_count(s) > 0
    return GOLD if has_gold else default_annotator(project)


# -- entities ------------------------------------------------------------------------------

def entity_types(schema: LabelSchema) -> tuple[str, ...]:
    """Allowed entity types (see :meth:`LabelSchema.entity_types`)."""
    return schema.entity_types()


def entities(project: Project) -> list[Entity]:
    with project.database.unit_of_work() as s:
        return rr.list_entities(s)


def entity(project: Project, entity_id: str) -> Entity:
    with project.database.unit_of_work() as s:
        return rr.get_entity(s, entity_id)


def complete_entities(project: Project, prefix: str, limit: int = 20) -> list[Entity]:
    """Entities whose name or an alias starts with *prefix* (then those with a word that does).

    Matching ignores harakat, tatweel, alef and ya/ta marbuta variants and case.
    """
    want = fold(prefix.strip())
    ranked: list[tuple[int, str, Entity]] = []
    for e in entities(project):
        names = [fold(n) for n in e.names]
        if not want or any(n.startswith(want) for n in names):
            ranked.append((0, e.name, e))
        elif any(w.startswith(want) for n in names for w in n.split()):
            ranked.append((1, e.name, e))
    ranked.sort(key=lambda t: (t[0], t[1], t[2].id))
    return [e for *_, e in ranked[:limit]]


def entity_mentions(project: Project, entity_id: str) -> list[EntityMention]:
    """Every span attached to the entity, in every document, of every annotator."""
    with project.database.unit_of_work() as s:
        rr.get_entity(s, entity_id)
        rows = rr.spans_with_entity(s, entity_id)
        texts = {d.id: d.text for d in repo.all_documents(s, sorted({r[0] for r in rows}))}
    return [EntityMention(d, who, uid, a, b, texts[d][a:b], lab) for d, who, uid, a, b, lab in rows]


def entity_mention_counts(project: Project, annotator: str | None = None) -> dict[str, int]:
    """Entity id -> how many spans (of any annotator, or only of *annotator*: what a blind
    annotator may see) are attached to it."""
    counts: dict[str, int] = {}
    q = select(SpanRow.attrs)
    if annotator is not None:
        q = (q.join(AnnotationSetRow, AnnotationSetRow.id == SpanRow.set_id)
             .join(AnnotatorRow, AnnotatorRow.id == AnnotationSetRow.annotator_id)
             .where(AnnotatorRow.name == annotator, AnnotationSetRow.kind == repo.ANNOTATION))
    with project.database.unit_of_work() as s:
        for (attrs,) in s.execute(q):
            ent = (attrs or {}).get("entity")
            if isinstance(ent, str):
                counts[ent] = counts.get(ent, 0) + 1
    return counts


def mention_proposals(project: Project, doc_id: str, annotator: str, entity_id: str, *,
                      clitics: bool = False, label: str = ACTOR) -> list[MentionProposal]:
    """Where the entity's name or an alias occurs in the document on word boundaries, not yet tagged.

    A match must start and end at token edges (``core.tokens``), so ``بايدن`` is not
    found inside ``لبايدن`` unless *clitics* allows one or two clitic letters (و ف ب ل ك)
    before it. Matches inside a longer match, or overlapping an existing span of
    *label* (or equal to any existing span), are left out.
    """
    ent = entity(project, entity_id)
    doc = project.document(doc_id)
    spans = project.spans(doc_id, annotator)
    return _proposals(doc, spans, ent, clitics=clitics, label=label)


def mention_proposals_in(project: Project, doc_ids: Sequence[str], annotator: str, entity_id: str, *,
                         clitics: bool = False) -> dict[str, list[MentionProposal]]:
    """:func:`mention_proposals` for each of several (open) documents."""
    return {d: mention_proposals(project, d, annotator, entity_id, clitics=clitics) for d in doc_ids}


def _proposals(doc: Document, spans: list[Span], ent: Entity, *, clitics: bool, label: str) -> list[MentionProposal]:
    text = doc.text
    toks = tokens(text)
    starts = {t.start for t in toks}
    ends = {t.end for t in toks}

    def starts_word(i: int) -> bool:
        if i in starts:
            return True
        if not clitics:
            return False
        return any(i - k in starts and all(c in _CLITIC_LETTERS for c in text[i - k : i]) for k in (1, 2))

    found: set[tuple[int, int]] = set()
    for name in ent.names:
        if not name:
            continue
        i = text.find(name)
        while i >= 0:
            j = i + len(name)
            if starts_word(i) and j in ends:
                found.add((i, j))
            i = text.find(name, i + 1)
    taken = [(s.start, s.end) for s in spans if s.label == label]
    exact = {(s.start, s.end) for s in spans}
    keep = []
    for a, b in sorted(found):
        if (a, b) in exact or any(a < e and s < b for s, e in taken):
            continue
        if any((x, y) != (a, b) and x <= a and b <= y for x, y in found):
            continue
        keep.append(MentionProposal(doc.id, a, b, text[a:b], ent.id))
    return keep


# -- dates ------------------------------------------------------------------------------------

def document_anchor(project: Project, doc_id: str) -> date | None:
    """The document's publication date (``meta["published"]``), or None."""
    return anchor_from_meta(project.document(doc_id).meta)


def propose_date(project: Project, doc_id: str, annotator: str, span_id: str) -> DateValue | None:
    """The normaliser's proposal for a DATE span, anchored to the document's publication date."""
    doc = project.document(doc_id)
    with project.database.unit_of_work() as s:
        set_row = repo.find_set(s, doc_id, annotator)
        if set_row is None:
            raise NotFound(f"{annotator} has no annotations in document {doc_id!r}")
        row = repo.span_row(s, set_row.id, span_id)
        start, end = row.start, row.end
    return normalise_date(doc.text[start:end], anchor_from_meta(doc.meta))


# -- the claim table -------------------------------------------------------------------------

def claim_table(project: Project, annotator: str | None = None, doc_ids: Sequence[str] | None = None) -> list[ClaimRow]:
    """Each CLAIM of the annotator (or of gold, with ``"gold"``) with its SOURCE, TIME
    (normalised), TARGET and linked claims.

    *annotator* defaults to :func:`default_source`: gold when the project has gold, else
    the one annotator who has spans. TIME values are the DATE span's ``value``
    attribute, or the normaliser's proposal (``proposed``). Rows come in document
    order, then reading order.
    """
    who = annotator if annotator is not None else default_source(project)
    if who is None:
        return []
    kind = repo.GOLD if who == GOLD else repo.ANNOTATION
    with project.database.unit_of_work() as s:
        try:
            who_id = None if kind == repo.GOLD else repo.annotator_id(s, who, create=False)
        except NotFound:
            return []
        docs = {d.id: d for d in repo.all_documents(s, None if doc_ids is None else list(doc_ids))}
        links = rr.links_of_documents(s, list(docs), who_id, kind=kind)
        needed = {d for link in links for d in (link.source_doc, link.target_doc)} - set(docs)
        others = {d.id: d for d in repo.all_documents(s, sorted(needed))} if needed else {}
        spans: dict[str, dict[str, Span]] = {}
        relations: dict[str, list[Relation]] = {}
        for doc_id in [*docs, *others]:
            set_row = repo.find_set(s, doc_id, who, kind)
            spans[doc_id] = {} if set_row is None else {sp.id: sp for sp in repo.spans_of_set(s, set_row.id)}
            relations[doc_id] = [] if set_row is None or doc_id in others else rr.relations_of_set(s, set_row.id)
        entity_ids = {sp.attrs["entity"] for m in spans.values() for sp in m.values()
                      if isinstance(sp.attrs.get("entity"), str)}
        names = {k: e.name for k, e in rr.entities_by_id(s, entity_ids).items()}
    texts = {d: doc.text for d, doc in {**docs, **others}.items()}

    def ref(doc: Document, sp: Span) -> SpanRef:
        text = doc.text[sp.start : sp.end]
        value, mod, proposed = sp.attrs.get("value"), sp.attrs.get("mod"), False
        if sp.label == DATE and not value:
            guess = normalise_date(text, anchor_from_meta(doc.meta))
            if guess is not None:
                value, mod, proposed = guess.value, guess.mod, True
        ent = sp.attrs.get("entity") if isinstance(sp.attrs.get("entity"), str) else None
        return SpanRef(doc.id, sp.id, text, sp.label, ent, names.get(ent) if ent else None,
                       value if isinstance(value, str) else None, mod if isinstance(mod, str) else None, proposed)

    rows: list[ClaimRow] = []
    for doc_id, doc in docs.items():
        by_head: dict[str, list[Relation]] = {}
        for rel in relations[doc_id]:
            by_head.setdefault(rel.head, []).append(rel)
        claims = sorted((sp for sp in spans[doc_id].values() if sp.label == CLAIM), key=lambda x: (x.start, -x.end))
        for claim in claims:
            ends: dict[str, list[SpanRef]] = {SOURCE: [], TIME: [], TARGET: []}
            for rel in by_head.get(claim.id, []):
                tail = spans[doc_id].get(rel.tail)
                if rel.type in ends and tail is not None:
                    ends[rel.type].append(ref(doc, tail))
            linked = []
            for link in links:
                if not link.touches(doc_id, claim.id):
                    continue
                o_doc, o_span = link.other_end(doc_id, claim.id)
                other = spans.get(o_doc, {}).get(o_span)
                if other is None:
                    continue
                linked.append(LinkedClaim(link.id, link.type, o_doc, o_span, texts[o_doc][other.start : other.end],
                                          incoming=(link.target_doc, link.target_span) == (doc_id, claim.id)))
            fact = claim.attrs.get("factuality")
            worthy = claim.attrs.get("check_worthy")
            published = doc.meta.get("published")
            rows.append(ClaimRow(doc_id, doc.title, claim.id, claim.start, claim.end, doc.text[claim.start : claim.end],
                                 fact if isinstance(fact, str) else None, worthy if isinstance(worthy, bool) else None,
                                 tuple(ends[SOURCE]), tuple(ends[TIME]), tuple(ends[TARGET]), tuple(linked),
                                 published if isinstance(published, str) else None))
    return rows

"""The claim table: each CLAIM with its SOURCE, TIME, TARGET and linked claims, of one
annotator or of gold; and whose work it shows when nobody is named
(:func:`default_source`, :func:`default_annotator`: only the claim table and
``annotator claims`` use them). A read: nothing here writes.
"""

from __future__ import annotations

from collections.abc import Sequence

from annotator.core.dates import anchor_from_meta, normalise_date
from annotator.core.errors import AnnotatorError, NotFound
from annotator.core.values import ClaimRow, Document, LinkedClaim, Relation, Span, SpanRef
from annotator.services.project import Project
from annotator.storage import annotation_sets as set_store
from annotator.storage import claims as claim_store
from annotator.storage import documents as document_store
from annotator.storage import entities as entity_store
from annotator.storage import export as export_store
from annotator.storage import kinds as set_kinds
from annotator.storage import links as link_store
from annotator.storage import relations as relation_store
from annotator.storage import spans as span_store
from annotator.storage import team as team_store

GOLD = "gold"  # the claim table's source name for the adjudicated gold sets
SOURCE, TIME, TARGET = "SOURCE", "TIME", "TARGET"


def default_annotator(project: Project) -> str | None:
    """The one annotator who has spans; None if nobody has; an error if several have."""
    with project.database.unit_of_work() as s:
        names = claim_store.annotators_with_spans(s)
    if len(names) > 1:
        raise AnnotatorError(f"several annotators have spans ({', '.join(names)}): choose one with --source NAME")
    return names[0] if names else None


def default_source(project: Project) -> str | None:
    """What a claim table shows when nobody is named: ``gold`` when the project has gold,
    else :func:`default_annotator` (the rule of ``annotator export``)."""
    with project.database.unit_of_work() as s:
        has_gold = export_store.gold_set_count(s) > 0
    return GOLD if has_gold else default_annotator(project)


def claim_table(project: Project, annotator: str | None = None, doc_ids: Sequence[str] | None = None) -> list[ClaimRow]:
    """Each CLAIM of the annotator (or of gold, with ``"gold"``) with its SOURCE, TIME
    (normalised), TARGET and linked claims.

    *annotator* defaults to :func:`default_source`: gold when the project has gold, else
    the one annotator who has spans. TIME values are the DATE span's ``value``
    attribute, or the normaliser's proposal (``proposed``). Rows come in document
    order, then reading order.
    """
    who = annotator if annotator is not None else default_source(project)
    claim_label, date_label = project.schema.role_label("claim"), project.schema.role_label("date")
    if who is None or claim_label is None:  # a schema without a claim label has no claim table
        return []
    kind = set_kinds.GOLD if who == GOLD else set_kinds.ANNOTATION
    with project.database.unit_of_work() as s:
        try:
            who_id = None if kind == set_kinds.GOLD else team_store.annotator_id(s, who, create=False)
        except NotFound:
            return []
        # every document of a 100,000-document project is not read: only those with claims
        docs = {d.id: d for d in (document_store.documents_with_label(s, claim_label, kind, who_id) if doc_ids is None
                                  else document_store.all_documents(s, list(doc_ids)))}
        links = link_store.links_of_documents(s, list(docs), who_id, kind=kind)
        needed = {d for link in links for d in (link.source_doc, link.target_doc)} - set(docs)
        others = {d.id: d for d in document_store.all_documents(s, sorted(needed))} if needed else {}
        spans: dict[str, dict[str, Span]] = {}
        relations: dict[str, list[Relation]] = {}
        for doc_id in [*docs, *others]:
            set_row = set_store.find_set(s, doc_id, who, kind)
            spans[doc_id] = {} if set_row is None else {sp.id: sp for sp in span_store.spans_of_set(s, set_row.id)}
            relations[doc_id] = ([] if set_row is None or doc_id in others
                                 else relation_store.relations_of_set(s, set_row.id))
        entity_ids = {sp.attrs["entity"] for m in spans.values() for sp in m.values()
                      if isinstance(sp.attrs.get("entity"), str)}
        names = {k: e.name for k, e in entity_store.entities_by_id(s, entity_ids).items()}
    texts = {d: doc.text for d, doc in {**docs, **others}.items()}

    def ref(doc: Document, sp: Span) -> SpanRef:
        text = doc.text[sp.start : sp.end]
        value, mod, proposed = sp.attrs.get("value"), sp.attrs.get("mod"), False
        if sp.label == date_label and not value:
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
        claims = sorted((sp for sp in spans[doc_id].values() if sp.label == claim_label),
                        key=lambda x: (x.start, -x.end))
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

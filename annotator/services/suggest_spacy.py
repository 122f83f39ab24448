"""A spaCy pipeline as a recommender: its entities (and span groups) as suggestions, its
labels mapped to the schema's by the schema's ``[suggestions] spacy`` table (a label the
table does not name is kept only when the schema has a label of that name)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from annotator.core.suggest import SPACY, Suggestion
from annotator.services.project import Project


def spacy_suggestions(project: Project, path: str, doc_ids: Sequence[str]) -> tuple[str, list[Suggestion]]:
    """(the recommender's name, every suggestion) of the pipeline at *path* over *doc_ids*."""
    from annotator.services.suggestions import SuggestError

    folder = Path(path)
    if not folder.is_dir():
        raise SuggestError(f"{path}: not a recommender (dates, entities, project) nor a spaCy pipeline's folder")
    try:
        import spacy
    except ImportError:
        raise SuggestError(f"{path}: spaCy is not installed (pip install 'annotator[spacy]')") from None
    try:
        nlp = spacy.load(folder)
    except Exception as exc:
        raise SuggestError(f"{path}: cannot load the spaCy pipeline: {exc}") from exc
    meta: dict[str, Any] = dict(nlp.meta or {})
    name = SPACY + f"{meta.get('lang', 'xx')}_{meta.get('name', folder.name)}"
    version = str(meta.get("version", ""))
    mapping = dict(project.schema.spacy_labels)
    labels = set(project.schema.names)

    def target(label: str) -> str | None:
        mapped = mapping.get(label, label)
        return mapped if mapped in labels else None

    out: list[Suggestion] = []
    texts = ((project.document(d).text, d) for d in doc_ids)
    for doc, doc_id in nlp.pipe(texts, as_tuples=True):
        found: list[tuple[int, int, str, float]] = [(e.start_char, e.end_char, e.label_, 1.0) for e in doc.ents]
        for group in doc.spans.values():
            scores = group.attrs.get("scores") if hasattr(group, "attrs") else None
            for i, span in enumerate(group):
                score = float(scores[i]) if scores is not None and i < len(scores) else 1.0
                found.append((span.start_char, span.end_char, span.label_, score))
        for start, end, label, score in found:
            mapped = target(label)
            if mapped is not None and end > start:
                out.append(Suggestion(doc_id, start, end, mapped, name, {}, score, version))
    return name, out

"""spaCy: one ``<split>.spacy`` DocBin per split (``pip install 'annotator[spacy]'``).

Documents are tokenised by ``spacy.blank("ar")`` and each span becomes
``doc.char_span(start, end, label, alignment_mode="strict")``: a span whose edges are not
spaCy token edges is reported as ``misaligned``, never widened. When no kept span overlaps
another anywhere in the export, spans are written as ``doc.ents`` (for the NER component)
and also as the span group ``doc.spans["sc"]``; when some overlap, only ``doc.spans["sc"]``
is written (for ``spancat``), so no document has a partial ``ents``. The document id is in
``doc.user_data["id"]``.

Reading (``annotator import FILE.spacy``): each Doc of a DocBin is a document with its
text (``doc.text``, normalised like any import) and its spans: the span group
``doc.spans["sc"]`` when there is one (it holds nested spans too), else ``doc.ents``.
spaCy's character offsets are code points, like ours. The id is ``user_data["id"]``
when the DocBin kept it, else ``<file stem>-<n>``.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from annotator.core.dataset import DatasetDocument
from annotator.core.errors import AnnotatorError, InputError, Problem
from annotator.core.model import IncomingDocument, Span
from annotator.core.schema import LabelSchema
from annotator.core.text import detect_direction, first_line_title
from annotator.formats.base import ProjectData, WriterSettings
from annotator.formats.standoff import normalise_with_shift, span_problem

NAME = "spacy"
SUFFIX = ".spacy"
SPAN_KEY = "sc"
LANGUAGE = "ar"


class SpacyMissing(AnnotatorError):
    """spaCy is an optional extra."""


def load_spacy() -> Any:
    try:
        return importlib.import_module("spacy")
    except ModuleNotFoundError:
        raise SpacyMissing("the spacy format needs spaCy, an optional extra: pip install 'annotator[spacy]' "
                           "(or pip install spacy)") from None


def read(path: Path, schema: LabelSchema | None = None) -> list[IncomingDocument]:
    """Read a DocBin: one document per Doc, with its spans (see the module text)."""
    spacy = load_spacy()
    from spacy.tokens import DocBin

    where = str(path)
    data = path.read_bytes()
    if not data:
        raise InputError([Problem(where, "the file is empty")])
    try:
        bin_ = DocBin().from_bytes(data)
        docs = list(bin_.get_docs(spacy.blank(LANGUAGE).vocab))
    except Exception as exc:  # noqa: BLE001 - srsly/msgpack raise many kinds; say it in plain words
        raise InputError([Problem(where, f"not a spaCy DocBin file ({type(exc).__name__}: {exc})")]) from None
    if not docs:
        raise InputError([Problem(where, "the DocBin holds no documents")])
    problems: list[Problem] = []
    out: list[IncomingDocument] = []
    seen: set[str] = set()
    for n, sdoc in enumerate(docs, start=1):
        doc_id = str(sdoc.user_data.get("id") or f"{path.stem}-{n}")
        if doc_id in seen:
            problems.append(Problem(where, f"document {n}: the id {doc_id!r} is used twice in this file"))
            continue
        seen.add(doc_id)
        text, shift = normalise_with_shift(sdoc.text)
        if not text.strip():
            problems.append(Problem(where, f"document {n} ({doc_id}): the text is empty"))
            continue
        group = sdoc.spans[SPAN_KEY] if SPAN_KEY in sdoc.spans else sdoc.ents
        spans: list[Span] = []
        for k, sspan in enumerate(group, start=1):
            start, end = shift(sspan.start_char), shift(sspan.end_char)
            problem = span_problem(text, start, end, sspan.label_, schema)
            if problem is not None:
                problems.append(Problem(where, f"document {n} ({doc_id}), span {k}: {problem}"))
                continue
            spans.append(Span(f"T{k}", start, end, sspan.label_, {}))
        out.append(IncomingDocument(id=doc_id, title=first_line_title(text), text=text, meta={}, spans=spans,
                                    source_path=where, direction=detect_direction(text)))
    if problems:
        raise InputError(problems)
    return out


class Writer:
    def __init__(self, settings: WriterSettings) -> None:
        spacy = load_spacy()
        self.spacy = spacy
        self.settings = settings
        self.nlp = spacy.blank(LANGUAGE)
        self.docs: dict[str, list[Any]] = {s: [] for s in settings.splits}
        self.overlapping_docs = 0

    def add(self, doc: DatasetDocument, split: str) -> None:
        st = self.settings
        sdoc = self.nlp.make_doc(doc.text)
        sdoc.user_data["id"] = doc.id
        kept = []
        for span in doc.spans:
            sspan = sdoc.char_span(span.start, span.end, label=span.label, alignment_mode="strict")
            if sspan is None:
                st.log.drop(split, doc.id, span, "misaligned", "not on spaCy token edges (spacy.blank('ar'))")
                continue
            kept.append(sspan)
            st.log.kept(split, span.label)
        sdoc.spans[SPAN_KEY] = kept
        ordered = sorted(kept, key=lambda s: (s.start, s.end))
        if any(a.end > b.start for a, b in zip(ordered, ordered[1:])):
            self.overlapping_docs += 1
        self.docs[split].append(sdoc)
        st.log.lost("span attributes (the DocBin holds labels only)", sum(len(s.attrs) for s in doc.spans))
        st.log.lost("relations (spaCy spans have no relations)", len(doc.relations))

    def abort(self) -> None:
        self.docs.clear()

    def close(self, project: ProjectData) -> dict[str, Any]:
        from spacy.tokens import DocBin

        use_ents = self.overlapping_docs == 0
        for split, docs in self.docs.items():
            bin_ = DocBin(store_user_data=True)
            for sdoc in docs:
                if use_ents:
                    sdoc.ents = list(sdoc.spans[SPAN_KEY])
                bin_.add(sdoc)
            bin_.to_disk(self.settings.folder / f"{split}{SUFFIX}")
        if not use_ents:
            self.settings.log.note(f"spans overlap in {self.overlapping_docs} document(s): written as the span "
                                   f"group doc.spans[{SPAN_KEY!r}] only (for spancat), not as doc.ents")
        self.settings.log.lost("cross-document links (spaCy has no links)", len(project.links))
        return {"spacy_version": self.spacy.__version__, "language": LANGUAGE, "tokenizer": f"spacy.blank({LANGUAGE!r})",
                "entities": "doc.ents and doc.spans['sc']" if use_ents else "doc.spans['sc'] only",
                "files": [f"{s}{SUFFIX}" for s in self.settings.splits]}

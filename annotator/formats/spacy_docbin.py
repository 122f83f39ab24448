"""spaCy: one ``<split>.spacy`` DocBin per split (``pip install 'annotator[spacy]'``).

Documents are tokenised by ``spacy.blank("ar")``, whose tokens keep some punctuation on
the word ("2026." at the end of a sentence is one token). Where a span edge falls on a
word edge inside such a token (a span ending before that full stop), the token is split
there (the Doc is built from spaCy's own tokens cut at those edges, with the same text),
so every span whose edges are word edges is kept. A span whose edge is inside a word (a
sub-word span such as a clitic ``و``) is reported as ``misaligned``, never widened.
Every kept span is in the span group ``doc.spans["sc"]`` (for ``spancat``; nested and
crossing spans too); ``doc.ents`` (for the NER component, which cannot hold overlapping
spans) holds one non-overlapping layer of them: ``--layer outermost`` (the default) or
``innermost``, chosen by the same rule as the tag sequences of conll and hf
(:func:`annotator.core.bio.one_layer`). The document id is in ``doc.user_data["id"]``.

Reading (``annotator import FILE.spacy``): each Doc of a DocBin is a document with its
text (``doc.text``, normalised like any import) and its spans: the span group
``doc.spans["sc"]`` when there is one (it holds nested spans too), else ``doc.ents``.
spaCy's character offsets are code points, like ours. The id is ``user_data["id"]``
when the DocBin kept it, else ``<file stem>-<n>``.
"""

from __future__ import annotations

import importlib
from bisect import bisect_right
from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import Any

from annotator.core.bio import Layer, one_layer, tokenize
from annotator.core.dataset import DatasetDocument
from annotator.core.errors import AnnotatorError, InputError, Problem
from annotator.core.schema import LabelSchema
from annotator.core.text import detect_direction, first_line_title, normalise_with_shift
from annotator.core.values import IncomingDocument, Span
from annotator.formats.base import ProjectData, WriterSettings
from annotator.formats.standoff import span_problem

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
        group = sdoc.spans.get(SPAN_KEY, sdoc.ents)
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


def _word_edges(text: str) -> set[int]:
    """Where words and punctuation marks start and end (the tokens selections snap to)."""
    found = tokenize(text)
    return set(found.starts) | set(found.ends)


def token_bounds(sdoc: Any) -> tuple[list[int], list[int]]:
    """The starts and ends of a Doc's tokens (from its arrays: no Token object per token)."""
    if not len(sdoc):
        return [], []
    starts, lengths = sdoc.to_array(["IDX", "LENGTH"]).T.tolist()
    return starts, [a + n for a, n in zip(starts, lengths)]


def spacy_doc(nlp: Any, text: str, cuts: set[int]) -> tuple[Any, int]:
    """``nlp.make_doc(text)`` with its tokens also cut at the positions *cuts* that fall
    inside one, and how many tokens were cut; the text is the same."""
    from spacy.tokens import Doc

    sdoc = nlp.make_doc(text)
    if not cuts:
        return sdoc, 0
    starts, ends = token_bounds(sdoc)
    ordered = sorted(c for c in cuts if (k := bisect_right(starts, c) - 1) >= 0 and starts[k] < c < ends[k])
    if not ordered:  # every cut is a token edge already (most documents): nothing to walk
        return sdoc, 0
    words: list[str] = []
    spaces: list[bool] = []
    split = 0
    for tok in sdoc:
        a, b = tok.idx, tok.idx + len(tok.text)
        k = bisect_right(ordered, a)
        inner = []
        while k < len(ordered) and ordered[k] < b:
            inner.append(ordered[k])
            k += 1
        if inner:
            split += 1
            bounds = [a, *inner, b]
            words += [text[x:y] for x, y in pairwise(bounds)]
            spaces += [False] * len(inner)
        else:
            words.append(tok.text)
        spaces.append(bool(tok.whitespace_))
    if not split:
        return sdoc, 0
    out = Doc(nlp.vocab, words=words, spaces=spaces)
    if out.text != text:  # cannot happen: the pieces are the tokens' own characters
        raise AnnotatorError("spaCy export: cutting tokens at span edges changed the text")
    return out, split


class Writer:
    def __init__(self, settings: WriterSettings) -> None:
        spacy = load_spacy()
        self.spacy = spacy
        self.settings = settings
        self.nlp = spacy.blank(LANGUAGE)
        from spacy.tokens import DocBin

        # each Doc goes into its split's DocBin as it comes (arrays of token attributes; the Doc
        # objects are not kept): the DocBin is one msgpack, written at the end
        self.bins: dict[str, Any] = {s: DocBin(store_user_data=True) for s in settings.splits}
        self.layer: Layer = settings.layer if settings.layer in ("outermost", "innermost") else "outermost"
        self.split_tokens = 0
        self.not_in_ents: Counter[str] = Counter()

    def add(self, doc: DatasetDocument, split: str) -> None:
        st = self.settings
        edges = _word_edges(doc.text)
        cuts = {e for s in doc.spans for e in (s.start, s.end) if e in edges}
        sdoc, split_here = spacy_doc(self.nlp, doc.text, cuts)
        self.split_tokens += split_here
        sdoc.user_data["id"] = doc.id
        kept: list[Span] = []
        made: dict[int, Any] = {}  # id() of a kept span -> its spaCy span
        for span in doc.spans:
            sspan = sdoc.char_span(span.start, span.end, label=span.label, alignment_mode="strict")
            if sspan is None:
                st.log.drop(split, doc.id, span, "misaligned", "an edge is inside a word (a sub-word span): spaCy "
                                                               "tokens are whole words and punctuation marks")
                continue
            kept.append(span)
            made[id(span)] = sspan
        st.log.kept_all(split, Counter([s.label for s in kept]))
        sdoc.spans[SPAN_KEY] = [made[id(s)] for s in kept]
        layer, rest = one_layer(kept, list(zip(*token_bounds(sdoc))), self.layer)
        sdoc.ents = [made[id(s)] for s in layer]
        self.not_in_ents.update(d.reason for d in rest)
        self.bins[split].add(sdoc)
        st.log.lost("span attributes (the DocBin holds labels only)", sum(len(s.attrs) for s in doc.spans))
        st.log.lost("relations (spaCy spans have no relations)", len(doc.relations))

    def abort(self) -> None:
        self.bins.clear()

    def close(self, project: ProjectData) -> dict[str, Any]:
        for split, bin_ in self.bins.items():
            bin_.to_disk(self.settings.folder / f"{split}{SUFFIX}")
        log = self.settings.log
        if self.settings.layer not in ("outermost", "innermost"):
            log.note(f"--layer {self.settings.layer} has no meaning for doc.ents, which cannot overlap: doc.ents "
                     "holds the outermost layer")
        if self.not_in_ents:
            why = ", ".join(f"{n} {reason}" for reason, n in sorted(self.not_in_ents.items()))
            log.note(f"{sum(self.not_in_ents.values())} span(s) are in doc.spans[{SPAN_KEY!r}] only, not in doc.ents "
                     f"(the {self.layer} layer): {why}")
        if self.split_tokens:
            log.note(f"{self.split_tokens} spaCy token(s) were cut where a span edge is a word edge inside them "
                     "(e.g. a span ending before the full stop of '2026.')")
        log.lost("cross-document links (spaCy has no links)", len(project.links))
        return {"spacy_version": self.spacy.__version__, "language": LANGUAGE,
                "tokenizer": f"spacy.blank({LANGUAGE!r})",
                "tokens_cut_at_span_edges": self.split_tokens,
                "entities": f"doc.ents: the {self.layer} layer; doc.spans['{SPAN_KEY}']: every span",
                "files": [f"{s}{SUFFIX}" for s in self.settings.splits]}

"""CoNLL token-per-line files with IOB2 (default) or BIOES tags.

Writing: ``<split>.conll`` per split (with ``--layer per-label``: ``<LABEL>/<split>.conll``,
one file per label). Each document starts with a ``-DOCSTART-<TAB>O`` line and a blank
line; each line is ``token<TAB>tag``; a blank line ends a sentence. Tokens are the
program's word tokens (the ones selections snap to); sentences end at line breaks and
after Arabic or Latin sentence punctuation, never inside a span. What a tag sequence
cannot hold (nested or crossing spans outside the chosen layer, spans whose edges are not
token edges) is counted in the manifest, never dropped silently.

Reading: whitespace-separated columns, the first is the token and the last the tag;
IOB2, IOB1 ("BIO") and BIOES are understood; ``-DOCSTART-`` starts a new document and
``#`` comment lines are skipped. CoNLL keeps tokens, not the text between them, so the
text is rebuilt with one space between tokens and a line break between sentences; the
spans keep their tokens and labels.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, TextIO

from annotator.core import graphemes
from annotator.core.bio import TagError, spans_from_tags, tag_document
from annotator.core.dataset import DatasetDocument
from annotator.core.errors import InputError, Problem
from annotator.core.schema import LabelSchema
from annotator.core.text import detect_direction, first_line_title
from annotator.core.values import IncomingDocument, Span
from annotator.formats.base import ProjectData, WriterSettings, open_output
from annotator.formats.decoding import read_utf8

NAME = "conll"
SUFFIX = ".conll"
SUFFIXES = (".conll", ".iob", ".iob2", ".bio", ".bioes")
DOCSTART = "-DOCSTART-"


def write_document(out: TextIO, words: list[str], tags: list[str], sentence_starts: list[int]) -> None:
    """One document: the DOCSTART line, then its sentences, each followed by a blank line."""
    n = len(words)
    parts: list[str] = [""] * (4 * n)  # token, TAB, tag, line end: interleaved in C
    parts[0::4] = words
    parts[1::4] = ["\t"] * n
    parts[2::4] = tags
    parts[3::4] = ["\n"] * n
    for k in sentence_starts[1:]:
        parts[4 * k - 1] = "\n\n"  # a blank line before each sentence
    out.write(f"{DOCSTART}\tO\n\n" + "".join(parts) + ("\n" if n else ""))


class Writer:
    def __init__(self, settings: WriterSettings) -> None:
        self.settings = settings
        self.labels = settings.schema.names
        self.per_label = settings.layer == "per-label"
        self.files: dict[tuple[str | None, str], TextIO] = {}
        layers: list[str | None] = list(self.labels) if self.per_label else [None]
        for layer in layers:
            folder = settings.folder / layer if layer else settings.folder
            folder.mkdir(exist_ok=True)
            for split in settings.splits:
                self.files[(layer, split)] = open_output(folder / f"{split}{SUFFIX}")

    def add(self, doc: DatasetDocument, split: str) -> None:
        st = self.settings
        tagged = tag_document(doc.text, doc.spans, scheme=st.scheme, layer=st.layer, labels=self.labels)
        st.log.drop_all(split, doc.id, tagged.dropped, self.per_label)
        for layer, kept in tagged.kept.items():
            st.log.kept_all(split, Counter([x.label for x in kept]))
            out = self.files.get((layer, split))
            if out is None:  # a label the schema does not know (per-label): its own file
                folder = st.folder / str(layer)
                folder.mkdir(exist_ok=True)
                out = self.files[(layer, split)] = open_output(folder / f"{split}{SUFFIX}")
            write_document(out, tagged.words, tagged.tags[layer], tagged.sentence_starts)
        st.log.lost("span attributes (CoNLL holds labels only)", sum([len(s.attrs) for s in doc.spans if s.attrs]))
        st.log.lost("relations (CoNLL has no relations)", len(doc.relations))

    def abort(self) -> None:
        for fh in self.files.values():
            fh.close()

    def close(self, project: ProjectData) -> dict[str, Any]:
        self.abort()
        self.settings.log.lost("cross-document links (CoNLL has no links)", len(project.links))
        files = sorted(str((self.settings.folder / layer if layer else self.settings.folder)
                           .joinpath(f"{split}{SUFFIX}").relative_to(self.settings.folder))
                       for layer, split in self.files)
        return {"scheme": self.settings.scheme, "layer": self.settings.layer, "columns": ["token", "tag"],
                "files": files}


# -- reading --------------------------------------------------------------------

def read(path: Path, schema: LabelSchema | None = None) -> list[IncomingDocument]:
    """Read a CoNLL file; each ``-DOCSTART-`` (or the whole file) is one document."""
    content = read_utf8(path)
    where = str(path)
    problems: list[Problem] = []
    docs: list[IncomingDocument] = []
    sentences: list[list[tuple[str, str, int]]] = []
    current: list[tuple[str, str, int]] = []

    def finish_document() -> None:
        nonlocal sentences, current
        if current:
            sentences.append(current)
            current = []
        if sentences:
            doc = _document(path, len(docs) + 1, sentences, schema, problems)
            if doc is not None:
                docs.append(doc)
        sentences = []

    for lineno, raw in enumerate(content.split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            if current:
                sentences.append(current)
                current = []
            continue
        if line.startswith(DOCSTART):
            finish_document()
            continue
        if line.startswith("#"):
            continue
        cols = line.split()
        if len(cols) < 2:
            problems.append(Problem(where, f"expected a token and a tag, found {line!r}", line=lineno))
            continue
        current.append((cols[0], cols[-1], lineno))
    finish_document()
    if problems:
        raise InputError(problems)
    if not docs:
        raise InputError([Problem(where, "no tokens found: this is not a CoNLL file")])
    return docs


def _document(path: Path, n: int, sentences: list[list[tuple[str, str, int]]], schema: LabelSchema | None,
              problems: list[Problem]) -> IncomingDocument | None:
    where = str(path)
    pieces: list[str] = []
    bounds: list[tuple[int, int]] = []
    lines: list[int] = []
    pos = 0
    for i, sentence in enumerate(sentences):
        if i:
            pieces.append("\n")
            pos += 1
        for j, (token, _tag, lineno) in enumerate(sentence):
            if j:
                pieces.append(" ")
                pos += 1
            pieces.append(token)
            bounds.append((pos, pos + len(token)))
            pos += len(token)
            lines.append(lineno)
    text = "".join(pieces)
    spans: list[Span] = []
    found: list[tuple[int, int, str]] = []
    first = 0
    for sentence in sentences:  # a span never continues into the next sentence
        try:
            found.extend((first + i, first + j, lab) for i, j, lab in spans_from_tags([t for _, t, _ in sentence]))
        except TagError as exc:
            problems.append(Problem(where, f"{exc.tag!r} is not a tag: use O or B-/I-/E-/S- and a label",
                                    line=sentence[exc.position][2]))
            return None
        first += len(sentence)
    bad = False
    for m, (i, j, label) in enumerate(found, start=1):
        if schema is not None and label not in schema:
            problems.append(Problem(where, f"label {label!r} is not in the schema ({', '.join(schema.names)})",
                                    line=lines[i]))
            bad = True
            continue
        start, end = bounds[i][0], bounds[j][1]
        if not (graphemes.is_grapheme_boundary(text, start) and graphemes.is_grapheme_boundary(text, end)):
            problems.append(Problem(where, "a span edge falls inside a grapheme cluster (a token starts with a "
                                           "combining mark)", line=lines[i]))
            bad = True
            continue
        spans.append(Span(f"T{m}", start, end, label, {}))
    if bad:
        return None
    return IncomingDocument(id=f"{path.stem}-{n}", title=first_line_title(text), text=text, meta={}, spans=spans,
                            source_path=where, direction=detect_direction(text))

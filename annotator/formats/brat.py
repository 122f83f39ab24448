"""brat stand-off: ``<doc>.txt`` and ``<doc>.ann`` per document, ``annotation.conf``.

Writing (per split ``<split>/``, or the export folder itself without ``--split``):

* ``T`` lines for spans, code-point offsets into the ``.txt`` (written exactly as the
  document's text). A span that crosses a line break is written as fragments
  (``T1<TAB>CLAIM 0 12;13 30<TAB>...``), since brat's text column is one line.
* ``R`` lines for relations (``Arg1`` the head, ``Arg2`` the tail);
* ``A`` lines for span attributes, one value token each: strings as they are, other
  values as JSON, white space and ``%`` escaped as ``%HEX;`` (brat values cannot hold
  spaces); ``N`` lines (``Reference``) for normalised values: the attribute name is the
  normalisation database (``entity`` -> ``N1<TAB>Reference T2 entity:E12``, ``value`` ->
  ``N2<TAB>Reference T3 value:2026-09``);
* ``#`` ``AnnotatorNotes`` lines keep each span's and relation's own id (``id:s3f2a``);
  a span's note is one more ``AnnotatorNotes`` line, written only for a span that has one:
  its comment (``#5<TAB>AnnotatorNotes T3<TAB>not sure the minister said it``), preceded
  by ``[unsure]`` when the span is flagged (``[unsure] not sure…``, or just ``[unsure]``).
  A note is one line: a backslash is written twice, a newline as backslash-n, a tab as
  backslash-t; a comment of an unflagged span that starts with ``[unsure]`` or ``id:``
  gets one leading backslash (read back as nothing).

``annotation.conf`` declares the schema's labels, the relation types and attributes found
in the data, and allows overlaps (``<OVERLAP>``). Relation attributes and
cross-document links have no place in brat: they are counted in the manifest.

Reading takes the ``.txt`` beside each ``.ann`` and restores what the writer wrote;
fragments separated only by line breaks become one span again; events, equivalences and
other discontinuous spans are reported as problems. Any ``AnnotatorNotes`` of a span
other than its id (another tool's notes too) becomes the span's comment (several are
joined by newlines), checked like a comment typed in the window.
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from itertools import pairwise
from pathlib import Path
from typing import Any

from annotator.core.dataset import DatasetDocument, RelationRecord
from annotator.core.errors import InputError, Problem
from annotator.core.schema import LabelSchema
from annotator.core.text import detect_direction, first_line_title, normalise_with_shift
from annotator.core.values import IncomingDocument, Span, comment_problem
from annotator.formats.base import UNSPLIT, ProjectData, WriterSettings, safe_file_stem, write_text_file
from annotator.formats.decoding import read_utf8
from annotator.formats.standoff import incoming, span_problem, token_value, value_token

NAME = "brat"
SUFFIXES = (".ann",)
NORMALISED = frozenset({"entity", "value", "normalized", "normalised", "timex", "norm"})
_ID_NOTE = re.compile(r"^id:(\S+)$")
UNSURE_NOTE = "[unsure]"
_NOTE_ESCAPES = str.maketrans({"\\": "\\\\", "\n": "\\n", "\t": "\\t"})
_NOTE_UNESCAPE = re.compile(r"\\(.)")


def note_text(comment: str, unsure: bool) -> str:
    """The text of a span's note line: the comment on one line, ``[unsure]`` first when flagged."""
    body = comment.translate(_NOTE_ESCAPES)
    if unsure:
        return f"{UNSURE_NOTE} {body}" if body else UNSURE_NOTE
    return "\\" + body if body.startswith((UNSURE_NOTE, "id:")) else body


def read_note(note: str) -> tuple[str, bool]:
    """(comment, unsure) from a note line's text (:func:`note_text` the other way)."""
    unsure = note == UNSURE_NOTE or note.startswith(UNSURE_NOTE + " ")
    if unsure:
        note = note[len(UNSURE_NOTE) + 1:]
    return _NOTE_UNESCAPE.sub(lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), note), unsure


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut at line breaks into the pieces brat can show."""
    out: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        if stop > pos:
            out.append((pos, stop))
        pos = stop + 1 if nl >= 0 else end
    return out or [(start, end)]


def normalised_keys(schema: LabelSchema) -> frozenset[str]:
    """Attributes written as ``N`` lines: the schema's ``entity`` and ``pattern`` kinds
    (entity ids, TIMEX3 date values), else the usual names."""
    defs = getattr(schema, "attributes", ())
    if not defs:
        return NORMALISED
    return frozenset(a.name for a in defs if a.kind in ("entity", "pattern"))


def _is_normalised(key: str, value: Any, keys: frozenset[str]) -> bool:
    return key in keys and value is not None and not isinstance(value, (dict, list, bool))


#: in the ids of a document joined by NUL: a character that :func:`value_token` escapes, or an id
#: that is empty or may read as JSON (starts with what a JSON text starts with, or white space)
_NOT_PLAIN_IDS = re.compile(r'[%\s]|(?:^|\x00)(?:[\x00"{\[ntfNI0-9-]|$)')


def _id_tokens(ids: list[str]) -> list[str]:
    """:func:`value_token` of each span or relation id: the ids themselves when none of them
    can be read as JSON or holds white space or ``%`` (every id the program makes), found by
    one scan of the document's ids."""
    if _NOT_PLAIN_IDS.search("\x00".join(ids)) is None:
        return ids
    return [value_token(i) for i in ids]


def ann_lines(doc: DatasetDocument, normalised: frozenset[str] = NORMALISED) -> tuple[list[str], int]:
    """The ``.ann`` lines of a document, and the number of relation attributes left out."""
    text = doc.text
    spans = doc.spans
    lines: list[str] = []
    find = text.find
    for k, span in enumerate(spans, start=1):
        start, end = span.start, span.end
        if find("\n", start, end) < 0:  # one line: one fragment
            lines.append(f"T{k}\t{span.label} {start} {end}\t{text[start:end]}")
        else:
            frags = fragments(text, start, end)
            where = ";".join(f"{s} {e}" for s, e in frags)
            shown = " ".join(text[s:e] for s, e in frags)
            lines.append(f"T{k}\t{span.label} {where}\t{shown}")
    n_attr = n_norm = 0
    for k, span in enumerate(spans, start=1):
        if not span.attrs:
            continue
        for key, value in span.attrs.items():
            if _is_normalised(key, value, normalised):
                n_norm += 1
                shown = " ".join(span.text_in(text).split())
                lines.append(f"N{n_norm}\tReference T{k} {value_token(key)}:{value_token(value)}\t{shown}")
            else:
                n_attr += 1
                lines.append(f"A{n_attr}\t{value_token(key)} T{k} {value_token(value)}")
    lost = 0
    n_note = 0
    if doc.relations:
        t_of = {span.id: f"T{k}" for k, span in enumerate(spans, start=1)}
        for k, rel in enumerate(doc.relations, start=1):
            if rel.head in t_of and rel.tail in t_of:
                lines.append(f"R{k}\t{value_token(rel.type)} Arg1:{t_of[rel.head]} Arg2:{t_of[rel.tail]}")
                n_note += 1
                lines.append(f"#{n_note}\tAnnotatorNotes R{k}\tid:{value_token(rel.id)}")
                lost += len(rel.attrs)
    lines += [f"#{n}\tAnnotatorNotes T{k}\tid:{token}"
              for n, k, token in zip(range(n_note + 1, n_note + 1 + len(spans)), range(1, len(spans) + 1),
                                     _id_tokens([span.id for span in spans]))]
    n_note += len(spans)
    for k, span in enumerate(spans, start=1):
        if span.comment or span.unsure:
            n_note += 1
            lines.append(f"#{n_note}\tAnnotatorNotes T{k}\t{note_text(span.comment, span.unsure)}")
    return lines, lost


def annotation_conf(schema: LabelSchema, relations: dict[str, tuple[set[str], set[str]]],
                    attributes: dict[str, tuple[set[str], set[str]]]) -> str:
    """annotation.conf: the schema's labels, relation types and attributes, with those
    found in the data that the schema does not declare."""
    relations = {k: (set(h), set(t)) for k, (h, t) in relations.items()}
    for rel in getattr(schema, "relations", ()):
        heads, tails = relations.setdefault(value_token(rel.name), (set(), set()))
        heads.update(rel.head)
        tails.update(rel.tail)
    attributes = {k: (set(labs), set(vals)) for k, (labs, vals) in attributes.items()}
    keys = normalised_keys(schema)
    for attr in getattr(schema, "attributes", ()):
        if attr.name in keys:
            continue
        labels, values = attributes.setdefault(value_token(attr.name), (set(), set()))
        labels.add(attr.label)
        if attr.kind == "choice":
            values.update(value_token(v) for v in attr.values)
        elif attr.kind == "boolean":
            values.update(("true", "false"))
    out = [(f"# Generated by annotator from the label schema {schema.name} v{schema.version} "
            "and the exported data."), "", "[entities]"]
    out += schema.names
    extra = sorted({lab for heads, tails in relations.values() for lab in heads | tails} - set(schema.names))
    out += extra
    out += ["", "[relations]", "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>"]
    for rtype, (heads, tails) in sorted(relations.items()):
        out.append(f"{rtype}\tArg1:{'|'.join(sorted(heads))}, Arg2:{'|'.join(sorted(tails))}")
    out += ["", "[events]", "", "[attributes]"]
    for key, (labels, values) in sorted(attributes.items()):
        if values:  # a free-text attribute without values in the data has nothing to declare
            out.append(f"{key}\tArg:{'|'.join(sorted(labels))}, Value:{'|'.join(sorted(values))}")
    return "\n".join(out) + "\n"


class Writer:
    def __init__(self, settings: WriterSettings) -> None:
        self.settings = settings
        self.taken: dict[str, set[str]] = defaultdict(set)
        self.renamed: dict[str, str] = {}
        self.relations: dict[str, tuple[set[str], set[str]]] = {}
        self.attributes: dict[str, tuple[set[str], set[str]]] = {}
        self.normalised = normalised_keys(settings.schema)
        self.folders: dict[str, str] = {}
        for split in settings.splits:
            if split != UNSPLIT:
                (settings.folder / split).mkdir(exist_ok=True)

    def add(self, doc: DatasetDocument, split: str) -> None:
        st = self.settings
        folder = self.folders.get(split)
        if folder is None:
            folder = self.folders[split] = str(st.folder if split == UNSPLIT else st.folder / split)
        stem = safe_file_stem(doc.id, self.taken[split])
        if stem != doc.id:
            self.renamed[doc.id] = stem
        lines, lost = ann_lines(doc, self.normalised)
        write_text_file(os.path.join(folder, stem + ".txt"), doc.text, st.hashes)
        lines.append("")
        write_text_file(os.path.join(folder, stem + ".ann"), "\n".join(lines), st.hashes)
        spans = doc.spans
        st.log.kept_all(split, Counter([s.label for s in spans]))
        for span in spans:
            if not span.attrs:
                continue
            for key, value in span.attrs.items():
                if not _is_normalised(key, value, self.normalised):
                    labels, values = self.attributes.setdefault(value_token(key), (set(), set()))
                    labels.add(span.label)
                    values.add(value_token(value))
        if doc.relations:
            label_of = {s.id: s.label for s in spans}
            for rel in doc.relations:
                if rel.head in label_of and rel.tail in label_of:
                    heads, tails = self.relations.setdefault(value_token(rel.type), (set(), set()))
                    heads.add(label_of[rel.head])
                    tails.add(label_of[rel.tail])
                else:
                    st.log.lost("relations whose spans are not exported")
        st.log.lost("relation attributes (brat relations have none)", lost)

    def abort(self) -> None:
        pass

    def close(self, project: ProjectData) -> dict[str, Any]:
        st = self.settings
        _write(st.folder / "annotation.conf", annotation_conf(st.schema, self.relations, self.attributes))
        st.log.lost("cross-document links (brat has no links between documents)", len(project.links))
        facts: dict[str, Any] = {"offsets": "code points", "conf": "annotation.conf"}
        if self.renamed:
            facts["file_names"] = dict(sorted(self.renamed.items()))
        return facts


def _write(path: Path, content: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(content)


# -- reading --------------------------------------------------------------------

def read(path: Path, schema: LabelSchema | None = None) -> list[IncomingDocument]:
    """Read ``X.ann`` and the ``X.txt`` beside it as one document with id ``X``."""
    where = str(path)
    txt = path.with_suffix(".txt")
    if not txt.is_file():
        raise InputError([Problem(where, f"the text file {txt.name} is missing beside it")])
    raw = read_utf8(txt)
    text, shift = normalise_with_shift(raw)
    ann = read_utf8(path) if path.stat().st_size else ""
    problems: list[Problem] = []
    spans: dict[str, Span] = {}
    attrs: dict[str, dict[str, Any]] = defaultdict(dict)
    ids: dict[str, str] = {}
    notes: dict[str, list[tuple[str, bool, int]]] = defaultdict(list)
    rels: list[tuple[str, str, str, str, int]] = []

    def bad(lineno: int, msg: str) -> None:
        problems.append(Problem(where, msg, line=lineno))

    t_lines: dict[str, int] = {}
    for lineno, line in enumerate(ann.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        cols = line.split("\t")
        ident, body = cols[0], cols[1] if len(cols) > 1 else ""
        kind = ident[:1]
        try:
            _read_line(kind, ident, body, cols, lineno, raw, text, shift, schema, spans, attrs, ids, rels, bad,
                       notes)
        except ValueError as exc:  # an escape that is not a character
            bad(lineno, f"line {ident}: {exc}")
        if kind == "T":
            t_lines.setdefault(ident, lineno)
    for target in list(attrs):
        if target not in spans:
            problems.append(Problem(where, f"an attribute or normalisation refers to {target}, which is not a span"))
    relations: list[RelationRecord] = []
    lines: dict[str, int] = {}
    for ident, rtype, head, tail, lineno in rels:
        if head not in spans or tail not in spans:
            bad(lineno, f"relation {ident} refers to a span that does not exist")
            continue
        relations.append(RelationRecord(ids.get(ident, ident), str(rtype), ids.get(head, head), ids.get(tail, tail)))
        lines.setdefault(f"relation:{ids.get(ident, ident)}", lineno)
    noted: dict[str, tuple[str, bool]] = {}
    for target, found in notes.items():
        if target not in spans:
            continue  # a relation's note
        comment = "\n".join(c for c, _u, _l in found if c)
        problem = comment_problem(comment)
        if problem:
            bad(found[0][2], f"the note of span {target}: {problem}")
        noted[target] = comment, any(u for _c, u, _l in found)
    if problems:
        raise InputError(problems)
    out_spans = [Span(ids.get(tid, tid), s.start, s.end, s.label, attrs.get(tid, {}), *noted.get(tid, ("", False)))
                 for tid, s in spans.items()]
    for tid in spans:
        lines.setdefault(f"span:{ids.get(tid, tid)}", t_lines[tid])
    out_spans.sort(key=lambda s: (s.start, -s.end, s.id))
    return [incoming(where, id=path.stem, title=first_line_title(text), text=text, meta={},
                     spans=out_spans, source_path=where, direction=detect_direction(text), relations=relations,
                     lines=lines)]


def _read_line(kind: str, ident: str, body: str, cols: list[str], lineno: int, raw: str, text: str, shift: Any,
               schema: LabelSchema | None, spans: dict[str, Span], attrs: dict[str, dict[str, Any]],
               ids: dict[str, str], rels: list[tuple[str, str, str, str, int]], bad: Any,
               notes: dict[str, list[tuple[str, bool, int]]]) -> None:
    """One line of a ``.ann`` file into *spans*, *attrs*, *ids* or *rels*."""
    if kind == "T":
        _read_t(ident, body, cols[2] if len(cols) > 2 else None, raw, text, shift, schema, spans, lineno, bad)
    elif kind in ("A", "M"):
        parts = body.split()
        if len(parts) not in (2, 3):
            bad(lineno, f"attribute line {ident}: expected NAME TARGET [VALUE]")
            return
        value: Any = token_value(parts[2]) if len(parts) == 3 else True
        name = token_value(parts[0])
        if not isinstance(name, str):
            bad(lineno, f"attribute line {ident}: the attribute name {parts[0]!r} is not a name")
            return
        attrs[parts[1]][name] = value
    elif kind == "N":
        m = re.match(r"^\S+\s+(T\d+)\s+([^:\s]+):(\S+)$", body)
        if not m:
            bad(lineno, f"normalisation line {ident}: expected 'Reference T1 DB:ID'")
            return
        name = token_value(m.group(2))
        if not isinstance(name, str):
            bad(lineno, f"normalisation line {ident}: the database name {m.group(2)!r} is not a name")
            return
        attrs[m.group(1)][name] = token_value(m.group(3))
    elif kind == "R":
        m = re.match(r"^(\S+)\s+Arg1:(T\d+)\s+Arg2:(T\d+)$", body)
        if not m:
            bad(lineno, f"relation line {ident}: expected 'TYPE Arg1:T1 Arg2:T2'")
            return
        rels.append((ident, token_value(m.group(1)), m.group(2), m.group(3), lineno))
    elif kind == "#":
        target = body.split()[-1] if body.split() else ""
        m = _ID_NOTE.match(cols[2].strip()) if len(cols) > 2 else None
        if m and body.startswith("AnnotatorNotes"):
            given = token_value(m.group(1))
            if not isinstance(given, str):
                bad(lineno, f"note {ident}: the id {m.group(1)!r} is not text")
                return
            ids[target] = given
        elif body.startswith("AnnotatorNotes") and len(cols) > 2:
            notes[target].append((*read_note(cols[2]), lineno))
    else:
        what = {"E": "events", "*": "equivalence sets"}.get(kind, f"{ident!r} lines")
        bad(lineno, f"{what} are not supported: only T, R, A/M, N and # lines are read")


def _read_t(ident: str, body: str, shown: str | None, raw: str, text: str, shift: Any, schema: LabelSchema | None,
            spans: dict[str, Span], lineno: int, bad: Any) -> None:
    label, _, where = body.partition(" ")
    frags: list[tuple[int, int]] = []
    for piece in where.split(";"):
        try:
            s, e = (int(x) for x in piece.split())
        except ValueError:
            bad(lineno, f"span {ident}: offsets {where!r} are not 'START END[;START END]'")
            return
        frags.append((s, e))
    frags.sort()
    for (_, e1), (s2, _) in pairwise(frags):
        if raw[e1:s2].strip():
            bad(lineno, f"span {ident} is discontinuous ({where}): only fragments split at line breaks can be read")
            return
    start, end = shift(frags[0][0]), shift(frags[-1][1])
    msg = span_problem(text, start, end, label, schema)
    if msg is None and shown is not None and shown != " ".join(raw[s:e] for s, e in frags):
        msg = f"its text {shown!r} differs from the document's text at [{start}, {end})"
    if msg:
        bad(lineno, f"span {ident}: {msg}")
        return
    if ident in spans:
        bad(lineno, f"span id {ident} is used twice")
        return
    spans[ident] = Span(ident, start, end, label, {})

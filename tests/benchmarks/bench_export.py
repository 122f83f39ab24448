"""Benchmark: exporting 100 spans per document (1,000,000 spans over 10,000 documents at the
issue's scale; 2,000 documents by default) to every export format (jsonl, conll, hf, brat,
doccano, labelstudio, spacy), each against its floor measured in the same run. Prints
figures (CPU time, the ratio to the floor, the peak RSS each export adds); asserts only
that each floor wrote what its export wrote.

    .venv/bin/python tests/benchmarks/bench_export.py [--docs 2000] [--spans 100] [--chars 2500]
        [--corpus DIR] [--synthetic] [--formats jsonl,conll,...]

A floor is the most direct code that writes the same output from the same rows read with
plain ``sqlite3`` (the documents, and the spans of the exported sets ordered by document);
target (issue 13): each export at most 1.5x its floor.

* ``json`` (for jsonl, doccano and labelstudio): the same canonical JSONL records written
  with ``json.dumps``. Checked: byte for byte the jsonl export's file.
* ``conll``: the same tokens (one split by the tokenizer's regular expression; the floor
  counts the texts that it cannot cut that way), the outermost layer's IOB2 tags and the
  same sentence breaks, written line by line. Checked: byte for byte the conll file.
* ``hf``: the same tokens, tags and sentences, one ``json.dumps`` per sentence. Checked:
  byte for byte the hf export's JSONL.
* ``brat``: the same ``.txt`` and ``.ann`` files (T lines, fragments at line breaks, A and N
  lines for attributes, the id notes) by plain string formatting. Checked: every file byte
  for byte (the export also writes ``annotation.conf``; no floor writes the manifest).
* ``spacy``: spaCy's own work done directly: ``spacy.blank("ar")`` tokens, cut with
  ``Doc(vocab, words, spaces)`` where a span edge that is a word edge falls inside one,
  ``doc.char_span`` per span, ``doc.spans["sc"]``, the outermost layer as ``doc.ents``, the
  id in ``user_data``, ``DocBin.to_bytes``. Checked: the loaded documents of both files
  have the same text, id, tokens, entities and span group.

Peak RSS: the high-water mark of the process is reset before each export (Linux's
``/proc/self/clear_refs``) and read after it; the figure is what the export added. It is to
be compared with the size of all texts (printed): no export holds them all (spaCy's DocBin
holds every document's token arrays until it writes its one file, as its floor does).

Text: realistic, built at run time from the articles in ../shared/corpus (``--corpus``;
never copied into the project): each document is paragraphs of those articles drawn at
random, many cut to a random run of their words, so documents differ and the text holds
what real news holds (no-break spaces, Western and Arabic digits, dates with slashes,
Latin names, quotes, parentheses, harakat). Without the corpus (or with ``--synthetic``)
it falls back to synthetic Arabic-like words, and says so. One annotator, *spans* spans
per document on word tokens (claims of several words, actors and dates inside some of
them, so the CoNLL export has nested spans to count and drop), a DATE value attribute on
a tenth.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import re
import shutil
import sqlite3
import sys
import tempfile
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from itertools import accumulate, pairwise
from operator import itemgetter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
#: where the articles are: beside the checkout (../shared/corpus), or beside its parent (a worktree)
CORPUS_PLACES = (ROOT.parent / "shared" / "corpus", ROOT.parents[1] / "shared" / "corpus")

from annotator.core.bio import _ASTRAL, _bmp, label_list, token_spans, tokenize  # noqa: E402
from annotator.core.text import text_sha256  # noqa: E402
from annotator.formats.brat import normalised_keys  # noqa: E402
from annotator.formats.standoff import value_token  # noqa: E402
from annotator.services.export.datasets import ExportOptions, export_dataset, export_jsonl  # noqa: E402
from annotator.services.project import Project  # noqa: E402

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةى"
HARAKAT = "\u064e\u064f\u0650\u0651\u0652"


def vocabulary(rnd: random.Random) -> list[str]:
    words = []
    for _ in range(3000):
        w = "".join(rnd.choice(LETTERS) for _ in range(rnd.randint(2, 8)))
        if rnd.random() < 0.2:
            i = rnd.randint(1, len(w))
            w = w[:i] + rnd.choice(HARAKAT) + w[i:]
        words.append(w)
    return [*words, "2027", "١٥", "27/9/2024", "2,500", "«", "»", "،", ".", "؟"]


def synthetic_document(rnd: random.Random, words: list[str], n_chars: int) -> str:
    out: list[str] = []
    size = 0
    while size < n_chars:
        w = rnd.choice(words)
        sep = "\n" if rnd.random() < 0.01 else " "
        out.append(w + sep)
        size += len(w) + 1
    return "".join(out).rstrip() + "."


def find_corpus(given: Path | None) -> Path | None:
    """The corpus folder: *given*, else the first of CORPUS_PLACES that holds articles."""
    for place in (given,) if given is not None else CORPUS_PLACES:
        if place.is_dir() and any(place.glob("*.txt")):
            return place
    return None


def corpus_paragraphs(corpus: Path) -> list[str]:
    """The non-empty paragraphs (lines) of every article of *corpus*."""
    return [line.strip() for f in sorted(corpus.glob("*.txt"))
            for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]


def corpus_document(rnd: random.Random, paragraphs: list[str], n_chars: int) -> str:
    """About *n_chars* characters of paragraphs drawn at random; two in three cut to a random
    run of their words (cut at spaces only: a no-break space stays inside), so that
    documents differ and a paragraph's text appears in many contexts."""
    out: list[str] = []
    size = 0
    while size < n_chars:
        para = rnd.choice(paragraphs)
        words = para.split(" ")
        if len(words) > 6 and rnd.random() < 0.67:
            a = rnd.randrange(len(words) - 3)
            para = " ".join(words[a: a + rnd.randint(3, len(words) - a)])
        out.append(para)
        size += len(para) + 1
    return "\n".join(out)


class TextSource:
    """Documents of realistic text (from the corpus) or, without it, synthetic ones."""

    def __init__(self, rnd: random.Random, corpus: Path | None) -> None:
        self.rnd = rnd
        self.paragraphs = corpus_paragraphs(corpus) if corpus is not None else []
        self.words = [] if self.paragraphs else vocabulary(rnd)
        self.seen: set[str] = set()
        self.kind = (f"realistic: paragraphs of the {len(list(corpus.glob('*.txt')))} articles in {corpus}, "
                     "drawn at random and cut" if corpus is not None
                     else "SYNTHETIC Arabic-like words (no corpus found: --corpus DIR)")

    def document(self, n_chars: int) -> str:
        """A text not given before (texts are unique in a project)."""
        while True:
            text = (corpus_document(self.rnd, self.paragraphs, n_chars) if self.paragraphs
                    else synthetic_document(self.rnd, self.words, n_chars))
            if text not in self.seen:
                self.seen.add(text)
                return text


def spans_for(rnd: random.Random, text: str, n: int) -> list[tuple[int, int, str, str]]:
    """*n* spans on token edges: claims of 3-8 tokens, with actors and dates inside some."""
    toks = token_spans(text)
    out: list[tuple[int, int, str, str]] = []
    step = max(1, len(toks) // (n // 2 + 1))
    k = 0
    while len(out) < n and k + 8 < len(toks):
        j = k + rnd.randint(2, 7)
        out.append((toks[k][0], toks[j][1], "CLAIM", ""))
        inner = k + rnd.randint(0, j - k)
        label = "ACTOR" if rnd.random() < 0.6 else "DATE"
        attrs = '{"value": "2027-05"}' if label == "DATE" and rnd.random() < 0.3 else "{}"
        out.append((toks[inner][0], toks[inner][1], label, attrs))
        k += step
    while len(out) < n:  # short documents: single-token dates wherever they fit
        i = rnd.randrange(len(toks))
        out.append((toks[i][0], toks[i][1], "DATE", "{}"))
    return out[:n]


def build(db: Path, n_docs: int, n_spans: int, n_chars: int, source: TextSource) -> None:
    Project.open(db).close()  # create the schema
    rnd = source.rnd
    now = datetime.now(UTC).isoformat()
    con = sqlite3.connect(db)
    with con:
        con.execute("INSERT INTO annotators (id, name, role, created_at) VALUES (1, 'alice', 'annotator', ?)", (now,))
        pk = 0
        for d in range(n_docs):
            text = source.document(n_chars)
            doc_id = f"doc-{d:05d}"
            con.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?, 'rtl', '{}', ?, ?, NULL)",
                        (doc_id, text[:40], text, text_sha256(text), len(text), f"/corpus/{d % 20}/{d}.txt", now))
            con.execute("INSERT INTO annotation_sets VALUES (?, ?, 1, 'annotation', 'done', ?, ?, 0, NULL)",
                        (d + 1, doc_id, now, now))
            rows = []
            for s, e, label, attrs in spans_for(rnd, text, n_spans):
                pk += 1
                rows.append((pk, d + 1, f"s{pk:08x}", s, e, label, attrs or "{}", now, now, "{}", "annotation"))
            con.executemany("INSERT INTO spans VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    con.close()


#: every span with its document, in the canonical export's order (both floors walk it beside the documents)
SPANS_IN_ORDER = ("SELECT a.document_id, s.uid, s.start_offset, s.end_offset, s.label, s.attrs FROM spans s "
                  "JOIN annotation_sets a ON a.id = s.set_id ORDER BY a.document_id, s.set_id, s.start_offset, "
                  "s.end_offset DESC, s.uid")


def floor_json(db: Path, out: Path) -> int:
    """The JSON floor: plain sqlite3 + json.dumps, the same canonical records, nothing else."""
    con = sqlite3.connect(db)
    spans = con.execute(SPANS_IN_ORDER)
    row = spans.fetchone()
    n = 0
    with open(out, "w", encoding="utf-8") as fh:
        for doc_id, title, text, meta in con.execute("SELECT id, title, text, meta FROM documents ORDER BY id"):
            recs = []
            while row is not None and row[0] == doc_id:
                recs.append({"id": row[1], "start": row[2], "end": row[3], "label": row[4],
                             "text": text[row[2]:row[3]], "attrs": json.loads(row[5])})
                row = spans.fetchone()
            fh.write(json.dumps({"id": doc_id, "title": title, "text": text, "meta": json.loads(meta),
                                 "spans": recs}, ensure_ascii=False))
            fh.write("\n")
            n += len(recs)
    con.close()
    return n


def rows(db: Path) -> Iterator[tuple[str, str, list[tuple[str, int, int, str, str]]]]:
    """(document id, text, [(span id, start, end, label, attrs JSON)]) in document order, read with
    plain sqlite3 (the same two ordered queries walked side by side as the JSON floor)."""
    con = sqlite3.connect(db)
    spans = con.execute(SPANS_IN_ORDER)
    row = spans.fetchone()
    for doc_id, text in con.execute("SELECT id, text FROM documents ORDER BY id"):
        recs = []
        while row is not None and row[0] == doc_id:
            recs.append(row[1:])
            row = spans.fetchone()
        yield doc_id, text, recs
    con.close()


SLOW_TEXTS = [0, 0]  # texts the token floors could not cut with the one regular expression, texts in all


def floor_tokens(text: str) -> tuple[list[int], list[int], list[str]]:
    """Token starts, ends and words: one split by the tokenizer's regular expression (the
    fastest straightforward code), the project's tokenizer for a text it does not cover."""
    simple = _bmp()
    SLOW_TEXTS[1] += 1
    if not _ASTRAL.search(text) and simple.simple.fullmatch(text):
        parts = simple.tokens.split(text)
        pos = list(accumulate(map(len, parts)))
        return pos[0:-1:2], pos[1::2], parts[1::2]
    SLOW_TEXTS[0] += 1
    found = tokenize(text)
    return list(found.starts), list(found.ends), found.words


SENTENCE_END = frozenset({".", "!", "?", "\u061f", "\u06d4", "\u2026"})
CLOSERS = frozenset({"\u00bb", "\u201d", "\u2019", ")", "]", "}", '"', "'", "\u203a"})
END_CHAR = re.compile("[.!?\u061f\u06d4\u2026]")


def floor_tags(text: str, spans: list[tuple[str, int, int, str, str]]) -> tuple[list[str], list[str], list[int]]:
    """Words, IOB2 tags of the outermost layer, sentence starts: what the CoNLL and HF exports
    hold, written as directly as it goes."""
    starts, ends, words = floor_tokens(text)
    n = len(words)
    first = dict(zip(starts, range(n)))
    last = dict(zip(ends, range(n)))
    aligned = []
    for _, s, e, label, _ in spans:
        i, j = first.get(s), last.get(e)
        if i is not None and j is not None and i <= j:
            aligned.append((i, -j, j, label))
    tags = ["O"] * n
    covered = bytearray(n + 1)  # covered[k]: a span holds tokens k-1 and k (no sentence break there)
    kept_to = -1
    for i, _, j, label in sorted(aligned, key=itemgetter(0, 1)):  # stable: equal ranges in reading order
        if j > i:
            covered[i + 1: j + 1] = b"\x01" * (j - i)
        if i > kept_to:  # outermost: not inside the span kept last
            tags[i] = "B-" + label
            tags[i + 1: j + 1] = ["I-" + label] * (j - i)
            kept_to = j
    if not n:
        return words, tags, []
    breaks = set()
    nl = text.find("\n")
    while nl >= 0:
        k = bisect_left(starts, nl)
        if 0 < k < n:
            breaks.add(k)
        nl = text.find("\n", nl + 1)
    for m in END_CHAR.finditer(text):
        j = first.get(m.start())
        if j is None or words[j] not in SENTENCE_END:
            continue
        k = j + 1
        while k < n and words[k] in CLOSERS and ends[k - 1] == starts[k]:
            k += 1
        if k < n:
            breaks.add(k)
    return words, tags, [0, *sorted(k for k in breaks if not covered[k])]


def floor_conll(db: Path, out: Path) -> int:
    """The CoNLL floor: the same rows, tokens, tags and sentences, written line by line."""
    n = 0
    with open(out, "w", encoding="utf-8") as fh:
        for _, text, spans in rows(db):
            words, tags, sentences = floor_tags(text, spans)
            lines = [w + "\t" + t + "\n" for w, t in zip(words, tags)]
            bounds = [*sentences, len(lines)]
            fh.write("-DOCSTART-\tO\n\n" + "\n".join("".join(lines[a:b]) for a, b in pairwise(bounds))
                     + ("\n" if lines else ""))
            n += len(spans)
    return n


def floor_hf(db: Path, out: Path, labels: list[str]) -> int:
    """The HF floor: the same tokens and tags, one json.dumps per sentence."""
    index = {t: i for i, t in enumerate(labels)}
    n = 0
    with open(out, "w", encoding="utf-8") as fh:
        for doc_id, text, spans in rows(db):
            words, tags, sentences = floor_tags(text, spans)
            for k, (a, b) in enumerate(pairwise([*sentences, len(words)])):
                fh.write(json.dumps({"id": f"{doc_id}#{k}", "document": doc_id, "tokens": words[a:b],
                                     "ner_tags": [index[t] for t in tags[a:b]]}, ensure_ascii=False) + "\n")
            n += len(spans)
    return n


def floor_brat(db: Path, out: Path, normalised: frozenset[str]) -> int:
    """The brat floor: the same .txt and .ann files (T lines, A/N lines for attributes, the id
    notes), written with plain string formatting."""
    out.mkdir()
    n = 0
    for doc_id, text, spans in rows(db):
        lines = []
        extra = []
        n_attr = n_norm = 0
        for k, (_, s, e, label, attrs) in enumerate(spans, start=1):
            piece = text[s:e]
            if "\n" in piece:  # brat's text column is one line: fragments between the line breaks
                where, shown, pos = [], [], s
                for part in piece.split("\n"):
                    if part:
                        where.append(f"{pos} {pos + len(part)}")
                        shown.append(part)
                    pos += len(part) + 1
                lines.append(f"T{k}\t{label} {';'.join(where)}\t{' '.join(shown)}")
            else:
                lines.append(f"T{k}\t{label} {s} {e}\t{piece}")
            if attrs != "{}":
                for key, value in json.loads(attrs).items():
                    if key in normalised and value is not None and not isinstance(value, (dict, list, bool)):
                        n_norm += 1
                        extra.append(f"N{n_norm}\tReference T{k} {value_token(key)}:{value_token(value)}\t"
                                     + " ".join(piece.split()))
                    else:
                        n_attr += 1
                        extra.append(f"A{n_attr}\t{value_token(key)} T{k} {value_token(value)}")
        notes = [f"#{k}\tAnnotatorNotes T{k}\tid:{span[0]}" for k, span in enumerate(spans, start=1)]
        with open(out / f"{doc_id}.txt", "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        with open(out / f"{doc_id}.ann", "w", encoding="utf-8", newline="\n") as fh:
            fh.write("".join(line + "\n" for line in lines + extra + notes))
        n += len(spans)
    return n


def floor_spacy(db: Path, out: Path) -> int:
    """The spaCy floor: spaCy's own work, done directly: ``spacy.blank("ar")`` tokens (cut where a
    span edge that is a word edge falls inside one, with ``Doc(vocab, words, spaces)``),
    ``doc.char_span`` per span, every span in ``doc.spans["sc"]``, the outermost layer in
    ``doc.ents``, the id in ``user_data``, one ``DocBin.to_bytes``."""
    import spacy
    from spacy.attrs import IDX, LENGTH
    from spacy.tokens import Doc, DocBin

    nlp = spacy.blank("ar")
    docbin = DocBin(store_user_data=True)
    n = 0
    for doc_id, text, spans in rows(db):
        starts, ends, _ = floor_tokens(text)
        edges = set(starts) | set(ends)
        sdoc = nlp.make_doc(text)
        idx, lengths = sdoc.to_array([IDX, LENGTH]).T.tolist()
        inner = sorted({x for _, s, e, _, _ in spans for x in (s, e) if x in edges}
                       - set(idx) - set(map(sum, zip(idx, lengths))))
        inside = [x for x in inner if (k := bisect_right(idx, x) - 1) >= 0 and x < idx[k] + lengths[k]]
        if inside:  # cut those tokens there
            words, gaps, cuts = [], [], iter([*inside, len(text) + 1])
            cut = next(cuts)
            for tok in sdoc:
                a = tok.idx
                while cut <= a:
                    cut = next(cuts)
                b = a + len(tok)
                while a < cut < b:
                    words.append(text[a:cut])
                    gaps.append(False)
                    a, cut = cut, next(cuts)
                words.append(text[a:b])
                gaps.append(bool(tok.whitespace_))
            sdoc = Doc(nlp.vocab, words=words, spaces=gaps)
        made = [x for x in (sdoc.char_span(s, e, label=label) for _, s, e, label, _ in spans) if x is not None]
        sdoc.spans["sc"] = made
        ents, kept_to = [], -1
        for sp in sorted(made, key=lambda x: (x.start, -x.end)):
            if sp.start >= kept_to:
                ents.append(sp)
                kept_to = sp.end
        sdoc.ents = ents
        sdoc.user_data["id"] = doc_id
        docbin.add(sdoc)
        n += len(spans)
    out.write_bytes(docbin.to_bytes())
    return n


def same_files(a: Path, b: Path, pattern: str) -> tuple[bool, int]:
    """Whether every file of *a* matching *pattern* has its twin in *b* with the same bytes."""
    names = sorted(p.name for p in a.glob(pattern))
    return bool(names) and names == sorted(p.name for p in b.glob(pattern)) and all(
        (a / x).read_bytes() == (b / x).read_bytes() for x in names), len(names)


def same_spacy(a: Path, b: Path) -> bool:
    """Whether two DocBins hold the same documents: text, id, tokens, entities and span group."""
    import spacy
    from spacy.tokens import DocBin

    vocab = spacy.blank("ar").vocab

    def facts(path: Path) -> list[Any]:
        return [(d.text, d.user_data.get("id"), [t.idx for t in d],
                 [(e.start_char, e.end_char, e.label_) for e in d.ents],
                 [(x.start_char, x.end_char, x.label_) for x in d.spans["sc"]])
                for d in DocBin().from_bytes(path.read_bytes()).get_docs(vocab)]

    return facts(a) == facts(b)


def peak_rss_reset() -> int:
    """Reset the process's peak resident size to its current one (Linux); the current size in kB."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return _status("VmRSS")
    except OSError:
        return -1


def _status(key: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return -1


def timed(fn):  # type: ignore[no-untyped-def]
    """(wall seconds, CPU seconds of this process), result. CPU time is what the ratios
    use: on a busy machine, wall time mostly measures the other processes."""
    t0, c0 = time.perf_counter(), time.process_time()
    result = fn()
    return (time.perf_counter() - t0, time.process_time() - c0), result


#: export format -> the floor it is measured against
FLOOR_OF = {"jsonl": "json", "doccano": "json", "labelstudio": "json", "conll": "conll", "hf": "hf",
            "brat": "brat", "spacy": "spacy"}
ALL_FORMATS = "jsonl,conll,hf,brat,doccano,labelstudio,spacy"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2_000, help="documents (the issue's scale: 10000)")
    ap.add_argument("--spans", type=int, default=100, help="spans per document")
    ap.add_argument("--chars", type=int, default=2_500, help="characters per document")
    ap.add_argument("--corpus", type=Path, default=None, help="folder of .txt articles (default ../shared/corpus)")
    ap.add_argument("--synthetic", action="store_true", help="synthetic text instead of the corpus")
    ap.add_argument("--formats", default=ALL_FORMATS, help="the formats to time, comma-separated "
                    "(spacy needs the spacy extra; jsonl also times the one-file and split exports)")
    args = ap.parse_args()
    formats = [f for f in args.formats.split(",") if f]
    if "spacy" in formats and importlib.util.find_spec("spacy") is None:
        print("spaCy is not installed: spacy left out")
        formats.remove("spacy")
    source = TextSource(random.Random(6), None if args.synthetic else find_corpus(args.corpus))
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        db = tmp / "bench.sqlite"
        t0 = time.perf_counter()
        build(db, args.docs, args.spans, args.chars, source)
        chars = sqlite3.connect(db).execute("SELECT sum(length(text)) FROM documents").fetchone()[0]
        print(f"built {args.docs:,} documents x {args.spans} spans ({args.docs * args.spans:,} spans, "
              f"{args.chars:,} characters each) in {time.perf_counter() - t0:.1f} s\ntext: {source.kind}; "
              f"all texts together: {chars * 2 / 1e6:.0f} MB as Python strings", flush=True)
        project = Project.open(db)
        schema = project.schema
        floor_fns: dict[str, Callable[[Path], int]] = {
            "json": lambda out: floor_json(db, out),
            "conll": lambda out: floor_conll(db, out),
            "hf": lambda out: floor_hf(db, out, label_list(schema.names, "iob2")),
            "brat": lambda out: floor_brat(db, out, normalised_keys(schema)),
            "spacy": lambda out: floor_spacy(db, out),
        }
        floor_out = {"json": "floor.jsonl", "conll": "floor.conll", "hf": "floor-hf.jsonl", "brat": "floor-brat",
                     "spacy": "floor.spacy"}
        floors: dict[str, list[float]] = {}
        floor_walls: dict[str, float] = {}

        def run_floor(name: str) -> None:
            out = tmp / floor_out[name]
            shutil.rmtree(out, ignore_errors=True) if out.is_dir() else out.unlink(missing_ok=True)
            (wall, cpu), _ = timed(lambda: floor_fns[name](out))
            floors.setdefault(name, []).append(cpu)
            floor_walls[name] = min(wall, floor_walls.get(name, wall))

        needed = list(dict.fromkeys(FLOOR_OF[f] for f in formats))
        floor_json(db, tmp / "warm.jsonl")  # warm the operating system's file cache for everyone
        for name in needed:
            run_floor(name)
        runs: list[tuple[str, str, tuple[float, float], int]] = []

        def measure(label: str, floor: str, fn: Callable[[], Any]) -> Any:
            start_rss = peak_rss_reset()
            dt, result = timed(fn)
            runs.append((label, floor, dt, _status("VmHWM") - start_rss if start_rss >= 0 else -1))
            return result

        results: dict[str, Any] = {}
        try:
            for fmt in formats:
                if fmt == "jsonl":
                    measure("export --format jsonl --out FILE.jsonl", "json",
                            lambda: export_jsonl(project, tmp / "one.jsonl"))
                results[fmt] = measure(f"export --format {fmt} --out DIR", FLOOR_OF[fmt],
                                       lambda fmt=fmt: export_dataset(project, tmp / fmt, ExportOptions(format=fmt)))
                if fmt == "jsonl":
                    measure("export jsonl --split 80/10/10", "json", lambda: export_dataset(
                        project, tmp / "jsonl-split",
                        ExportOptions(format="jsonl", split={"train": .8, "dev": .1, "test": .1}, seed=1)))
        finally:
            project.close()
        for name in needed:  # a second time, after the exports: the best of two
            run_floor(name)
        print(f"\n{'':<40} {'wall':>8} {'CPU':>8}  {'floor':>6} {'floor CPU':>9}  CPU / floor CPU  peak RSS added")
        for label, floor, (wall, cpu), rss in runs:
            best = min(floors[floor])
            print(f"{label:<40} {wall:7.2f}s {cpu:7.2f}s  {floor:>6} {best:8.2f}s  {cpu / best:6.2f}x"
                  f"          {rss / 1024:6.0f} MB")
        print("floor CPU runs (before and after the exports): "
              + "; ".join(f"{k} " + ", ".join(f"{c:.2f}" for c in v) for k, v in floors.items()))
        print("texts the token floors could not cut with one regular expression: "
              f"{SLOW_TEXTS[0]:,} of {SLOW_TEXTS[1]:,}")
        checks = []
        if "jsonl" in results:
            checks.append(("jsonl = JSON floor", (tmp / "floor.jsonl").read_bytes()
                           == (tmp / "jsonl" / "all.jsonl").read_bytes()))
        if "conll" in results:
            checks.append(("conll = CoNLL floor", (tmp / "floor.conll").read_bytes()
                           == (tmp / "conll" / "all.conll").read_bytes()))
        if "hf" in results:
            checks.append(("hf = HF floor", (tmp / "floor-hf.jsonl").read_bytes()
                           == (tmp / "hf" / "all.jsonl").read_bytes()))
        if "brat" in results:
            ok_txt, n_txt = same_files(tmp / "floor-brat", tmp / "brat", "*.txt")
            ok_ann, n_ann = same_files(tmp / "floor-brat", tmp / "brat", "*.ann")
            checks.append((f"brat = brat floor ({n_txt:,} .txt, {n_ann:,} .ann)", ok_txt and ok_ann))
        if "spacy" in results:
            checks.append(("spacy = spaCy floor (the loaded docs: text, id, tokens, ents, spans)",
                           same_spacy(tmp / "floor.spacy", tmp / "spacy" / "all.spacy")))
        print("output equal to its floor's: " + "; ".join(f"{k}: {v}" for k, v in checks))
        for fmt, res in results.items():
            print(f"  {fmt}: wrote {res.spans:,} spans, dropped {res.dropped:,} (counted in the manifest)")
        if not all(ok for _, ok in checks):
            raise SystemExit("an export and its floor wrote different things: the floor is not a floor")


if __name__ == "__main__":
    main()

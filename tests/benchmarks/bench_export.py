"""Benchmark: exporting 1,000,000 spans over 10,000 documents to every export format
(jsonl, conll, hf, brat, doccano, labelstudio, spacy), against a floor measured in the
same run. Prints figures; asserts nothing.

    .venv/bin/python tests/benchmarks/bench_export.py [--docs 10000] [--spans 100] [--chars 2500]
        [--corpus DIR] [--synthetic] [--formats hf,brat,...]

The floor is what the export cannot beat by much: read the same rows with plain
``sqlite3`` (documents, and the spans of the exported sets ordered by document) and
write the same canonical JSONL records with ``json.dumps``. Target (issue 13): each
export at most 1.5x the floor.

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
import json
import random
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
#: where the articles are: beside the checkout (../shared/corpus), or beside its parent (a worktree)
CORPUS_PLACES = (ROOT.parent / "shared" / "corpus", ROOT.parents[1] / "shared" / "corpus")

from annotator.core.bio import token_spans  # noqa: E402
from annotator.core.text import text_sha256  # noqa: E402
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


def floor(db: Path, out: Path) -> int:
    """Plain sqlite3 + json.dumps: the same records, nothing else."""
    con = sqlite3.connect(db)
    spans = con.execute(
        "SELECT a.document_id, s.uid, s.start_offset, s.end_offset, s.label, s.attrs FROM spans s "
        "JOIN annotation_sets a ON a.id = s.set_id ORDER BY a.document_id, s.set_id, s.start_offset, "
        "s.end_offset DESC, s.uid")
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


def timed(fn):  # type: ignore[no-untyped-def]
    """(wall seconds, CPU seconds of this process), result. CPU time is what the ratios
    use: on a busy machine, wall time mostly measures the other processes."""
    t0, c0 = time.perf_counter(), time.process_time()
    result = fn()
    return (time.perf_counter() - t0, time.process_time() - c0), result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--spans", type=int, default=100, help="spans per document")
    ap.add_argument("--chars", type=int, default=2_500, help="characters per document")
    ap.add_argument("--corpus", type=Path, default=None, help="folder of .txt articles (default ../shared/corpus)")
    ap.add_argument("--synthetic", action="store_true", help="synthetic text instead of the corpus")
    ap.add_argument("--formats", default="hf,brat,doccano,labelstudio,spacy",
                    help="the other formats to time, comma-separated (spacy needs the spacy extra)")
    args = ap.parse_args()
    source = TextSource(random.Random(6), None if args.synthetic else find_corpus(args.corpus))
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        db = tmp / "bench.sqlite"
        t0 = time.perf_counter()
        build(db, args.docs, args.spans, args.chars, source)
        print(f"built {args.docs:,} documents x {args.spans} spans ({args.docs * args.spans:,} spans, "
              f"{args.chars:,} characters each) in {time.perf_counter() - t0:.1f} s\ntext: {source.kind}", flush=True)
        floor(db, tmp / "floor.jsonl")  # warm the operating system's file cache for everyone
        floors = [timed(lambda: floor(db, tmp / "floor.jsonl"))[0]]
        runs: list[tuple[str, float]] = []
        project = Project.open(db)
        try:
            runs.append(("export --format jsonl --out FILE.jsonl",
                         timed(lambda: export_jsonl(project, tmp / "one.jsonl"))[0]))
            dt, res = timed(lambda: export_dataset(project, tmp / "jsonl", ExportOptions(format="jsonl")))
            runs.append(("export --format jsonl --out DIR", dt))
            runs.append(("export jsonl --split 80/10/10", timed(lambda: export_dataset(
                project, tmp / "jsonl-split", ExportOptions(format="jsonl", split={"train": .8, "dev": .1, "test": .1},
                                                           seed=1)))[0]))
            dt, conll = timed(lambda: export_dataset(project, tmp / "conll", ExportOptions(format="conll")))
            runs.append(("export --format conll --out DIR", dt))
            for fmt in args.formats.split(","):
                if fmt:
                    runs.append((f"export --format {fmt} --out DIR", timed(lambda fmt=fmt: export_dataset(
                        project, tmp / fmt, ExportOptions(format=fmt)))[0]))
        finally:
            project.close()
        floors.append(timed(lambda: floor(db, tmp / "floor.jsonl"))[0])
        best = min(floors, key=lambda f: f[1])
        print(f"{'':<40} {'wall':>8} {'CPU':>8}   CPU / floor CPU")
        print(f"{'floor: sqlite3 + json.dumps (best of 2)':<40} {best[0]:7.2f}s {best[1]:7.2f}s   (floor CPU runs: "
              + ", ".join(f"{f[1]:.2f}" for f in floors) + ")")
        for label, (wall, cpu) in runs:
            print(f"{label:<40} {wall:7.2f}s {cpu:7.2f}s   {cpu / best[1]:4.2f}x the floor")
        same = (tmp / "floor.jsonl").read_bytes() == (tmp / "jsonl" / "all.jsonl").read_bytes()
        print(f"jsonl output identical to the floor's: {same}; spans written {res.spans:,}; conll wrote "
              f"{conll.spans:,} and dropped {conll.dropped:,} nested spans (counted in the manifest)")


if __name__ == "__main__":
    main()

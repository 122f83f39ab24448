"""Benchmark: agreement over long documents and many annotators, and the
disagreement diff that opens the adjudication view. Prints figures; asserts nothing.

    .venv/bin/python tests/benchmarks/bench_agreement.py [--docs 100] [--chars 1000000]
        [--annotators 5] [--spans 20000] [--db-docs 3] [--service-only] [--workers N]

--service-only skips the in-memory and adjudication figures: it stores --db-docs
documents in SQLite and times ``compute_agreement`` on them, in one process and
with worker processes (automatic, or --workers), so the per-document figure of
the service is measured on stored documents (and checked to give the same JSON).
In the same run it measures the floor: reading the same rows (each set's spans:
start, end, label, attributes; and the texts) with plain sqlite3, as the service
read them before issue 13, and the service's own read alone (packed, a batch of
documents per statement); it prints each time as a ratio to the floor.
--db PATH keeps the stored project there (and reuses it when it already holds
--db-docs documents), so a run at full size need not store again.

Text: the articles in ../shared/corpus repeated to the length, when that folder
exists; otherwise synthetic Arabic-like text (random words of Arabic letters,
some with harakat, digits and punctuation). Spans: a base of claims (long),
actors and dates (short, some nested in claims); each annotator copies it with
noise (labels changed, edges moved by a word, spans dropped, spans added),
dates carry a normalised value attribute that sometimes differs.

Targets (issue 5): all agreement figures for 100 documents of 1,000,000
characters with 5 annotators x 20,000 spans in under 30 s; the diff for one such
document (opening the adjudication view) well under 1 s.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from annotator.core import adjudication  # noqa: E402
from annotator.core.agreement import AgreementCounter, Annotations  # noqa: E402
from annotator.core.token_index import word_token_bounds  # noqa: E402
from annotator.core.values import Span  # noqa: E402

LABELS = ["CLAIM", "ACTOR", "DATE"]
CORPUS = next((p / "shared" / "corpus" for p in ROOT.parents if (p / "shared" / "corpus").is_dir()),
              ROOT.parent / "shared" / "corpus")


def load_average() -> str:
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except (OSError, AttributeError):
        return "unknown"


def synthetic_text(n_chars: int, seed: int = 7) -> str:
    rnd = random.Random(seed)
    letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةى"
    harakat = "\u064e\u064f\u0650\u0651\u0652"
    words = []
    for _ in range(3000):
        w = "".join(rnd.choice(letters) for _ in range(rnd.randint(2, 8)))
        if rnd.random() < 0.2:
            i = rnd.randint(1, len(w))
            w = w[:i] + rnd.choice(harakat) + w[i:]
        words.append(w)
    words += ["2027", "١٥", "27/9/2024", "2,500", "«", "»", "،", "."]
    out: list[str] = []
    size = 0
    while size < n_chars:
        w = rnd.choice(words)
        sep = "\n" if rnd.random() < 0.01 else " "
        out.append(w + sep)
        size += len(w) + 1
    return "".join(out)[:n_chars]


def corpus_text(n_chars: int) -> str | None:
    files = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
    if not files:
        return None
    base = "\n".join(f.read_text(encoding="utf-8") for f in files)
    return (base * (n_chars // len(base) + 1))[:n_chars]


def base_spans(tstarts: np.ndarray, tends: np.ndarray, n: int, rnd: random.Random) -> list[tuple[int, int, str]]:
    """Token ranges (first, last-exclusive, label) of a plausible base annotation."""
    T = len(tstarts)  # noqa: N806 (the number of tokens, as in the formulas)
    out = []
    n_claims = n // 3
    for _ in range(n_claims):
        i = rnd.randrange(T - 40)
        j = i + rnd.randint(4, 25)
        out.append((i, j, "CLAIM"))
        if rnd.random() < 0.5:  # an actor or date nested in the claim
            k = rnd.randrange(i, j - 1)
            out.append((k, k + rnd.randint(1, 2), rnd.choice(("ACTOR", "DATE"))))
    while len(out) < n:
        i = rnd.randrange(T - 5)
        out.append((i, i + rnd.randint(1, 3), rnd.choice(("ACTOR", "DATE"))))
    return out[:n]


def annotator_spans(base: list[tuple[int, int, str]], tstarts: np.ndarray, tends: np.ndarray, rnd: random.Random,
                    name: str) -> list[Span]:
    T = len(tstarts)  # noqa: N806 (the number of tokens, as in the formulas)
    spans = []
    for k, (i, j, label) in enumerate(base):
        r = rnd.random()
        if r < 0.05:
            continue  # dropped
        if r < 0.10:
            label = rnd.choice([x for x in LABELS if x != label])
        elif r < 0.16:
            j = max(i + 1, min(T, j + rnd.choice((-1, 1))))
        attrs = {}
        if label == "DATE":
            attrs = {"value": f"2027-03-{(k % 28) + 1:02d}" if rnd.random() < 0.9 else "2027"}
        spans.append(Span(f"{name}{k}", int(tstarts[i]), int(tends[j - 1]), label, attrs))
    for k in range(len(base) // 20):  # extra spans only this annotator made
        i = rnd.randrange(T - 5)
        j = i + rnd.randint(1, 3)
        spans.append(Span(f"{name}x{k}", int(tstarts[i]), int(tends[j - 1]), rnd.choice(LABELS)))
    return spans


def to_rows(spans: list[Span]) -> tuple[list[tuple[int, int, str]], dict]:
    return [(s.start, s.end, s.label) for s in spans], {(s.start, s.end, s.label): s.attrs for s in spans if s.attrs}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--chars", type=int, default=1_000_000)
    ap.add_argument("--annotators", type=int, default=5)
    ap.add_argument("--spans", type=int, default=20_000)
    ap.add_argument("--db-docs", type=int, default=2, help="documents to store in SQLite for the service figures")
    ap.add_argument("--service-only", action="store_true",
                    help="only store --db-docs documents and time the agreement service on them")
    ap.add_argument("--workers", type=int, default=None,
                    help="worker processes for the parallel service run (default: automatic)")
    ap.add_argument("--db", type=Path, default=None,
                    help="--service-only: keep the stored project here (reused when it holds --db-docs documents)")
    args = ap.parse_args()
    names = [f"annotator{i + 1}" for i in range(args.annotators)]

    text = corpus_text(args.chars)
    source = "corpus repeated" if text is not None else "synthetic"
    if text is None:
        text = synthetic_text(args.chars)
    t0 = time.perf_counter()
    tstarts, tends = word_token_bounds(text)
    t_tokens = time.perf_counter() - t0
    t0 = time.perf_counter()
    x = 0
    for i in range(10_000_000):
        x += i
    print(f"machine: a 10,000,000-step Python loop takes {time.perf_counter() - t0:.2f} s here "
          f"(about 0.35 s on a typical desktop); load average {load_average()}")
    print(f"text: {len(text):,} characters ({source}), {len(tstarts):,} word tokens; "
          f"token bounds {t_tokens * 1000:.0f} ms")

    if args.service_only:
        bench_agreement_service(text, names, tstarts, tends, args)
        return

    # one document's data, varied per document by seed (generation is not timed)
    total_agreement = 0.0
    total_convert = 0.0
    cpu = 0.0
    counter = AgreementCounter(names, LABELS)
    first_versions: dict[str, list[Span]] | None = None
    for d in range(args.docs):
        rnd = random.Random(d)
        base = base_spans(tstarts, tends, args.spans, rnd)
        versions = {n: annotator_spans(base, tstarts, tends, rnd, n) for n in names}
        if first_versions is None:
            first_versions = versions
        rows = {n: to_rows(v) for n, v in versions.items()}
        c0 = time.process_time()
        t0 = time.perf_counter()
        anns = {n: Annotations.from_rows(r, a) for n, (r, a) in rows.items()}
        t1 = time.perf_counter()
        counter.add_document(text, anns)  # tokenises the text again, as the service does
        t2 = time.perf_counter()
        cpu += time.process_time() - c0
        total_convert += t1 - t0
        total_agreement += t2 - t1
    t0 = time.perf_counter()
    report = counter.report()
    t_report = time.perf_counter() - t0
    n_spans = sum(len(v) for v in first_versions.values()) if first_versions else 0
    print(f"agreement: {args.docs} documents x {args.annotators} annotators (~{n_spans:,} spans per document): "
          f"{total_agreement + total_convert + t_report:.2f} s "
          f"(rows->arrays {total_convert:.2f} s, figures {total_agreement:.2f} s, report {t_report * 1000:.0f} ms; "
          f"{(total_agreement + total_convert) / max(args.docs, 1) * 1000:.0f} ms per document; CPU time {cpu:.2f} s)")
    all_ = report.to_json()
    print("  alpha:", {k: round(v, 3) if v is not None else None for k, v in all_["all"]["alpha"].items()})
    p0 = all_["pairs"][0]
    print(f"  {p0['a']}-{p0['b']} ALL: exact F1 {p0['labels']['ALL']['exact_f1']:.3f}, overlap F1 "
          f"{p0['labels']['ALL']['overlap_f1']:.3f}, kappa {p0['labels']['ALL']['kappa']:.3f}")

    assert first_versions is not None
    runs = []
    for _ in range(3):
        c0, t0 = time.process_time(), time.perf_counter()
        result = adjudication.diff(first_versions)
        runs.append((time.perf_counter() - t0, time.process_time() - c0))
    t_diff = min(r[0] for r in runs)
    cpu_diff = min(r[1] for r in runs)
    kinds: dict[str, int] = {}
    for dis in result.disagreements:
        kinds[dis.kind.value] = kinds.get(dis.kind.value, 0) + 1
    t0 = time.perf_counter()
    agreed = result.agreed(adjudication.Threshold.MAJORITY)
    t_agreed = time.perf_counter() - t0
    print(f"diff of one document ({n_spans:,} spans, {args.annotators} annotators): best of 3 {t_diff * 1000:.0f} ms "
          f"(CPU {cpu_diff * 1000:.0f} ms), "
          f"{len(result.disagreements):,} disagreements {kinds}; agreed (majority) {len(agreed.spans):,} spans "
          f"in {t_agreed * 1000:.0f} ms")

    if args.db_docs:
        bench_services(text, names, tstarts, tends, args)


def store_documents(project: Any, text: str, names: list[str], tstarts: np.ndarray, tends: np.ndarray,
                    args: argparse.Namespace) -> list[str]:
    from annotator.core.text import text_sha256
    from annotator.core.values import Document
    from annotator.storage import annotation_sets as set_store
    from annotator.storage import documents as document_store
    from annotator.storage import spans as span_store

    t0 = time.perf_counter()
    doc_ids = []
    for d in range(args.db_docs):
        doc_text = (text[:-1] + str(d % 10) if d else text) + " " * (d // 10)  # distinct texts (unique SHA-256)
        doc_id = f"doc{d}"
        rnd = random.Random(d)
        base = base_spans(tstarts, tends, args.spans, rnd)
        with project.database.unit_of_work() as s:
            document_store.add_document(s, Document(doc_id, doc_id, doc_text, text_sha256(doc_text), "rtl"))
            s.flush()
            for n in names:
                row = set_store.get_or_create_set(s, doc_id, n)
                span_store.bulk_insert_spans(s, row.id, annotator_spans(base, tstarts, tends, rnd, n))
        doc_ids.append(doc_id)
    print(f"database: stored {args.db_docs} documents with {args.annotators} x ~{args.spans:,} spans "
          f"in {time.perf_counter() - t0:.1f} s")
    return doc_ids


def bench_agreement_service(text: str, names: list[str], tstarts: np.ndarray, tends: np.ndarray,
                            args: argparse.Namespace) -> None:
    """compute_agreement on documents really stored in SQLite: the floor (the same rows read
    with plain sqlite3), the service's read alone, then the service in one process and with
    worker processes."""
    import json

    from annotator.services import agreement as agr_service
    from annotator.services.project import Project

    with tempfile.TemporaryDirectory() as tmp:
        import sqlite3

        path = args.db or Path(tmp) / "bench.sqlite"
        project = Project.open(path)
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        stored = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        con.close()
        if stored == args.db_docs:
            doc_ids = [f"doc{d}" for d in range(args.db_docs)]
            print(f"database: reusing {path} ({args.db_docs} documents)")
        elif stored:
            raise SystemExit(f"{path} holds {stored} documents, not {args.db_docs}; give another --db")
        else:
            doc_ids = store_documents(project, text, names, tstarts, tends, args)
        n = len(doc_ids)
        floor, floor_cpu = read_floor(path, doc_ids)
        print(f"floor: the same rows read with plain sqlite3 (texts, then each set's spans: start, end, label, "
              f"attributes; one statement per set, fetchall): {floor:.2f} s (CPU {floor_cpu:.2f} s) = "
              f"{floor / n * 1000:.0f} ms per document")
        t_read, t_read_cpu = service_read(project, doc_ids, names)
        print(f"the service's read alone (packed, a batch of documents per statement, as arrays): {t_read:.2f} s "
              f"(CPU {t_read_cpu:.2f} s) = {t_read / floor:.2f}x the floor (CPU {t_read_cpu / floor_cpu:.2f}x)")
        results = {}
        for label, workers in (("1 process", 1), (f"workers={args.workers or 'auto'}", args.workers)):
            chosen = agr_service._choose_workers(workers, n, n * args.annotators * args.spans, project.database)
            done: list[float] = []
            t0, c0 = time.perf_counter(), time.process_time()
            report = agr_service.compute_agreement(project, doc_ids=doc_ids, annotators=names, workers=workers,
                                                   progress=lambda _d, done=done: done.append(time.perf_counter()))
            t = time.perf_counter() - t0
            cpu = time.process_time() - c0
            results[label] = json.dumps(report.to_json())
            steady = ((done[-1] - done[0]) / (len(done) - 1)) if len(done) > 1 else t
            print(f"agreement service, {label} ({chosen} process(es) computing): {t:.2f} s for {n} stored documents "
                  f"= {t / floor:.2f}x the floor; {t / n * 1000:.0f} ms per document (first document after "
                  f"{(done[0] - t0):.2f} s, then {steady * 1000:.0f} ms per document); this process's CPU "
                  f"{cpu:.2f} s{f' = {cpu / floor_cpu:.2f}x the floor' if chosen == 1 else ''}; "
                  f"load average {load_average()}")
        same = len(set(results.values())) == 1
        print(f"same JSON in one process and with workers: {same}")
        project.close()


def read_floor(path: Path, doc_ids: list[str]) -> tuple[float, float]:
    """Seconds (wall, CPU) to read the texts and every span row of the documents' sets with
    plain sqlite3 (best of two: the second read finds the pages in the cache, as the
    service's runs do)."""
    import sqlite3

    best = (float("inf"), float("inf"))
    for _ in range(2):
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        t0, c0 = time.perf_counter(), time.process_time()
        for doc_id in doc_ids:
            con.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchall()
            for (set_id,) in con.execute("SELECT id FROM annotation_sets WHERE document_id = ? ORDER BY id",
                                         (doc_id,)).fetchall():
                con.execute("SELECT start_offset, end_offset, label, CAST(attrs AS TEXT) FROM spans "
                            "WHERE set_id = ?", (set_id,)).fetchall()
        best = min(best, (time.perf_counter() - t0, time.process_time() - c0))
        con.close()
    return best


def service_read(project: Any, doc_ids: list[str], names: list[str]) -> tuple[float, float]:
    """Seconds (wall, CPU) of the service's read alone: every batch through storage, nothing computed."""
    from annotator.services import agreement as agr_service
    from annotator.storage import agreement as agreement_store
    from annotator.storage import team as team_store

    labels = list(project.schema.names)
    spans_of: dict[str, int] = {}
    with project.database.unit_of_work() as s:
        for info in team_store.set_infos(s, doc_ids, names):
            spans_of[info.document_id] = spans_of.get(info.document_id, 0) + info.spans
    batches = agr_service._batches([(d, list(names)) for d in doc_ids], spans_of)
    t0, c0 = time.perf_counter(), time.process_time()
    for batch in batches:
        with project.database.unit_of_work() as s:
            agreement_store.read_documents(s, batch, False, labels)
    return time.perf_counter() - t0, time.process_time() - c0


def bench_services(text: str, names: list[str], tstarts: np.ndarray, tends: np.ndarray,
                   args: argparse.Namespace) -> None:
    """The same through the database: open the adjudication view, agreement via the service."""
    from annotator.services import adjudication as adj_service
    from annotator.services import agreement as agr_service
    from annotator.services import team
    from annotator.services.project import Project

    with tempfile.TemporaryDirectory() as tmp:
        project = Project.open(Path(tmp) / "bench.sqlite")
        team.add_annotator(project, "judge", "adjudicator")
        doc_ids = store_documents(project, text, names, tstarts, tends, args)
        opened = []
        for _ in range(3):
            c0, t0 = time.process_time(), time.perf_counter()
            state = adj_service.adjudication_state(project, doc_ids[0], viewer="judge")
            opened.append((time.perf_counter() - t0, time.process_time() - c0))
        print(f"open the adjudication view (read {len(state.annotators)} annotators' spans and the gold from SQLite, "
              f"diff): best of 3 {min(o[0] for o in opened) * 1000:.0f} ms (CPU {min(o[1] for o in opened) * 1000:.0f}"
              f" ms), {len(state.diff.disagreements):,} disagreements")
        accept = adj_service.AcceptAgreed(doc_ids[0], "judge", adjudication.Threshold.MAJORITY, diff=state.diff)
        t0 = time.perf_counter()
        accept.do(project)
        print(f"accept agreed (majority) into gold, one transaction: {time.perf_counter() - t0:.2f} s "
              f"({accept.summary.spans_added:,} gold spans with provenance)")
        c0, t0 = time.process_time(), time.perf_counter()
        state = adj_service.adjudication_state(project, doc_ids[0], viewer="judge")
        t1, c1 = time.perf_counter(), time.process_time()
        matches = [state.gold_matches(d) for d in state.disagreements[:1000]]
        t2 = time.perf_counter()
        print(f"reopen with {len(state.gold.spans):,} gold spans: {(t1 - t0) * 1000:.0f} ms (CPU "
              f"{(c1 - c0) * 1000:.0f} ms); gold index + "
              f"whose version gold took, for 1,000 disagreements: {(t2 - t1) * 1000:.0f} ms "
              f"({sum(1 for m in matches if m)} matched)")
        t0 = time.perf_counter()
        accept.undo(project)
        print(f"undo accept agreed: {time.perf_counter() - t0:.2f} s")
        c0, t0 = time.process_time(), time.perf_counter()
        agr_service.compute_agreement(project, doc_ids=doc_ids, annotators=names)
        t_agr = time.perf_counter() - t0
        print(f"agreement through the service (read from SQLite + figures): {t_agr:.2f} s (CPU "
              f"{time.process_time() - c0:.2f} s) for {len(doc_ids)} "
              f"documents, {t_agr / len(doc_ids) * 1000:.0f} ms per document "
              f"(x100 documents: ~{t_agr / len(doc_ids) * 100:.0f} s)")
        project.close()


if __name__ == "__main__":
    main()

"""What the suggestions are worth on the five real articles, against one annotator's
hand-made reading of their dates (the gold table of eval_dates_corpus.py).

Run: ``.venv/bin/python tests/benchmarks/eval_suggestions_corpus.py [CORPUS_DIR]``
(default ``../shared/corpus``; skips, exit 0, without it). Prints figures; asserts nothing.

A throwaway project holds the five articles (each anchored to the publication date the
gold table read from its content) and the table's DATE spans as the done work of a
reference annotator. Then, through the program's own services:

1. ``suggest evaluate``: the dates recommender against that reference (exact and overlap
   precision, recall, F1), the project model by 5-fold document-grouped cross-validation
   (each article tagged by a model trained on the four others) and its learning curve;
2. the acceptance log of an annotator who follows the reference: each dates suggestion
   equal to a reference span (range and value) accepted, one overlapping a reference span
   accepted with the reference's edges (edited), any other rejected. The annotator's time
   per document is not measured here (it is the window's, of people at work).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_dates_corpus import ANCHORS, GOLD, occurrence  # noqa: E402


def main(corpus: Path) -> int:
    from annotator.core.text import text_sha256
    from annotator.core.values import Document, SetStatus
    from annotator.services import suggestions as sug
    from annotator.services.project import Project
    from annotator.services.spans import AddSpan
    from annotator.storage import documents as document_store

    files = {p.name[:3]: p for p in sorted(corpus.glob("*.txt"))} if corpus.is_dir() else {}
    if len(files) < 5:
        print(f"skipped: no corpus at {corpus}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        p = Project.open(Path(tmp) / "corpus.sqlite")
        texts: dict[str, str] = {}
        with p.database.unit_of_work() as s:
            for prefix, path in files.items():
                text = path.read_text(encoding="utf-8").replace("\r\n", "\n").lstrip("\ufeff")
                texts[prefix] = text
                document_store.add_document(s, Document(prefix, path.name, text, text_sha256(text), "rtl",
                                                        meta={"published": ANCHORS[path.name].isoformat()}))
        reference: dict[str, dict[tuple[int, int], str]] = {d: {} for d in files}
        for prefix, expr, n, value, mod, _cat in GOLD:
            at = occurrence(texts[prefix], expr, n)
            assert at is not None
            attrs = {"value": value, **({"mod": mod} if mod else {})}
            AddSpan(prefix, "reference", at, at + len(expr), "DATE", attrs).do(p)
            reference[prefix][(at, at + len(expr))] = value
        for prefix in files:
            p.set_status(prefix, "reference", SetStatus.DONE)
        result = sug.evaluate(p, folds=5, sizes=(1, 2, 3, 4))
        print(f"reference: {sum(len(r) for r in reference.values())} DATE spans in {len(files)} articles "
              f"({result.reference})")
        print(f"{'recommender':<10} {'label':<6} {'ref':>4} {'sugg':>5} {'exact':>6}   {'P':>5} {'R':>5} {'F1':>5}"
              f"   {'P~':>5} {'R~':>5} {'F1~':>5}")

        def f(x: float | None) -> str:
            return "-" if x is None else f"{x:.3f}"

        for r, by in result.scores.items():
            sc = by.get("DATE")
            if sc is None:
                continue
            print(f"{r:<10} {'DATE':<6} {sc.gold:>4} {sc.predicted:>5} {sc.exact:>6}   {f(sc.exact_precision):>5} "
                  f"{f(sc.exact_recall):>5} {f(sc.exact_f1):>5}   {f(sc.overlap_precision):>5} "
                  f"{f(sc.overlap_recall):>5} {f(sc.overlap_f1):>5}")
        if result.curve:
            print("learning curve of the project model (exact F1, DATE): " + ", ".join(
                f"{n} article(s) {f(by['DATE'].exact_f1)}" for n, by in result.curve))
        for note in result.notes:
            print(f"note: {note}")
        # an annotator who follows the reference
        for prefix in files:
            shown = sug.suggestions_for(p, prefix, "maya", ("dates",))
            accept, reject = [], []
            for one in shown:
                ref = reference[prefix]
                if (one.start, one.end) in ref and one.attrs.get("value") == ref[(one.start, one.end)]:
                    accept.append(sug.Choice(one))
                    continue
                near = [(a, b) for a, b in ref if a < one.end and one.start < b]
                if near:
                    a, b = near[0]
                    accept.append(sug.Choice(one, start=a, end=b))
                else:
                    reject.append(one)
            if accept:
                sug.AcceptSuggestions(prefix, "maya", accept).do(p)
            if reject:
                sug.RejectSuggestions(prefix, "maya", reject).do(p)
        log = sug.acceptance_log(p)
        for row in log.rows:
            taken = "-" if row.acceptance is None else f"{row.acceptance:.0%}"
            print(f"acceptance log, {row.recommender} {row.label}: accepted {row.accepted}, edited {row.edited}, "
                  f"rejected {row.rejected} (taken {taken})")
        p.close()
    return 0


if __name__ == "__main__":
    here = Path(__file__).resolve().parents[2]
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else here.parent / "shared" / "corpus"))

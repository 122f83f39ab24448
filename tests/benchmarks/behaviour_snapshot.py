"""Behaviour snapshot: build one project through the command line only and write every
output a user can take away (each export format, the agreement JSON, claims, dates,
info, adjudication lists) into a folder, with a SHA-256 list of the files.

Run it before and after a restructuring and compare the lists: the code may move,
the outputs may not (issue 12: "exports and agreement JSON byte-identical").

    .venv/bin/python tests/benchmarks/behaviour_snapshot.py OUT [--docs 60]
    diff OUT-before/SHA256SUMS OUT-after/SHA256SUMS

Only the command line is used, so the script does not change when modules move.
Timestamps are removed from manifests (``created``) before hashing; nothing else is.
Data: the four sample articles plus *docs* synthetic Arabic documents, three
annotators with overlapping, partly disagreeing spans (claims, actors inside claims,
dates with values), SOURCE/TIME relations, then gold accepted by majority.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORDS = ("قال", "الوزير", "إن", "الاتفاق", "سيُوقَّع", "في", "أيار", "2027", "بحسب", "مصادر", "مطلعة",
         "وأكد", "المتحدث", "باسم", "البلدية", "أن", "الطريق", "سيُعاد", "فتحه", "الأسبوع", "المقبل",
         "١٥", "آذار", "🏥", "«الكلفة»", "،", "مليون", "دينار", "عام", "2026", "ﷺ", "نفى", "وجود", "تأخير")


# Ids of new relations, links and gold rows come from uuid4; the command runs with a
# seeded uuid4 so that two runs of the same commands make the same ids.
SEEDED = ("import random, sys, uuid\n"
          "_r = random.Random(sys.argv.pop(1))\n"
          "uuid.uuid4 = lambda: uuid.UUID(int=_r.getrandbits(128), version=4)\n"
          "from annotator.cli.main import main\n"
          "sys.argv[0] = 'annotator'\n"
          "main()\n")
STEP = iter(range(10**6))


def annotator_cmd() -> list[str]:
    return [sys.executable, "-c", SEEDED, str(next(STEP))]


def run(db: Path, *args: str, out: Path | None = None) -> str:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ANNOTATOR_USER="snapshot")
    proc = subprocess.run([*annotator_cmd(), "--db", str(db), *args], capture_output=True, text=True, env=env,
                          cwd=db.parent)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"annotator {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr}")
    if out is not None:
        out.write_text(proc.stdout + ("" if not proc.stderr else "\n--- stderr\n" + proc.stderr), encoding="utf-8")
    return proc.stdout


def synthetic(rnd: random.Random, n: int) -> list[dict]:
    docs = []
    for i in range(n):
        words = [rnd.choice(WORDS) for _ in range(rnd.randint(30, 120))]
        text = " ".join(words)
        text = text.replace(" المقبل ", " المقبل.\n", 1)
        docs.append({"id": f"syn-{i:03d}", "title": words[0], "text": text,
                     "meta": {"source": rnd.choice(["alpha", "beta", "gamma"])}})
    return docs


def word_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]


def spans_for(rnd: random.Random, text: str, who: int) -> tuple[list[dict], list[dict]]:
    words = word_spans(text)
    spans: list[dict] = []
    relations: list[dict] = []
    i = 0
    n = 0
    while i < len(words) - 6:
        if rnd.random() < 0.3:
            length = rnd.randint(3, 6)
            if who == 2 and rnd.random() < 0.3:
                length += 1  # a boundary disagreement
            s, e = words[i][0], words[min(i + length, len(words) - 1)][1]
            claim = f"T{n}"
            spans.append({"id": claim, "start": s, "end": e, "label": "CLAIM"})
            n += 1
            a0, a1 = words[i + 1]
            label = "ACTOR" if (who != 1 or rnd.random() < 0.8) else "DATE"
            spans.append({"id": f"T{n}", "start": a0, "end": a1, "label": label})
            if label == "ACTOR":
                relations.append({"id": f"R{n}", "type": "SOURCE", "head": claim, "tail": f"T{n}"})
            n += 1
            i += length + 1
        else:
            i += 1
    for k, (s, e) in enumerate(words):
        if text[s:e] in ("2027", "2026", "١٥") and not any(sp["start"] < e and s < sp["end"] for sp in spans):
            spans.append({"id": f"D{k}", "start": s, "end": e, "label": "DATE"})
    for sp in spans:
        sp["text"] = text[sp["start"]:sp["end"]]
    return spans, relations


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--docs", type=int, default=60)
    args = ap.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=False)
    work = out / "work"
    work.mkdir()
    db = work / "project.sqlite"
    rnd = random.Random(12)

    docs_file = work / "synthetic.jsonl"
    docs = synthetic(rnd, args.docs)
    docs_file.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    # relative paths from the work folder: the stored source paths (which --group-by source
    # hashes) are then the same wherever OUT and the checkout are
    shutil.copytree(ROOT / "resources" / "samples", work / "samples")
    run(db, "import", "samples", docs_file.name, out=out / "import.txt")
    exported = work / "texts.jsonl"
    run(db, "export", "--format", "jsonl", "--out", str(exported))
    texts = {json.loads(line)["id"]: json.loads(line)["text"]
             for line in exported.read_text(encoding="utf-8").splitlines()}

    for who, name in enumerate(("alice", "bob", "chen")):
        records = []
        for doc_id in sorted(texts):
            spans, relations = spans_for(random.Random(f"{doc_id}/{who % 2}/{who}"), texts[doc_id], who)
            records.append({"id": doc_id, "text": texts[doc_id], "spans": spans, "relations": relations})
        f = work / f"{name}.jsonl"
        f.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        run(db, "import", f.name, "--annotator", name, out=out / f"import-{name}.txt")
    run(db, "annotators", "add", "judge", "--role", "adjudicator")
    ids = sorted(texts)
    run(db, "adjudicate", "--docs", ",".join(ids), "--accept-agreed", "--threshold", "majority", "--as", "judge",
        out=out / "adjudicate.txt")
    run(db, "adjudicate", "--docs", ",".join(ids[:5]), "--list", "--as", "judge", out=out / "adjudicate-list.txt")
    run(db, "agreement", "--format", "json", "--workers", "1", out=out / "agreement.json")
    run(db, "agreement", "--format", "csv", "--workers", "1", out=out / "agreement.csv")
    run(db, "agreement", "--annotators", "alice,gold", "--format", "json", "--workers", "1",
        out=out / "agreement-gold.json")
    run(db, "claims", "--annotator", "alice", out=out / "claims-alice.txt")
    run(db, "info", out=out / "info.txt")
    for fmt in ("jsonl", "conll", "brat", "spacy", "hf", "doccano", "labelstudio"):
        for source in ("gold", "all"):
            run(db, "export", "--format", fmt, "--out", str(out / f"export-{fmt}-{source}"), "--source", source,
                "--split", "train=0.8,dev=0.1,test=0.1", "--seed", "3", "--group-by", "source")
    run(db, "export", "--format", "conll", "--out", str(out / "export-conll-bioes-inner"), "--source", "bob",
        "--scheme", "bioes", "--layer", "innermost")
    run(db, "export", "--format", "hf", "--out", str(out / "export-hf-perlabel"), "--source", "gold",
        "--layer", "per-label")
    run(db, "export", "--format", "jsonl", "--out", str(out / "gold.jsonl"), "--source", "gold")

    shutil.rmtree(work)
    sums = []
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.name == "manifest.json":
            data = re.sub(rb'"(created|exported_at|time)": "[^"]*"', rb'"\1": "-"', data)
            data = data.replace(str(out).encode(), b"OUT")
        elif path.suffix in (".txt", ".json", ".csv"):
            data = data.replace(str(out).encode(), b"OUT")
        sums.append(f"{hashlib.sha256(data).hexdigest()}  {path.relative_to(out)}")
    (out / "SHA256SUMS").write_text("\n".join(sums) + "\n", encoding="utf-8")
    print(f"{len(sums)} files; {out / 'SHA256SUMS'}")


if __name__ == "__main__":
    main()

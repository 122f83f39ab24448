"""Torture: kill -9 exports at random moments, then check what the next export leaves.

    python tests/torture/torture_exports.py --runs 28 [--documents 300] [--seed 0]

Not part of the test suite (pytest collects only ``test_*.py``); ``make torture`` runs it.
Each run starts ``python -m annotator export`` in its own process, to a folder or to one
``.jsonl`` file, most often with ``--force`` over an output already there, and sends it
SIGKILL after a random delay between 0 and the length of a whole export. The crash
tests' hook (``ANNOTATOR_TEST_EXPORT_HOOK``, services/export/atomic.py) only stretches the
export, so that random moments fall inside it: a short sleep after each document and a
longer one between the two renames of ``--force`` (``--no-stretch`` turns that off).
Then a plain export (no ``--force``, no hook) of the same target runs, as a user would,
and the target's folder is checked.

Prints counts: tried; right after the kill, the runs that left leftovers and those that
left no output where one was; after the next export, leftovers (temporaries or a lock
file still there), missing output (no output where one was or should be), corrupted
output (files other than a whole export of the project: compared with a reference
export, and each folder's manifest with its files), tracebacks. Exits 1 unless the last
four are all 0.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from annotator.core.bio import token_spans  # noqa: E402
from annotator.services.export import atomic  # noqa: E402
from annotator.services.project import Project  # noqa: E402
from annotator.services.spans import AddSpan  # noqa: E402

# Invented for this test: common words of news prose, shuffled into sentences.
WORDS = ("قالت", "الوزارة", "إن", "المشروع", "الجديد", "سيبدأ", "في", "الربيع", "المقبل", "بعد", "موافقة",
         "المجلس", "البلدي", "على", "الخطة", "التي", "قدمتها", "الشركة", "وأضاف", "المتحدث", "أن", "العمل",
         "يشمل", "توسيع", "الطريق", "الساحلي", "وبناء", "جسر", "فوق", "الوادي", "بكلفة", "تقدر", "بمليوني",
         "دينار", "وأكد", "رئيس", "اللجنة", "أمس", "خلال", "مؤتمر", "صحفي", "الأسعار", "ارتفعت", "هذا", "العام")


@dataclass
class Counts:
    tried: int = 0
    finished_before_kill: int = 0
    left_leftovers: int = 0          # right after the kill
    left_no_output: int = 0          # right after the kill, where an output was before
    leftovers: int = 0               # after the next export
    missing: int = 0
    corrupted: int = 0
    tracebacks: int = 0
    said: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)

    def failed(self) -> bool:
        return bool(self.leftovers or self.missing or self.corrupted or self.tracebacks)


def _env(hook: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    env.pop(atomic.HOOK_VARIABLE, None)
    if hook:
        env[atomic.HOOK_VARIABLE] = hook
    return env


def _argv(db: Path, out: Path, force: bool) -> list[str]:
    return [sys.executable, "-m", "annotator", "export", "--format", "jsonl", "--source", "alice",
            "--out", str(out), *(["--force"] if force else []), "--db", str(db)]


def make_project(folder: Path, documents: int, seed: int) -> Path:
    """*documents* invented articles imported from .txt files, alice's spans on each."""
    rnd = random.Random(seed)
    texts = folder / "texts"
    texts.mkdir()
    for i in range(documents):
        sentences = [" ".join(rnd.choice(WORDS) for _ in range(rnd.randint(8, 16))) + "." for _ in range(30)]
        (texts / f"article-{i:05d}.txt").write_text(f"خبر رقم {i}\n\n" + " ".join(sentences) + "\n",
                                                    encoding="utf-8")
    db = folder / "project.db"
    subprocess.run([sys.executable, "-m", "annotator", "import", str(texts), "--db", str(db)], env=_env(None),
                   check=True, capture_output=True)
    project = Project.open(db)
    try:
        for d in project.documents():
            toks = token_spans(project.document(d.id).text)
            AddSpan(d.id, "alice", toks[3][0], toks[9][1], "CLAIM").do(project)
            AddSpan(d.id, "alice", toks[4][0], toks[5][1], "ACTOR").do(project)
    finally:
        project.close()
    return db


def contents(path: Path) -> dict[str, str] | None:
    """File -> SHA-256 of an output, or None when it is not a whole export (a folder whose
    manifest does not match its files, or no manifest)."""
    def sha(p: Path) -> str:
        return hashlib.sha256(p.read_bytes()).hexdigest()

    if path.is_file():
        return {path.name: sha(path)}
    files = {p.relative_to(path).as_posix(): sha(p) for p in sorted(path.rglob("*")) if p.is_file()}
    try:
        manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    del files["manifest.json"]
    return files if manifest.get("files") == files else None


def hidden_beside(out: Path) -> list[str]:
    return [p.name for p in atomic.leftovers(out)] + ([atomic.lock_path(out).name] if
                                                      atomic.lock_path(out).exists() else [])


def torture(runs: int, documents: int = 300, seed: int = 0, stretch: bool = True, verbose: bool = False) -> Counts:
    rnd = random.Random(seed)
    counts = Counts()
    work = Path(tempfile.mkdtemp(prefix="torture-exports-"))
    try:
        db = make_project(work, documents, seed)
        hook = (f"document:sleep={2.0 / documents:.5f};swap:sleep=0.3") if stretch else None
        reference: dict[str, dict[str, str] | None] = {}
        length = 0.0
        for kind in ("set", "data.jsonl"):
            target = work / "reference" / kind
            target.parent.mkdir(exist_ok=True)
            start = time.monotonic()
            subprocess.run(_argv(db, target, False), env=_env(hook), check=True, capture_output=True)
            length = max(length, time.monotonic() - start)
            reference[kind] = contents(target)
        outputs = work / "outputs"
        outputs.mkdir()
        for i in range(runs):
            kind = ("set", "data.jsonl")[i % 2]
            out = outputs / kind
            force = rnd.random() < 0.75
            if force and not out.exists():
                shutil.copytree(work / "reference" / kind, out) if kind == "set" else \
                    shutil.copy2(work / "reference" / kind, out)
            if not force and out.exists():
                shutil.rmtree(out) if out.is_dir() else out.unlink()
            had_output = out.exists()
            delay = rnd.uniform(0.0, length * 1.05)
            proc = subprocess.Popen(_argv(db, out, force), env=_env(hook), stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE, text=True)
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
            _, err = proc.communicate()
            counts.tried += 1
            if proc.returncode == 0:
                counts.finished_before_kill += 1
            elif "Traceback" in (err or ""):
                counts.tracebacks += 1
                counts.problems.append(f"run {i}: traceback in the killed export:\n{err}")
            after_kill = hidden_beside(out)
            counts.left_leftovers += bool(atomic.leftovers(out))
            counts.left_no_output += had_output and not out.exists()

            nxt = subprocess.run(_argv(db, out, False), env=_env(None), capture_output=True, text=True)
            for line in nxt.stderr.splitlines():
                if line.startswith("recovered the previous export"):
                    counts.said["recovered"] += 1
                elif line.startswith("removed ") and "leftover" in line:
                    counts.said["removed leftovers"] += 1
            if "Traceback" in nxt.stderr:
                counts.tracebacks += 1
                counts.problems.append(f"run {i}: traceback in the next export:\n{nxt.stderr}")
            left = hidden_beside(out)
            if left:
                counts.leftovers += 1
                counts.problems.append(f"run {i}: left after the next export: {left}")
            if not out.exists():
                counts.missing += 1
                counts.problems.append(f"run {i}: no output after the next export ({nxt.stderr.strip()})")
            elif contents(out) != reference[kind]:
                counts.corrupted += 1
                counts.problems.append(f"run {i}: {out} is not a whole export")
            if verbose:
                print(f"run {i:3d} {kind:10s} force={force!s:5s} kill at {delay:5.2f}s rc={proc.returncode} "
                      f"after kill {after_kill or '-'}; next rc={nxt.returncode} "
                      f"{' | '.join(nxt.stderr.strip().splitlines()) or ''}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=28)
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-stretch", dest="stretch", action="store_false",
                        help="no sleeps from the test hook: kills land where a real export spends its time")
    parser.add_argument("-v", "--verbose", action="store_true", help="one line per run")
    args = parser.parse_args(argv)
    c = torture(args.runs, args.documents, args.seed, args.stretch, args.verbose)
    print(f"exports killed: tried {c.tried} (finished before the kill {c.finished_before_kill})")
    print(f"  right after the kill: leftovers in {c.left_leftovers}, no output where one was in {c.left_no_output}")
    print(f"  after the next export: leftovers {c.leftovers} / missing output {c.missing} / "
          f"corrupted output {c.corrupted} / tracebacks {c.tracebacks}")
    print(f"  the next export said: recovered the previous output {c.said['recovered']}, "
          f"removed leftovers {c.said['removed leftovers']}")
    for p in c.problems:
        print(p)
    return 1 if c.failed() else 0


if __name__ == "__main__":
    sys.exit(main())

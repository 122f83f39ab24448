"""Torture: kill -9 ``annotator import FOLDER`` at random moments; an import is all or nothing.

    python tests/torture/torture_imports.py --runs 44 [--files 400] [--db-url URL] [--seed 0]

Each run empties the project, starts ``python -m annotator import FOLDER`` and sends it
SIGKILL after a random delay between 0 and the length of a whole import. Then, as any
reader sees it (Project.documents()): the batch is visible whole or not at all; and the
same import run again succeeds and leaves every file in the project once, with its text.
The promise is about what readers see, so it holds whether an import is one transaction or
chunks published at the end. Then (``--no-same-names`` leaves it out) one more check:
three folders holding files of the same name (000.txt), imported one after the other.
Counts: tried (kills, and the three same-name imports), refused cleanly (a re-run that refused with a message),
traceback,
wrong data stored (a part of a batch visible, or a stored text that is not its file's),
lost (a file not in the project after the re-run), duplicates (a text stored twice).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from torture_common import Counts, add_arguments, child_env, fresh_url, report

# Invented for this test: words of news prose, shuffled into sentences.
WORDS = ("قالت", "الوزارة", "إن", "المشروع", "الجديد", "سيبدأ", "في", "الربيع", "المقبل", "بعد", "موافقة",
         "المجلس", "البلدي", "على", "الخطة", "التي", "قدمتها", "الشركة", "وأضاف", "المتحدث", "أن", "العمل")


def make_folder(folder: Path, files: int, seed: int) -> dict[str, str]:
    """*files* articles; returns file name -> SHA-256 of its text."""
    rnd = random.Random(seed)
    folder.mkdir(parents=True)
    shas = {}
    for i in range(files):
        body = f"خبر رقم {i} من {seed}\n\n" + " ".join(
            " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(8, 16))) + "." for _ in range(20)) + "\n"
        name = f"{i:05d}.txt"
        (folder / name).write_text(body, encoding="utf-8")
        shas[name] = hashlib.sha256(body.encode("utf-8")).hexdigest()
    return shas


def import_argv(folder: Path, url: str) -> list[str]:
    return [sys.executable, "-m", "annotator", "import", str(folder), "--db", url]


def visible(url: str) -> dict[str, str]:
    """Document id -> SHA-256 of its stored text, as a reader sees them."""
    from annotator.services.project import Project

    project = Project.open(url)
    try:
        return {d.id: hashlib.sha256(project.document(d.id).text.encode("utf-8")).hexdigest()
                for d in project.documents()}
    finally:
        project.close()


def new_project(db_url: str | None, work: Path) -> str:
    from annotator.services.project import Project

    url = fresh_url(db_url, work)
    Project.open(url).close()
    return url


def check_stored(counts: Counts, run: str, url: str, shas: dict[str, str]) -> None:
    docs = visible(url)
    stored = Counter(docs.values())
    dupes = sum(n - 1 for n in stored.values() if n > 1)
    if dupes:
        counts.problem("duplicates", f"{run}: {dupes} text(s) stored twice")
    missing = set(shas.values()) - set(stored)
    if missing:
        counts.problem("lost", f"{run}: {len(missing)} of {len(shas)} file(s) not in the project")
    strange = set(stored) - set(shas.values())
    if strange:
        counts.problem("wrong", f"{run}: {len(strange)} stored text(s) that are no file's")


def _error_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if "Error" in line and not line.startswith(" ")]
    return lines[-1] if lines else stderr.strip()[-300:]


def same_names(counts: Counts, db_url: str | None, work: Path) -> None:
    """Three folders with a 000.txt each, imported one after the other: three documents."""
    url = new_project(db_url, work)
    shas = {}
    for n, text in enumerate(("خبر أول عن الطريق.\n", "خبر ثان عن الجسر.\n", "خبر ثالث عن المطار.\n")):
        folder = work / "same" / str(n)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "000.txt").write_text(text, encoding="utf-8")
        shas[str(n)] = hashlib.sha256(text.encode("utf-8")).hexdigest()
        counts.tried += 1
        done = subprocess.run(import_argv(folder, url), capture_output=True, text=True, env=child_env())
        if "Traceback" in done.stderr:
            counts.problem("traceback", f"same names, import {n + 1} of 3 (a third 000.txt):\n"
                                        f"{_error_line(done.stderr)}")
        elif done.returncode:
            counts.refused += 1
    check_stored(counts, "same names", url, shas)


def torture(runs: int, db_url: str | None = None, seed: int = 0, files: int = 400, verbose: bool = False,
            same: bool = True) -> Counts:
    counts = Counts("imports killed")
    counts.extra.update({"none visible": 0, "all visible": 0})
    rnd = random.Random(seed)
    work = Path(tempfile.mkdtemp(prefix="torture-imports-"))
    try:
        folder = work / "in"
        shas = make_folder(folder, files, seed)
        url = new_project(db_url, work)
        start = time.monotonic()
        subprocess.run(import_argv(folder, url), check=True, capture_output=True, env=child_env())
        length = time.monotonic() - start
        for run in range(runs):
            url = new_project(db_url, work)
            counts.tried += 1
            delay = rnd.uniform(0.0, length * 1.05)
            proc = subprocess.Popen(import_argv(folder, url), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                    text=True, env=child_env())
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
            _, err = proc.communicate()
            if "Traceback" in err:
                counts.problem("traceback", f"run {run}: the killed import:\n{err[-2000:]}")
            seen = len(visible(url))
            if seen == 0:
                counts.extra["none visible"] += 1
            elif seen == files:
                counts.extra["all visible"] += 1
            else:
                counts.problem("wrong", f"run {run}: {seen} of {files} documents visible after the kill")
            again = subprocess.run(import_argv(folder, url), capture_output=True, text=True, env=child_env())
            if "Traceback" in again.stderr:
                counts.problem("traceback", f"run {run}: the import after the kill:\n{again.stderr[-2000:]}")
            elif again.returncode:
                counts.refused += 1
                counts.problems.append(f"refused: run {run}: {again.stderr.strip()[-500:]}")
            check_stored(counts, f"run {run}", url, shas)
            if verbose:
                print(f"run {run:3d}: killed at {delay:5.2f}s of {length:.2f}s, {seen} visible, "
                      f"re-run rc {again.returncode}", flush=True)
        if same:
            same_names(counts, db_url, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_arguments(parser, runs=44)
    parser.add_argument("--files", type=int, default=400)
    parser.add_argument("--no-same-names", dest="same", action="store_false")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    return report(torture(args.runs, args.db_url, args.seed, args.files, args.verbose, args.same), args.db_url)


if __name__ == "__main__":
    sys.exit(main())

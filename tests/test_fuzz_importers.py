"""Hostile files for every importer (a fixed seed, a few hundred files): each one is
imported or refused with problems that name it, never a traceback, and a refused file
leaves the database exactly as it was. What is imported passes the window's checks and
can be exported again."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

import pytest

from annotator.core import validation
from annotator.core.errors import InputError
from annotator.core.values import IncomingDocument
from annotator.services.imports.documents import import_paths
from annotator.services.project import Project
from annotator.storage.limits import LIMITS
from tests.conftest import db_snapshot

SEED = 20261203
TEXT = "قال الوزير سامر إن المعبر سيفتح في أيلول 2026 🙂 وأكد ذلك.\nسطر ثان عن NorthGate."

# hostile values put in place of a random field
HOSTILE: list[Any] = [
    "\ud800", "a\udfffb", "نص\ud800", "x\x00y", "\x00", "", " ", "A" * 101, "d" * 201, "<b>bold</b>", "%D800;",
    "%FFFFFF;",
    "KILLS", "ACTOR", "alien", -1, 0, 10**6, 2**70, 1.5, float("nan"), True, None, [], {},
    [1, [2, [3]]], {"a": {"b": {}}}, "١٢", "e404", "SOURCE", "c1", "a1", "person", "denied",
]


NEST = "@@nested-"  # a marker replaced by deep JSON when the file is written


def _pick(rng: random.Random) -> Any:
    if rng.random() < 0.1:
        return f"{NEST}{rng.choice([70, 1000, 5000])}@@"
    return copy.deepcopy(rng.choice(HOSTILE))


def _paths(obj: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(obj, dict):
        for k, v in obj.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            out += _paths(v, (*prefix, i))
    return out


def mutate(obj: Any, rng: random.Random, times: int) -> Any:
    obj = copy.deepcopy(obj)
    for _ in range(times):
        paths = [p for p in _paths(obj) if p]
        path = rng.choice(paths)
        parent = obj
        for k in path[:-1]:
            parent = parent[k]
        if isinstance(parent, dict) and rng.random() < 0.2:
            parent[rng.choice(["\ud801", "x\x00", "<i>", "entity", "type", "value"])] = _pick(rng)
        else:
            parent[path[-1]] = _pick(rng)
    return obj


def dumps(obj: Any, rng: random.Random) -> str:
    out = json.dumps(obj, ensure_ascii=rng.random() < 0.7)
    for depth in (70, 1000, 5000):
        out = out.replace(f'"{NEST}{depth}@@"', "[" * depth + "1" + "]" * depth)
    return out


# -- one valid file per format, then mutations -----------------------------------------

def jsonl_record() -> dict[str, Any]:
    c, a = TEXT.index("المعبر"), TEXT.index("الوزير")
    return {"id": "j1", "title": "عنوان", "text": TEXT, "meta": {"outlet": "o", "direction": "rtl"},
            "spans": [{"id": "c1", "start": c, "end": c + 12, "label": "CLAIM", "attrs": {"factuality": "asserted"}},
                      {"id": "a1", "start": a, "end": a + 6, "label": "ACTOR", "attrs": {"type": "person"}}],
            "relations": [{"id": "r1", "type": "SOURCE", "head": "c1", "tail": "a1"}]}


def doccano_record() -> dict[str, Any]:
    c, a = TEXT.index("المعبر"), TEXT.index("الوزير")
    return {"id": 7, "text": TEXT, "entities": [{"id": 1, "label": "CLAIM", "start_offset": c, "end_offset": c + 12},
                                                {"id": 2, "label": "ACTOR", "start_offset": a, "end_offset": a + 6}],
            "relations": [{"id": 1, "from_id": 1, "to_id": 2, "type": "SOURCE"}]}


def labelstudio_tasks() -> list[dict[str, Any]]:
    c, a = TEXT.index("المعبر"), TEXT.index("الوزير")
    return [{"id": 3, "data": {"text": TEXT, "title": "t"}, "annotations": [{"result": [
        {"id": "c1", "type": "labels", "from_name": "label", "to_name": "text",
         "value": {"start": c, "end": c + 12, "text": TEXT[c:c + 12], "labels": ["CLAIM"]}},
        {"id": "a1", "type": "labels", "from_name": "label", "to_name": "text",
         "value": {"start": a, "end": a + 6, "text": TEXT[a:a + 6], "labels": ["ACTOR"]}},
        {"id": "a1", "type": "choices", "from_name": "type", "to_name": "text", "value": {"choices": ["person"]}},
        {"type": "relation", "from_id": "c1", "to_id": "a1", "labels": ["SOURCE"]}]}]}]


BRAT_ANN = ("T1\tCLAIM {c} {ce}\tالمعبر سيفتح\nT2\tACTOR {a} {ae}\tالوزير\nA1\ttype T2 person\n"
            "R1\tSOURCE Arg1:T1 Arg2:T2\n#1\tAnnotatorNotes T1\tid:c1\n")
BRAT_HOSTILE_LINES = [
    "A9\tfactuality T1 %FFFFFF;", "A9\tfactuality T1 %D800;", "A9\t%3C;b%3E; T1 x", "A9\ttype T2 alien",
    "N9\tReference T2 entity:e404", "R9\tKILLS Arg1:T1 Arg2:T2", "R9\tSOURCE Arg1:T2 Arg2:T2",
    "R9\tSOURCE Arg1:T2 Arg2:T1", "#9\tAnnotatorNotes T2\tid:c1", "#9\tAnnotatorNotes T2\tid:" + "x" * 101,
    "#9\tAnnotatorNotes T2\tid:%D800;", "#9\tAnnotatorNotes T2\tid:[1]", "T9\tCLAIM 0 99999\tx", "T9\tEVENT 0 3\tقال",
    "E1\tCLAIM:T1", "T9\tCLAIM ١ ٣\tx",
    "A9\tfactuality T1 [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1",
    "A9\tfactuality T1 " + "[" * 2000 + "]" * 2000, "A9\tcheck_worthy T1 NaN", "A9\tfactuality T1 1" + "0" * 5000,
]

CONLL = "قال O\nالوزير B-ACTOR\nسامر I-ACTOR\n\nإن O\nالمعبر B-CLAIM\nسيفتح I-CLAIM\n"
CONLL_HOSTILE = ["B-EVENT", "I-", "X-CLAIM", "B-" + "A" * 150, "S-ACTOR", "E-CLAIM", "\u0651", "B-<b>", "O O"]


def spacy_file(rng: random.Random, path: Path) -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin
    from spacy.tokens import Span as SSpan

    nlp = spacy.blank("ar")
    doc = nlp(TEXT)
    label = rng.choice(["ACTOR", "CLAIM", "EVENT", "A" * 120, "<b>"])
    doc.ents = [SSpan(doc, 1, 2, label=label)]
    doc.user_data["id"] = rng.choice(["s1", "s" * 250, "a\x00b", "", "\u200f", 12, "x"])
    data = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    if rng.random() < 0.4:
        cut = rng.randrange(len(data))
        data = data[:cut] + bytes([rng.randrange(256)]) + data[cut + 1:] if rng.random() < 0.5 else data[:cut]
    path.write_bytes(data)


def make_file(kind: str, rng: random.Random, folder: Path, n: int) -> Path:
    times = rng.randint(1, 3)
    if kind == "jsonl":
        path = folder / f"f{n}.jsonl"
        record = jsonl_record() if rng.random() < 0.5 else mutate(jsonl_record(), rng, times)
        if rng.random() < 0.3:
            record["text"] = rng.choice(["نص\ud800", "نص\ud800", "x\x00", " ", TEXT + "\udc00"])
            record["spans"], record["relations"] = [], []  # so that nothing else stops the reader first
        path.write_text(dumps(record, rng) + "\n", encoding="utf-8", errors="surrogatepass")
    elif kind == "doccano":
        path = folder / f"f{n}.jsonl"
        record = mutate(doccano_record(), rng, times)
        if rng.random() < 0.3:
            record["text"] = rng.choice(["نص\ud800", "نص\ud800", "x\x00", TEXT + "\udc00"])
            record["entities"], record["relations"] = [], []
        path.write_text(dumps(record, rng) + "\n", encoding="utf-8", errors="surrogatepass")
    elif kind == "labelstudio":
        path = folder / f"f{n}.json"
        path.write_text(dumps(mutate(labelstudio_tasks(), rng, times), rng), encoding="utf-8", errors="surrogatepass")
    elif kind == "brat":
        c, a = TEXT.index("المعبر"), TEXT.index("الوزير")
        ann = BRAT_ANN.format(c=c, ce=c + 12, a=a, ae=a + 6)
        ann += "\n".join(rng.sample(BRAT_HOSTILE_LINES, rng.randint(1, 3))) + "\n"
        stem = rng.choice([f"b{n}", f"b{n}-" + "d" * 200]) if rng.random() < 0.2 else f"b{n}"
        (folder / f"{stem}.txt").write_text(TEXT + f" ({n})", encoding="utf-8")
        path = folder / f"{stem}.ann"
        path.write_text(ann, encoding="utf-8")
    elif kind == "conll":
        path = folder / f"f{n}.conll"
        lines = CONLL.split("\n")
        for _ in range(times):
            i = rng.randrange(len(lines) - 1)
            if lines[i]:
                token = lines[i].split(" ")[0]
                lines[i] = f"{token} {rng.choice(CONLL_HOSTILE)}" if rng.random() < 0.7 else f"\u0651{token} O"
        path.write_text("\n".join(lines) + f"\nرقم{n} O\n", encoding="utf-8")
    elif kind == "txt":
        choice = rng.randrange(6)
        stem = f"t{n}" + ("x" * 200 if choice == 0 else "")
        path = folder / f"{stem}.txt"
        data = (TEXT + f" {n}").encode("utf-8")
        if choice == 1:
            data = data[:5] + b"\xed\xa0\x80" + data[5:]  # a surrogate in CESU-8: not UTF-8
        elif choice == 2:
            data = b"\x00" + data
        elif choice == 3:
            data = data[: rng.randrange(1, 10)]
        elif choice == 4:
            data = b" \n\t"
        path.write_bytes(data)
    else:
        path = folder / f"f{n}.spacy"
        spacy_file(rng, path)
    return path


KINDS = ["txt", "jsonl", "conll", "brat", "doccano", "labelstudio", "spacy"]


def stored_problems(project: Project, doc_ids: list[str], annotator: str) -> list[str]:
    """What the window would refuse in what was stored (nothing, if the import is right)."""
    out: list[str] = []
    for doc_id in doc_ids:
        doc = project.document(doc_id)
        spans = project.spans(doc_id, annotator)
        incoming = IncomingDocument(doc.id, doc.title, doc.text, doc.meta, spans, "", doc.direction)
        out += [f"{doc_id}: {p}" for p in validation.document_problems(project.schema, incoming, LIMITS)]
        doc.text.encode("utf-8")
    return out


@pytest.mark.xdist_group("spacy")  # one worker imports spaCy
def test_hostile_files_are_imported_or_refused_cleanly(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    db = tmp_path / "fuzz.sqlite"
    project = Project.open(db)
    counts = {"imported": 0, "refused": 0}
    try:
        for n in range(350):
            kind = KINDS[n % len(KINDS)]
            folder = tmp_path / f"case{n}"
            folder.mkdir()
            path = make_file(kind, rng, folder, n)
            before = db_snapshot(db)
            try:
                report = import_paths(project, [path], annotator="fuzz", format=kind)
            except InputError as exc:
                counts["refused"] += 1
                assert exc.problems, (kind, n)
                for p in exc.problems:
                    assert p.source.startswith(str(path.with_suffix(""))), (kind, n, str(p))
                    assert p.message.strip(), (kind, n)
                    str(p).encode("utf-8")  # the message itself can be printed
                assert db_snapshot(db) == before, (kind, n, "a refused file changed the database")
            else:
                counts["imported"] += 1
                assert stored_problems(project, report.imported + report.attached, "fuzz") == [], (kind, n)
    finally:
        project.close()
    print(f"fuzz: {counts['imported'] + counts['refused']} files, {counts['imported']} imported, "
          f"{counts['refused']} refused cleanly, 0 tracebacks")
    assert counts["refused"] > 150 and counts["imported"] > 20

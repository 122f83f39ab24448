"""CoNLL: IOB2/BIOES files that seqeval reads, layers, counted drops, and import."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.bio import token_spans
from annotator.core.errors import InputError
from annotator.formats import conll
from annotator.formats.base import ProjectData
from tests.export_samples import SCHEMA, doc_a, doc_b, settings

#: seqeval (scikit-learn, scipy) takes seconds to import: only the test that uses it does,
#: on one xdist worker, not every worker while collecting
SEQEVAL = pytest.mark.xdist_group("sklearn")


def words(text: str) -> list[str]:
    return [text[a:b] for a, b in token_spans(text)]


def export(folder: Path, **kw: object):  # type: ignore[no-untyped-def]
    st = settings(folder, splits=("train", "test"), **kw)
    w = conll.Writer(st)
    w.add(doc_a(), "train")
    w.add(doc_b(), "test")
    facts = w.close(ProjectData())
    return st.log, facts


def parse(path: Path) -> list[list[tuple[str, str]]]:
    """Sentences of (token, tag), as a CoNLL consumer reads them."""
    sentences, cur = [], []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            if cur:
                sentences.append(cur)
            cur = []
        elif line.startswith("-DOCSTART-"):
            continue
        else:
            token, tag = line.split("\t")
            cur.append((token, tag))
    return sentences


@SEQEVAL
@pytest.mark.parametrize(("scheme", "checker"), [("iob2", "IOB2"), ("bioes", "IOBES")])
def test_seqeval_reads_the_tags_and_scores_gold_against_itself(tmp_path: Path, scheme: str, checker: str) -> None:
    seqeval_metrics = pytest.importorskip("seqeval.metrics")
    seqeval_scheme = pytest.importorskip("seqeval.scheme")
    log, facts = export(tmp_path, scheme=scheme)
    assert facts["files"] == ["test.conll", "train.conll"]
    tags = [[t for _, t in s] for s in parse(tmp_path / "train.conll") + parse(tmp_path / "test.conll")]
    report = seqeval_metrics.classification_report(tags, tags, mode="strict", output_dict=True,
                                                   scheme=getattr(seqeval_scheme, checker))
    assert report["micro avg"]["f1-score"] == 1.0
    assert {k for k in report if k.isupper()} == {"ACTOR", "CLAIM", "DATE"}
    # what the file holds is what the log says was written
    assert report["micro avg"]["support"] == sum(sum(c.values()) for c in log.written.values())


def test_tokens_keep_arabic_and_astral_characters_and_no_sentence_cuts_a_span(tmp_path: Path) -> None:
    export(tmp_path)
    sentences = parse(tmp_path / "train.conll")
    tokens = [t for s in sentences for t, _ in s]
    assert "🏥" in tokens and "𝟚" in tokens and "👩\u200d⚕️" in tokens and "حدّاد" in tokens
    for s in sentences:
        assert not s[0][1].startswith("I-")  # a sentence never starts inside a span
    assert next(" ".join(t for t, g in s if g != "O") for s in sentences).startswith("وزيرة الصحة ليلى حدّاد")


def test_what_a_layer_cannot_hold_is_counted(tmp_path: Path) -> None:
    log, _ = export(tmp_path)
    assert log.total_dropped == 6
    assert log.dropped == {"train": {"nested": 2}, "test": {"nested": 2, "crossing": 1, "misaligned": 1}}
    reasons = {(i["span"], i["reason"]) for i in log.items}
    assert ("b6", "misaligned") in reasons and ("b4", "crossing") in reasons
    assert log.not_held["relations (CoNLL has no relations)"] == 3


def test_per_label_files(tmp_path: Path) -> None:
    log, facts = export(tmp_path, layer="per-label")
    assert "DATE/train.conll" in facts["files"]
    date_tags = {t for s in parse(tmp_path / "DATE" / "train.conll") for _, t in s}
    assert date_tags == {"O", "B-DATE", "I-DATE"}
    # same tokens in every label's file
    assert [t for s in parse(tmp_path / "DATE/train.conll") for t, _ in s] == \
        [t for s in parse(tmp_path / "CLAIM/train.conll") for t, _ in s]
    assert {(i["span"], i["reason"]) for i in log.items} == {("a2", "nested"), ("b2", "nested"), ("b4", "crossing"),
                                                             ("b6", "misaligned")}


@pytest.mark.parametrize("scheme", ["iob2", "bioes"])
def test_importing_our_export_gives_back_the_spans(tmp_path: Path, scheme: str) -> None:
    export(tmp_path, scheme=scheme)
    docs = conll.read(tmp_path / "train.conll", SCHEMA) + conll.read(tmp_path / "test.conll", SCHEMA)
    assert [d.id for d in docs] == ["train-1", "test-1"]
    for original, back in zip((doc_a(), doc_b()), docs):
        kept = [s for s in original.spans if s.id in {"a1", "d1", "c1", "a3", "c2", "d3", "b1", "b3"}]
        # CoNLL keeps tokens, not the spaces between them: the spans keep their tokens and labels
        assert [(words(s.text_in(original.text)), s.label) for s in kept] == \
            [(back.text[s.start:s.end].split(" "), s.label) for s in back.spans]


def test_reading_iob1_and_foreign_columns(tmp_path: Path) -> None:
    f = tmp_path / "x.iob"
    f.write_text("-DOCSTART- -X- O O\n\nقال VBD O\nسامر NNP I-ACTOR\nالخطيب NNP I-ACTOR\n\n"
                 "-DOCSTART- -X- O O\n\nأمس RB I-DATE\n", encoding="utf-8")
    docs = conll.read(f, SCHEMA)
    assert [(d.text, [(d.text[s.start:s.end], s.label) for s in d.spans]) for d in docs] == [
        ("قال سامر الخطيب", [("سامر الخطيب", "ACTOR")]), ("أمس", [("أمس", "DATE")])]


@pytest.mark.parametrize(("content", "message"), [
    ("قال\tB-EVENT\n", "label 'EVENT' is not in the schema"),
    ("قال\tQ-ACTOR\n", "'Q-ACTOR' is not a tag"),
    ("قال\n", "expected a token and a tag"),
    ("\n\n", "no tokens found"),
])
def test_bad_conll_names_the_line(tmp_path: Path, content: str, message: str) -> None:
    f = tmp_path / "bad.conll"
    f.write_text("سطر\tO\n" + content if content.strip() else content, encoding="utf-8")
    with pytest.raises(InputError) as err:
        conll.read(f, SCHEMA)
    assert message in str(err.value)
    if content.strip():
        assert "line 2" in str(err.value)

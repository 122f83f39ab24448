"""spaCy DocBin: spaCy reads it back, every entity's text is the span's text, overlapping
spans go to a span group, and spans that are not on spaCy's tokens are reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.model import Span
from annotator.formats.base import ProjectData
from tests.export_samples import SCHEMA, doc_a, doc_b, make, settings

spacy = pytest.importorskip("spacy")
from spacy.tokens import DocBin  # noqa: E402

from annotator.formats import spacy_docbin  # noqa: E402


def read(path: Path):  # type: ignore[no-untyped-def]
    nlp = spacy.blank("ar")
    return list(DocBin().from_disk(path).get_docs(nlp.vocab))


def test_non_overlapping_spans_become_entities(tmp_path: Path) -> None:
    text = "🏥 قالت الوزيرة ليلى حدّاد يوم الأحد 𝟚 إن «المستشفى جاهز»"
    spans = [Span("a", text.index("ليلى"), text.index("ليلى") + 10, "ACTOR"),
             Span("d", text.index("يوم"), text.index("يوم") + 9, "DATE")]
    st = settings(tmp_path, splits=("train",))
    w = spacy_docbin.Writer(st)
    w.add(make("x", text, spans), "train")
    facts = w.close(ProjectData())
    [doc] = read(tmp_path / "train.spacy")
    assert doc.text == text and doc.user_data["id"] == "x"
    assert [(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents] == \
        [(text[s.start:s.end], s.label, s.start, s.end) for s in spans]
    assert facts["entities"] == "doc.ents and doc.spans['sc']" and len(doc.spans["sc"]) == 2


def test_overlaps_go_to_the_span_group_and_misaligned_spans_are_reported(tmp_path: Path) -> None:
    st = settings(tmp_path, splits=("train", "dev"))
    w = spacy_docbin.Writer(st)
    a, b = doc_a(), doc_b()
    w.add(a, "train")
    w.add(b, "dev")
    facts = w.close(ProjectData())
    assert facts["entities"] == "doc.spans['sc'] only"
    assert any("span group" in n for n in st.log.notes)
    docs = read(tmp_path / "train.spacy") + read(tmp_path / "dev.spacy")
    dropped = {i["span"] for i in st.log.items}
    assert dropped >= {"b6"} and all(i["reason"] == "misaligned" for i in st.log.items)
    for original, doc in zip((a, b), docs):
        assert doc.text == original.text and not doc.ents
        expected = [(s.text_in(original.text), s.label) for s in original.spans if s.id not in dropped]
        assert sorted((sp.text, sp.label_) for sp in doc.spans["sc"]) == sorted(expected)
        for sp in doc.spans["sc"]:  # every span's text is the document's text at its offsets
            assert original.text[sp.start_char:sp.end_char] == sp.text
    assert sum(sum(c.values()) for c in st.log.written.values()) + st.log.total_dropped == len(a.spans) + len(b.spans)


def test_a_clear_message_when_spacy_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    real = importlib.import_module

    def fake(name: str, *args: object):  # type: ignore[no-untyped-def]
        if name == "spacy":
            raise ModuleNotFoundError("No module named 'spacy'")
        return real(name, *args)

    monkeypatch.setattr(importlib, "import_module", fake)
    with pytest.raises(spacy_docbin.SpacyMissing, match=r"pip install 'annotator\[spacy\]'"):
        spacy_docbin.load_spacy()


def test_a_docbin_is_read_back_with_nested_spans_ids_and_astral_characters(tmp_path: Path) -> None:
    from annotator.core.errors import InputError

    st = settings(tmp_path, splits=("train",))
    w = spacy_docbin.Writer(st)
    a = doc_a()
    w.add(a, "train")
    w.close(ProjectData())
    kept = {s.id for s in a.spans} - {i["span"] for i in st.log.items}
    [doc] = spacy_docbin.read(tmp_path / "train.spacy", SCHEMA)
    assert doc.id == a.id and doc.text == a.text and doc.direction == "rtl"
    assert sorted((s.start, s.end, s.label) for s in doc.spans) == \
        sorted((s.start, s.end, s.label) for s in a.spans if s.id in kept)  # code points, nested kept

    # a label the schema does not know, an empty file, a file that is not a DocBin: named, nothing read
    nlp = spacy.blank("ar")
    bad = nlp.make_doc("قالت الوزيرة ليلى حدّاد")
    bad.ents = [bad.char_span(5, 12, label="PERSONA")]
    DocBin(docs=[bad]).to_disk(tmp_path / "bad.spacy")
    with pytest.raises(InputError, match=r"bad\.spacy.*document 1 .*span 1: label 'PERSONA' is not in the schema"):
        spacy_docbin.read(tmp_path / "bad.spacy", SCHEMA)
    (tmp_path / "empty.spacy").write_bytes(b"")
    with pytest.raises(InputError, match=r"empty\.spacy: the file is empty"):
        spacy_docbin.read(tmp_path / "empty.spacy", SCHEMA)
    (tmp_path / "text.spacy").write_text("not msgpack", encoding="utf-8")
    with pytest.raises(InputError, match=r"text\.spacy: not a spaCy DocBin file"):
        spacy_docbin.read(tmp_path / "text.spacy", SCHEMA)

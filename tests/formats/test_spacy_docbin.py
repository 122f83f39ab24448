"""spaCy DocBin: spaCy reads it back, every entity's text is the span's text, overlapping
spans go to a span group, and spans that are not on spaCy's tokens are reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.model import Span
from annotator.formats.base import ProjectData
from tests.export_samples import doc_a, doc_b, make, settings

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

"""spaCy DocBin: spaCy reads it back, every entity's text is the span's text, overlapping
spans go to a span group, and spans that are not on spaCy's tokens are reported."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from annotator.core.values import Span
from annotator.formats import spacy_docbin
from annotator.formats.base import ProjectData
from tests.export_samples import SCHEMA, doc_a, doc_b, make, settings

#: spaCy takes seconds to import: these tests run on one xdist worker, which imports it
#: when the first of them runs (not every worker while collecting)
pytestmark = pytest.mark.xdist_group("spacy")


def _spacy():  # type: ignore[no-untyped-def]
    return pytest.importorskip("spacy")


def DocBin(*args: object, **kw: object):  # type: ignore[no-untyped-def]  # noqa: N802
    return pytest.importorskip("spacy.tokens").DocBin(*args, **kw)


def read(path: Path):  # type: ignore[no-untyped-def]
    nlp = _spacy().blank("ar")
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
    assert facts["entities"] == "doc.ents: the outermost layer; doc.spans['sc']: every span"
    assert len(doc.spans["sc"]) == 2 and facts["tokens_cut_at_span_edges"] == 0


def test_a_span_ending_before_a_sentence_final_year_is_kept(tmp_path: Path) -> None:
    text = "قال الوزير إن المصنع سيُفتتح في أيار 2026. وأضاف أن الكلفة (٣ ملايين) معروفة."
    claim = span_of(text, "المصنع سيُفتتح في أيار 2026", "CLAIM", "c")
    date = span_of(text, "أيار 2026", "DATE", "d")
    inside = span_of(text, "٣ ملايين", "CLAIM", "m")
    assert "2026." in nlp_tokens(text)  # one token of _spacy().blank("ar")
    st = settings(tmp_path, splits=("train",))
    w = spacy_docbin.Writer(st)
    w.add(make("x", text, [claim, date, inside]), "train")
    facts = w.close(ProjectData())
    assert st.log.items == [] and st.log.total_dropped == 0
    [doc] = read(tmp_path / "train.spacy")
    assert doc.text == text
    assert sorted((s.start_char, s.end_char, s.label_) for s in doc.spans["sc"]) == \
        sorted((s.start, s.end, s.label) for s in (claim, date, inside))
    assert [t.text for t in doc if t.idx >= claim.end - 4][:2] == ["2026", "."]  # the year and its full stop
    assert facts["tokens_cut_at_span_edges"] >= 1 and any("cut" in n for n in st.log.notes)


def nlp_tokens(text: str) -> list[str]:
    return [t.text for t in _spacy().blank("ar").make_doc(text)]


def span_of(text: str, needle: str, label: str, sid: str) -> Span:
    start = text.index(needle)
    return Span(sid, start, start + len(needle), label)


@pytest.mark.parametrize("layer", ["outermost", "innermost", "per-label"])
def test_nested_spans_fill_ents_from_one_layer_and_every_span_is_in_the_group(tmp_path: Path, layer: str) -> None:
    st = settings(tmp_path, splits=("train", "dev"), layer=layer)
    w = spacy_docbin.Writer(st)
    a, b = doc_a(), doc_b()
    w.add(a, "train")
    w.add(b, "dev")
    facts = w.close(ProjectData())
    used = "innermost" if layer == "innermost" else "outermost"
    assert facts["entities"] == f"doc.ents: the {used} layer; doc.spans['sc']: every span"
    assert any("doc.spans['sc'] only" in n for n in st.log.notes)
    # only the sub-word span (نفى inside ونفى) is dropped, and it is named
    assert [(i["span"], i["reason"]) for i in st.log.items] == [("b6", "misaligned")]
    docs = read(tmp_path / "train.spacy") + read(tmp_path / "dev.spacy")
    for original, doc in zip((a, b), docs):
        assert doc.text == original.text
        expected = [(s.start, s.end, s.label) for s in original.spans if s.id != "b6"]
        assert sorted((sp.start_char, sp.end_char, sp.label_) for sp in doc.spans["sc"]) == sorted(expected)
        for sp in doc.spans["sc"]:  # every span's text is the document's text at its offsets
            assert original.text[sp.start_char:sp.end_char] == sp.text
        ents = [(e.start_char, e.end_char) for e in doc.ents]
        assert ents and all(x[1] <= y[0] for x, y in itertools.pairwise(ents))  # one non-overlapping layer
    ents_a = {(e.start_char, e.end_char, e.label_) for e in docs[0].ents}
    c1 = next(s for s in a.spans if s.id == "c1")
    d2 = next(s for s in a.spans if s.id == "d2")  # nested in c1
    assert ((c1.start, c1.end, "CLAIM") in ents_a) == (used == "outermost")
    assert ((d2.start, d2.end, "DATE") in ents_a) == (used == "innermost")
    if layer == "per-label":
        assert any("per-label" in n for n in st.log.notes)
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
    assert st.log.items == []  # the claim that ends before "2027." is kept too
    [doc] = spacy_docbin.read(tmp_path / "train.spacy", SCHEMA)
    assert doc.id == a.id and doc.text == a.text and doc.direction == "rtl"
    assert sorted((s.start, s.end, s.label) for s in doc.spans) == \
        sorted((s.start, s.end, s.label) for s in a.spans)  # code points, nested kept

    # a label the schema does not know, an empty file, a file that is not a DocBin: named, nothing read
    nlp = _spacy().blank("ar")
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

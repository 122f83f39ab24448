"""Searching the corpus (issue 14): hits in code points of the stored text, the filters
on documents and on spans, and clear refusals."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from annotator.core.errors import AnnotatorError
from annotator.core.search import SearchFilter, SearchOptions
from annotator.core.values import Document, SetStatus
from annotator.services import team
from annotator.services.gold.commands import AddGoldSpan
from annotator.services.project import Project
from annotator.storage import documents as document_store
from tests.conftest import own_schema

PG_URL = os.environ.get("ANNOTATOR_TEST_POSTGRES_URL")

TEXTS = {
    # an emoji (one code point, two UTF-16 units) before a word written with harakat
    "a1": ("😀 عقد الوزيرُ مُؤْتَمَرًا صحفيًا عن الاتفاق", {"outlet": "الراصد", "published": "2026-09-10"}),
    "a2": ("قال المتحدث إن مؤتمرا آخر سيعقد بعد الاتفاق", {"outlet": "بريد الساحل", "published": "2026-09-11T08:00"}),
    "a3": ("لا مؤتمر ولا اتفاق في هذا الخبر", {"outlet": "الراصد", "published": "2026-09-20", "lang": "ar"}),
}


@pytest.fixture(scope="module", params=["sqlite"] + (["postgresql"] if PG_URL else []))
def project(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    if request.param == "postgresql":
        assert PG_URL
        p = Project.open(own_schema(PG_URL, "search_service_test"))
    else:
        p = Project.open(tmp_path_factory.mktemp("search") / "p.sqlite")
    with p.database.unit_of_work() as s:
        for i, (doc_id, (text, meta)) in enumerate(TEXTS.items()):
            document_store.add_document(s, Document(id=doc_id, title=f"خبر {i}", text=text, sha256=f"{i:064x}",
                                                    direction="rtl", meta=meta))
    team.add_annotator(p, "alice")
    team.add_annotator(p, "bob")
    team.add_annotator(p, "judge", "adjudicator")
    a1 = TEXTS["a1"][0]
    start, end = a1.index("الوزيرُ"), a1.index("صحفيًا") + len("صحفيًا")
    p.add_span("a1", "alice", start, end, "CLAIM")     # «الوزيرُ مُؤْتَمَرًا صحفيًا»
    a2 = TEXTS["a2"][0]
    p.add_span("a2", "alice", a2.index("مؤتمرا"), a2.index("مؤتمرا") + 6, "ACTOR")
    p.set_status("a2", "alice", SetStatus.DONE)
    p.add_span("a3", "bob", 0, 8, "CLAIM")
    AddGoldSpan("a1", "judge", start, end, "CLAIM").do(p)
    yield p
    p.close()


def found(p: Project, query: str, options: SearchOptions | None = None, viewer: str | None = None,
          **filters: object) -> list[tuple[str, int, int]]:
    result = p.search(query, options, SearchFilter(**filters), viewer=viewer)  # type: ignore[arg-type]
    return [(d.document_id, h.start, h.end) for d in result.documents for h in d.hits]


def test_a_query_without_harakat_finds_the_word_written_with_them_at_code_point_offsets(project: Project) -> None:
    result = project.search("مؤتمر")
    first = result.documents[0]
    assert [d.document_id for d in result.documents] == ["a1", "a2", "a3"] and result.complete
    [hit] = first.hits
    # 😀 is one code point (two in UTF-16); the hit ends after the tanwin of its last letter, not the alef after it
    assert (hit.start, hit.end) == (14, 24)
    assert TEXTS["a1"][0][hit.start:hit.end] == hit.context.match == "مُؤْتَمَرً"
    assert hit.context.left == "😀 عقد الوزيرُ " and hit.context.right.startswith("ا صحفيًا")
    assert first.title == "خبر 0" and result.hit_count == 3


def test_documents_filtered_by_id_metadata_and_publication_date(project: Project) -> None:
    assert [d for d, _a, _b in found(project, "مؤتمر", documents=("a3", "a1"))] == ["a1", "a3"]
    assert [d for d, _a, _b in found(project, "مؤتمر", outlet="الراصد")] == ["a1", "a3"]
    assert [d for d, _a, _b in found(project, "مؤتمر", published_from="2026-09-11")] == ["a2", "a3"]
    assert [d for d, _a, _b in found(project, "مؤتمر", published_from="2026-09-10",
                                     published_to="2026-09-11")] == ["a1", "a2"]
    assert [d for d, _a, _b in found(project, "مؤتمر", meta=(("lang", "ar"),))] == ["a3"]


def test_hits_inside_a_label_or_outside_every_span_of_an_annotator(project: Project) -> None:
    assert [d for d, _a, _b in found(project, "مؤتمر", viewer="alice", inside_label="CLAIM")] == ["a1"]
    assert [d for d, _a, _b in found(project, "مؤتمر", annotator="alice", inside_label="ACTOR")] == ["a2"]
    assert [d for d, _a, _b in found(project, "مؤتمر", annotator="alice", outside_spans=True)] == ["a3"]
    assert [d for d, _a, _b in found(project, "مؤتمر", annotator="bob", outside_spans=True)] == ["a1", "a2"]
    assert [d for d, _a, _b in found(project, "مؤتمر", annotator="gold", inside_label="CLAIM")] == ["a1"]
    assert [d for d, _a, _b in found(project, "الاتفاق", viewer="alice", inside_label="CLAIM")] == []


def test_documents_of_a_status_in_an_annotators_work(project: Project) -> None:
    assert [d for d, _a, _b in found(project, "مؤتمر", annotator="alice", status="done")] == ["a2"]
    assert [d for d, _a, _b in found(project, "مؤتمر", annotator="alice", status="in_progress")] == ["a1"]
    assert [d for d, _a, _b in found(project, "مؤتمر", annotator="alice", status="new")] == ["a3"]


def test_clitic_word_search_finds_the_word_after_its_proclitics(project: Project) -> None:
    words = SearchOptions(mode="word")
    assert [d for d, _a, _b in found(project, "الاتفاق", words)] == ["a1", "a2"]
    assert [d for d, _a, _b in found(project, "اتفاق", SearchOptions(mode="word", clitics=True))] == ["a1", "a2", "a3"]
    assert found(project, "مؤتمر", SearchOptions(marks=False)) == [("a2", 15, 20), ("a3", 3, 8)]


def test_a_blind_annotator_cannot_search_by_someone_elses_spans(project: Project) -> None:
    with pytest.raises(team.NotAllowed, match="blind"):
        found(project, "مؤتمر", viewer="bob", annotator="alice", inside_label="CLAIM")
    assert [d for d, _a, _b in found(project, "مؤتمر", viewer="judge", annotator="alice", inside_label="CLAIM")] \
        == ["a1"]
    # gold only where their own work is done: alice is done with a2 only, whose gold is empty
    assert found(project, "مؤتمر", viewer="alice", annotator="gold", inside_label="CLAIM") == []
    assert found(project, "مؤتمر", viewer="alice", annotator="gold", outside_spans=True) == [("a2", 15, 20)]


@pytest.mark.parametrize(("query", "options", "filters", "message"), [
    ("(مؤتمر", SearchOptions(mode="regex"), {}, r"not a regular expression: '\(مؤتمر'"),
    ("مؤتمر", None, {"inside_label": "CLIAM", "annotator": "alice"}, r"no label 'CLIAM'.*did you mean: CLAIM"),
    ("مؤتمر", None, {"inside_label": "claim", "annotator": "alice"}, r"did you mean: CLAIM"),
    ("مؤتمر", None, {"annotator": "alcie", "outside_spans": True}, r"no annotator 'alcie' \(did you mean: alice"),
    ("مؤتمر", None, {"documents": ("a4",)}, r"no document 'a4'"),
    ("مؤتمر", None, {"inside_label": "CLAIM"}, "say whose spans"),
    ("مؤتمر", None, {"published_from": "أمس"}, "published from must be a date"),
    ("مؤتمر", None, {"inside_label": "CLAIM", "outside_spans": True, "annotator": "alice"}, "give one of them"),
])
def test_a_search_that_cannot_run_says_why(project: Project, query: str, options: SearchOptions | None,
                                           filters: dict[str, object], message: str) -> None:
    with pytest.raises(AnnotatorError, match=message):
        found(project, query, options, **filters)


def test_regular_expressions_run_over_every_document(project: Project) -> None:
    regex = SearchOptions(mode="regex")
    assert found(project, r"\d+", regex) == []
    assert [d for d, _a, _b in found(project, r"مؤتمر[اى]?\s", regex)] == ["a1", "a2", "a3"]

"""The claim table reads the documents that hold claims, not every document (issue 13)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import event

from annotator.core.text import text_sha256
from annotator.core.values import Document
from annotator.services.claims import claim_table
from annotator.services.project import Project
from annotator.storage import documents as document_store


def test_claims_of_a_large_project_take_a_few_statements(tmp_path: Path) -> None:
    p = Project.open(tmp_path / "many.sqlite")
    try:
        with p.database.unit_of_work() as s:
            for i in range(1500):
                text = f"قال المتحدث إن الاجتماع {i} انتهى."
                document_store.add_document(s, Document(f"d{i:04d}", f"خبر {i}", text, text_sha256(text), "rtl"))
        text = p.document("d0700").text
        claim = p.add_span("d0700", "alice", text.index("الاجتماع"), len(text) - 1, "CLAIM")
        p.add_span("d0042", "alice", 0, 3, "ACTOR")  # a document with spans but no claim
        statements: list[str] = []

        def count(_conn, _cursor, statement, *_rest) -> None:  # type: ignore[no-untyped-def]
            statements.append(statement)

        event.listen(p.database.engine, "before_cursor_execute", count)
        try:
            rows = claim_table(p, "alice")
        finally:
            event.remove(p.database.engine, "before_cursor_execute", count)
        assert [(r.document_id, r.span_id, r.text) for r in rows] == [("d0700", claim.id, text[claim.start:claim.end])]
        assert len(statements) < 30, len(statements)  # before: one set lookup per document (1,500)
    finally:
        p.close()

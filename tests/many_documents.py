"""Writing many documents straight into a migrated project (for the tests and benchmarks of
the document list; the import's own path is tested and measured elsewhere): each document
row with the ``document_list`` row the program writes with it (``storage.document_list.list_row``)
and its ``document_search`` row (its text folded, ``core.search.index_text``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator.core.search import index_text
from annotator.core.values import Document
from annotator.storage.document_list import list_row

DOCUMENT_COLUMNS = ("id", "title", "text", "sha256", "length", "direction", "meta", "source_path", "imported_at")
LIST_COLUMNS = ("document_id", "title", "source_path", "source_name", "search_key")


def rows(docs: Iterable[Document]) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The ``documents`` rows and ``document_list`` rows of *docs*, in DOCUMENT_COLUMNS / LIST_COLUMNS order."""
    documents, listed = [], []
    for d in docs:
        documents.append((d.id, d.title, d.text, d.sha256, len(d.text), d.direction, "{}", d.source_path,
                          "2026-12-03 00:00:00"))
        r = list_row(d)
        listed.append(tuple(r[c] for c in LIST_COLUMNS))
    return documents, listed


def insert(con: sqlite3.Connection, table: str, columns: tuple[str, ...], values: list[tuple[Any, ...]]) -> None:
    con.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", values)


def write_sqlite(path: Path, docs: Iterable[Document]) -> None:
    """Add *docs* to the SQLite project at *path* in one transaction."""
    documents, listed = rows(docs)
    con = sqlite3.connect(path)
    with con:
        insert(con, "documents", DOCUMENT_COLUMNS, documents)
        insert(con, "document_list", LIST_COLUMNS, listed)
        con.executemany("INSERT INTO document_search (number, folded) "
                        "SELECT number, ? FROM document_list WHERE document_id = ?",
                        ((index_text(d[2]), d[0]) for d in documents))
        if con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'document_search_fts'").fetchone()[0]:
            con.execute("INSERT INTO document_search_fts(document_search_fts) VALUES ('rebuild')")
    con.close()

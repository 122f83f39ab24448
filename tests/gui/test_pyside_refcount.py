"""PySide6 6.12.0 on Python 3.11 lowers None's reference count on every void call
and aborts after a few thousand (see GUIDE.md). This guards the pinned version."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_ten_thousand_void_calls_leave_none_refcount_stable() -> None:
    obj = QObject()
    before = sys.getrefcount(None)
    for i in range(10_000):
        obj.setObjectName(f"object {i}")  # returns nothing: the kind of call that leaked None
    after = sys.getrefcount(None)
    assert abs(after - before) < 50, f"None refcount moved by {after - before} over 10,000 void calls"

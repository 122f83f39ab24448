"""GUI test fixtures: offscreen Qt, an isolated home and settings, a project and its window.

The platform and the home folders are set before anything imports Qt, so a
developer's real settings are never read or written and no screen is needed.
"""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_HOME = tempfile.mkdtemp(prefix="annotator-gui-home-")
for _var, _sub in (("HOME", ""), ("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"),
                   ("XDG_CACHE_HOME", "cache"), ("XDG_RUNTIME_DIR", "runtime")):
    os.environ[_var] = os.path.join(_HOME, _sub) if _sub else _HOME
    os.makedirs(os.environ[_var], mode=0o700, exist_ok=True)
os.environ.pop("ANNOTATOR_USER", None)
os.environ.pop("ANNOTATOR_DB", None)

from collections.abc import Callable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
import shiboken6  # noqa: E402
from PySide6.QtCore import QCoreApplication, QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.core.text import detect_direction, text_sha256  # noqa: E402
from annotator.core.values import Document  # noqa: E402
from annotator.services.project import Project  # noqa: E402
from annotator.storage import documents as document_store  # noqa: E402

# Short Arabic texts written for these tests.
CLAIM_TEXT = (
    "قال وزير النقل سامر عويدات يوم الخميس إن المعبر سيفتح أبوابه في تشرين الأول المقبل.\n"
    "وأضاف أن الشاحنات ستعبر بمعدل 300 شاحنة يومياً بعد انتهاء أعمال الصيانة.\n"
    "This paragraph is in English inside an Arabic document.\n"
    "وختم الوزير بالقول إن الاتفاق «خطوة أولى» نحو تعاون أوسع بين البلدين."
)
SECOND_TEXT = (
    "أعلنت وزارة الزراعة في مؤتمر صحفي أمس أن موسم القمح سيبدأ مبكراً هذا العام.\n"
    "وتوقع المتحدث باسم الوزارة أن يرتفع الإنتاج بنسبة عشرة في المئة."
)
THIRD_TEXT = "قالت الهيئة المستقلة للانتخابات إن التصويت سيجري في آذار 2027 في جميع المحافظات."


@pytest.fixture(scope="session", autouse=True)
def _isolated_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    QCoreApplication.setOrganizationName("annotator-tests")
    QCoreApplication.setApplicationName("annotator-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path_factory.mktemp("qsettings")))
    from annotator.gui.common import i18n

    i18n.install("en")  # English numbers (1,234) from the first test on, whatever the machine's locale


@pytest.fixture(autouse=True)
def _fresh_settings(qapp: QApplication) -> Iterator[None]:
    QSettings().clear()
    # suggestions are found in the background: a test that walks with Tab or counts what is
    # drawn would depend on when they arrive. Tests of suggestions turn them on themselves.
    QSettings().setValue("suggestions/shown", "false")
    yield
    QSettings().clear()


@pytest.fixture(autouse=True)
def _english_after(qapp: QApplication) -> Iterator[None]:
    """Every test starts and ends with the interface in English (a test in Arabic cannot leak)."""
    from annotator.gui.common import i18n

    yield
    if i18n.current_language() != "en":
        i18n.install("en")


@pytest.fixture
def arabic(qapp: QApplication) -> Iterator[None]:
    """The interface in Arabic (translations, locale, mirrored layout) for one test."""
    from annotator.gui.common import i18n

    i18n.install("ar")
    try:
        yield
    finally:
        i18n.install("en")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> object:
    """Windows delete themselves when closed: pytest-qt (whose teardown runs inside this one) closes
    only those still there (its weak reference outlives the Qt object until the next collection)."""
    widgets = getattr(item, "qt_widgets", None)
    if widgets:
        item.qt_widgets = [(ref, before) for ref, before in widgets  # type: ignore[attr-defined]
                           if ref() is not None and shiboken6.isValid(ref())]
    return (yield)


def add_documents(db: Path | str, docs: list[tuple[str, str, str]]) -> None:
    """Put documents (id, title, text) straight into a project database."""
    project = Project.open(db)
    try:
        with project.database.unit_of_work() as s:
            for doc_id, title, text in docs:
                document_store.add_document(s, Document(doc_id, title, text, text_sha256(text), detect_direction(text)))
    finally:
        project.close()


def stored_spans(db: Path | str, doc_id: str, annotator: str = "alice") -> list[tuple[int, int, str]]:
    """What the database holds, read by a separate Project (not the window's)."""
    project = Project.open(db)
    try:
        return [(s.start, s.end, s.label) for s in project.spans(doc_id, annotator)]
    finally:
        project.close()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "project.sqlite"
    add_documents(path, [("a-claims", "الوزير والمعبر", CLAIM_TEXT), ("b-wheat", "موسم القمح", SECOND_TEXT),
                         ("c-vote", "الانتخابات", THIRD_TEXT)])
    return path


@pytest.fixture
def open_window(qtbot) -> Callable:  # type: ignore[no-untyped-def]
    """Build, show and activate a main window on a database (closed at the end)."""
    from annotator.gui import main_window

    windows = []

    def _open(db: Path | str, docs: list[str] | None = None, annotator: str = "alice"):  # type: ignore[no-untyped-def]
        win = main_window(db, docs, annotator=annotator)
        qtbot.addWidget(win)
        win.resize(1300, 800)
        win.show()
        qtbot.waitExposed(win)
        win.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
        windows.append(win)
        return win

    yield _open
    for win in windows:
        if shiboken6.isValid(win) and win.isVisible():  # a closed window is deleted
            win.close()


@pytest.fixture
def window(open_window, db_path: Path):  # type: ignore[no-untyped-def]
    return open_window(db_path)


def select_text(editor, needle: str, occurrence: int = 0) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Select *needle* in the editor as a user would (Qt positions); returns its code-point range."""
    text = editor.state.text
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    cursor = editor.document().find(needle)
    for _ in range(occurrence):
        cursor = editor.document().find(needle, cursor)
    assert not cursor.isNull()
    editor.setFocus()
    editor.setTextCursor(cursor)
    assert cursor.selectionStart() == editor.textCursor().selectionStart()
    return start, start + len(needle)


def press(qtbot, widget, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(widget, key, modifiers)

"""The dialogs in Arabic: the export dialog (its options, split names, messages, summary), the
import dialog and its progress, the schema dialog, the project-error box, the samples offer,
the annotator's name, the shortcut table and File ▸ Open Recent show no English left but
data and names, count in Arabic plural forms and Arabic-Indic digits, and are mirrored.

Every test installs Arabic and puts English back (the test process is shared)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from annotator.core.schema import load_schema
from annotator.core.schema_change import describe
from annotator.gui.annotation import import_dialog as imp
from annotator.gui.annotation.import_dialog import ImportDialog, progress_text
from annotator.gui.annotation.schema_dialog import SchemaDialog, describe_shown
from annotator.gui.common import dialogs, i18n
from annotator.gui.common.plain import isolate
from annotator.gui.common.project_error import ProjectErrorBox
from annotator.gui.export import export_dialog as ed
from annotator.gui.export.export_dialog import ExportDialog
from annotator.resources import default_schema_path
from annotator.services.export import datasets
from annotator.services.export.datasets import ExportReport
from annotator.services.imports.progress import progress_line
from annotator.services.project import Project
from tests.gui.conftest import add_documents
from tests.gui.modals import ModalWalker
from tests.gui.untranslated import untranslated

TEXTS = [
    ("d1", "السدّ", "قال مدير هيئة المياه سليم العابد يوم الخميس إن السد الجديد سيمتلئ قبل الصيف."),
    ("d2", "المدارس", "أعلنت نقابة المعلمين أن الدوام سيبدأ في الثالث من أيلول في كل المدن."),
    ("d3", "القطار", "أكد المتحدث باسم السكك الحديدية أن الخط الساحلي يفتح في آذار 2028."),
]
SPANS = [("d1", "سليم العابد", "ACTOR"), ("d2", "نقابة المعلمين", "ACTOR"), ("d3", "آذار 2028", "DATE")]
#: format names, file names and commands the dialogs show as they are (data, not interface)
NAMES = ("hf", "doccano", "labelstudio", "Label Studio", "BIOES", "DocBin", "pip install 'annotator[spacy]'",
         "README.md", "annotation.conf", "labels.txt", "dataset_info.json", "alice")
ARABIC_DIGITS = set("٠١٢٣٤٥٦٧٨٩")




@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    db = tmp_path / "dialogs.sqlite"
    add_documents(db, TEXTS)
    p = Project.open(db)
    texts = {d: t for d, _title, t in TEXTS}
    for doc_id, needle, label in SPANS:
        start = texts[doc_id].index(needle)
        p.add_span(doc_id, "alice", start, start + len(needle), label)
    yield p
    p.close()


def inside(top: QWidget) -> list[QWidget]:
    return [top, *top.findChildren(QWidget)]


def modal_walk(trigger: Callable[[], object], allowed: tuple[str, ...] = ()) -> dict[str, dict[str, str]]:
    """Run *trigger*; each modal dialog it opens is walked (English left in it) and closed with No/Cancel."""
    found: dict[str, dict[str, str]] = {}

    def look(w: QWidget) -> None:
        found[w.windowTitle()] = untranslated(allowed, inside(w))
        assert w.isRightToLeft()

    ModalWalker(look)(trigger)
    return found


def test_the_export_dialog_in_arabic(arabic, qtbot, project: Project, tmp_path: Path,  # type: ignore[no-untyped-def]
                                     monkeypatch) -> None:
    # an adjudicated project lists the gold's reserved owner among the names
    monkeypatch.setattr(project, "annotators", lambda: ["alice", "gold"])
    dialog = ExportDialog(project, document_choices=[(ed.translate("ExportDialog", "Open in the panes"),
                                                      ["d1", "d3"])])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "تصدير مجموعة البيانات"
    assert untranslated((*NAMES, "d1", "d3"), inside(dialog)) == {}
    sources = [dialog.source.itemData(i) for i in range(dialog.source.count())]
    assert sources == [None, "gold", "alice", "all"]  # the gold's owner is the Gold entry, not an annotator
    # split names shown in Arabic, written in English; a wrong sum said in Arabic digits
    dialog.split_box.setChecked(True)
    assert dialog.ratios["train"].accessibleName() == "نسبة تدريب"
    dialog.ratios["train"].setValue(1.0)
    assert dialog.sum_label.text() == "التقسيم: مجموع النسب ١٫٢ لا ١"
    dialog.ratios["train"].setValue(0.8)
    assert dialog.sum_label.text() == "مجموع النسب ١."
    # mirrored: the form's labels on the right of their fields, the buttons on the left
    assert dialog.isRightToLeft() and dialog.format.isRightToLeft()
    label = dialog.form_widget.layout().labelForField(dialog.format)
    def left(w: QWidget) -> int:
        return w.mapTo(dialog, w.rect().topLeft()).x()

    assert left(label) > left(dialog.format)
    assert left(dialog.close_button) < left(dialog.export_button) < dialog.width() // 2
    dialog.grab().save("/tmp/dialogs-ar.png")
    # an export: the progress and the summary in Arabic
    out = tmp_path / "out"
    dialog.out.setText(str(out))
    dialog.format.setCurrentIndex(dialog.format.findData("conll"))
    assert dialog.start(), dialog.error
    qtbot.waitUntil(lambda: not dialog.running, timeout=20000)
    assert dialog.error == "" and dialog.message.text() == f"تم: كُتب في {isolate(str(out))}"
    assert dialog.progress.text() == "٣ / ٣ من الوثائق"
    summary = dialog.summary.toPlainText().splitlines()
    assert summary[0] == f"صُدِّر بصيغة {isolate('conll')} إلى {isolate(str(out))}"
    assert summary[1].startswith("الوثائق: ٣ (")
    assert "المقاطع المكتوبة: ٣" in summary
    # its lines read from the right, like the rest of the dialog
    assert dialog.summary.document().defaultTextOption().textDirection() == Qt.LayoutDirection.RightToLeft
    dialog.grab().save("/tmp/dialogs-ar-done.png")


def test_export_summaries_count_in_arabic(arabic) -> None:  # type: ignore[no-untyped-def]
    report = ExportReport(path=Path("/x/set.jsonl"), documents=2, spans=11, annotator="alice", links_outside=1)
    assert ed.file_summary_text(report) == (f"كُتبت وثيقتان و١١ مقطعًا للموسِّم {isolate('alice')} في "
                                            f"{isolate('/x/set.jsonl')}\n"
                                            "لم يُصدَّر: رابط واحد أحد طرفيه خارج التصدير")
    assert [t for t, _ in ed.status_choices()] == ["أي حالة", "جديدة", "قيد العمل", "منجزة"]


def test_format_descriptions_are_the_services_in_english(qapp: QApplication) -> None:
    """The dialog's own (translatable) descriptions say in English what the service says."""
    assert ed.format_descriptions() == {k: v for k, v in datasets.describe_formats().items()
                                        if k in ed.format_descriptions()}
    assert set(ed.format_descriptions()) == set(datasets.describe_formats())


def test_import_progress_says_what_the_terminal_says(qapp: QApplication) -> None:
    """In English the dialog's line is the terminal's; in Arabic, its words and digits."""
    cases = [("importing", 52_400_000, 108_000_000, 4.0), ("importing", 2_000, 8_000, 1.0),
             ("importing", 0, 300, 0.0), ("reading", 1_234, 100_000, 2.0), ("writing", 5, 5, 1.0),
             ("importing", 10, 1_000, 1.0)]
    for case in cases:
        assert progress_text(*case) == progress_line(*case), case
    i18n.install("ar")
    try:
        line = progress_text("importing", 52_400_000, 108_000_000, 4.0)
        assert line == "استيراد ٥٢٫٤/١٠٨٫٠ م.ب · ١٣٫١ م.ب/ث · بقي ٤ ث"
        assert progress_text("reading", 3, 200, 1.0) == "قراءة ٣/٢٠٠ ملفات · ٣/ث · بقي ١ د ٠٦ ث"
    finally:
        i18n.install("en")


def test_the_import_dialog_in_arabic(arabic, qtbot, project: Project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    paths = []
    for name, text in (("one", "خبر أول عن الطقس في الساحل."), ("two", "خبر ثان عن موسم الزيتون.")):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        paths.append(tmp_path / f"{name}.txt")
    dialog = ImportDialog(project, paths)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.heading.text() == f"جارٍ الاستيراد: {isolate('ملفان')}"
    assert untranslated(NAMES, inside(dialog)) == {}
    dialog.start()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20000)
    assert dialog.heading.text() == f"اكتمل الاستيراد: {isolate('ملفان')}"
    assert dialog.status.text() == "استُورد: وثيقتان، لا مقاطع"
    assert untranslated((*NAMES, project.database.display_url), inside(dialog)) == {}
    assert dialog.isRightToLeft()
    assert dialog.close_button.mapTo(dialog, dialog.close_button.rect().topLeft()).x() < dialog.width() // 2
    assert imp.translate("ImportDialog", "Import files") == "استيراد ملفات"
    dialog.grab().save("/tmp/dialogs-ar-import.png")


def test_the_schema_dialog_in_arabic(arabic, qtbot, project: Project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = SchemaDialog(project, "alice")
    qtbot.addWidget(dialog)
    dialog.show()
    schema = project.schema
    data = (schema.name, *(f"{lab.key}   {lab.name}   {lab.color}" for lab in schema.labels),
            *(lab.description for lab in schema.labels))
    assert untranslated(data, inside(dialog)) == {}
    assert dialog.heading.text().startswith(f"{isolate(schema.name)}، الإصدار ") and "٣ وسوم" in dialog.heading.text()
    assert dialog.isRightToLeft() and dialog.labels.isRightToLeft()
    lines = dialog.text.toPlainText().splitlines()
    assert lines[0] == f"المخطط {isolate(schema.name)} (الإصدار ٣)" and lines[2] == "الوسوم"
    assert "العلاقات (داخل الوثيقة)" in lines and "الروابط (بين الوثائق)" in lines
    assert dialog.text.document().defaultTextOption().textDirection() == Qt.LayoutDirection.RightToLeft
    dialog.grab().save("/tmp/dialogs-ar-schema.png")
    # loading the schema it already has: a message box, in Arabic
    same = tmp_path / "same.toml"
    same.write_text(schema.source, encoding="utf-8")
    found = modal_walk(lambda: dialog.load_from(same), ("same.toml",))
    assert found == {"مخطط الوسوم": {}}


def test_the_schema_text_is_the_commands_in_english(qapp: QApplication) -> None:
    """In English the dialog's text is ``annotator schema show``'s, line for line."""
    schema = load_schema(default_schema_path())
    assert schema.relations and schema.links
    assert describe_shown(schema) == describe(schema)


def test_the_project_error_box_in_arabic(arabic, qtbot) -> None:  # type: ignore[no-untyped-def]
    box = ProjectErrorBox("no such folder: /nowhere/x.sqlite")
    qtbot.addWidget(box)
    box.show()
    assert untranslated(("no such folder",), inside(box)) == {}
    assert box.choose_button.text() == "اختيار مشروع آخر…" and box.quit_button.text() == "خروج"
    assert box.isRightToLeft()


def test_the_start_up_questions_in_arabic(arabic, qtbot, project: Project) -> None:  # type: ignore[no-untyped-def]
    """The samples offered on an empty project, the annotator's name, the shortcut table."""
    found = modal_walk(lambda: dialogs.offer_samples(None, project), ("annotator import",))
    assert found == {"مشروع فارغ": {}}
    found = modal_walk(lambda: dialogs.ask_annotator(None, "alice"), ("alice",))
    assert found == {"مَن يوسِّم؟": {}}
    table = dialogs.shortcut_dialog(None, [("Ctrl+Shift+S", "تصدير مجموعة البيانات")])
    qtbot.addWidget(table)
    table.show()
    assert untranslated(("S",), inside(table)) == {} and table.windowTitle() == "اختصارات لوحة المفاتيح"


def test_open_recent_in_arabic(arabic, open_window, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    win = open_window(db_path)
    menu = win.project_files.recent_menu
    assert menu is not None
    menu.aboutToShow.emit()
    assert menu.title() == "المشاريع ال&أخيرة"
    assert [a.text() for a in menu.actions() if a.objectName() == "recent.clear"] == ["&مسح القائمة"]
    assert untranslated((db_path.name, str(db_path.resolve())), [menu]) == {}
    assert ARABIC_DIGITS.isdisjoint(menu.actions()[0].text()[:2])  # the key of the first project: "&1"


def test_text_without_letters_starts_at_the_widgets_start(arabic, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A count or a dash in a mirrored interface starts at the right like the words around it;
    a title keeps its own direction (a Latin title starts at the left)."""
    from annotator.gui.common.elide import ElidedLabel

    shown = {}
    for text in ("42 — 7", "Port report"):
        label = ElidedLabel(text)
        qtbot.addWidget(label)
        label.resize(300, 30)
        label.show()
        qtbot.waitExposed(label)
        label.grab()  # painted
        assert label.isRightToLeft() and label.painted is not None
        left, right = label.painted.ink_range()
        shown[text] = (left, right, label.contentsRect())
    left, right, rect = shown["42 — 7"]
    assert right > rect.right() - 10 and left > rect.width() // 2
    left, right, rect = shown["Port report"]
    assert left < 10

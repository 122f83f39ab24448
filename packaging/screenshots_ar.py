"""The Arabic screenshots of packaging/ and the README: the main window, the adjudication view
and the export dialog with ``--lang ar``.

The README's screenshot project (screenshot_project.py: alice's spans on the sample articles),
plus a second annotator (bob) who tagged the first article a little differently, so the
adjudication view has disagreements to show:

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/screenshots_ar.py /tmp/shot-ar.sqlite packaging
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from annotator.services import team
from annotator.services.project import Project
from annotator.services.spans import AddSpan

sys.path.insert(0, str(Path(__file__).resolve().parent))
import screenshot_project  # packaging/screenshot_project.py

A, B = screenshot_project.A, screenshot_project.B


def build(db: Path) -> None:
    screenshot_project.main(db)
    project = Project.open(db)
    try:
        team.set_role(project, "alice", "manager")
        team.add_annotator(project, "bob")
        text = project.document(A).text
        for label, words in (("ACTOR", "وزير الداخلية السبرداني كمال السعدوني"),
                             ("CLAIM", "المعبر سيستقبل أولى الشاحنات"),  # a shorter claim than alice's
                             ("DATE", "الأول من تشرين الأول/أكتوبر المقبل"),
                             ("ACTOR", "حكومتا سبردان"),                  # a shorter actor
                             ("CLAIM", "طاقة المعبر ستبلغ 400 شاحنة يوميًا في المرحلة الأولى")):
            start = text.index(words)
            AddSpan(A, "bob", start, start + len(words), label).do(project)
    finally:
        project.close()


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def main(db: Path, out: Path) -> None:
    from annotator.gui import main_window

    build(db)
    window = main_window(db, [A, B], annotator="alice", lang="ar")
    window.resize(1400, 850)
    window.show()
    settle()
    out.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(out / "screenshot-ar.png"))
    window.area.set_active(window.area.panes[0])
    window.team.adjudicate()
    adjudication = window.team.windows[-1]
    adjudication.resize(1400, 850)
    for _ in range(200):
        if getattr(adjudication, "loaded_state", None) is not None:
            break
        QApplication.processEvents()
        import time

        time.sleep(0.02)
    settle()
    adjudication.grab().save(str(out / "screenshot-ar-adjudication.png"))
    adjudication.close()
    window.export_dataset()
    dialog = window.export_dialog
    settle()
    dialog.grab().save(str(out / "screenshot-ar-export.png"))
    print(f"wrote {out}/screenshot-ar.png, screenshot-ar-adjudication.png, screenshot-ar-export.png")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/annotator-screenshot-ar.sqlite"),
         Path(sys.argv[2] if len(sys.argv) > 2 else "packaging"))

"""Training the project's suggestion model from the window, never making it wait.

``annotator suggest train`` runs in a separate process (:class:`QProcess`: training holds
the CPU for seconds, and a thread would hold the interpreter): on demand (*View ▸ Train
the suggestion model now*) or by itself when a document is marked done and *N* more
documents are there to learn from than the annotator's newest model saw (*View ▸ Retrain
the suggestion model*: after every 5, 10, 20 or 50 done documents, or never; remembered).
The project is handed over in the environment (``ANNOTATOR_DB``), never on the command
line where other users could read a password. When it ends, the status bar says so and
the panes ask for their suggestions again.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from annotator.gui.common.i18n import plural, translate
from annotator.gui.common.settings import Settings
from annotator.services import suggestions as service
from annotator.services.project import Project

#: the choices of View ▸ Retrain the suggestion model (0: never by itself)
EVERY = (0, 5, 10, 20, 50)


class ModelTrainer(QObject):
    """Runs ``annotator suggest train`` for the window's annotator in the background."""

    def __init__(self, parent: QObject, project: Project, annotator: Callable[[], str], settings: Settings,
                 say: Callable[[str], None], trained: Callable[[], None]) -> None:
        super().__init__(parent)
        self.project, self.annotator, self.settings = project, annotator, settings
        self.say, self.trained = say, trained
        self.process: QProcess | None = None
        self.last_message = ""

    @property
    def every(self) -> int:
        return self.settings.suggestion_retrain_every

    def add_to(self, menu: QMenu) -> None:
        """*Train the suggestion model now* and *Retrain the suggestion model* ▸ every N."""
        menu.addSeparator()
        now = menu.addAction(translate("ModelTrainer", "&Train the suggestion model now"))
        now.setObjectName("suggestions.train")
        now.setStatusTip(translate("ModelTrainer",
                                   "Train the project's model on gold and documents marked done, in the background"))
        now.triggered.connect(self.train)
        every = QMenu(translate("ModelTrainer", "&Retrain the suggestion model"), menu)
        every.setObjectName("menuRetrain")
        group = QActionGroup(every)
        for n in EVERY:
            action = QAction(translate("ModelTrainer", "Never by itself") if n == 0 else plural(
                n, translate("ModelTrainer", "After every document done|After every {n} documents done")), every)
            action.setObjectName(f"suggestions.retrain.{n}")
            action.setCheckable(True)
            action.setChecked(n == self.every)
            action.triggered.connect(lambda _on=False, n=n: self._set_every(n))
            group.addAction(action)
            every.addAction(action)
        menu.addMenu(every)

    def _set_every(self, n: int) -> None:
        self.settings.suggestion_retrain_every = n
        self.say(translate("ModelTrainer", "The suggestion model is retrained only when asked") if n == 0 else plural(
            n, translate("ModelTrainer", "The suggestion model is retrained after every document marked done|"
                                         "The suggestion model is retrained after every {n} documents marked done")))

    @property
    def running(self) -> bool:
        return self.process is not None

    def document_done(self) -> None:
        """A document was marked done: retrain when enough new ones are there to learn from."""
        if self.running or self.every == 0:
            return
        try:
            due = service.needs_training(self.project, self.annotator(), self.every)
        except Exception:  # noqa: BLE001 - a check for a convenience never stops marking done
            return
        if due:
            self.train()

    def train(self) -> None:
        if self.process is not None:
            self.say(translate("ModelTrainer", "The suggestion model is already being trained"))
            return
        process = self.process = QProcess(self)
        env = QProcessEnvironment.systemEnvironment()
        env.insert("ANNOTATOR_DB", self.project.database.url.render_as_string(hide_password=False))
        env.insert("PYTHONIOENCODING", "utf-8")
        process.setProcessEnvironment(env)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
        process.finished.connect(self._finished)
        process.start(sys.executable, ["-m", "annotator", "suggest", "train", "--as", self.annotator()])
        self.say(translate("ModelTrainer", "Training the suggestion model in the background…"))

    def _finished(self, code: int, _status: QProcess.ExitStatus) -> None:
        process, self.process = self.process, None
        out = bytes(process.readAll().data()).decode("utf-8", "replace").strip() if process is not None else ""
        last = out.splitlines()[-1] if out else ""
        if code == 0:
            self.last_message = translate("ModelTrainer", "Suggestion model: {result}").format(result=last)
            self.trained()
        else:
            self.last_message = translate("ModelTrainer", "The suggestion model was not trained: {error}").format(
                error=last.removeprefix("error: "))
        self.say(self.last_message)
        if process is not None:
            process.deleteLater()

"""The project's guidelines: kept, logged with what they replaced, undone; managers only once there is one."""

from __future__ import annotations

import pytest

from annotator.core.guidelines import MAX_GUIDELINES
from annotator.services.guidelines import GuidelinesRefused, SetGuidelines, guidelines
from annotator.services.project import Project
from annotator.services.team import NotAllowed, add_annotator
from annotator.storage import changelog


def test_set_keeps_the_text_logs_before_and_after_and_undo_restores(project: Project) -> None:
    assert guidelines(project) == ""
    SetGuidelines("# أ\r\nنص", "alice").do(project)
    assert guidelines(project) == "# أ\nنص"  # normalised like every imported text
    second = SetGuidelines("# ب", "alice")
    second.do(project)
    assert guidelines(project) == "# ب"
    with project.database.unit_of_work() as s:
        entry = changelog.changes(s)[0]
    assert (entry["action"], entry["payload"]) == ("guidelines.set", {"before": "# أ\nنص", "after": "# ب"})
    second.undo(project)
    assert guidelines(project) == "# أ\nنص"
    SetGuidelines("", "alice").do(project)
    assert guidelines(project) == ""


def test_too_long_guidelines_are_refused_and_nothing_changes(project: Project) -> None:
    SetGuidelines("قديم", None).do(project)
    with pytest.raises(GuidelinesRefused, match="at most"):
        SetGuidelines("x" * (MAX_GUIDELINES + 1), None).do(project)
    assert guidelines(project) == "قديم"


def test_once_the_project_has_a_manager_only_managers_change_them(project: Project) -> None:
    add_annotator(project, "maria", "manager")
    add_annotator(project, "bob", "annotator")
    with pytest.raises(NotAllowed, match=r"only a manager \(maria\)"):
        SetGuidelines("# x", "bob").do(project)
    with pytest.raises(NotAllowed, match="--as"):
        SetGuidelines("# x", None).do(project)
    SetGuidelines("# x", "maria").do(project)
    assert guidelines(project) == "# x"

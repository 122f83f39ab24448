"""Fixtures of the command-line tests: the team project, made once per module and copied per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.cli.team_project import make_team_project


@pytest.fixture(scope="module")
def team_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return Path(make_team_project(tmp_path_factory.mktemp("team") / "team.sqlite"))


@pytest.fixture
def team(team_template: Path, tmp_path: Path) -> str:
    copy = tmp_path / "team.sqlite"
    shutil.copyfile(team_template, copy)
    return str(copy)

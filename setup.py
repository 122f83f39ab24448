"""The package list for setuptools; everything else is in pyproject.toml.

Every package under ``annotator/`` is discovered, so a new subpackage ships without
editing a list (a hand-kept list once left ``annotator.gui.adjudication`` out of the
wheel). The migrations (``db/``) and the resources (``resources/``) ship as
``annotator._db`` and ``annotator._resources`` through pyproject's package-dir
mapping, which pyproject's own discovery cannot combine with a search.
"""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["annotator", "annotator.*"]),
                "annotator._db", "annotator._db.versions", "annotator._resources"])

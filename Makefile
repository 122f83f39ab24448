# make run   - set up .venv (first time) and start the program
# make test  - set up .venv (first time), run the gates (make lint), then the whole test
#             suite on every core (pytest-xdist; PYTEST_ARGS=-n0 runs it in one process)
# make torture - kill -9, race, fuzz and undo loops at full size, a table of counts
#                (TORTURE_ARGS=--scale=0.1 for a short run; PostgreSQL too when
#                ANNOTATOR_TEST_POSTGRES_URL is set: its public schema is dropped)
# make bundle - dist/annotator/: a one-folder application with PyInstaller that runs without Python
#               (its build tools in build/venv-bundle; the recipe is packaging/annotator.spec)
# make bundle-test - that folder's smoke test in a clean environment (packaging/bundle_test.sh)
# make deb   - dist/annotator_VERSION_ARCH.deb from that folder (packaging/make_deb.sh); make deb-test checks it
# make translations - resources/translations: extract the interface's strings into annotator_ar.ts
#             (pyside6-lupdate), check it, compile annotator_ar.qm (pyside6-lrelease; never committed)
# make lint  - the gates: ruff (rules in pyproject.toml) and strict mypy on annotator/ and db/
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench venv clean screenshot torture bundle bundle-test translations deb deb-test

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(BIN)/annotator $(ARGS)

# PYTHONDONTWRITEBYTECODE= : bytecode is cached even where the environment turns it off
# (otherwise each of the suite's subprocesses compiles the package again)
test: $(STAMP) lint
	PYTHONDONTWRITEBYTECODE= QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n auto --dist loadgroup $(PYTEST_ARGS)

translations: $(STAMP)
	$(BIN)/python packaging/translations.py extract
	$(BIN)/python packaging/translations.py check
	$(BIN)/python packaging/translations.py release

lint: $(STAMP)
	$(BIN)/ruff check annotator tests packaging db
	$(BIN)/python -m mypy

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/benchmarks/bench_gui.py tests/benchmarks/bench_find_bar.py -s $(PYTEST_ARGS)
	$(BIN)/python tests/benchmarks/bench_agreement.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python tests/benchmarks/bench_adjudication_gui.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python tests/benchmarks/bench_documents.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python tests/benchmarks/bench_cold_start.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python tests/benchmarks/bench_memory.py
	$(BIN)/python tests/benchmarks/bench_export.py
	$(BIN)/python tests/benchmarks/bench_import.py
	$(BIN)/python tests/benchmarks/bench_search.py
	$(BIN)/python tests/benchmarks/eval_dates_corpus.py
	$(BIN)/python tests/benchmarks/bench_date_finder.py
	$(BIN)/python tests/benchmarks/bench_span_model.py
	$(BIN)/python tests/benchmarks/bench_suggest_apply.py
	$(BIN)/python tests/benchmarks/eval_suggestions_corpus.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/benchmarks/bench_suggestions_gui.py -s $(PYTEST_ARGS)

torture: $(STAMP)
	@status=0; \
	QT_QPA_PLATFORM=offscreen $(BIN)/python tests/torture/run_all.py $(TORTURE_ARGS) || status=1; \
	if [ -n "$$ANNOTATOR_TEST_POSTGRES_URL" ]; then \
	  QT_QPA_PLATFORM=offscreen $(BIN)/python tests/torture/run_all.py --db-url "$$ANNOTATOR_TEST_POSTGRES_URL" $(TORTURE_ARGS) || status=1; \
	fi; exit $$status

screenshot: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/annotator screenshot --out screenshot.png $(ARGS)

# The bundle's own venv: the program's runtime dependencies and PyInstaller (pyproject's
# `bundle` group), none of the test tools, so none of them can end up in the bundle. Under
# build/, which the wheel test's copy of the checkout leaves out (a venv beside the sources
# would be copied into it). The dependencies only, read from pyproject.toml: the program itself
# is analysed from the checkout (an install would leave annotator.egg-info in it, which pip
# then takes for an installed annotator wherever the checkout is on PYTHONPATH).
BUNDLE_VENV  := build/venv-bundle
BUNDLE_STAMP := $(BUNDLE_VENV)/.installed

$(BUNDLE_STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed"; exit 1; }
	mkdir -p build
	test -x $(BUNDLE_VENV)/bin/python || $(PYTHON) -m venv $(BUNDLE_VENV)
	$(BUNDLE_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(PYTHON) -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; \
	    print(*p["dependencies"], *p["optional-dependencies"]["bundle"], sep="\n")' > build/bundle-requirements.txt
	$(BUNDLE_VENV)/bin/python -m pip install --quiet -r build/bundle-requirements.txt
	touch $(BUNDLE_STAMP)

# strip: debug symbols of the interpreter and of the extension modules (about 40 MB), not of
# numpy.libs (auditwheel-patched, they fail to load once stripped) nor of Qt's libraries.
bundle: $(BUNDLE_STAMP)
	$(BUNDLE_VENV)/bin/python packaging/translations.py release
	rm -rf dist/annotator
	$(BUNDLE_VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/bundle \
	    packaging/annotator.spec
	find dist/annotator/_internal -name '*.so*' -type f ! -path '*/numpy.libs/*' ! -path '*/PySide6/*' \
	    -exec strip --strip-debug {} +
	@du -sh dist/annotator

bundle-test:
	packaging/bundle_test.sh dist/annotator

deb:
	packaging/make_deb.sh dist/annotator dist

deb-test:
	packaging/deb_test.sh

clean:
	rm -rf $(VENV) build dist *.egg-info

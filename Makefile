# make run   - set up .venv (first time) and start the program
# make test  - set up .venv (first time), run the gates (make lint), then the whole test
#             suite on every core (pytest-xdist; PYTEST_ARGS=-n0 runs it in one process)
# make torture - kill -9, race, fuzz and undo loops at full size, a table of counts
#                (TORTURE_ARGS=--scale=0.1 for a short run; PostgreSQL too when
#                ANNOTATOR_TEST_POSTGRES_URL is set: its public schema is dropped)
# make lint  - the gates: ruff (rules in pyproject.toml) and strict mypy on annotator/ and db/
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench venv clean screenshot torture

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

clean:
	rm -rf $(VENV) build *.egg-info

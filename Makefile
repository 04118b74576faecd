# Two commands do all the set-up on a fresh machine (README): `make run`, `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench schema clean

# The venv is (re)built whenever a requirements file changes.
$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

# The database (./data/ergo.db, or $$DATABASE_URL) is migrated on start and gets the
# sample data once, only if it never held an assessment (guarded in the database).
run: $(STAMP)
	$(BIN)/python -m cli db seed-if-empty
	$(BIN)/streamlit run app.py

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_scoring.py
	$(BIN)/python benchmarks/bench_cli_csv.py
	$(BIN)/python benchmarks/bench_pdf.py
	$(BIN)/python benchmarks/bench_rerun.py
	$(BIN)/python benchmarks/bench_store.py
	$(BIN)/python benchmarks/bench_dashboard.py
	$(BIN)/python benchmarks/bench_jobs.py
	$(BIN)/python benchmarks/bench_actions.py

# The schema's version is the model's (assessments/model.py SCHEMA_VERSION); older files stay.
SCHEMA := 1.3

schema: $(STAMP)
	$(BIN)/python -m cli schema -o schemas/assessment-$(SCHEMA).schema.json
	$(BIN)/python -m cli template -o examples/assessments-template.csv

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis .benchmarks

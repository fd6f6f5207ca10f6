# The two commands of the README: `make run` (demo site on SQLite) and `make test` (whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DEV_ENV := DEBUG=1

.PHONY: install run serve worker test lint format messages clean lock audit

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

# requirements.lock pins every package (make lock writes it from pyproject.toml); a package
# added to pyproject.toml but not yet locked is still installed, at its newest allowed version.
$(VENV)/.installed: pyproject.toml requirements.lock | $(BIN)/activate
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test]'
	touch $@

install: $(VENV)/.installed
	$(DEV_ENV) $(BIN)/python manage.py compile_translations

run: install
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	PORT=$(PORT) $(DEV_ENV) $(BIN)/python manage.py load_demo
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Production serving: the settings of the README's configuration table (SECRET_KEY, DATABASE_URL,
# REDIS_URL …) from the environment; run `manage.py migrate` once per release, not here.
# Static files are collected first (hashed names, gzip-compressed, served by WhiteNoise);
# gunicorn.conf.py picks the number of workers from the CPUs.
serve: install
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	PORT=$(PORT) $(BIN)/gunicorn --config gunicorn.conf.py

# A background-job worker (needs REDIS_URL): runs queued tasks and, with the scheduler,
# the retries that wait for their time.
worker: install
	$(BIN)/python manage.py rqworker --with-scheduler

# The Nu HTML Checker for tests/browser/test_html_validity.py, from npm when npm is present.
# Without npm (or offline) nothing is installed and those tests skip loudly (fail when CI sets
# REQUIRE_BROWSER=1). --ignore-scripts: the system Java runs it, no JRE download.
VNU_VERSION := 26.9.27
VNU_JAR := node_modules/vnu-jar/build/dist/vnu.jar

$(VNU_JAR):
	@if command -v npm >/dev/null 2>&1; then \
		npm install --prefix . --no-save --no-audit --no-fund --ignore-scripts vnu-jar@$(VNU_VERSION) \
		|| echo "vnu-jar could not be installed: the HTML validity tests will be skipped."; \
	else \
		echo "npm not found: vnu.jar is missing, the HTML validity tests will be skipped."; \
	fi

test: install $(VNU_JAR)
	$(BIN)/python -m pytest

# Pin the versions of every package, test tools included, after a change to pyproject.toml.
lock: $(BIN)/activate
	$(BIN)/python -m pip install --quiet 'pip-tools>=7.4,<8'
	$(BIN)/pip-compile --quiet --extra test --strip-extras --no-emit-index-url \
		--no-emit-find-links --no-header --annotation-style line -o requirements.lock pyproject.toml

# Known vulnerabilities in the installed packages (needs PyPI's or OSV's vulnerability data:
# --strict fails when a package could not be checked, rather than passing without checking).
audit: install
	$(BIN)/pip-audit --strict --skip-editable --progress-spinner off

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format:
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages:
	$(DEV_ENV) $(BIN)/python manage.py makemessages --no-obsolete -l tr -l ru --ignore '.venv/*' --ignore 'staticfiles/*' --ignore 'node_modules/*'

clean:
	rm -rf $(VENV) staticfiles .pytest_cache

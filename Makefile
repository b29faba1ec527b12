# The two commands a new user needs (see README.md):
#   make run   installs everything, loads demo data into SQLite and serves http://127.0.0.1:8000
#   make test  installs what the suite needs and runs all of it, browser tests included
# Both install Python packages from the hash-checked lock files (make lock rewrites them from
# requirements.txt and requirements-dev.txt; docs/decisions/0008-locked-dependencies.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
FRONTEND := static/build/.built

.PHONY: run test serve-production lock frontend chromium system-libraries lint messages compile-messages

run: system-libraries $(VENV)/.runtime $(FRONTEND) compile-messages
	@mkdir -p var
	$(MANAGE) bootstrap
	$(MANAGE) seed_demo_staff
	$(MANAGE) seed_demo_agencies
	$(MANAGE) seed_demo_reports
	@echo "Serving on http://127.0.0.1:8000 (press Ctrl+C to stop)"
	$(MANAGE) runserver 127.0.0.1:8000

# The suite's settings for every step, compiling translations included: development settings
# refuse CI's PostgreSQL DATABASE_URL (docs/decisions/0007-settings-per-entry-point.md).
test: export DJANGO_SETTINGS_MODULE = portal.settings.test
test: system-libraries $(VENV)/.dev $(FRONTEND) chromium compile-messages
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.lock | $(VENV)/bin/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	@touch $@

$(VENV)/.dev: requirements.lock requirements-dev.lock | $(VENV)/bin/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	@touch $@ $(VENV)/.runtime

# Rewrites the lock files after a change to requirements.txt or requirements-dev.txt; the dev
# lock is constrained by the runtime one, so both install the same runtime versions.
PIP_COMPILE := $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
lock: $(VENV)/.dev
	$(PIP_COMPILE) --output-file requirements.lock requirements.txt
	$(PIP_COMPILE) --constraint requirements.lock --output-file requirements-dev.lock requirements-dev.txt

# The production stack on this machine (portal/settings/local_stack.py): gunicorn with its
# production config, a Celery worker and beat, production settings on SQLite in var/ over plain
# HTTP. Ctrl+C stops all three.
serve-production: export DJANGO_SETTINGS_MODULE = portal.settings.local_stack
serve-production: system-libraries $(VENV)/.runtime $(FRONTEND) compile-messages
	@mkdir -p var/local-stack-queue/control
	$(MANAGE) migrate --noinput
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) load_forces
	$(MANAGE) load_grade_schemes
	$(MANAGE) load_support_services
	$(MANAGE) seed_demo_staff
	$(MANAGE) seed_demo_agencies
	$(MANAGE) seed_demo_reports
	@echo "Serving with gunicorn on http://127.0.0.1:8000, with a worker and beat (press Ctrl+C to stop)"
	@trap 'kill 0' INT TERM EXIT; \
	  $(BIN)/celery -A portal worker --loglevel INFO & \
	  $(BIN)/celery -A portal beat --loglevel INFO --schedule var/local-stack-beat-schedule & \
	  $(BIN)/gunicorn -c deploy/gunicorn.conf.py

$(FRONTEND): package.json package-lock.json build-frontend.mjs $(wildcard static/src/*.scss static/js/*)
	npm ci --no-audit --no-fund --loglevel=error
	npm run --silent build
	@touch $@

frontend: $(FRONTEND)

# From the system: Pango and fonts for WeasyPrint (PDF case files), and gettext to build the
# translations (locale/, see docs/translation.md).
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-liberation2 gettext
system-libraries:
	@ldconfig -p | grep -q libpangoft2-1.0 && fc-list | grep -qi liberation && command -v msgfmt >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq --no-install-recommends $(SYSTEM_PACKAGES); \
	  else echo "PDFs and translations need: sudo apt-get install $(SYSTEM_PACKAGES)"; fi; }

# Translations (docs/translation.md). The .po catalogues are committed; the .mo files they
# compile to are not. `make messages` collects every marked string into the catalogues.
I18N_IGNORE := --ignore=node_modules --ignore=.venv --ignore=var --ignore=tests --ignore=bench
LANGUAGE_CODES := cy
messages: system-libraries $(VENV)/.runtime
	$(MANAGE) makemessages $(addprefix -l ,$(LANGUAGE_CODES)) --add-location=file --no-obsolete $(I18N_IGNORE)
	$(MANAGE) compilemessages $(I18N_IGNORE)

compile-messages: system-libraries $(VENV)/.runtime
	$(MANAGE) compilemessages $(I18N_IGNORE)

# Browser tests drive Debian's Chromium; Playwright cannot download its own browser here.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium; \
	  else echo "Chromium is not installed: run 'sudo apt-get install chromium' to run the browser tests."; fi; }

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

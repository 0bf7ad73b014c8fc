# Nhà Rông. `make run` and `make test` set everything up on a fresh machine
# that has only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_WORKERS ?= auto  # pytest-xdist: one worker per core (make test PYTEST_WORKERS=0 for one process)

.PHONY: install install-dev run worker serve setup test lint format lock bench backup restore clean lighthouse lighthouse-install validators-install screenshots

$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.lock
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.lock
	$(PIP) install --quiet -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed  ## virtualenv with the locked runtime dependencies

install-dev: $(VENV)/.installed-dev

setup: install  ## migrate, compile catalogues, load demo content, ensure an admin
	$(PY) manage.py compile_catalogues
	$(PY) manage.py migrate --noinput
	TASKS_BACKEND=immediate $(PY) manage.py load_demo_content  # index and render now, not via the queue
	$(PY) manage.py ensure_admin
	$(PY) manage.py set_site_address  # the Site record says WAGTAILADMIN_BASE_URL too

# With the database task queue (TASKS_BACKEND=database, the default) a worker runs
# beside runserver and stops with it (Ctrl-C, or runserver exiting for any reason);
# with DEBUG it reloads on code changes in a child process, hence pkill -P <its pid>.
run: setup  ## set up and serve on http://127.0.0.1:8000 (plus a background task worker)
	@backend="$$($(PY) manage.py shell -c 'from django.conf import settings; print(settings.TASKS_BACKEND)' 2>/dev/null | tail -n 1)"; \
	if [ "$$backend" = "database" ]; then \
		$(PY) manage.py db_worker --queue-name '*' & worker=$$!; \
		trap 'pkill -TERM -P $$worker 2>/dev/null; kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' \
			EXIT INT TERM; \
		echo "Task worker started (pid $$worker); it stops with runserver."; \
	else echo "TASKS_BACKEND=$$backend: tasks run in the request, no worker."; fi; \
	$(PY) manage.py runserver $(HOST):$(PORT)

worker: install  ## only the background task worker (db_worker), e.g. beside gunicorn
	$(PY) manage.py db_worker --queue-name '*'

# tests/validators: the Nu Html Checker (run with Java) and axe-core, pinned in its package-lock.json.
validators-install: tests/validators/node_modules/.installed
tests/validators/node_modules/.installed: tests/validators/package.json tests/validators/package-lock.json
	@command -v java >/dev/null || ([ "$$(id -u)" = 0 ] && apt-get install -y -q default-jre-headless >/dev/null) \
		|| echo "Java missing: the HTML validation will skip"
	@(command -v npm >/dev/null && npm ci --prefix tests/validators --ignore-scripts --no-audit --no-fund >/dev/null \
		&& touch $@) || echo "npm missing: the HTML and accessibility validators will skip"

test: install-dev validators-install  ## the whole suite (SQLite unless DATABASE_URL is set)
	@# Browser tests need Debian's chromium; install it when we can (root + apt), else they skip.
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		(apt-get install -y -q chromium || (apt-get update -q && apt-get install -y -q chromium)) \
		>/dev/null 2>&1 || echo "chromium could not be installed: browser tests will skip"; fi
	$(PY) manage.py compile_catalogues
	$(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: install-dev  ## ruff (rules and formatting) and the import contracts (ARCHITECTURE.md)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

lock:  ## re-resolve pyproject.toml into the two lock files
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -e .
	.lock-venv/bin/pip freeze --exclude-editable > requirements.lock
	.lock-venv/bin/pip install --quiet -e ".[dev]"
	.lock-venv/bin/pip freeze --exclude-editable > requirements-dev.lock
	rm -rf .lock-venv

BENCH_ARGS ?=
# Then cold pages and statistics at 1,000 and 10,000 pages on SQLite and, when it answers,
# PostgreSQL (BENCH_PG_URL; its database is dropped and made again), into the same file
# (`python -m bench.scale`: each size built, then the sizes timed in turns; about 15 minutes
# per engine).
BENCH_PG_URL ?= postgres://postgres@127.0.0.1:5432/wt_perf
# The corpus sizes bench.scale times; BENCH_SIZES=1000,10000,100000 adds the province's
# 100,000 pages (on SQLite the 90,000 more pages took 12.5 minutes to generate: docs/benchmarks.md).
BENCH_SIZES ?= 1000,10000
bench: install-dev  ## generate the corpus, serve with granian, measure with wrk; then cold pages on SQLite and PostgreSQL; writes docs/benchmarks.md
	@command -v wrk >/dev/null || ([ "$$(id -u)" = 0 ] && apt-get install -y -q wrk) || echo "wrk missing"
	$(MAKE) lighthouse-install
	$(PY) -m bench.run $(BENCH_ARGS)
	$(PY) -m bench.scale --database sqlite --sizes $(BENCH_SIZES) --fresh
	@if $(PY) -c "import sys, psycopg; psycopg.connect(sys.argv[1].replace('postgres://', 'postgresql://').rsplit('/', 1)[0] + '/postgres', connect_timeout=3).close()" "$(BENCH_PG_URL)" 2>/dev/null; then \
		$(PY) -m bench.scale --database postgres --postgres-url "$(BENCH_PG_URL)" --sizes $(BENCH_SIZES) --fresh; \
	else echo "PostgreSQL does not answer at $(BENCH_PG_URL): the PostgreSQL part is left out"; fi
	$(PY) -m bench.scale --render

lighthouse-install:  ## npm lighthouse into bench/node_modules and Debian chromium, when possible
	@[ -x /usr/bin/chromium ] || ([ "$$(id -u)" = 0 ] && apt-get install -y -q chromium) \
		|| echo "chromium missing: Lighthouse will be skipped"
	@[ -d bench/node_modules/lighthouse ] || (command -v npm >/dev/null \
		&& npm install --no-audit --no-fund --prefix bench lighthouse) \
		|| echo "npm missing: Lighthouse will be skipped"

LIGHTHOUSE_URL ?= http://127.0.0.1:8000
LIGHTHOUSE_PATHS ?= /vi/
lighthouse: lighthouse-install  ## score a running site: make lighthouse LIGHTHOUSE_PATHS="/vi/ /en/"
	$(PY) -m bench.lighthouse $(LIGHTHOUSE_URL) $(LIGHTHOUSE_PATHS)

screenshots: install-dev setup  ## key pages at 360 and 1280 px into docs/screenshots/ (not committed)
	@[ -x /usr/bin/chromium ] || ([ "$$(id -u)" = 0 ] && apt-get install -y -q chromium) \
		|| echo "chromium missing: screenshots will be skipped"
	$(PY) -m bench.screenshots

BACKUP_DIR ?= backups
backup: install  ## dump the database (SQLite or PostgreSQL) and media into backups/<stamp>/
	$(PY) scripts/backup.py backup --dest $(BACKUP_DIR)

restore: install  ## make restore BACKUP=backups/<stamp>: load a dump and its media
	@test -n "$(BACKUP)" || (echo "Usage: make restore BACKUP=backups/<stamp>" && exit 2)
	$(PY) scripts/backup.py restore $(BACKUP)

clean:
	rm -rf $(VENV) staticfiles

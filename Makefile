# rollcoach: `make run` starts the app, `make test` checks everything.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: setup browser run serve test lint test-sqlite test-postgres bench clean

$(STAMP):
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

setup: $(STAMP)

# Browser tests drive Debian's Chromium; Playwright's own browser download is not used.
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium; }

# A server for the person at this machine: plain http at 127.0.0.1, rollcoach's own error pages
# (DEBUG=true make run for Django's debug pages), a secret key made once in the data directory.
run: export ROLLCOACH_LOCAL_SERVER = true
run: setup
	$(PY) manage.py migrate --noinput
	$(PY) -m rollcoach.cli check-content
	$(PY) manage.py collectstatic --noinput -v 0
	@echo "rollcoach is at http://$(HOST):$(PORT)/"
	$(VENV)/bin/gunicorn rollcoach.web.wsgi --bind $(HOST):$(PORT) --workers 2 --access-logfile -

# The browser JavaScript: eslint and prettier, pinned in package.json and package-lock.json, and
# the node:test suites in tests/js/ (which need no packages). `npm run format` rewrites the JS.
NODE_STAMP := node_modules/.installed-$(shell cksum package-lock.json | cut -d' ' -f1)
.PHONY: js lint-js test-js

$(NODE_STAMP):
	npm ci --no-audit --no-fund
	touch $@

js: $(NODE_STAMP)

lint-js: js
	npm run --silent lint

test-js:
	node --test tests/js/

lint: setup lint-js
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/cog --check --diff README.md

# Two workers: the machines have two cores, and most tests wait on neither.
test-sqlite: setup browser
	$(VENV)/bin/pytest -q -n 2

# Runs the suite again on PostgreSQL, less what never touches its database: the terminal-app
# tests keep their own SQLite files (with a PostgreSQL test of their own), and the browser tests
# drive pages whose data paths the rest of the suite covers. Under CI=true an unreachable server
# is a failure.
test-postgres: setup
	@if $(PY) -c "import psycopg,sys; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest -q -n 2 -m "not cli and not browser"; \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL is not reachable at $(PG_URL), and CI=true requires it."; exit 1; \
	else \
		echo "PostgreSQL is not reachable at $(PG_URL): the PostgreSQL run is SKIPPED."; \
	fi

test: lint test-js test-sqlite test-postgres

# The load generator (locust) gets an environment of its own, away from the app's and the tests'.
# Measures the code of BENCH_SRC and, beside it, BENCH_BEFORE (commits or folders; empty: none).
BENCH_VENV := bench/.venv
BENCH_STAMP := $(BENCH_VENV)/.installed-$(shell cksum bench/requirements.txt | cut -d' ' -f1)
BENCH_SRC ?= HEAD
BENCH_BEFORE ?= dae9ef9

$(BENCH_STAMP):
	python3 -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install -q -r bench/requirements.txt
	rm -f $(BENCH_VENV)/.installed-*
	touch $@

bench: setup $(BENCH_STAMP)
	@command -v wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk; }
	$(PY) bench/run.py --record --src "$(BENCH_SRC)" --before "$(BENCH_BEFORE)"
	$(PY) bench/profile_requests.py --src "$(BENCH_SRC)" --database sqlite,postgresql \
		--out bench/PROFILE.md
	@if [ -n "$(BENCH_BEFORE)" ]; then \
		$(PY) bench/profile_requests.py --src "$(BENCH_BEFORE)" --database sqlite,postgresql \
			--out bench/PROFILE-before.md; \
	fi

# Production-style serving: set SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL first.
serve: setup
	DEBUG=false $(PY) manage.py migrate --noinput
	DEBUG=false $(PY) manage.py collectstatic --noinput -v 0
	DEBUG=false $(VENV)/bin/gunicorn rollcoach.web.wsgi --bind $(HOST):$(PORT) \
		--workers $${WEB_CONCURRENCY:-$$(nproc)} --access-logfile - --access-logformat \
		'{"time": "%(t)s", "method": "%(m)s", "path": "%(U)s", "status": %(s)s, "ms": %(M)s}'

clean:
	rm -rf $(VENV) data .mypy_cache .ruff_cache .pytest_cache

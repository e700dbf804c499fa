# The two commands: `make run` serves the portal, `make test` runs the whole suite.
# Both work on a fresh machine with Python 3.11+ only; see README.md.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed-stamp
SECRET := .data/secret_key
# A local, plain-HTTP run: production settings otherwise (DEBUG off, gunicorn, whitenoise).
LOCAL_ENV = DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$(cat $(SECRET))}" DJANGO_HTTPS=0

.PHONY: install run dev test test-postgres15 lint format messages lock clean

# Reinstall only when the requirements or the constraints changed.
$(STAMP): requirements/base.txt requirements/dev.txt constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -r requirements/dev.txt
	touch $(STAMP)

install: $(STAMP)

$(SECRET):
	mkdir -p .data
	umask 077 && $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $(SECRET)

run: $(STAMP) $(SECRET)
	$(LOCAL_ENV) $(BIN)/python manage.py migrate --no-input
	$(LOCAL_ENV) $(BIN)/python manage.py seed_demo
	$(LOCAL_ENV) $(BIN)/python manage.py collectstatic --no-input --verbosity 0
	@echo ""
	@echo "  Portal:     http://127.0.0.1:$(PORT)/"
	@echo "  Admin demo: http://127.0.0.1:$(PORT)/admin/  user 'admin', password 'tanjungpinang-demo'"
	@echo "  (also verifikator, evaluator.dinkes, moderator, responder.diskominfo; same password)"
	@echo ""
	$(LOCAL_ENV) PORT=$(PORT) $(BIN)/gunicorn portal.wsgi

dev: $(STAMP)
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DJANGO_DEBUG=1 $(BIN)/python manage.py seed_demo
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: $(STAMP)
	$(BIN)/pytest -n 2

# The same suite against the machine's plain PostgreSQL 15 server.
test-postgres15: $(STAMP)
	DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres $(BIN)/pytest -n 2

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Needs GNU gettext (apt-get install gettext); the compiled catalogues are committed.
messages: $(STAMP)
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemessages -l en --no-location --no-obsolete --ignore=.venv --ignore=.data --ignore=staticfiles
	DJANGO_DEBUG=1 $(BIN)/python manage.py compilemessages -l en --ignore=.venv

lock:
	$(BIN)/python -m pip freeze --exclude-editable | sed '/^-e /d' > constraints.tmp
	{ head -n 2 constraints.txt; cat constraints.tmp; } > constraints.txt.new && rm constraints.tmp && mv constraints.txt.new constraints.txt

clean:
	rm -rf $(VENV) staticfiles

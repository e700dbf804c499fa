"""What gunicorn's master prepares before it forks its workers (portal.wsgi, gunicorn.conf.py)."""

import gc
import logging
import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.template import engines
from django.utils.translation import trans_real

from portal.wsgi import prepare_for_workers

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def unfrozen():
    yield
    gc.unfreeze()


def test_the_master_freezes_what_the_workers_share_without_touching_the_database(unfrozen):
    # Not a django_db test: a query here would fail it, and a connection open in the master
    # would be shared by every forked worker.
    frozen = prepare_for_workers()

    assert frozen > 10_000
    assert {code for code, _name in settings.LANGUAGES} <= set(trans_real._translations)
    # What a full collection still walks: only what was made since, not what was loaded.
    assert len(gc.get_objects()) < frozen / 10


def test_every_page_template_is_compiled_before_the_fork(unfrozen):
    loader = engines["django"].engine.template_loaders[0]
    loader.reset()

    prepare_for_workers()

    compiled = set(loader.get_template_cache)
    pages = {str(path.relative_to(ROOT / "templates")) for path in ROOT.glob("templates/**/*.html")}
    assert pages and pages <= compiled


def test_gunicorn_prepares_the_workers_once_the_app_is_loaded(unfrozen, caplog):
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert config["preload_app"] is True

    with caplog.at_level(logging.INFO):
        config["when_ready"](SimpleNamespace(log=logging.getLogger("gunicorn.test")))

    assert gc.get_freeze_count() > 10_000
    assert "objects frozen for the workers" in caplog.text

import pytest


@pytest.fixture(autouse=True)
def _indonesian_by_default(settings):
    settings.LANGUAGE_CODE = "id"


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Each test starts with no cached page (the generation rolls back with the test)."""
    from django.core.cache import caches

    caches["pages"].clear()

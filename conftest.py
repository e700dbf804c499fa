import pytest
from hypothesis import settings as hypothesis_settings

# No time limit on a hypothesis example: on a shared machine one example in a thousand took
# 545 ms where it takes 0.2 (test_links, its first call), and hypothesis failed the run for it.
# The speed of the pages is measured in bench/, never in tests.
hypothesis_settings.register_profile("portal", deadline=None)
hypothesis_settings.load_profile("portal")


@pytest.fixture(autouse=True)
def _indonesian_by_default(settings):
    settings.LANGUAGE_CODE = "id"


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Each test starts with no cached page (the generation rolls back with the test)."""
    from django.core.cache import caches

    caches["pages"].clear()

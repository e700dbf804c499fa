"""Settings for the test suite: the portal's own, with test-only values where they must differ."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-secret-key-not-used-anywhere-else")
os.environ.setdefault("DJANGO_HTTPS", "0")

from portal.settings import *  # noqa: F403

ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Serve static files straight from the finders, as no collectstatic runs before the tests.
STATIC_ROOT = Path(tempfile.gettempdir()) / "portal-test-static"
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Close connections after each request, so the live server's thread leaves none behind when
# the test database is dropped.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

# The pages' own tests measure the work of rendering them; the page cache has its own tests
# (tests/portal/test_page_cache.py), which turn it on.
PAGE_CACHE = False

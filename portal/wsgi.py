import gc
import os
from pathlib import Path

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
application = get_wsgi_application()


def prepare_for_workers() -> int:
    """Load what every worker would load on its first requests, then freeze the whole heap out
    of the garbage collector's reach; returns the number of objects frozen.

    For gunicorn's master with `preload_app` (gunicorn.conf.py), before it forks its workers.
    After startup a worker holds ~125,000 objects the collector tracks, nearly all of them
    Django's and the portal's own modules, URL patterns and compiled templates, which live as
    long as the process. Each full collection walked them all (~30 ms on the scale benchmark,
    about once every hundred searches: a latency spike and ~6 % of the search's CPU). Frozen,
    they are skipped, and the forked workers share their memory pages instead of copying them
    when the collector would have written to them.

    Only what needs no database: no connection may be open when the master forks.
    """
    from django.conf import settings
    from django.template.loader import get_template
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver().url_patterns  # noqa: B018 (imports every view module)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):  # activating a language loads its catalogue
            pass
    for directory in settings.TEMPLATES[0]["DIRS"]:
        for path in sorted(Path(directory).rglob("*.html")):
            get_template(str(path.relative_to(directory)))
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()

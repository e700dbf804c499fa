"""The page cache of the public pages: shared-nothing, yet never stale across workers.

A cached page is stored under a key made of the cache generation (a number in PostgreSQL that
triggers move on every change to public data: reports/migrations/0004_cache_generation.py),
the language, the day, the host and the full path with its query string. Each request reads
the generation (one single-row query) and looks up its key, so a publication, a correction,
a withdrawal, a withholding or an edit of a unit or an employee is visible at the next request
in every gunicorn worker and on every host, whatever cache backend each one has: with the
default per-process memory cache, each worker simply fills its own copy again.

What is never cached: requests with a session cookie (staff who logged in, whose pages may
differ), requests carrying messages, anything but GET and HEAD, and responses that are not a
plain 200 (errors, redirects, streaming, a response that sets a cookie or says private or
no-store). A CSRF token in a stored page (a form on a cached page; the footer's language switch
needs none) is cut out of it and a token for the reader is put back on every hit, so no one
receives another reader's token. A stored page keeps the ETag Django's ConditionalGetMiddleware
gives it (from its bytes), so a hit is not hashed again; a page with a token is tagged at each
answer, since each reader's bytes differ.
Security headers (CSP, HSTS, frame and referrer policies) are added by the middleware around
the view on every response, hit or miss.

Use `cache_page_view(view)` on a single view, or `cached_urls(module, names)` in portal/urls.py
to cache some pages of an app without the app importing portal. A page may be cached only if
every table it reads moves the generation: the tables with triggers are listed in
reports/migrations/0004_cache_generation.py; a page that reads another one (feedback, forums)
needs the same triggers on it first, in a migration of its app. `DJANGO_PAGE_CACHE=0` turns the
cache off (the "caches off" benchmark run).
"""

import functools
import hashlib
import re
from importlib import import_module

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import URLPattern, URLResolver
from django.utils import timezone
from django.utils.cache import patch_vary_headers, set_response_etag
from django.utils.translation import get_language

from portal.prepared import preparing_cursor

CACHE_ALIAS = "pages"
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]+(")')
CSRF_PLACEHOLDER = b"@@csrf-token@@"
STATUS_HEADER = "X-Page-Cache"


def current_generation() -> int:
    # Prepared: every request of a cached page asks it, and it is the only query of a hit.
    with preparing_cursor() as cursor:
        cursor.execute("SELECT value FROM cache_generation")
        row = cursor.fetchone()
    return row[0] if row else 0


def page_key(request, generation: int) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"page:{generation}:{get_language()}:{timezone.localdate():%Y%m%d}:{digest}"


def skips_cache(request) -> bool:
    cookies = request.COOKIES
    return (
        not settings.PAGE_CACHE
        or request.method not in ("GET", "HEAD")
        or settings.SESSION_COOKIE_NAME in cookies
        or CookieStorage.cookie_name in cookies
    )


def storable(response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


def serve(request, entry) -> HttpResponse:
    content, headers = entry
    if CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    return response


def cache_page_view(view):
    """Serve a public GET view from the page cache, keyed by the cache generation."""

    @functools.wraps(view)
    def cached_view(request, *args, **kwargs):
        if skips_cache(request):
            response = view(request, *args, **kwargs)
            response[STATUS_HEADER] = "off"
            return response
        cache = caches[CACHE_ALIAS]
        key = page_key(request, current_generation())
        entry = cache.get(key)
        if entry is not None:
            response = serve(request, entry)
            response[STATUS_HEADER] = "hit"
        else:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            if request.method == "GET" and storable(response):
                content = CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
                if CSRF_PLACEHOLDER not in content:
                    # Its ETag (ConditionalGetMiddleware's, from the bytes) is stored with it, so
                    # a hit is not hashed again. A page with a token differs for each reader:
                    # the middleware tags each answer.
                    set_response_etag(response)
                cache.set(key, (content, list(response.items())), settings.PAGE_CACHE_SECONDS)
            response[STATUS_HEADER] = "miss"
        # The language comes from the cookie or Accept-Language, as the locale middleware says.
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    return cached_view


def cached_urls(module: str, names):
    """An app's URL patterns for include(), with the views named in `names` page-cached."""
    urlconf = import_module(module)
    patterns = []
    for pattern in urlconf.urlpatterns:
        if isinstance(pattern, URLPattern) and pattern.name in names:
            pattern = URLPattern(
                pattern.pattern,
                cache_page_view(pattern.callback),
                pattern.default_args,
                pattern.name,
            )
        patterns.append(pattern)
    unknown = set(names) - {p.name for p in patterns if not isinstance(p, URLResolver)}
    if unknown:
        raise ValueError(f"{module} has no URL named {', '.join(sorted(unknown))}")
    return patterns, urlconf.app_name

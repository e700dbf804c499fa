"""A page-cached page with a form of its own (a CSRF token), for tests/portal/test_page_cache.py:
no public page has one now, but the cache must still give every reader their own token."""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from portal.cache import cache_page_view
from portal.urls import urlpatterns as portal_urlpatterns

FORM = engines["django"].from_string(
    '<form method="post" action="/kirim/">{% csrf_token %}<button>Kirim</button></form>'
)


def form_page(request):
    return HttpResponse(FORM.render(request=request))


def send(request):  # CSRF-checked by the middleware, like any POST
    return HttpResponse("terkirim")


urlpatterns = [
    path("formulir/", cache_page_view(form_page)),
    path("kirim/", send),
    *portal_urlpatterns,  # the error pages' layout links to the portal's pages
]

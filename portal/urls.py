from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from portal import views
from portal.cache import cache_page_view, cached_urls

# Public pages served from the page cache (portal/cache.py); staff and forms never are.
CACHED_REPORT_PAGES = (
    "report-list",
    "report-detail",
    "employee-detail",
    "unit-performance",
    "city-dashboard",
)

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("tentang/", views.AboutView.as_view(), name="about"),
    path("cari/", cache_page_view(views.SearchView.as_view()), name="search"),
    path("healthz", views.healthz, name="healthz"),
    path("bench/ping/", views.bench_ping, name="bench-ping"),
    path("data/", views.DataIndexView.as_view(), name="data-index"),
    path("data/<slug:slug>/", views.DatasetView.as_view(), name="data-detail"),
    # Without a CSRF token: see portal.templatetags.layout.language_switch.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("", include("personnel.urls")),
    path("", include(cached_urls("reports.urls", CACHED_REPORT_PAGES))),
    path("", include("feedback.urls")),
    path("", include("selection.urls")),
    path("", include("training.urls")),
    path("", include("forums.urls")),
]

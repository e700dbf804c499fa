from django.urls import path, register_converter

from reports import feeds, performance, views
from reports.opendata import views as opendata


class FormatConverter:
    """A file extension; the view answers 404 for one it does not serve."""

    regex = "[a-z0-9]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FormatConverter, "format")

app_name = "reports"

urlpatterns = [
    path("laporan/", views.ReportListView.as_view(), name="report-list"),
    path(
        "laporan/<str:public_id>/<slug:period>/v<int:version>/",
        views.ReportDetailView.as_view(),
        name="report-detail",
    ),
    path("asn/<str:public_id>/", views.EmployeeReportsView.as_view(), name="employee-detail"),
    path(
        "unit/<slug:code>/kinerja/",
        performance.UnitPerformanceView.as_view(),
        name="unit-performance",
    ),
    path("kinerja/", performance.CityDashboardView.as_view(), name="city-dashboard"),
    # Open data: stable addresses, documented on /data/ (portal).
    path(
        "data/laporan/<slug:period>.<format:fmt>",
        opendata.dataset_file,
        {"slug": "laporan"},
        name="data-laporan",
    ),
    path(
        "data/indikator/<slug:period>.<format:fmt>",
        opendata.dataset_file,
        {"slug": "indikator"},
        name="data-indikator",
    ),
    path("data/unit.<format:fmt>", opendata.dataset_file, {"slug": "unit"}, name="data-unit"),
    path(
        "data/jabatan.<format:fmt>",
        opendata.dataset_file,
        {"slug": "jabatan"},
        name="data-jabatan",
    ),
    path(
        "data/popolo.<format:fmt>",
        opendata.dataset_file,
        {"slug": "popolo"},
        name="data-popolo",
    ),
    path("data/feed/laporan.atom", feeds.ReportFeed(), name="feed"),
    path("unit/<slug:code>/laporan.atom", feeds.UnitReportFeed(), name="unit-feed"),
]

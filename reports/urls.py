from django.urls import path

from reports import performance, views

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
]

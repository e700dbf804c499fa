from django.contrib import admin
from django.urls import include, path

from portal import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("tentang/", views.AboutView.as_view(), name="about"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("personnel.urls")),
    path("", include("reports.urls")),
    path("", include("feedback.urls")),
]

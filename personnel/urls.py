from django.urls import path

from personnel import views

app_name = "personnel"

urlpatterns = [
    path("unit/", views.UnitDirectoryView.as_view(), name="unit-directory"),
    path("unit/<slug:code>/", views.UnitDetailView.as_view(), name="unit-detail"),
]

from django.urls import path

from training import views

app_name = "training"

urlpatterns = [
    path("pelatihan/", views.CalendarView.as_view(), name="calendar"),
    path("pelatihan/capaian-jp/", views.AchievementView.as_view(), name="achievement"),
]

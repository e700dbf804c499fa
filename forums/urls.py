from django.urls import path

from forums import views

app_name = "forums"

urlpatterns = [
    path("forum/", views.ForumListView.as_view(), name="list"),
    path("forum/kalender.ics", views.calendar_feed, name="calendar"),
    path("forum/<slug:slug>/", views.ForumDetailView.as_view(), name="detail"),
    path("forum/<slug:slug>/daftar/", views.register, name="register"),
    path("komitmen/", views.CommitmentListView.as_view(), name="commitments"),
    path("komitmen/<int:pk>/", views.CommitmentDetailView.as_view(), name="commitment"),
]

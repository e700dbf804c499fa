from django.urls import path

from selection import feeds, views

app_name = "selection"

urlpatterns = [
    path("seleksi/", views.SelectionListView.as_view(), name="list"),
    path("seleksi/feed.atom", feeds.SelectionFeed(), name="feed"),
    path("seleksi/konfirmasi/<str:token>/", views.confirm_input, name="confirm"),
    path("seleksi/<slug:slug>/", views.SelectionDetailView.as_view(), name="detail"),
    path("seleksi/<slug:slug>/feed.atom", feeds.SelectionFeed(), name="selection-feed"),
    path("seleksi/<slug:slug>/masukan/", views.give_input, name="input"),
]

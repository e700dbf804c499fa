from django.urls import path

from selection import feeds, views

app_name = "selection"

urlpatterns = [
    path("seleksi/", views.SelectionListView.as_view(), name="list"),
    path("seleksi/feed.atom", feeds.SelectionFeed(), name="feed"),
    path("seleksi/<slug:slug>/", views.SelectionDetailView.as_view(), name="detail"),
    path("seleksi/<slug:slug>/feed.atom", feeds.SelectionFeed(), name="selection-feed"),
]

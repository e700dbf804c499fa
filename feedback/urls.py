from django.urls import path

from feedback import views

app_name = "feedback"

urlpatterns = [
    path("masukan/", views.submit, name="submit"),
    path("masukan/terkirim/", views.thanks, name="thanks"),
    path("masukan/lacak/", views.lookup, name="lookup"),
    path("masukan/klarifikasi/", views.answer, name="answer"),
    path("masukan/keberatan/", views.objection, name="objection"),
    path("masukan/publik/", views.PublicListView.as_view(), name="public-list"),
    path("masukan/publik/<int:pk>/", views.PublicDetailView.as_view(), name="public-detail"),
    path("masukan/publik/<int:pk>/laporkan/", views.flag_item, name="public-flag"),
    path("masukan/skor/", views.ScoreboardView.as_view(), name="scoreboard"),
    path("masukan/nilai/", views.assess, name="assess"),
    path(
        "masukan/nilai/konfirmasi/<str:token>/",
        views.assessment_confirm,
        name="assessment-confirm",
    ),
    path("privasi/", views.PrivacyView.as_view(), name="privacy"),
]

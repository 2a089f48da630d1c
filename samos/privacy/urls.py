from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path(
        "beheer/persoonsgegevens-zoeken/",
        views.SubjectSearchView.as_view(),
        name="subject_search",
    ),
]

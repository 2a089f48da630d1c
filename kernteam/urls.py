from django.urls import path

from . import views

app_name = "kernteam"

urlpatterns = [
    path("", views.CaseListView.as_view(), name="case_list"),
    path("nieuw/", views.CaseCreateView.as_view(), name="case_create"),
    path("<uuid:uuid>/", views.CaseDetailView.as_view(), name="case_detail"),
    path("<uuid:uuid>/fase/", views.CasePhaseView.as_view(), name="case_phase"),
]

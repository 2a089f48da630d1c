from django.urls import path

from . import views

app_name = "kernteam"

urlpatterns = [
    path("casussen/", views.CaseListView.as_view(), name="case_list"),
    path("casussen/nieuw/", views.CaseCreateView.as_view(), name="case_create"),
    path("casussen/<uuid:uuid>/", views.CaseDetailView.as_view(), name="case_detail"),
    path("casussen/<uuid:uuid>/fase/", views.CasePhaseView.as_view(), name="case_phase"),
]

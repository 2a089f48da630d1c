from django.urls import path

from . import views

app_name = "crisis"

H = "casussen/<uuid:uuid>/overdracht/"

urlpatterns = [
    path(H, views.HandoverCreateView.as_view(), name="handover_create"),
    path(f"{H}<uuid:handover_uuid>/", views.HandoverDetailView.as_view(), name="handover_detail"),
    path(
        f"{H}<uuid:handover_uuid>/situatiebeeld.pdf",
        views.SituationPdfView.as_view(),
        name="situation_pdf",
    ),
    path(
        f"{H}<uuid:handover_uuid>/terug/",
        views.HandoverReturnView.as_view(),
        name="handover_return",
    ),
]

from django.urls import path

from . import views

app_name = "signals"

urlpatterns = [
    path("", views.SignalListView.as_view(), name="signal_list"),
    path("nieuw/", views.SignalCreateView.as_view(), name="signal_create"),
    path("inbox/", views.SignalInboxView.as_view(), name="inbox"),
    path("zie-ik-ook/", views.SignalsToConfirmView.as_view(), name="to_confirm"),
    path(
        "export.<str:fmt>",
        views.SignalExportView.as_view(),
        name="signal_export",
    ),
    path("aandachtsverzoeken/", views.AttentionRequestListView.as_view(), name="attention_list"),
    path(
        "aandachtsverzoeken/nieuw/",
        views.AttentionRequestCreateView.as_view(),
        name="attention_create",
    ),
    path(
        "aandachtsverzoeken/<uuid:uuid>/",
        views.AttentionRequestDetailView.as_view(),
        name="attention_detail",
    ),
    path(
        "aandachtsverzoeken/<uuid:uuid>/sluiten/",
        views.AttentionRequestCloseView.as_view(),
        name="attention_close",
    ),
    path("<uuid:uuid>/", views.SignalDetailView.as_view(), name="signal_detail"),
    path("<uuid:uuid>/bevestigen/", views.SignalConfirmView.as_view(), name="signal_confirm"),
    path("<uuid:uuid>/corrigeren/", views.SignalEditView.as_view(), name="signal_edit"),
    path("<uuid:uuid>/intrekken/", views.SignalWithdrawView.as_view(), name="signal_withdraw"),
    path("<uuid:uuid>/status/", views.SignalStatusView.as_view(), name="signal_status"),
    path("<uuid:uuid>/verwijderen/", views.SignalDeleteView.as_view(), name="signal_delete"),
    path(
        "<uuid:uuid>/bijlagen/<uuid:attachment_uuid>/",
        views.AttachmentDownloadView.as_view(),
        name="attachment_download",
    ),
]

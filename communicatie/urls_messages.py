"""Messages (uitingen): new, detail, edit and the status moves."""

from django.urls import path

from communicatie.views import messages

urlpatterns = [
    path(
        "casussen/<uuid:uuid>/communicatie/uitingen/nieuw/",
        messages.MessageCreateView.as_view(),
        name="message_create",
    ),
    path(
        "communicatie/uitingen/<uuid:uuid>/", messages.MessageDetailView.as_view(), name="message"
    ),
    path(
        "communicatie/uitingen/<uuid:uuid>/bewerken/",
        messages.MessageEditView.as_view(),
        name="message_edit",
    ),
    path(
        "communicatie/uitingen/<uuid:uuid>/indienen/",
        messages.MessageSubmitView.as_view(),
        name="message_submit",
    ),
    path(
        "communicatie/uitingen/<uuid:uuid>/verstuurd/",
        messages.MessageMarkSentView.as_view(),
        name="message_mark_sent",
    ),
    path(
        "communicatie/uitingen/<uuid:uuid>/intrekken/",
        messages.MessageWithdrawView.as_view(),
        name="message_withdraw",
    ),
]

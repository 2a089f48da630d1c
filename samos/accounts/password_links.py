"""The password link of a new account, for the users page and the admin alike."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .services import user_send_password_link


def send_password_link_after_commit(request, user) -> None:
    """Mail a new account its password link once the account is committed: never a link
    to an account that was rolled back. Used by the users page and by the admin."""

    def send():
        try:
            user_send_password_link(actor=request.user, user=user, request=request)
        except (ValidationError, OSError):
            messages.error(
                request,
                _("De link kon niet worden verstuurd; probeer het opnieuw met ‘Link sturen’."),
            )

    transaction.on_commit(send)

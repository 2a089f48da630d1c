from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "samos.documents"
    label = "documents"
    verbose_name = _("Documenten")

    def ready(self):
        from samos.accounts.roles import Role, grant

        # The beheerder sets how documents present the municipality; stored PDFs are
        # listed read-only (downloads go through the authorised views).
        grant(
            Role.BEHEERDER,
            "documents.view_documentsettings",
            "documents.add_documentsettings",
            "documents.change_documentsettings",
            "documents.view_storeddocument",
        )

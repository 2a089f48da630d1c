"""The hand-overs and their way back as a part of the case dossier (bob.dossier_sections)."""

from django.utils.translation import gettext

from .documents import dossier_content


def _title() -> str:
    return gettext("Overdracht aan crisisbeheersing")


def register_dossier_section() -> None:
    """Called from CrisisConfig.ready(); printed before communication (order 50)."""
    from bob.dossier_sections import DossierSection, register

    register(
        DossierSection(
            key="overdracht",
            title=_title,
            content=dossier_content,
            template="pdf/dossier_sections/overdracht.html",
            order=40,
        )
    )

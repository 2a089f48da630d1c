"""Which fields of a signal go into an export: only what the list already shows the user.

The rows come from signal_list_visible_for, so a user exports exactly the signals they
may see; author names stay out (the list shows the organisation, not who).
"""

from django.utils.translation import gettext as _

from .export import Column


def export_columns() -> list[Column]:
    return [
        Column(_("Waargenomen op"), lambda s: s.observed_at),
        Column(_("Gebied"), lambda s: s.area.name),
        Column(_("Thema's"), lambda s: ", ".join(t.name for t in s.themes.all())),
        Column(_("Waarneming"), lambda s: s.observation),
        Column(_("Eerste indruk"), lambda s: s.impression),
        Column(_("Bron"), lambda s: s.source_kind.name),
        Column(_("Online/offline"), lambda s: s.get_channel_display()),
        Column(_("Urgentie"), lambda s: s.get_urgency_display()),
        Column(_("Vertrouwelijkheid"), lambda s: s.get_confidentiality_display()),
        Column(
            _("Bevat persoonsgegevens"), lambda s: _("ja") if s.contains_personal_data else _("nee")
        ),
        Column(_("Status"), lambda s: s.get_status_display()),
        Column(_("Bevestigingen"), lambda s: s.confirmation_count),
        Column(_("Organisatie melder"), lambda s: s.organisation.name if s.organisation else ""),
        # Last, so the columns that were there keep their place in existing spreadsheets.
        Column(_("Soort waarneming"), lambda s: s.get_nature_display()),
    ]

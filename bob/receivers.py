"""What the BOB app does when the kernteam app announces something (kernteam.events)."""

from bob.services.dossier_requests import dossier_request_closing


def request_closing_dossier(sender, *, case, **kwargs) -> None:
    """A closed case gets its closing dossier, rendered in the background."""
    dossier_request_closing(case=case)

"""The reading table (/stukken/) and the case dossier."""

from django.urls import path

from bob.views import case_documents, dossiers

C = "casussen/<uuid:uuid>/"

document_patterns = [
    path("stukken/", case_documents.ReadingTableView.as_view(), name="reading_table"),
    path(
        "stukken/<uuid:uuid>.pdf",
        case_documents.CaseDocumentPdfView.as_view(),
        name="case_document_pdf",
    ),
    path(f"{C}dossier/", dossiers.CaseDossierView.as_view(), name="case_dossier"),
    path(
        f"{C}dossier/status/", dossiers.CaseDossierStatusView.as_view(), name="case_dossier_status"
    ),
    path(f"{C}dossier.pdf", dossiers.CaseDossierPdfView.as_view(), name="case_dossier_pdf"),
]

"""The reading table (/stukken/) and the case dossier."""

from django.urls import path

from bob.views import case_documents

document_patterns = [
    path("stukken/", case_documents.ReadingTableView.as_view(), name="reading_table"),
    path(
        "stukken/<uuid:uuid>.pdf",
        case_documents.CaseDocumentPdfView.as_view(),
        name="case_document_pdf",
    ),
]

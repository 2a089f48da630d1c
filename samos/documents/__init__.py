"""Documents: the one safe WeasyPrint renderer and stored PDFs."""

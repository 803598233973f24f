"""Official documents: DOCX from templates, PDF through LibreOffice, charts and fonts."""

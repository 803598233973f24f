"""The agency's public pages under /p/<agency_id>/ (design §5.5): no login, no cookie."""

"""The agency's public channels as plain Python (no Django): receipts that let an anonymous
reporter come back, sealing report text at rest, checking attachments, and the statistics the
OIT items ask for."""

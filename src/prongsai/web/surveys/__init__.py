"""Satisfaction surveys: templates per service, anonymous answers on a phone (reached by a QR
code poster), the public summary and the report."""

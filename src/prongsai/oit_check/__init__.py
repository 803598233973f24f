"""OIT readiness: check the evidence an agency publishes for each OIT item (design §5.4)."""

"""Measure planning: the measure catalogue and the draft plan."""

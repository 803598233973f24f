"""The ITA framework library: framework data per fiscal year, scoring and analysis."""

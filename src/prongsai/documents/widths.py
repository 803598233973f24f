"""Column widths (cm) of the shipped templates' measure tables, shared by the template generator
(tools/make_report_templates.py) and the tests that check nothing is squeezed into a sliver.

Portrait text width is 16 cm, landscape 24.7 cm (A4 with the official margins). Narrow columns
make Thai break inside compound words, so no text column is under 2.4 cm.
"""

PLAN_WIDTHS = (3.2, 5.8, 2.6, 2.4, 2.0)
IMPLEMENTATION_WIDTHS = (4.0, 6.2, 2.6, 2.2, 6.0, 3.7)
IMPROVEMENT_WIDTHS = (3.6, 6.0, 2.4, 4.0)

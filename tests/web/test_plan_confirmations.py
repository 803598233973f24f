"""A delete asks once: data-confirm (app.js) is the one confirmation, for plain and htmx forms.
htmx's hx-confirm on top of it asked a second time, and OK there deleted after a Cancel on the
first question (the browser test checks the dialogs themselves)."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "prongsai" / "web" / "jinja2"


def test_no_template_asks_through_htmx():
    offenders = [str(p.relative_to(TEMPLATES)) for p in TEMPLATES.rglob("*.html") if "hx-confirm" in p.read_text()]
    assert offenders == []


def test_every_delete_form_asks_first():
    unasked, found = [], 0
    for path in TEMPLATES.rglob("*.html"):
        # the address is in the tag, or built just before it: {% set to = url('…_delete', …) %}<form …>
        for built, form in re.findall(r"({% set to = url\('\w+'[^%]*%})?(<form\b[^>]*>)", path.read_text()):
            if not re.search(r"""url\('\w+_delete'""", built + form):
                continue
            found += 1
            if "data-confirm=" not in form:
                unasked.append(f"{path.relative_to(TEMPLATES)}: {form[:80]}")
    assert found >= 8 and unasked == []


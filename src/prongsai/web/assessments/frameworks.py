"""The framework library as users see it: every year and sector variant with what it covers, and
what changed in the OIT list between two of them (prongsai.ita.changes)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from prongsai.ita.changes import KIND_TH, compare, parse_key
from prongsai.ita.coverage import coverage
from prongsai.ita.library import library
from prongsai.ita.model import Framework


def frameworks(request: HttpRequest) -> HttpResponse:
    lib = library()
    rows = [{"fw": fw, "coverage": coverage(fw)} for fw in lib.everything()]
    choices = [(Framework.key_id(y, v).removeprefix("ita-"), lib.get(y, v).label) for y, v in lib.keys]
    # By default the newest change with content of its own: a year that carries the year
    # before (2570 carrying 2569) has nothing to show yet.
    general = [y for y in lib.years if lib.get(y).carried_from is None]
    old_text = request.GET.get("from") or (str(general[-2]) if len(general) > 1 else "")
    new_text = request.GET.get("to") or (str(general[-1]) if general else "")
    problem, groups, old, new = None, [], None, None
    try:
        old, new = parse_key(old_text, lib), parse_key(new_text, lib)
    except ValueError as exc:
        problem = str(exc)
    if old is not None and new is not None:
        found = compare(lib, old, new)
        groups = [{"kind": kind, "heading": heading, "changes": [c for c in found if c.kind == kind]}
                  for kind, heading in KIND_TH.items()]
        groups = [g for g in groups if g["changes"]]
    return render(request, "assessments/frameworks.html", {
        "title": "กรอบการประเมินและสิ่งที่เปลี่ยนแปลง", "rows": rows, "choices": choices,
        "old_text": old_text, "new_text": new_text, "problem": problem, "groups": groups,
        "old": lib.get(*old) if old else None, "new": lib.get(*new) if new else None,
    })

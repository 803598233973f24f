"""Pages are Jinja2 with Django's lookup rules (prongsai.web.ui.jinja): every template compiles,
and names mean what they meant in Django's templates, so no condition changes its answer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template import engines

from tests.web.base import BaseTestCase

PAGES = Path(__file__).resolve().parents[2] / "src" / "prongsai" / "web" / "jinja2"


def render(source: str, **context: object) -> str:
    return engines["pages"].from_string(source).render(context)


@pytest.mark.parametrize("name", sorted(p.relative_to(PAGES).as_posix() for p in PAGES.rglob("*.html")))
def test_every_page_template_compiles(name: str) -> None:
    engines["pages"].get_template(name)


def test_no_page_template_keeps_djangos_syntax() -> None:
    left = [f"{p.relative_to(PAGES)}: {m}" for p in PAGES.rglob("*.html")
            for m in re.findall(r"{%\s*(?:url|csrf_token|load|static|empty|query)\b|forloop\.|\|\w+:", p.read_text())]
    assert left == []


class Thing:
    def __init__(self) -> None:
        self.calls = 0

    def ready(self) -> bool:
        self.calls += 1
        return False

    def delete(self) -> str:
        raise AssertionError("a template must never call a method that changes data")

    delete.alters_data = True  # type: ignore[attr-defined]

    def needs(self, value: int) -> int:
        return value


def test_a_method_named_is_called_as_in_django() -> None:
    thing = Thing()
    assert render("{% if t.ready %}yes{% else %}no{% endif %}|{{ t.ready }}", t=thing) == "no|False"
    assert thing.calls == 2


def test_methods_that_change_data_or_need_arguments_give_nothing() -> None:
    assert render("[{{ t.delete }}][{{ t.needs }}]{% if t.delete %}called{% endif %}", t=Thing()) == "[][]"


def test_a_key_comes_before_an_attribute() -> None:
    assert render("{{ d.items }}|{% for k, v in e.items %}{{ k }}={{ v }}{% endfor %}",
                  d={"items": "the key"}, e={"a": 1}) == "the key|a=1"


def test_a_missing_name_is_nothing_and_none_in_conditions() -> None:
    out = render("[{{ nothing.at.all }}]{% if nothing.total is none %}none{% endif %}"
                 "{% if nothing.total >= 0 %}bad{% endif %}{% for x in nothing %}bad{% endfor %}")
    assert out == "[]none"


def test_text_is_escaped() -> None:
    assert render("{{ v }}", v="<b>&") == "&lt;b&gt;&amp;"


class OnePageOneTokenTestCase(BaseTestCase):
    def test_a_page_names_one_csrf_token_however_many_forms_it_has(self) -> None:
        self.login(self.owner)
        page = self.client.get(self.a_url(f"plans/{self.plan.pk}/")).content.decode()
        tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert len(tokens) > 20 and len(set(tokens)) == 1

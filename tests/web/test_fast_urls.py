"""url() in page templates is built from a cached pattern (prongsai.web.ui.fast_urls); its output must be exactly
reverse()'s for every URL pattern of the workspace, whatever the ids."""

from __future__ import annotations

import re

from django.urls import NoReverseMatch, URLPattern, get_resolver, reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.web.ui.fast_urls import fast_reverse
from tests.web.test_isolation import walk

WORDS = ("up", "down", "2567", "docx", "pdf", "analysis", "plan", "implementation", "6-month", "year-end")


def patterns() -> list[tuple[str, int]]:
    found = []
    for route, p in walk(get_resolver().url_patterns):
        if isinstance(p, URLPattern) and p.name:
            found.append((p.name, len(re.findall(r"<[^>]+>", route))))
    return found


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.integers(min_value=0, max_value=10**9), st.sampled_from(WORDS)), min_size=0, max_size=5))
def test_every_pattern_gives_what_reverse_gives(values: list) -> None:
    for name, arity in patterns():
        args = values[:arity]
        if len(args) < arity:
            continue
        try:
            expected = reverse(name, args=args)
        except NoReverseMatch:
            try:
                fast_reverse(name, args)
            except NoReverseMatch:
                continue
            raise AssertionError(f"{name}{args}: reverse() refuses, fast_reverse() does not") from None
        assert fast_reverse(name, args) == expected, (name, args)


def test_pages_call_it_with_reverses_arguments() -> None:
    from django.template import engines

    out = engines["pages"].from_string("{{ url('step_move', 3, 41, 'up') }}|{{ url('home') }}").render({})
    assert out == f"{reverse('step_move', args=[3, 41, 'up'])}|{reverse('home')}"

"""The pages' template engine: Jinja2 with Django's lookup rules.

Pages are Jinja2 templates (src/prongsai/web/jinja2/) because Django's engine made rendering
about two thirds of each request's CPU under load; form fields keep Django's templates
(templates/ui/), which the form renderer reads.

Names in the templates mean what they meant in Django's language, so a condition such as
`access.can_manage` is true only when the method says so, never because a method exists:
`a.b` tries `a["b"]` before the attribute, and a method found that way is called (unless it
alters data, as Django refuses too). A missing name renders as nothing and tests as false."""

from __future__ import annotations

import inspect
from typing import Any

import jinja2
from django.middleware.csrf import get_token
from django.template import TemplateSyntaxError, defaultfilters
from django.template.backends.jinja2 import Jinja2, Template
from django.template.backends.utils import csrf_input
from django.templatetags.static import static
from django.test.signals import template_rendered
from django.utils.functional import SimpleLazyObject

from prongsai.web.ui import template_filters
from prongsai.web.ui.fast_urls import fast_reverse

_MISSING = object()


class Missing(jinja2.ChainableUndefined):
    """What Django gives for a name that is not there: nothing on the page, None in a condition
    (`is none` holds, and an order comparison is false rather than an error)."""

    def _false(self, other: Any) -> bool:
        return False

    __lt__ = __le__ = __gt__ = __ge__ = _false
    __hash__ = jinja2.ChainableUndefined.__hash__


class DjangoLookupEnvironment(jinja2.Environment):
    def getattr(self, obj: Any, attribute: str) -> Any:
        return self._lookup(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(argument, str):
            return self._lookup(obj, argument)
        return super().getitem(obj, argument)

    def _lookup(self, obj: Any, name: str) -> Any:
        value: Any = _MISSING
        if isinstance(obj, dict) or (hasattr(obj, "__getitem__") and not isinstance(obj, (str, jinja2.Undefined))):
            try:
                value = obj[name]
            except (TypeError, KeyError, IndexError, ValueError, AttributeError):
                value = _MISSING
        if value is _MISSING:
            try:
                value = getattr(obj, name)
            except AttributeError:
                return self.undefined(obj=obj, name=name)
        if callable(value) and not isinstance(value, jinja2.Undefined):
            if getattr(value, "do_not_call_in_templates", False):
                return value
            if getattr(value, "alters_data", False):
                return self.undefined(obj=obj, name=name)
            try:
                return value()
            except TypeError:
                try:
                    inspect.signature(value).bind()
                except (TypeError, ValueError):
                    return self.undefined(obj=obj, name=name)  # needs arguments: as Django, nothing
                raise
        return value


def url(name: str, *args: Any) -> str:
    return fast_reverse(name, list(args))


def query(request: Any, **changes: Any) -> str:
    return template_filters.query_string(request.GET, changes)


def export_links(request: Any, formats: Any = True) -> list[tuple[str, str]]:
    from prongsai.web.ui.exports import export_links as links

    return links(request, formats)


def environment(**options: Any) -> jinja2.Environment:
    options["undefined"] = Missing
    env = DjangoLookupEnvironment(**options)
    env.tests["none"] = lambda value: value is None or isinstance(value, jinja2.Undefined)
    env.globals.update(url=url, static=static, query=query, export_links=export_links)
    env.filters.update(
        score=template_filters.score, signed=template_filters.signed, thdate=template_filters.thdate,
        thdatetime=template_filters.thdatetime, thaidigits=template_filters.thaidigits,
        percent=template_filters.percent, get=template_filters.get, status_class=template_filters.status_class,
        # Django's own, where Jinja2 has none or one that writes differently
        floatformat=defaultfilters.floatformat, add=defaultfilters.add, truncatechars=defaultfilters.truncatechars,
        linebreaksbr=defaultfilters.linebreaksbr, filesizeformat=defaultfilters.filesizeformat,
    )
    return env


class _Template(Template):
    def render(self, context: dict[str, Any] | None = None, request: Any = None) -> str:
        context = dict(context or {})
        if request is not None:
            # Django's backend builds the hidden token anew (a fresh random mask) each time a page
            # names it, ~400 times on a plan editor; once per page is what Django's engine does.
            context["request"] = request
            context["csrf_token"] = SimpleLazyObject(lambda: get_token(request))
            context["csrf_input"] = SimpleLazyObject(lambda: csrf_input(request))
            for processor in self.backend.template_context_processors:
                context.update(processor(request))
        # Django's test client records a page's context through this signal (a no-op in service).
        if template_rendered.receivers:
            template_rendered.send(sender=self, template=self, context=context)
        try:
            return self.template.render(context)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateSyntaxError(exc.args) from exc


class Pages(Jinja2):
    """Django's Jinja2 backend whose templates report to the test client as Django's do."""

    def get_template(self, template_name: str) -> _Template:
        found = super().get_template(template_name)
        return _Template(found.template, found.backend)




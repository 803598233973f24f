"""URLs of this app (included by prongsai.web.urls)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []

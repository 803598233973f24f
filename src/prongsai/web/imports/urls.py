"""URLs of this app (included by prongsai.web.urls): global pages, each checking its user."""

from django.urls import path

from prongsai.web.imports import views

urlpatterns = [
    path("import/", views.results_import, name="results_import"),
    path("import/template.xlsx", views.results_import_template, name="results_import_template"),
]

"""URLs of this app (included by prongsai.web.urls): the public pages under /p/<agency_id>/ and
their staff page under /a/<agency_id>/."""

from django.urls import path

from prongsai.web.public import views

P = "p/<int:agency_id>/"

urlpatterns = [
    path(P, views.public_home, name="public_home"),
    path(P + "measures/", views.public_measures, name="public_measures"),
    path(P + "documents/<slug:kind>.<slug:fmt>", views.public_document, name="public_document"),
    path("a/<int:agency_id>/public/", views.public_settings, name="public_settings"),
]

"""URLs of this app (included by prongsai.web.urls)."""

from django.urls import path

from prongsai.web.supervision import views

urlpatterns = [
    path("supervise/", views.supervise, name="supervise"),
    path("supervise/compare/", views.supervise_compare, name="supervise_compare"),
    path("supervise/documents/", views.supervise_documents, name="supervise_documents"),
]

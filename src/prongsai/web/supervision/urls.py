"""URLs of this app (included by prongsai.web.urls)."""

from django.urls import path

from prongsai.web.supervision import views

urlpatterns = [
    path("supervise/", views.supervise, name="supervise"),
]

"""URLs of this app (included by prongsai.web.urls): global pages, no agency in the path."""

from django.urls import path

from prongsai.web.reminders import views

urlpatterns: list = [
    path("account/reminders/", views.reminder_preferences, name="reminder_preferences"),
    path("reminders/settings/", views.reminder_settings, name="reminder_settings"),
    path("line/webhook/", views.line_webhook, name="line_webhook"),
]

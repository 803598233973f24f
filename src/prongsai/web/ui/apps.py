from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "prongsai.web.ui"
    label = "ui"
    verbose_name = "หน้าจอ"

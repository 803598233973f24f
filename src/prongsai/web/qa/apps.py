from django.apps import AppConfig


class QaConfig(AppConfig):
    name = "prongsai.web.qa"
    label = "qa"
    verbose_name = "ถาม–ตอบ"

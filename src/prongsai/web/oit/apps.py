from django.apps import AppConfig


class OitConfig(AppConfig):
    name = "prongsai.web.oit"
    label = "oit"
    verbose_name = "รายการตรวจ OIT"

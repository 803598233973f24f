from django.apps import AppConfig


class EserviceConfig(AppConfig):
    name = "prongsai.web.eservice"
    label = "eservice"
    verbose_name = "บริการออนไลน์ (E-Service)"

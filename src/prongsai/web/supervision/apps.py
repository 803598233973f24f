from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "prongsai.web.supervision"
    label = "supervision"
    verbose_name = "การกำกับดูแล"

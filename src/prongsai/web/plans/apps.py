from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "prongsai.web.plans"
    label = "plans"
    verbose_name = "มาตรการและการติดตามผล"

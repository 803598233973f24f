from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "prongsai.web.assessments"
    label = "assessments"
    verbose_name = "ผลการประเมิน"

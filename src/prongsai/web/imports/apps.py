from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "prongsai.web.imports"
    label = "imports"
    verbose_name = "นำเข้าผลการประเมินหลายหน่วยงาน"

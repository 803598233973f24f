from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "prongsai.web.public"
    label = "public"
    verbose_name = "หน้าสาธารณะของหน่วยงาน"

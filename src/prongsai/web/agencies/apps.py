from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "prongsai.web.agencies"
    label = "agencies"
    verbose_name = "หน่วยงานและผู้ใช้"

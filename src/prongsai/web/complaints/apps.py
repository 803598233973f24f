from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "prongsai.web.complaints"
    label = "complaints"
    verbose_name = "เรื่องร้องเรียนการทุจริตและประพฤติมิชอบ"

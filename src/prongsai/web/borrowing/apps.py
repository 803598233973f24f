from django.apps import AppConfig


class BorrowingConfig(AppConfig):
    name = "prongsai.web.borrowing"
    label = "borrowing"
    verbose_name = "การยืม-คืนพัสดุและทรัพย์สินของทางราชการ"

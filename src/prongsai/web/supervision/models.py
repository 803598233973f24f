"""What the overview's cache needs from the database: a counter bumped on every save and delete of
what the overview shows (prongsai.web.supervision.overview.data_version), shared by every worker."""

from __future__ import annotations

from django.db import models


class DataVersion(models.Model):
    name = models.CharField(max_length=40, primary_key=True)
    counter = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "รุ่นข้อมูลภาพรวม"

    def __str__(self) -> str:
        return f"{self.name} {self.counter}"

"""Checking the stored audit log against its hash chain (the walk is prongsai.audit_chain's)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db import DEFAULT_DB_ALIAS
from django.utils import timezone

from prongsai import audit_chain
from prongsai.web.audit.models import AuditEntry, AuditHead

CHUNK = 2000


def _head(using: str) -> audit_chain.Head | None:
    row = AuditHead.objects.using(using).filter(pk=AuditHead.ROW).values_list("seq", "hash").first()
    return audit_chain.Head(*row) if row else None


def _rows(using: str) -> Iterator[dict[str, Any]]:
    """Streamed in chunks: a log of millions of entries is checked in constant memory."""
    fields = audit_chain.ROW_FIELDS
    query = AuditEntry.objects.using(using).order_by("seq").values_list(*fields)
    for values in query.iterator(chunk_size=CHUNK):
        yield dict(zip(fields, values, strict=True))


def verify_log(using: str = DEFAULT_DB_ALIAS) -> audit_chain.Report:
    head = _head(using)
    return audit_chain.verify(_rows(using), head, read_head=lambda: _head(using),
                              zone=timezone.get_current_timezone())

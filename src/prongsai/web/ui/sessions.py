"""Django's database sessions, read with one plain SQL statement. Every request reads its session,
and under load building that query with the ORM took longer than SQLite took to answer it."""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Any:
        model = self.model
        connection = connections[router.db_for_read(model)]
        ops = connection.ops
        sql = (f"SELECT {ops.quote_name('session_data')} FROM {ops.quote_name(model._meta.db_table)} "
               f"WHERE {ops.quote_name('session_key')} = %s AND {ops.quote_name('expire_date')} > %s")
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.session_key, ops.adapt_datetimefield_value(timezone.now())])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return model(session_key=self.session_key, session_data=row[0])

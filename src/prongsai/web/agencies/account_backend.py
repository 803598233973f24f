"""Django's ModelBackend, with the signed-in account read the cheap way. Every request reads it,
and the menu asks whether the account supervises anything; one plain SQL statement answers both,
so a member's page spends no query on supervisor scopes (prongsai.web.agencies.access)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db import router


class AccountBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        from prongsai.web.agencies.models import SupervisorScope

        model = get_user_model()
        users = model._meta.db_table
        scopes = SupervisorScope._meta.db_table
        sql = (f"SELECT u.*, EXISTS (SELECT 1 FROM {scopes} s WHERE s.user_id = u.id) AS supervises "
               f"FROM {users} u WHERE u.id = %s")
        found = list(model._default_manager.db_manager(router.db_for_read(model)).raw(sql, [user_id]))
        if not found:
            return None
        user = found[0]
        if not user.supervises:
            user._supervisor_scopes = []  # nothing to read later: see access.supervisor_scopes
        return user if self.user_can_authenticate(user) else None

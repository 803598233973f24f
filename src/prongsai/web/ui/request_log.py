"""One line per refused request in the server log.

Django logs a PermissionDenied (403) and a BadRequest (400) with the exception's traceback,
so every role check that says no filled the log with a stack that tells nothing: the refusal
is the expected outcome. A client error keeps Django's line (the reason and the path) plus the
method and the user id, without the traceback; a server error (5xx) keeps its traceback, which is
what someone needs to fix it.
"""

from __future__ import annotations

import logging


class OneLineClientErrors(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        request = getattr(record, "request", None)
        if not isinstance(status, int) or not 400 <= status < 500 or request is None:
            return True
        user = getattr(request, "user", None)
        user_id = getattr(user, "pk", None) if getattr(user, "is_authenticated", False) else None
        line = record.getMessage()
        record.msg = "%s [%s, user=%s]"
        record.args = (line, request.method, "-" if user_id is None else user_id)
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True

"""An uploaded file copied, chunk by chunk, to a private temporary file (mode 0600, under the
workspace's temporary folder): the core's readers take a path, and a file the user must still
confirm outlives the request that brought it."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any


def private_copy(upload: Any, suffix: str, prefix: str) -> Path:
    fd, name = tempfile.mkstemp(suffix=suffix, prefix=prefix)
    copy = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
    except BaseException:
        copy.unlink(missing_ok=True)
        raise
    return copy

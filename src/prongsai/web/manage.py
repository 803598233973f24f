"""`python -m prongsai.web <command>` (or `python manage.py …` here): Django's manage.py for this project
(e.g. `python -m prongsai.web check --deploy --settings=prongsai.web.settings_production`)."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.web.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line([sys.argv[0], *sys.argv[1:]])


if __name__ == "__main__":
    main()

"""Errors a user can act on. Each renders as one Thai line that names the file, where in it
the problem is, and what was expected; the CLI prints it and exits with status 2."""

from __future__ import annotations


class InputError(Exception):
    """Bad input from a user's file or form."""

    def __init__(self, message: str, *, file: str | None = None, where: str | None = None,
                 expected: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.where = where
        self.expected = expected

    def located(self, *, file: str | None = None, where: str | None = None) -> InputError:
        """The same error with a file or position filled in by an outer layer."""
        return InputError(self.message, file=self.file or file,
                          where=_join(where, self.where), expected=self.expected)

    def __str__(self) -> str:
        parts = [p for p in (self.file, self.where) if p]
        head = ": ".join(parts)
        text = f"{head}: {self.message}" if head else self.message
        if self.expected:
            text += f" (ที่ถูกต้อง: {self.expected})"
        return " ".join(text.split())


def _join(outer: str | None, inner: str | None) -> str | None:
    if outer and inner:
        return f"{outer} › {inner}"
    return outer or inner


class EnvironmentProblem(Exception):
    """The machine lacks something the command needs (a font, LibreOffice); the message is
    Thai and says exactly what to install. The CLI prints it and exits with status 1."""

"""How input errors name their input: one line, quoted paths, ``<stdin>`` as is."""

from __future__ import annotations


def quote_name(name: str) -> str:
    """``name`` for a message: a path in quotes, a pseudo-name such as ``<stdin>`` as is."""
    return name if name.startswith("<") else f"'{one_line(name)}'"


def one_line(text: str) -> str:
    """``text`` with its line breaks escaped, so an error message stays one line."""
    return text.replace("\r", "\\r").replace("\n", "\\n")

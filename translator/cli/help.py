"""One metavar convention for every ``--help`` page: plain ``--flag``, ``TEXT``, ``PATH``, ``INTEGER``, ``[a|b]``.

Newer Typer versions label values ``<bool>``, ``<str>``, ``<list[str]>`` and required arguments
``{input}``. The command classes here give every parameter that has no metavar of its own the
conventional one, so a command only names a metavar where it says more (``[auto|cpu|cuda|cuda:N]``).
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup
from typer.models import CommandFunctionType

VALUE_METAVARS: dict[Any, str] = {str: "TEXT", int: "INTEGER", float: "FLOAT", Path: "PATH"}


def plain_metavar(param: Any) -> str | None:
    """The conventional metavar of ``param``; None leaves the Typer in use to its own (older ones use these)."""
    if getattr(param, "is_flag", False):
        return ""  # a flag takes no value: show it as plain --flag
    if isinstance(param, TyperArgument):
        return (param.name or "value").upper()
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None:
        return None
    if descriptor.is_choice and descriptor.choices:
        return "[" + "|".join(str(c.value if isinstance(c, Enum) else c) for c in descriptor.choices) + "]"
    annotation = descriptor.annotation
    if descriptor.is_list and typing.get_args(annotation):
        annotation = typing.get_args(annotation)[0]
    return VALUE_METAVARS.get(annotation, "VALUE")


class PlainArgument(TyperArgument):
    """An argument shown by its metavar alone: ``INPUT`` (``[INPUT]`` when optional, ``...`` when many)."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None  # the name column already says it

    def _usage_display_name(self) -> str:
        name = self.metavar or (self.name or "value").upper()
        name = name if self.required else f"[{name}]"
        return name + ("..." if self.nargs != 1 else "")


def apply_plain_metavars(params: list[Any]) -> list[Any]:
    for param in params:
        if param.metavar is None:
            param.metavar = plain_metavar(param)
        if type(param) is TyperArgument:
            param.__class__ = PlainArgument  # same fields, plain display (Typer builds its params itself)
    return params


class PlainHelpCommand(TyperCommand):
    def get_params(self, ctx: Any) -> list[Any]:
        return apply_plain_metavars(super().get_params(ctx))


class PlainHelpGroup(TyperGroup):
    def get_params(self, ctx: Any) -> list[Any]:
        return apply_plain_metavars(super().get_params(ctx))


class Pl2enTyper(typer.Typer):
    """A Typer whose groups and commands follow the metavar convention by default."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cls=PlainHelpGroup, **kwargs)

    def command(self, *args: Any, **kwargs: Any) -> Callable[[CommandFunctionType], CommandFunctionType]:
        kwargs.setdefault("cls", PlainHelpCommand)
        return super().command(*args, **kwargs)

"""The Textual terminal reader (`pl2en read`). Build it with :func:`tui.factory.create_app`."""

from tui.factory import create_app

__all__ = ["create_app"]

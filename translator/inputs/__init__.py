"""Read an article from a file, stdin, a saved web page or a URL into plain text.

``read_input(spec)`` is the one entry point: it returns a :class:`RawInput` whose
``text`` holds the article as blocks separated by blank lines, ready for
``translator.parse``. Every expected failure is a ``translator.errors.InputError``
subclass with a one-line message that names the input.

The jobs live in submodules: ``decode`` (bytes to text: charsets, damaged UTF-8,
mojibake), ``fetch`` (URLs) and ``html`` (a page's article), which uses ``page``
(the lead and titles the markup names), ``furniture`` (bylines, credits, prompts,
related boxes, repeated titles) and ``dates`` (a date at the page's precision).
Warnings (bytes replaced, letters repaired) go to the ``pl2en`` logger.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import BinaryIO

from translator.errors import EmptyInput, FetchError, InputError, InputNotFound
from translator.inputs.decode import decode_text
from translator.inputs.fetch import URL_SCHEME, fetch_url
from translator.inputs.html import (
    HTML_SNIFF,
    ExtractedArticle,
    extract_article,
    extract_html,
    looks_like_html,
    meta_charset,
)
from translator.inputs.messages import one_line, quote_name

__all__ = [
    "HTML_SNIFF",
    "ExtractedArticle",
    "RawInput",
    "decode_text",
    "extract_article",
    "extract_html",
    "fetch_url",
    "looks_like_html",
    "read_input",
]


@dataclass(frozen=True)
class RawInput:
    """An article as text: blocks separated by blank lines, plus where it came from.

    ``date`` and ``headings`` (texts of blocks that were HTML headings) are only
    known for web pages; the parser may use ``headings`` to classify blocks.
    """

    text: str
    name: str
    url: str | None = None
    title: str | None = None
    encoding: str | None = None
    date: str | None = None
    headings: tuple[str, ...] = ()


def read_input(
    spec: str,
    *,
    stdin: BinaryIO | None = None,
    timeout: float = 20.0,
    max_bytes: int = 20_000_000,
    offline: bool = False,
) -> RawInput:
    """Read ``spec``: a path, ``-`` for stdin, or an http(s) URL; HTML is reduced to its article."""
    content_type = None
    url = None
    if spec == "-":
        name = "<stdin>"
        try:
            data = _read_capped(stdin if stdin is not None else sys.stdin.buffer, name, max_bytes)
        except (OSError, AttributeError, ValueError) as err:  # closed or missing stdin
            raise InputError(f"<stdin> cannot be read: {one_line(str(err))}") from None
    elif (scheme := URL_SCHEME.match(spec)) and not _is_existing_path(spec):
        if scheme.group(1).lower() not in ("http", "https"):
            raise FetchError(f"only http(s) URLs are supported: {one_line(spec)}")
        if offline:
            raise FetchError(f"{one_line(spec)} is a URL, and --offline forbids the network")
        name = url = spec
        data, content_type = fetch_url(spec, timeout=timeout, max_bytes=max_bytes)
    else:
        name = spec
        data = _read_file(spec, max_bytes)

    saved_page = url is None and spec.lower().endswith((".html", ".htm", ".xhtml"))
    is_html = saved_page or looks_like_html(data)
    declared = None
    if content_type:
        header = Message()
        header["Content-Type"] = content_type
        is_html = is_html or header.get_content_type() in ("text/html", "application/xhtml+xml")
        declared = header.get_content_charset()
    if is_html:
        html, encoding = decode_text(data, name=name, declared=declared or meta_charset(data))
        article = extract_article(html, url=url, name=name)
        text, title, date, headings = article.text, article.title, article.date, article.headings
    else:
        text, encoding = decode_text(data, name=name, declared=declared)
        title = date = None
        headings = ()
    if not text.replace("\x00", "").replace("\ufeff", "").strip():
        what = "has no article text" if is_html else "is empty"
        raise EmptyInput(f"{quote_name(name)} {what}; nothing to translate")
    return RawInput(text=text, name=name, url=url, title=title, encoding=encoding, date=date, headings=headings)


def _is_existing_path(spec: str) -> bool:
    try:
        return Path(spec).exists()
    except (OSError, ValueError):
        return False


def _read_file(spec: str, max_bytes: int) -> bytes:
    path = Path(spec)
    try:
        if path.is_dir():
            raise InputError(f"{quote_name(spec)} is a directory; use pl2en batch for folders")
        with path.open("rb") as handle:
            return _read_capped(handle, spec, max_bytes)
    except FileNotFoundError:
        raise InputNotFound(f"{quote_name(spec)} not found; check the path") from None
    except PermissionError:
        raise InputError(f"{quote_name(spec)} cannot be read: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{quote_name(spec)} is a directory; use pl2en batch for folders") from None
    except OSError as err:
        raise InputError(f"{quote_name(spec)} cannot be read: {one_line(err.strerror or str(err))}") from None
    except ValueError:  # e.g. a NUL character in the path
        raise InputError(f"{quote_name(spec)} is not a valid path") from None


def _read_capped(stream: BinaryIO, name: str, max_bytes: int) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"{quote_name(name)} is too large (over {max_bytes} bytes)")
    return data

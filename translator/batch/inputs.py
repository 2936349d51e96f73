"""What a batch reads: folders, paths, URLs and ``@list`` files, and how an input is identified."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from translator.errors import InputError, InputNotFound

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
_READ_CHUNK = 1 << 20


def collect_inputs(items: Iterable[str]) -> list[str]:
    """Expand directories (their .txt/.html files, sorted) and ``@list`` files; keep order, drop repeats."""
    specs: list[str] = []
    for item in items:
        if item.startswith("@"):
            specs.extend(_read_list_file(Path(item[1:])))
        elif not is_url(item) and Path(item).is_dir():
            found = sorted(p for p in Path(item).rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
            specs.extend(str(p) for p in found)
        else:
            specs.append(item)
    first_spelling: dict[str, str] = {}
    for spec in specs:
        first_spelling.setdefault(input_key(spec), spec)
    return list(first_spelling.values())


def is_url(spec: str) -> bool:
    return "://" in spec


def input_key(spec: str) -> str:
    """What identifies an input across spellings.

    A file's real path (``big/a.txt`` = ``/tmp/big/a.txt``), a URL as is.
    """
    if is_url(spec) or spec == "-":
        return spec
    return os.path.realpath(spec)


def file_digest(spec: str) -> str | None:
    """``sha256:<hex>`` of a local file's bytes; None for a URL or a file that cannot be read
    (the worker reports why when it tries)."""
    if is_url(spec) or spec == "-":
        return None
    digest = hashlib.sha256()
    try:
        with open(spec, "rb") as fh:
            while chunk := fh.read(_READ_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return f"sha256:{digest.hexdigest()}"


def text_digest(text: str) -> str:
    """``text-sha256:<hex>`` of an article's text: how a URL's content is identified (it is only known once fetched)."""
    return "text-sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _read_list_file(path: Path) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as err:
        raise InputNotFound(f"list file {path} does not exist") from err
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot read list file {path}: {err}") from err
    specs = []
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not is_url(line) and not Path(line).is_absolute() and (path.parent / line).exists():
            line = str(path.parent / line)
        specs.append(line)
    return specs

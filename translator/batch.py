"""Batch mode: many articles to one JSON-lines file, resumable after Ctrl-C or a kill.

Each finished document is appended as one whole line (one ``write`` of the full
line, then flush and fsync). On start, the output is read back: complete lines
name the inputs already done (``source.name``), and a torn last line left by a
kill is cut off. Only the parent process writes, so workers never interleave.
"""

from __future__ import annotations

import json
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from translator.errors import InputError, InputNotFound, OutputError, Pl2enError
from translator.pipeline import Pipeline, Settings

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")


@dataclass(frozen=True)
class BatchEvent:
    """One input finished: ``error`` is None on success."""

    name: str
    error: str | None = None
    skipped: bool = False


@dataclass
class BatchReport:
    total: int = 0
    done: int = 0
    skipped: int = 0
    failed: list[BatchEvent] = field(default_factory=list)


def collect_inputs(items: Iterable[str]) -> list[str]:
    """Expand directories (their .txt/.html files, sorted) and ``@list`` files; keep order, drop repeats."""
    specs: list[str] = []
    for item in items:
        if item.startswith("@"):
            specs.extend(_read_list_file(Path(item[1:])))
        elif "://" not in item and Path(item).is_dir():
            found = sorted(p for p in Path(item).rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
            specs.extend(str(p) for p in found)
        else:
            specs.append(item)
    first_spelling: dict[str, str] = {}
    for spec in specs:
        first_spelling.setdefault(input_key(spec), spec)
    return list(first_spelling.values())


def input_key(spec: str) -> str:
    """What identifies an input across spellings.

    A file's real path (``big/a.txt`` = ``/tmp/big/a.txt``), a URL as is.
    """
    if "://" in spec or spec == "-":
        return spec
    return os.path.realpath(spec)


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
        if "://" not in line and not Path(line).is_absolute() and (path.parent / line).exists():
            line = str(path.parent / line)
        specs.append(line)
    return specs


def finished_inputs(output: Path) -> set[str]:
    """Names of the inputs already in ``output``; cuts off a torn last line (a kill mid-write).

    A complete line that is not a pl2en document means ``output`` is some other file:
    it is left alone and the batch refuses to append to it.
    """
    if not output.exists():
        return set()
    done: set[str] = set()
    good_end = 0
    try:
        with output.open("rb") as fh:
            for number, raw in enumerate(fh, 1):
                if not raw.endswith(b"\n"):
                    break  # the torn tail of an interrupted write
                try:
                    name = json.loads(raw)["source"]["name"]
                except (ValueError, KeyError, TypeError) as err:
                    raise OutputError(
                        f"{output} is not a pl2en batch output (line {number} is not a document); "
                        "choose another -o file"
                    ) from err
                done.add(name)
                good_end += len(raw)
        if good_end != output.stat().st_size:
            with output.open("r+b") as fh:
                fh.truncate(good_end)
    except OSError as err:
        raise OutputError(f"cannot use {output} as the batch output: {err.strerror or err}") from err
    return done


class JsonLinesWriter:
    """Appends whole lines: one write per line, flushed and synced."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        except OSError as err:
            raise OutputError(f"cannot write {path}: {err.strerror or err}") from err

    def write(self, line: str) -> None:
        data = (line.rstrip("\n") + "\n").encode("utf-8")
        try:
            written = os.write(self._fd, data)
            if written != len(data):  # pragma: no cover - a full disk
                raise OSError(f"short write ({written} of {len(data)} bytes)")
            os.fsync(self._fd)
        except OSError as err:
            raise OutputError(f"cannot write {self.path}: {err.strerror or err}") from err

    def close(self) -> None:
        os.close(self._fd)


# -- the work of one document (in this process or a worker) ---------------------
_worker_pipeline: Pipeline | None = None


def _init_worker(settings: Settings) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline(settings, warn=lambda message: None)


def translate_one(pipeline: Pipeline, spec: str) -> tuple[str, str | None, str | None]:
    """(spec, json line or None, error or None) for one input; expected failures become errors."""
    try:
        doc = pipeline.load(spec)
        doc = pipeline.translate(doc)
        return spec, doc.to_json(indent=None), None
    except Pl2enError as err:
        return spec, None, str(err)
    except Exception as err:  # a bug or an engine failure on this document: report it, go on with the rest
        return spec, None, f"internal error: {type(err).__name__}: {err}"


def _translate_in_worker(spec: str) -> tuple[str, str | None, str | None]:
    assert _worker_pipeline is not None
    return translate_one(_worker_pipeline, spec)


def _results(specs: list[str], settings: Settings, workers: int, warn) -> Iterator[tuple[str, str | None, str | None]]:
    if workers <= 1 or len(specs) <= 1:
        pipeline = Pipeline(settings, warn=warn)
        try:
            for spec in specs:
                yield translate_one(pipeline, spec)
        finally:
            pipeline.close()
        return
    if settings.threads is None:  # share the cores between the workers instead of each taking all
        settings = replace(settings, threads=max(1, (os.cpu_count() or 1) // workers))
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(workers, initializer=_init_worker, initargs=(settings,)) as pool:
        try:
            yield from pool.imap_unordered(_translate_in_worker, specs)
        except BaseException:
            pool.terminate()
            raise


def run_batch(
    items: Iterable[str],
    output: Path,
    settings: Settings,
    *,
    workers: int = 1,
    on_event: Callable[[BatchEvent, BatchReport], None] | None = None,
    warn: Callable[[str], None] | None = None,
) -> BatchReport:
    """Translate every input not yet in ``output`` and append it there as one JSON line."""
    specs = collect_inputs(items)
    done = {input_key(name) for name in finished_inputs(output)}
    report = BatchReport(total=len(specs))
    todo = []
    for spec in specs:
        if input_key(spec) in done:
            report.skipped += 1
            if on_event:
                on_event(BatchEvent(spec, skipped=True), report)
        else:
            todo.append(spec)
    if todo:  # a model that cannot be had fails once, before any document, not once per document
        from translator.models import resolve_model

        resolve_model(settings.model, offline=settings.offline)
    writer = JsonLinesWriter(output)
    try:
        for spec, line, error in _results(todo, settings, workers, warn or (lambda message: None)):
            if line is not None:
                writer.write(line)
                report.done += 1
                event = BatchEvent(spec)
            else:
                event = BatchEvent(spec, error=error)
                report.failed.append(event)
            if on_event:
                on_event(event, report)
    finally:
        writer.close()
    return report

"""Batch mode: many articles to one JSON Lines file, resumable by content and settings.

``run_batch`` plans against the output (the resume ledger, ``ledger.py``), runs the documents
in this process, in worker processes (``local.py``) or on a Ray cluster (``ray_data.py``), and
appends each finished document as one ``pl2en.document/1`` line. Ray is imported only for ``--ray``.
"""

from __future__ import annotations

from translator.batch.identity import BatchJob, settings_identity
from translator.batch.inputs import ARTICLE_SUFFIXES, collect_inputs, input_key
from translator.batch.ledger import Ledger, errors_path, finished_inputs
from translator.batch.ray_data import RayOptions, RayUnavailable
from translator.batch.run import BatchEvent, BatchReport, run_batch

__all__ = [
    "ARTICLE_SUFFIXES",
    "BatchEvent",
    "BatchJob",
    "BatchReport",
    "Ledger",
    "RayOptions",
    "RayUnavailable",
    "collect_inputs",
    "errors_path",
    "finished_inputs",
    "input_key",
    "run_batch",
    "settings_identity",
]

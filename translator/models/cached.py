"""Managing the models on disk: download or update (pull), list, remove; the CTranslate2 conversions pl2en made.

``pull_model`` always asks the hub, so it is also how a cached model is updated.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translator import paths
from translator.errors import ModelError, ModelNotCached
from translator.models import hub
from translator.models.layout import CT2_METADATA, ResolvedModel
from translator.models.resolve import is_offline, looks_like_path, resolve_model


@dataclass(frozen=True)
class CachedModel:
    model_id: str
    kind: str  # "hub" (Hugging Face cache) or "ctranslate2" (a conversion made by pl2en)
    size_bytes: int
    revisions: tuple[str, ...]
    path: Path

    def describe(self) -> str:
        """One tab-separated line for ``pl2en models list``: id, kind, size, revision(s), path."""
        shown = ", ".join(r if r.startswith("sha256:") else r[:12] for r in self.revisions) or "-"
        return f"{self.model_id}\t{self.kind}\t{self.size_bytes / 1e6:.1f} MB\t{shown}\t{self.path}"


def pull_model(model: str) -> ResolvedModel:
    """Download ``model`` (or update it) into the Hugging Face cache; a directory is just checked."""
    local = Path(model).expanduser()
    if local.exists() or looks_like_path(model):
        return resolve_model(model)
    if is_offline():
        raise ModelError(f"cannot download {model}: offline mode is on (unset HF_HUB_OFFLINE and TRANSFORMERS_OFFLINE)")
    try:
        return hub.fetch_snapshot(model, local_only=False)
    except hub.hub_errors() as err:
        raise ModelError(f"cannot download {model}: {hub.reason(err)}") from err


def list_models() -> list[CachedModel]:
    """Models in the Hugging Face cache plus the CTranslate2 conversions pl2en made."""
    found: list[CachedModel] = []
    info = hub.scan_hub_cache()
    if info is not None:
        for repo in info.repos:
            if repo.repo_type != "model":
                continue
            revisions = tuple(sorted(rev.commit_hash for rev in repo.revisions))
            found.append(CachedModel(repo.repo_id, "hub", repo.size_on_disk, revisions, Path(repo.repo_path)))
    for directory, meta in ct2_conversions():
        found.append(
            CachedModel(meta["model_id"], "ctranslate2", _tree_size(directory), (meta["revision"],), directory)
        )
    return sorted(found, key=lambda m: (m.model_id, m.kind, str(m.path)))


@dataclass(frozen=True)
class Removed:
    """One thing ``pl2en models remove`` deleted."""

    what: str  # "download", "converted copy", "leftover of an interrupted conversion"
    path: Path
    size_bytes: int

    def describe(self) -> str:
        return f"removed the {self.what} ({self.size_bytes / 1e6:.1f} MB): {self.path}"


def find_cached(model: str) -> ResolvedModel | None:
    """``model``'s files in the Hugging Face cache, asking no network; None for a folder or a model not cached."""
    if Path(model).expanduser().exists() or looks_like_path(model):
        return None
    try:
        return hub.fetch_snapshot(model, local_only=True)
    except hub.hub_errors():
        return None


def remove_model_parts(model: str, *, converted_only: bool = False) -> list[Removed]:
    """Delete ``model``'s download (unless ``converted_only``) and its CTranslate2 conversions; say what went.

    A user's own model folder is never deleted, only conversions made from it. Leftovers of
    interrupted conversions (of any model) are swept on the way. Raises ModelNotCached when
    nothing of ``model`` was there.
    """
    from translator.backends.conversion_health import sweep_leftovers

    swept = [Removed("leftover of an interrupted conversion", p, n) for p, n in sweep_leftovers(paths.ct2_dir())]
    removed: list[Removed] = []
    info = None if converted_only else hub.scan_hub_cache()
    for repo in info.repos if info is not None else ():
        if info is not None and repo.repo_type == "model" and repo.repo_id == model:
            # Scope the strategy to this repo: delete_revisions matches a hash in whichever repo it meets first.
            only_this = dataclasses.replace(info, repos=frozenset({repo}))
            strategy = only_this.delete_revisions(*(rev.commit_hash for rev in repo.revisions))
            strategy.execute()
            removed.append(Removed("download", Path(repo.repo_path), strategy.expected_freed_size))
    source = Path(model).expanduser().resolve() if looks_like_path(model) or Path(model).expanduser().exists() else None
    for directory, meta in ct2_conversions():
        if meta["model_id"] == model or (source is not None and Path(meta.get("source", "")) == source):
            size = _tree_size(directory)
            shutil.rmtree(directory)
            removed.append(Removed("converted copy", directory, size))
    if not removed:
        also = f"; swept {len(swept)} leftover(s) of interrupted conversions" if swept else ""
        what = f"no converted copy of model {model!r} is" if converted_only else f"model {model!r} is not"
        raise ModelNotCached(f"{what} in the cache (see: pl2en models list){also}")
    return removed + swept


def remove_model(model: str) -> int:
    """Delete ``model``'s revisions from the Hugging Face cache and its CTranslate2 conversions; bytes freed."""
    return sum(part.size_bytes for part in remove_model_parts(model))


def ct2_conversions() -> list[tuple[Path, dict[str, Any]]]:
    """(directory, metadata) of every finished CTranslate2 conversion under paths.ct2_dir()."""
    root = paths.ct2_dir()
    if not root.is_dir():
        return []
    out = []
    for directory in sorted(root.iterdir()):
        meta_path = directory / CT2_METADATA
        if not directory.is_dir() or directory.name.startswith(".") or not meta_path.is_file():
            continue
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # a conversion from another version or a damaged file: not ours to interpret
        if isinstance(meta, dict) and "model_id" in meta and "revision" in meta:
            out.append((directory, meta))
    return out


def _tree_size(directory: Path) -> int:
    return sum(p.stat().st_size for p in directory.rglob("*") if p.is_file() and not p.is_symlink())

"""Finding model weights: local directories, the Hugging Face hub cache, downloads, listing, removal.

huggingface_hub is imported inside the functions that need it. Resolution is cache-first: a
hub model whose files are already in the local cache is used without touching the network; the
hub is asked only when the files are missing (and never in offline mode). ``pull_model`` always
asks the hub, so it is also how a cached model is updated.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from translator import paths
from translator.errors import ModelError, ModelNotAvailable, ModelNotCached
from translator.file_digests import FileDigests

DEFAULT_MODEL = "Helsinki-NLP/opus-mt-pl-en"
QUALITY_MODEL = "Helsinki-NLP/opus-mt-tc-big-zlw-en"
DEFAULT_SUMMARY_MODEL = "sshleifer/distilbart-cnn-12-6"

MODEL_KINDS = ("translation", "summarization")

# What a model needs on disk; pytorch_model.bin only when a repo has no safetensors.
MODEL_FILE_PATTERNS = (
    "config.json",
    "generation_config.json",
    "*.safetensors",
    "*.spm",
    "vocab.json",
    "target_vocab.json",
    "merges.txt",
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "source.spm",
    "target.spm",
)
LEGACY_WEIGHTS = "pytorch_model.bin"
WEIGHT_PATTERNS = ("*.safetensors", LEGACY_WEIGHTS)
TOKENIZER_PATTERNS = ("*.spm", "vocab.json", "tokenizer.json")

# Written into every CTranslate2 conversion so list/remove can tell what it was made from.
CT2_METADATA = "pl2en-conversion.json"

_HUB_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9_.-]+$")
_TRUE = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class ResolvedModel:
    model_id: str  # as the user gave it (hub id or the directory path as given)
    path: Path  # local directory in the HF layout
    revision: str  # hub commit hash, or "sha256:<16 hex>" content hash of a local directory
    local: bool  # True for a user-given directory


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


def is_offline(offline: bool = False) -> bool:
    """True when asked to stay offline, or HF_HUB_OFFLINE / TRANSFORMERS_OFFLINE is set truthy."""
    if offline:
        return True
    return any(os.environ.get(name, "").strip().lower() in _TRUE for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"))


def looks_like_path(model: str) -> bool:
    """A directory path rather than a hub id ("owner/name")."""
    if model.startswith(("/", "~", ".")):
        return True
    has_separator = os.sep in model or "/" in model or (os.altsep is not None and os.altsep in model)
    return has_separator and not _HUB_ID.match(model)


def resolve_model(model: str, *, offline: bool = False, kind: str = "translation") -> ResolvedModel:
    """Find ``model`` (a directory or a hub id) on disk, downloading it unless offline.

    Raises ModelError for a bad directory and ModelNotAvailable when hub files cannot be had.
    ``kind`` names what the model is for; both kinds need the same files.
    """
    if kind not in MODEL_KINDS:
        raise ValueError(f"kind must be one of {MODEL_KINDS}, not {kind!r}")
    if not model or not model.strip():
        raise ModelError("no model given: pass a Hugging Face model id or a model directory")
    local = Path(model).expanduser()
    if local.exists():
        return _resolve_local(model, local)
    if looks_like_path(model):
        raise ModelError(f"no such model directory: {model}")
    return _resolve_hub(model, offline=offline)


def pull_model(model: str) -> ResolvedModel:
    """Download ``model`` (or update it) into the Hugging Face cache; a directory is just checked."""
    local = Path(model).expanduser()
    if local.exists() or looks_like_path(model):
        return resolve_model(model)
    if is_offline():
        raise ModelError(f"cannot download {model}: offline mode is on (unset HF_HUB_OFFLINE and TRANSFORMERS_OFFLINE)")
    try:
        return _fetch_snapshot(model, local_only=False)
    except _hub_errors() as err:
        raise ModelError(f"cannot download {model}: {_reason(err)}") from err


def list_models() -> list[CachedModel]:
    """Models in the Hugging Face cache plus the CTranslate2 conversions pl2en made."""
    found: list[CachedModel] = []
    info = _scan_hub_cache()
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


def remove_model(model: str) -> int:
    """Delete ``model``'s revisions from the Hugging Face cache and its CTranslate2 conversions.

    A user's own model directory is never deleted, only conversions made from it. Returns bytes freed.
    """
    freed = 0
    found = False
    info = _scan_hub_cache()
    if info is not None:
        for repo in info.repos:
            if repo.repo_type == "model" and repo.repo_id == model:
                # Scope the strategy to this repo: delete_revisions matches a hash in whichever repo it meets first.
                only_this = dataclasses.replace(info, repos=frozenset({repo}))
                strategy = only_this.delete_revisions(*(rev.commit_hash for rev in repo.revisions))
                freed += strategy.expected_freed_size
                strategy.execute()
                found = True
    source = Path(model).expanduser().resolve() if looks_like_path(model) or Path(model).expanduser().exists() else None
    for directory, meta in ct2_conversions():
        if meta["model_id"] == model or (source is not None and Path(meta.get("source", "")) == source):
            freed += _tree_size(directory)
            shutil.rmtree(directory)
            found = True
    if not found:
        raise ModelNotCached(f"model {model!r} is not in the cache (see: pl2en models list)")
    return freed


def ct2_conversions() -> list[tuple[Path, dict]]:
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


def content_hash(directory: Path) -> str:
    """ "sha256:<16 hex>" over the names and contents of a model directory's config, weight and tokenizer files.

    A file whose path, size and mtime match a digest stored by an earlier run is not read again.
    """
    digests = FileDigests.load()
    total = hashlib.sha256()
    for path in _model_files(directory):
        total.update(path.name.encode("utf-8") + b"\0" + digests.of(path).encode("ascii") + b"\n")
    digests.save()
    return f"sha256:{total.hexdigest()[:16]}"


@dataclass(frozen=True)
class ModelLimits:
    """Lengths and beam a model's own config files declare (read as JSON: no transformers needed)."""

    max_input_tokens: int  # source tokens, end-of-sentence included (512 for opus-mt)
    max_output_tokens: int  # target tokens a decoder can produce after its start token
    default_beam: int  # generation_config num_beams (6 for opus-mt), else 4


def read_model_limits(directory: Path, *, config_name: str = "config.json") -> ModelLimits:
    """Read limits from config.json, generation_config.json and tokenizer_config.json in ``directory``."""
    config = read_json(directory / config_name)
    generation = read_json(directory / "generation_config.json")
    tokenizer = read_json(directory / "tokenizer_config.json")
    positions = _sane_length(config.get("max_position_embeddings"))
    inputs = [n for n in (_sane_length(tokenizer.get("model_max_length")), positions) if n]
    max_input = min(inputs) if inputs else 512
    outputs = [n for n in (_sane_length(generation.get("max_length", config.get("max_length"))), positions) if n]
    max_output = max(1, (min(outputs) if outputs else 512) - 1)
    beam = generation.get("num_beams", config.get("num_beams"))
    default_beam = beam if isinstance(beam, int) and beam >= 1 else 4
    return ModelLimits(max_input_tokens=max_input, max_output_tokens=max_output, default_beam=default_beam)


def _sane_length(value) -> int | None:
    """A positive length below a million; tokenizers say 1e30 when they mean "no limit"."""
    if isinstance(value, (int, float)) and 1 <= value < 1_000_000:
        return int(value)
    return None


def read_json(path: Path) -> dict:
    """A JSON object from ``path``: {} when the file is missing or holds no object; ModelError when unreadable."""
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ModelError(f"cannot read {path}: {err}") from err
    return data if isinstance(data, dict) else {}


def has_weights(directory: Path) -> bool:
    return any(_matches(p.name, WEIGHT_PATTERNS) for p in directory.iterdir() if p.is_file())


# --- local directories -------------------------------------------------------------------------


def _resolve_local(model: str, local: Path) -> ResolvedModel:
    if not local.is_dir() or not (local / "config.json").is_file():
        raise ModelError(f"{model} is not a model directory (no config.json)")
    if not has_weights(local):
        raise ModelError(f"{model} has no weights (model.safetensors or pytorch_model.bin)")
    path = local.resolve()
    return ResolvedModel(model_id=model, path=path, revision=content_hash(path), local=True)


def _model_files(directory: Path) -> list[Path]:
    patterns = (*MODEL_FILE_PATTERNS, LEGACY_WEIGHTS)
    return sorted(p for p in directory.iterdir() if p.is_file() and _matches(p.name, patterns))


def _matches(name: str, patterns) -> bool:
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)


def _tree_size(directory: Path) -> int:
    return sum(p.stat().st_size for p in directory.rglob("*") if p.is_file() and not p.is_symlink())


# --- the Hugging Face hub ----------------------------------------------------------------------


def _resolve_hub(model: str, *, offline: bool) -> ResolvedModel:
    errors = _hub_errors()
    try:
        return _fetch_snapshot(model, local_only=True)
    except errors as err:
        if _is_invalid_id(err):
            raise ModelError(f"{model!r} is neither a model directory nor a Hugging Face model id") from err
        if is_offline(offline):
            raise ModelNotAvailable(model, "offline and not in the local cache") from err
    try:
        return _fetch_snapshot(model, local_only=False)
    except errors as err:
        raise ModelNotAvailable(model, _reason(err)) from err


def _fetch_snapshot(model: str, *, local_only: bool) -> ResolvedModel:
    """One snapshot_download with the model file patterns; a second with pytorch_model.bin if no safetensors."""
    snapshot = _snapshot_download(model, list(MODEL_FILE_PATTERNS), local_only)
    if not has_weights(snapshot):
        snapshot = _snapshot_download(model, [*MODEL_FILE_PATTERNS, LEGACY_WEIGHTS], local_only)
    missing = [
        what
        for what, ok in (
            ("config.json", (snapshot / "config.json").is_file()),
            ("weights", has_weights(snapshot)),
            ("tokenizer files", any(_matches(p.name, TOKENIZER_PATTERNS) for p in snapshot.iterdir())),
        )
        if not ok
    ]
    if missing:
        raise FileNotFoundError(f"the downloaded files lack {', '.join(missing)}")
    return ResolvedModel(model_id=model, path=snapshot, revision=snapshot.name, local=False)


def _snapshot_download(model: str, patterns: list[str], local_only: bool) -> Path:
    os.environ.setdefault("HF_HUB_ETAG_TIMEOUT", "5")
    os.environ.setdefault("HF_HUB_DOWNLOAD_TIMEOUT", "20")
    from huggingface_hub import snapshot_download

    return Path(
        snapshot_download(
            model,
            allow_patterns=patterns,
            local_files_only=local_only,
            cache_dir=str(paths.hf_hub_cache_dir()),
            etag_timeout=float(os.environ["HF_HUB_ETAG_TIMEOUT"]),
        )
    )


def _hub_errors() -> tuple[type[BaseException], ...]:
    """Everything huggingface_hub raises when files cannot be had (its HTTP stack varies by version)."""
    errors: list[type[BaseException]] = [OSError, ValueError, TimeoutError]
    for module, name in (("httpx2", "HTTPError"), ("httpx", "HTTPError"), ("requests", "RequestException")):
        try:
            errors.append(getattr(__import__(module), name))
        except (ImportError, AttributeError):
            continue
    return tuple(errors)


def _is_invalid_id(err: BaseException) -> bool:
    from huggingface_hub.errors import HFValidationError

    return isinstance(err, HFValidationError)


def _reason(err: BaseException) -> str:
    from huggingface_hub import errors as hub

    if isinstance(err, hub.GatedRepoError):
        return "the model is gated: accept its terms on huggingface.co and log in with `hf auth login`"
    if isinstance(err, hub.RepositoryNotFoundError):
        return "no such model on the Hugging Face hub"
    if isinstance(err, hub.RevisionNotFoundError):
        return "no such revision on the Hugging Face hub"
    if isinstance(err, hub.HFValidationError):
        return "not a valid Hugging Face model id"
    if isinstance(err, hub.LocalEntryNotFoundError):
        return "not in the local cache and the Hugging Face hub cannot be reached"
    if isinstance(err, FileNotFoundError):
        return str(err)
    if isinstance(err, (TimeoutError, ConnectionError)) or "Timeout" in type(err).__name__:
        return "the Hugging Face hub cannot be reached"
    first_line = str(err).strip().splitlines()[0] if str(err).strip() else ""
    return f"{type(err).__name__}: {first_line}" if first_line else type(err).__name__


def _scan_hub_cache():
    directory = paths.hf_hub_cache_dir()
    if not directory.is_dir():
        return None
    from huggingface_hub import scan_cache_dir

    return scan_cache_dir(directory)

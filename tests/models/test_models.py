"""Model resolution, the Hugging Face cache (a fake one in HF's real layout), paths. No network."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from translator import paths
from translator.errors import ModelError, ModelNotAvailable, ModelNotCached
from translator.models import (
    CT2_METADATA,
    CachedModel,
    ResolvedModel,
    content_hash,
    hub,
    is_offline,
    list_models,
    looks_like_path,
    pull_model,
    read_model_limits,
    remove_model,
    resolve_model,
)

MARIAN_FILES = {
    "config.json": json.dumps({"model_type": "marian", "max_position_embeddings": 512}),
    "generation_config.json": json.dumps({"num_beams": 6, "max_length": 512}),
    "model.safetensors": "weights " * 100,
    "source.spm": "spm-source",
    "target.spm": "spm-target",
    "vocab.json": json.dumps({"</s>": 0, "<unk>": 1, "<pad>": 2}),
    "tokenizer_config.json": json.dumps({"model_max_length": 512}),
}


@pytest.fixture(autouse=True)
def isolated_caches(tmp_path, monkeypatch):
    """An empty HF cache and pl2en cache per test; offline switches off unless a test sets them."""
    for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_HOME", "HUGGINGFACE_HUB_CACHE"):
        monkeypatch.delenv(name, raising=False)
    hub = tmp_path / "hf-hub"
    monkeypatch.setenv("HF_HUB_CACHE", str(hub))
    monkeypatch.setenv("PL2EN_CACHE_DIR", str(tmp_path / "pl2en"))
    return hub


@pytest.fixture
def no_network(monkeypatch):
    """Record every snapshot_download; a call that may touch the network fails the test."""
    calls: list[bool] = []
    real = hub._snapshot_download

    def local_only_download(model, patterns, local_only):
        calls.append(local_only)
        assert local_only, "tried to reach the hub"
        return real(model, patterns, local_only)

    monkeypatch.setattr(hub, "_snapshot_download", local_only_download)
    return calls


def write_model_dir(directory: Path, files: dict[str, str] = MARIAN_FILES) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def add_to_hf_cache(hub: Path, repo_id: str, files: dict[str, str], commit: str, *, main: bool = True) -> Path:
    """Lay files out as huggingface_hub does: blobs by hash, snapshots/<commit>/ symlinks, refs/main."""
    repo = hub / f"models--{repo_id.replace('/', '--')}"
    (repo / "blobs").mkdir(parents=True, exist_ok=True)
    snapshot = repo / "snapshots" / commit
    snapshot.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        data = text.encode("utf-8")
        blob = repo / "blobs" / hashlib.sha256(data).hexdigest()
        blob.write_bytes(data)
        (snapshot / name).symlink_to(os.path.relpath(blob, snapshot))
    if main:
        (repo / "refs").mkdir(exist_ok=True)
        (repo / "refs" / "main").write_text(commit)
    return snapshot


def blob_bytes(files: dict[str, str]) -> int:
    """Bytes in the blobs dir: identical contents share one blob."""
    return sum(len(text.encode("utf-8")) for text in set(files.values()))


def add_ct2_conversion(model_id: str, revision: str, source: str = "") -> Path:
    directory = paths.ct2_dir() / f"{model_id.replace('/', '--')}--{revision}--int8"
    directory.mkdir(parents=True)
    (directory / "model.bin").write_bytes(b"\0" * 1000)
    meta = {"model_id": model_id, "revision": revision, "compute_type": "int8", "source": source}
    (directory / CT2_METADATA).write_text(json.dumps(meta), encoding="utf-8")
    return directory


COMMIT_A = "a" * 40
COMMIT_B = "b" * 40


# --- local directories -------------------------------------------------------------------------


def test_local_directory_resolves_as_given_with_a_content_hash(tmp_path, monkeypatch):
    write_model_dir(tmp_path / "models" / "tiny")
    monkeypatch.chdir(tmp_path)
    resolved = resolve_model("./models/tiny")
    assert resolved.model_id == "./models/tiny"
    assert resolved.path == (tmp_path / "models" / "tiny").resolve()
    assert resolved.local is True
    assert resolved.revision.startswith("sha256:") and len(resolved.revision) == 7 + 16
    assert resolve_model("models/tiny").revision == resolved.revision  # a relative dir wins over a hub id


def test_content_hash_follows_model_files_only(tmp_path):
    model = write_model_dir(tmp_path / "m")
    before = content_hash(model)
    (model / "README.md").write_text("notes", encoding="utf-8")
    assert content_hash(model) == before
    (model / "model.safetensors").write_text("other weights", encoding="utf-8")
    assert content_hash(model) != before
    (model / "model.safetensors").write_text(MARIAN_FILES["model.safetensors"], encoding="utf-8")
    assert content_hash(model) == before
    (model / "source.spm").write_text("retrained", encoding="utf-8")
    assert content_hash(model) != before


def test_directory_without_config_is_not_a_model(tmp_path):
    files = {k: v for k, v in MARIAN_FILES.items() if k != "config.json"}
    write_model_dir(tmp_path / "half", files)
    with pytest.raises(ModelError, match=r"is not a model directory \(no config.json\)"):
        resolve_model(str(tmp_path / "half"))
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(ModelError, match="is not a model directory"):
        resolve_model(str(tmp_path / "file.txt"))


def test_directory_without_weights_is_refused(tmp_path):
    files = {k: v for k, v in MARIAN_FILES.items() if k != "model.safetensors"}
    write_model_dir(tmp_path / "noweights", files)
    with pytest.raises(ModelError, match="has no weights"):
        resolve_model(str(tmp_path / "noweights"))


@pytest.mark.parametrize("path", ["./nope", "../nope/model", "/no/such/dir", "~/no-such-pl2en-model", "a/b/c"])
def test_missing_directory_is_a_model_error_not_a_hub_lookup(path, no_network):
    with pytest.raises(ModelError, match="no such model directory") as info:
        resolve_model(path)
    assert not isinstance(info.value, ModelNotAvailable)
    assert no_network == []


@pytest.mark.parametrize(
    ("text", "is_path"),
    [
        ("Helsinki-NLP/opus-mt-pl-en", False),
        ("owner/name", False),
        ("./x", True),
        ("/abs/x", True),
        ("~/x", True),
        ("a/b/c", True),
        ("..", True),
    ],
)
def test_paths_are_told_from_hub_ids(text, is_path):
    assert looks_like_path(text) is is_path


def test_kind_is_checked():
    with pytest.raises(ValueError, match="kind"):
        resolve_model("owner/name", kind="speech")


# --- the hub cache and offline mode ------------------------------------------------------------


def test_unknown_hub_id_offline_names_the_pull_command(no_network):
    with pytest.raises(ModelNotAvailable) as info:
        resolve_model("owner/unknown-model", offline=True)
    assert "pl2en models pull owner/unknown-model" in str(info.value)
    assert no_network and all(no_network)


@pytest.mark.parametrize("name", ["HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"])
def test_offline_environment_is_respected(name, monkeypatch, no_network):
    assert not is_offline()
    monkeypatch.setenv(name, "1")
    assert is_offline()
    with pytest.raises(ModelNotAvailable, match="pl2en models pull owner/unknown-model"):
        resolve_model("owner/unknown-model")
    with pytest.raises(ModelError, match="offline"):
        pull_model("owner/unknown-model")
    monkeypatch.setenv(name, "0")
    assert not is_offline() and is_offline(True)


def test_cached_hub_model_resolves_offline_to_its_snapshot(isolated_caches, no_network):
    snapshot = add_to_hf_cache(isolated_caches, "owner/tiny-mt", MARIAN_FILES, COMMIT_A)
    resolved = resolve_model("owner/tiny-mt", offline=True)
    assert resolved == ResolvedModel("owner/tiny-mt", snapshot, COMMIT_A, False)
    assert read_model_limits(resolved.path).default_beam == 6


def test_cached_model_is_used_without_the_network_even_when_online(isolated_caches, no_network):
    add_to_hf_cache(isolated_caches, "owner/tiny-mt", MARIAN_FILES, COMMIT_A)
    assert resolve_model("owner/tiny-mt").revision == COMMIT_A


def test_cached_model_with_only_pytorch_bin_weights(isolated_caches, no_network):
    files = {k: v for k, v in MARIAN_FILES.items() if k != "model.safetensors"} | {"pytorch_model.bin": "pickle"}
    snapshot = add_to_hf_cache(isolated_caches, "owner/old-mt", files, COMMIT_A)
    assert resolve_model("owner/old-mt", offline=True).path == snapshot
    assert no_network == [True]  # a cached snapshot folder holds every file it has, *.bin included


def test_cached_snapshot_without_weights_is_not_available(isolated_caches, no_network):
    files = {k: v for k, v in MARIAN_FILES.items() if k != "model.safetensors"}
    add_to_hf_cache(isolated_caches, "owner/partial", files, COMMIT_A)
    with pytest.raises(ModelNotAvailable, match="pl2en models pull owner/partial"):
        resolve_model("owner/partial", offline=True)


def test_unreachable_hub_is_model_not_available(monkeypatch):
    import huggingface_hub.constants

    monkeypatch.setattr(huggingface_hub.constants, "ENDPOINT", "http://127.0.0.1:9")  # nothing listens there
    with pytest.raises(ModelNotAvailable, match="cannot be reached.*pl2en models pull owner/tiny-mt"):
        resolve_model("owner/tiny-mt")
    with pytest.raises(ModelError, match="cannot download owner/tiny-mt"):
        pull_model("owner/tiny-mt")


def test_resolving_leaves_the_process_environment_alone(isolated_caches, monkeypatch):
    import huggingface_hub.constants

    for name in ("HF_HUB_ETAG_TIMEOUT", "HF_HUB_DOWNLOAD_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    add_to_hf_cache(isolated_caches, "owner/tiny-mt", MARIAN_FILES, COMMIT_A)
    before = dict(os.environ)
    assert resolve_model("owner/tiny-mt").revision == COMMIT_A
    monkeypatch.setattr(huggingface_hub.constants, "ENDPOINT", "http://127.0.0.1:9")  # the hub is asked, and fails
    with pytest.raises(ModelNotAvailable):
        resolve_model("owner/not-cached")
    assert dict(os.environ) == before


def test_invalid_hub_id_is_a_model_error(no_network):
    with pytest.raises(ModelError, match="neither a model directory nor a Hugging Face model id"):
        resolve_model("owner/na--me..", offline=True)


# --- list and remove ---------------------------------------------------------------------------


def test_list_models_reads_the_hf_cache_and_ct2_conversions(isolated_caches, tmp_path):
    add_to_hf_cache(isolated_caches, "owner/tiny-mt", MARIAN_FILES, COMMIT_A)
    newer = dict(MARIAN_FILES, **{"model.safetensors": "newer weights"})
    add_to_hf_cache(isolated_caches, "owner/tiny-mt", newer, COMMIT_B)
    add_to_hf_cache(isolated_caches, "other/summarizer", {"config.json": "{}", "model.safetensors": "w"}, COMMIT_A)
    conversion = add_ct2_conversion("owner/tiny-mt", COMMIT_B)
    (paths.ct2_dir() / ".tiny.partial").mkdir()  # an unfinished conversion is not listed

    listed = list_models()
    assert [(m.model_id, m.kind) for m in listed] == [
        ("other/summarizer", "hub"),
        ("owner/tiny-mt", "ctranslate2"),
        ("owner/tiny-mt", "hub"),
    ]
    hub_entry = listed[2]
    assert isinstance(hub_entry, CachedModel)
    assert hub_entry.revisions == (COMMIT_A, COMMIT_B)
    assert hub_entry.size_bytes == blob_bytes({**MARIAN_FILES, "new": "newer weights"})
    assert hub_entry.path == isolated_caches / "models--owner--tiny-mt"
    assert hub_entry.describe().split("\t")[:4] == ["owner/tiny-mt", "hub", "0.0 MB", "aaaaaaaaaaaa, bbbbbbbbbbbb"]
    assert listed[1] == CachedModel(
        "owner/tiny-mt", "ctranslate2", 1000 + len((conversion / CT2_METADATA).read_bytes()), (COMMIT_B,), conversion
    )


def test_list_models_with_no_caches_is_empty():
    assert list_models() == []


def test_remove_model_deletes_revisions_and_conversions(isolated_caches):
    add_to_hf_cache(isolated_caches, "owner/tiny-mt", MARIAN_FILES, COMMIT_A)
    add_to_hf_cache(isolated_caches, "other/keep", MARIAN_FILES, COMMIT_A)  # same hash: only one repo goes
    conversion = add_ct2_conversion("owner/tiny-mt", COMMIT_A)
    conversion_size = sum(p.stat().st_size for p in conversion.iterdir())

    freed = remove_model("owner/tiny-mt")

    assert freed == blob_bytes(MARIAN_FILES) + conversion_size
    assert not conversion.exists()
    assert not (isolated_caches / "models--owner--tiny-mt" / "snapshots" / COMMIT_A).exists()
    assert [m.model_id for m in list_models()] == ["other/keep"]
    with pytest.raises(ModelNotCached, match="model 'owner/tiny-mt' is not in the cache"):
        remove_model("owner/tiny-mt")


def test_remove_unknown_model_is_model_not_cached():
    with pytest.raises(ModelNotCached, match="is not in the cache") as info:
        remove_model("owner/never-downloaded")
    assert isinstance(info.value, ModelError)


def test_remove_local_model_drops_conversions_but_never_the_directory(tmp_path):
    model = write_model_dir(tmp_path / "mine")
    resolved = resolve_model(str(model))
    conversion = add_ct2_conversion(str(model), resolved.revision, source=str(resolved.path))
    assert remove_model(str(model)) > 0
    assert not conversion.exists()
    assert (model / "model.safetensors").is_file()


# --- limits and paths --------------------------------------------------------------------------


def test_model_limits_cap_absurd_lengths_and_fall_back(tmp_path):
    model = write_model_dir(
        tmp_path / "m",
        {
            "config.json": json.dumps({"max_position_embeddings": 1024}),
            "tokenizer_config.json": json.dumps({"model_max_length": 1e30}),
        },
    )
    limits = read_model_limits(model)
    assert (limits.max_input_tokens, limits.max_output_tokens, limits.default_beam) == (1024, 1023, 4)
    opus = read_model_limits(write_model_dir(tmp_path / "opus"))
    assert (opus.max_input_tokens, opus.max_output_tokens, opus.default_beam) == (512, 511, 6)


def test_cache_paths_follow_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("PL2EN_CACHE_DIR", str(tmp_path / "override"))
    assert paths.cache_dir() == tmp_path / "override"
    assert paths.ct2_dir() == tmp_path / "override" / "ct2"
    assert paths.memory_path() == tmp_path / "override" / "memory.sqlite3"
    monkeypatch.delenv("PL2EN_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if os.name == "posix" and not os.uname().sysname == "Darwin":
        assert paths.cache_dir() == tmp_path / "xdg" / "pl2en"
    assert not (tmp_path / "override").exists() and not (tmp_path / "xdg").exists()  # nothing created


def test_hf_hub_cache_dir_follows_the_environment(tmp_path, monkeypatch):
    assert paths.hf_hub_cache_dir() == tmp_path / "hf-hub"
    monkeypatch.delenv("HF_HUB_CACHE")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hfhome"))
    assert paths.hf_hub_cache_dir() == tmp_path / "hfhome" / "hub"
    monkeypatch.delenv("HF_HOME")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert paths.hf_hub_cache_dir() == tmp_path / "xdg" / "huggingface" / "hub"

"""Device strings for ctranslate2 (cpu, cuda, cuda:N, auto) and the compute type in the memory identity.

Everything here runs without a GPU: the parsing and the choice of device are plain
functions of the requested string and the number of GPUs ctranslate2 reports.
"""

from __future__ import annotations

import pytest

from translator.backends.base import check_device, parse_device, pick_device
from translator.backends.ct2 import CTranslate2Backend, engine_compute_type
from translator.backends.hf import TransformersBackend
from translator.errors import BackendUnavailable
from translator.summarize.abstract import Summarizer


@pytest.mark.parametrize(
    ("requested", "parsed"),
    [("auto", ("auto", 0)), ("cpu", ("cpu", 0)), ("cuda", ("cuda", 0)), ("cuda:0", ("cuda", 0)),
     ("cuda:1", ("cuda", 1)), ("cuda:12", ("cuda", 12))],
)  # fmt: skip
def test_parse_device_splits_the_gpu_index(requested, parsed):
    assert parse_device(requested) == parsed
    assert check_device(requested) == requested


@pytest.mark.parametrize(
    "bad", ["gpu", "cuda:x", "cuda:", "cuda:-1", "cuda:1 ", " cuda", "CUDA", "cuda:1:2", "cpu:0", "cuda:١", ""]
)
def test_malformed_devices_are_refused_listing_the_valid_forms(bad):
    with pytest.raises(BackendUnavailable) as caught:
        parse_device(bad)
    message = str(caught.value)
    assert message.startswith(f"unknown device {bad!r}")
    assert all(form in message for form in ("cpu", "cuda", "cuda:N", "auto"))


def test_every_engine_refuses_a_malformed_device_when_constructed():
    for make in (
        lambda: CTranslate2Backend("/no/such/model", device="cuda:x"),
        lambda: TransformersBackend("/no/such/model", device="gpu"),
        lambda: Summarizer("/no/such/model", device="cuda:one"),
    ):
        with pytest.raises(BackendUnavailable, match="cuda:N"):
            make()


def test_pick_device_keeps_the_index():
    assert pick_device("cuda:1", 2) == ("cuda", 1)
    assert pick_device("cuda", 2) == ("cuda", 0)
    assert pick_device("cpu", 2) == ("cpu", 0)
    assert pick_device("auto", 2) == ("cuda", 0)
    assert pick_device("auto", 0) == ("cpu", 0)


def test_pick_device_refuses_gpus_that_are_not_there():
    with pytest.raises(BackendUnavailable, match=r"CUDA requested but not available: .*use --device cpu or auto"):
        pick_device("cuda:0", 0)
    with pytest.raises(BackendUnavailable, match=r"no GPU cuda:2: this machine has 2 \(cuda:0 to cuda:1\)"):
        pick_device("cuda:2", 2)


def test_int8_runs_as_int8_float16_on_cuda_only():
    assert engine_compute_type("cuda", "int8") == "int8_float16"
    assert engine_compute_type("cpu", "int8") == "int8"
    assert engine_compute_type("cuda", "float16") == "float16"
    assert engine_compute_type("cpu", "int8_float32") == "int8_float32"


def test_identity_label_names_the_compute_type_without_loading(monkeypatch):
    """CPU labels are the requested type (translation-memory keys unchanged); CUDA ones what runs there."""
    from translator.backends import ct2 as ct2_module

    monkeypatch.setattr(ct2_module, "_import_ctranslate2", lambda: _FakeCTranslate2(cuda_works=True, gpus=0))
    cpu = CTranslate2Backend("/no/such/model", device="cpu")
    assert cpu.identity_label == "ctranslate2-int8"
    assert (
        CTranslate2Backend("/no/such/model", device="cpu", compute_type="float16").identity_label
        == "ctranslate2-float16"
    )
    on_gpu = CTranslate2Backend("/no/such/model", device="cuda:1")
    assert on_gpu.identity_label == "ctranslate2-int8_float16"
    auto = CTranslate2Backend("/no/such/model", device="auto")  # on a machine without GPUs
    assert auto.identity_label == "ctranslate2-int8"
    assert not (cpu.loaded or on_gpu.loaded or auto.loaded)  # and no model was needed to say so


def test_loaded_cpu_backend_keeps_its_label_and_reports_its_device(tiny_marian, tmp_path, monkeypatch):
    monkeypatch.setenv("PL2EN_CACHE_DIR", str(tmp_path / "cache"))
    backend = CTranslate2Backend(str(tiny_marian), device="cpu", threads=1)
    before = backend.identity
    backend.load()
    assert backend.identity == before == f"ctranslate2-int8:{tiny_marian}@{backend.resolved.revision}"
    assert (backend.engine.device, backend.engine.device_index) == ("cpu", [0])
    assert backend._loaded.compute_type == "int8"  # ctranslate2 itself says int8_float32 on the CPU


def test_a_missing_cuda_library_is_a_one_line_setup_error():
    from translator.backends.ct2 import missing_cuda_library

    raw = RuntimeError("Library libcublas.so.12 is not found or cannot be loaded")
    failure = missing_cuda_library(raw)
    assert isinstance(failure, BackendUnavailable) and failure.__cause__ is raw
    assert "libcublas.so.12 is missing" in str(failure) and "--device cpu" in str(failure)
    assert missing_cuda_library(RuntimeError("CUDA failed with error out of memory")) is None


def test_the_transformers_backend_refuses_a_gpu_that_is_not_there(monkeypatch):
    import torch

    from translator.backends.hf import torch_device

    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 1)
    assert torch_device(torch, "cuda") == "cuda:0"
    assert torch_device(torch, "auto") == "cuda:0"
    assert torch_device(torch, "cpu") == "cpu"
    with pytest.raises(BackendUnavailable, match=r"no GPU cuda:1: this machine has 1"):
        torch_device(torch, "cuda:1")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert torch_device(torch, "auto") == "cpu"
    with pytest.raises(BackendUnavailable, match="CUDA requested but not available"):
        torch_device(torch, "cuda")


class _FakeCTranslate2:
    """Stands in for the ctranslate2 module on a machine with one GPU whose cuBLAS is missing.

    ctranslate2 opens a model on CUDA without cuBLAS and fails at the first step, as seen
    on an H100 with CUDA 13 and a ctranslate2 wheel built for CUDA 12.
    """

    def __init__(self, cuda_works: bool, gpus: int = 1) -> None:
        self.cuda_works = cuda_works
        self.gpus = gpus
        self.opened: list[tuple[str, int, str, int, int]] = []

    def get_cuda_device_count(self) -> int:
        return self.gpus

    def Translator(self, path, *, device, device_index, compute_type, intra_threads, inter_threads):
        self.opened.append((device, device_index, compute_type, inter_threads, intra_threads))
        fake = self

        class Opened:
            def translate_batch(self, batch, **options):
                if device == "cuda" and not fake.cuda_works and options.get("max_decoding_length", 2) > 1:
                    raise RuntimeError("Library libcublas.so.12 is not found or cannot be loaded")
                return [object()]

        return Opened()


def test_auto_leaves_a_gpu_without_its_cuda_libraries_for_the_cpu(tmp_path):
    from translator.backends.ct2 import open_translator

    fake = _FakeCTranslate2(cuda_works=False)
    _, device, index = open_translator(fake, tmp_path, ("cuda", 0), "int8", (2, 1), cpu_fallback=True)
    assert (device, index) == ("cpu", 0)
    assert fake.opened == [("cuda", 0, "int8_float16", 1, 0), ("cpu", 0, "int8", 2, 1)]


def test_auto_keeps_a_working_gpu_and_explicit_cuda_is_not_second_guessed(tmp_path):
    from translator.backends.ct2 import open_translator

    working = _FakeCTranslate2(cuda_works=True)
    assert open_translator(working, tmp_path, ("cuda", 0), "int8", (2, 1), cpu_fallback=True)[1:] == ("cuda", 0)
    broken = _FakeCTranslate2(cuda_works=False)
    assert open_translator(broken, tmp_path, ("cuda", 0), "int8", (2, 1), cpu_fallback=False)[1:] == ("cuda", 0)
    assert len(broken.opened) == 1  # the first translation will report the missing library


def test_auto_identity_is_what_runs_when_a_gpu_lacks_its_cuda_libraries(tiny_marian, tmp_path, monkeypatch):
    """The memory key asked for before loading is the one used after: CPU translations never go under a GPU key."""
    from translator.backends import ct2 as ct2_module

    monkeypatch.setenv("PL2EN_CACHE_DIR", str(tmp_path / "cache"))
    fake = _FakeCTranslate2(cuda_works=False)
    monkeypatch.setattr(ct2_module, "_import_ctranslate2", lambda: fake)
    backend = CTranslate2Backend(str(tiny_marian), device="auto", threads=1)
    before = backend.identity  # auto with a GPU present: only loading tells whether it can run
    backend.load()
    assert before == backend.identity == f"ctranslate2-int8:{tiny_marian}@{backend.resolved.revision}"
    assert backend._loaded.device == "cpu" and [opened[0] for opened in fake.opened] == ["cuda", "cpu"]


def test_explicit_cuda_identity_needs_no_model_and_matches_the_loaded_one(tiny_marian, tmp_path, monkeypatch):
    from translator.backends import ct2 as ct2_module

    monkeypatch.setenv("PL2EN_CACHE_DIR", str(tmp_path / "cache"))
    fake = _FakeCTranslate2(cuda_works=True)
    monkeypatch.setattr(ct2_module, "_import_ctranslate2", lambda: fake)
    backend = CTranslate2Backend(str(tiny_marian), device="cuda:0", threads=1)
    before = backend.identity_label
    assert not backend.loaded and before == "ctranslate2-int8_float16"
    backend.load()
    assert backend.identity_label == before and fake.opened == [("cuda", 0, "int8_float16", 1, 0)]

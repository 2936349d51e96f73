"""Reading articles from files and stdin; bad inputs give one clear line."""

from __future__ import annotations

import io
import os
import random
from pathlib import Path

import pytest
from inputs_support import assert_one_line, seed_text

from translator.errors import BinaryInput, EmptyInput, FetchError, InputError, InputNotFound
from translator.inputs import fetch_url, read_input


def test_missing_file(tmp_path):
    missing = str(tmp_path / "nie-ma.txt")
    with pytest.raises(InputNotFound) as err:
        read_input(missing)
    assert_one_line(err.value, "nie-ma.txt")


def test_directory(tmp_path):
    with pytest.raises(InputError) as err:
        read_input(str(tmp_path))
    assert_one_line(err.value, str(tmp_path), "pl2en batch")


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  \n", b"\xef\xbb\xbf \n"])
def test_empty_or_whitespace_only(tmp_path, content):
    path = tmp_path / "pusty.txt"
    path.write_bytes(content)
    with pytest.raises(EmptyInput) as err:
        read_input(str(path))
    assert_one_line(err.value, "pusty.txt")
    with pytest.raises(EmptyInput):
        read_input("-", stdin=io.BytesIO(content))


def test_permission_denied(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("Tajny tekst.")
    path.chmod(0)
    if os.geteuid() == 0:  # root reads anything: let the OS refuse as it would for a user

        def refuse(self, *args, **kwargs):
            raise PermissionError(13, "Permission denied", str(self))

        monkeypatch.setattr(Path, "open", refuse)
    try:
        with pytest.raises(InputError) as err:
            read_input(str(path))
    finally:
        path.chmod(0o600)
    assert_one_line(err.value, "secret.txt", "permission")


def binary_samples() -> dict[str, bytes]:
    rng = random.Random(7)
    noisy = bytearray(rng.randbytes(4096))
    for i in range(0, len(noisy), 7):
        noisy[i] = 0
    return {
        "random-with-nuls": bytes(noisy),
        "random-no-nuls": bytes(b or 1 for b in rng.randbytes(4096)),
        "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rng.randbytes(200),
        "pdf": b"%PDF-1.7\n" + seed_text().encode(),
        "zip": b"PK\x03\x04" + rng.randbytes(300),
    }


@pytest.mark.parametrize("kind", sorted(binary_samples()))
def test_binary_inputs_are_refused(tmp_path, kind):
    path = tmp_path / f"plik-{kind}.bin"
    path.write_bytes(binary_samples()[kind])
    with pytest.raises(BinaryInput) as err:
        read_input(str(path))
    assert_one_line(err.value, f"plik-{kind}.bin")


def test_too_large_file(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(seed_text().encode() * 3)
    with pytest.raises(InputError) as err:
        read_input(str(path), max_bytes=1000)
    assert_one_line(err.value, "big.txt", "too large")


@pytest.mark.parametrize("spec", ["ftp://example.com/a.txt", "file:///etc/passwd", "javascript:alert(1)"])
def test_non_http_schemes_are_refused(spec):
    with pytest.raises(FetchError) as err:
        read_input(spec)
    assert_one_line(err.value, "only http(s) URLs are supported", spec)
    with pytest.raises(FetchError):
        fetch_url(spec, timeout=1, max_bytes=100)

"""Bytes to text: BOMs, declared and detected charsets, Polish single-byte codings."""

from __future__ import annotations

import io

import pytest
from inputs_support import NEWS_PAGE, seed_blocks, seed_text

from translator.inputs import decode_text, read_input


def test_latin2_page_with_lying_meta_charset_decodes(tmp_path):
    page = NEWS_PAGE.read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="iso-8859-2"')
    path = tmp_path / "latin2.html"
    path.write_bytes(page.encode("cp1250"))  # declared ISO-8859-2, really Windows-1250
    raw = read_input(str(path))
    assert raw.text.split("\n\n") == seed_blocks()
    assert raw.encoding == "cp1250"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1250", "iso8859_2", "utf-16"])
def test_seed_in_any_common_encoding_decodes_to_the_same_text(tmp_path, encoding):
    path = tmp_path / f"seed-{encoding}.txt"
    path.write_bytes(seed_text().encode(encoding))
    raw = read_input(str(path))
    assert raw.text == seed_text()
    assert raw.title is None and raw.url is None
    text, used = decode_text(seed_text().encode(encoding), name="x")
    assert text == seed_text() and used == raw.encoding


@pytest.mark.parametrize("encoding", ["cp1250", "iso8859_2"])
def test_short_polish_line_in_single_byte_encodings(encoding):
    line = "Zażółć gęślą jaźń. Śląsk, Źródło, Ąę."
    assert decode_text(line.encode(encoding), name="x") == (line, encoding)


def test_declared_charsets_are_used_when_they_fit():
    russian = "Несмотря на всеобщее осуждение действий России во время войны в Украине."
    assert decode_text(russian.encode("cp1251"), name="x", declared="windows-1251") == (russian, "cp1251")
    # A UTF-16 label on single-byte bytes, or a non-text codec, is ignored: detection decides.
    for label in ("utf-16", "base64", "no-such-charset"):
        assert decode_text(seed_text().encode("cp1250"), name="x", declared=label) == (seed_text(), "cp1250")


def test_crlf_is_kept_and_stdin_is_read(tmp_path):
    data = seed_text().replace("\n", "\r\n").encode("cp1250")
    raw = read_input("-", stdin=io.BytesIO(data))
    assert raw.name == "<stdin>"
    assert raw.text == seed_text().replace("\n", "\r\n")
    assert raw.encoding == "cp1250"


def test_a_few_nul_bytes_do_not_make_text_binary(tmp_path):
    data = seed_text().encode("utf-8")[:2048]
    data = data[:500] + b"\x00" + data[500:1200] + b"\x00\x00" + data[1200:]
    path = tmp_path / "nuls.txt"
    path.write_bytes(data)
    raw = read_input(str(path))
    assert raw.text.count("\x00") == 3
    assert "Władimir Putin" in raw.text


def test_bogus_declared_charset_falls_back_to_detection():
    text, _ = decode_text("Zażółć gęślą jaźń.".encode("cp1250"), name="x", declared="undefined")
    assert text == "Zażółć gęślą jaźń."

"""Bytes to text: BOMs, declared and detected charsets, Polish single-byte codings."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from inputs_support import NEWS_PAGE, seed_blocks, seed_text

from translator.inputs import decode_text, read_input
from translator.language import find_mojibake


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


# --- UTF-8 with a few bad bytes ---------------------------------------------------------

ARTICLE = (
    "Posłowie opozycji sprzeciwiają się ustawie, ale większość głosowała za. "
    "Źródłem sporu jest podział środków między samorządy, które żądają udziału w komitecie. "
)


def test_utf8_page_cut_mid_character_stays_utf8_and_says_so(tmp_path, caplog):
    body = (ARTICLE * 5).encode("utf-8")
    cut = body.index("ą".encode()) + 1  # the first byte of "ą" only
    page = b'<html><head><meta charset="utf-8"><title>T</title></head><body><article><p>'
    page += body[:cut] + body[cut + 1 :] + b"</p><p>" + (ARTICLE * 3).encode() + b"</p></article></body></html>"
    path = tmp_path / "cut.html"
    path.write_bytes(page)
    with caplog.at_level("WARNING", logger="pl2en"):
        raw = read_input(str(path))
    assert raw.encoding == "utf-8"
    assert "sprzeciwiaj\ufffd się" in raw.text and "sińô" not in raw.text
    assert [r.getMessage() for r in caplog.records] == [f"{path}: 1 byte was not valid UTF-8 and was replaced"]


def test_undeclared_text_with_one_bad_byte_is_still_utf8(caplog):
    data = (ARTICLE * 3).encode("utf-8") + b"\xff" + (ARTICLE * 3).encode("utf-8") + b"\xc5"
    with caplog.at_level("WARNING", logger="pl2en"):
        text, encoding = decode_text(data, name="notka.txt")
    assert encoding == "utf-8"
    assert text == ARTICLE * 3 + "\ufffd" + ARTICLE * 3 + "\ufffd"
    assert "notka.txt: 2 bytes were not valid UTF-8 and were replaced" in caplog.text


def test_clean_utf8_and_legacy_pages_give_no_warning(caplog):
    with caplog.at_level("WARNING", logger="pl2en"):
        assert decode_text(ARTICLE.encode("utf-8"), name="x") == (ARTICLE, "utf-8")
        assert decode_text((ARTICLE * 4).encode("cp1250"), name="x") == (ARTICLE * 4, "cp1250")
    assert caplog.records == []


def test_a_legacy_page_is_not_taken_for_damaged_utf8():
    # Windows-1250 bytes are invalid UTF-8 almost everywhere: no "overwhelming" majority.
    text, encoding = decode_text((ARTICLE * 4).encode("cp1250"), name="x", declared="utf-8")
    assert (text, encoding) == (ARTICLE * 4, "cp1250")


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(st.sampled_from(ARTICLE.split()), min_size=40, max_size=120),
    cuts=st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=2),
)
def test_damaged_utf8_polish_never_becomes_mojibake(words, cuts):
    data = bytearray(" ".join(words).encode("utf-8"))
    for cut in cuts:  # drop a byte: often one half of a Polish letter
        del data[cut % len(data)]
    text, encoding = decode_text(bytes(data), name="x")
    assert encoding == "utf-8"
    assert find_mojibake(text) == ()
    assert text.count("\ufffd") <= 2 * len(cuts)


@pytest.mark.parametrize("codec", ["cp1252", "cp1250", "mac_latin2"])
def test_text_saved_mis_decoded_is_repaired_and_says_so(codec, caplog):
    saved = (ARTICLE * 3).encode("utf-8").decode(codec).encode("utf-8")  # mojibake, stored as UTF-8
    with caplog.at_level("WARNING", logger="pl2en"):
        text, encoding = decode_text(saved, name="stara.html")
    assert (text, encoding) == (ARTICLE * 3, "utf-8")
    assert "stara.html: " in caplog.text and "mis-encoded Polish letters repaired" in caplog.text


def test_a_short_text_with_two_damaged_letters_stays_utf8():
    # Found by the property above: 40 words, two cut letters (19 good to 2 bad) went to mac_latin2.
    data = bytearray(" ".join(["się", "ale"] + ["Posłowie"] * 38).encode("utf-8"))
    del data[2]  # half of the ę
    del data[11]  # half of the first ł
    text, encoding = decode_text(bytes(data), name="x")
    assert encoding == "utf-8"
    assert find_mojibake(text) == () and text.count("\ufffd") == 2

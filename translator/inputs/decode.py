"""Bytes to text: BOMs, declared charsets, UTF-8, and a Polish-aware single-byte guess."""

from __future__ import annotations

import codecs
import logging
import re

from translator.errors import BinaryInput
from translator.inputs.messages import quote_name
from translator.language import MOJIBAKE as MISDECODED_UTF8
from translator.language import repair_mojibake

log = logging.getLogger("pl2en")

BINARY_MAGIC = (
    b"\x89PNG",
    b"GIF87a",
    b"GIF89a",
    b"\xff\xd8\xff",  # JPEG
    b"PK\x03\x04",  # ZIP, DOCX, ODT, EPUB
    b"PK\x05\x06",
    b"%PDF",
    b"\x1f\x8b",  # gzip
    b"BZh",
    b"\xfd7zXZ\x00",
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!",
    b"\x7fELF",
    b"MZ",  # Windows executable
    b"\xd0\xcf\x11\xe0",  # OLE2: .doc, .xls
    b"RIFF",
    b"\x00\x00\x01\x00",  # ICO
    b"OggS",
    b"ID3",
    b"\x00asm",
    b"SQLite format 3\x00",
)
UNICODE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Single-byte codings charset-normalizer may pick for Polish text; among these the
# Polish letters decide (Windows-1250 vs ISO-8859-2 differ exactly on ą ś ź Ą Ś Ź).
LATIN_FAMILY = frozenset(
    "ascii latin_1 cp1250 cp1252 cp1254 cp1257 cp852 cp850 mac_latin2 mac_roman "
    "iso8859_2 iso8859_3 iso8859_4 iso8859_9 iso8859_10 iso8859_13 iso8859_14 "
    "iso8859_15 iso8859_16".split()
)
POLISH_LETTERS = frozenset("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")
# What a wrong single-byte guess turns Polish letters into.
MOJIBAKE = frozenset("¦¶±ˇ¬¤˘˝˛´¸¨¹²³ºª¼½¾¿¡¥£¢¯")
MAX_CONTROL_SHARE = 0.05  # control characters in decoded text above this: binary
MAX_NUL_SHARE = 0.10  # NUL bytes in the first KB above this: binary (or UTF-16)
# Bytes that fail UTF-8 are replaced, not a reason to guess a code page, while the valid
# multi-byte characters outnumber them this many times (a page cut mid-character, one bad byte).
# Legacy Polish (cp1250, ISO-8859-2) almost never forms a valid multi-byte sequence: its letters
# are single high bytes, so even a short UTF-8 text with two damaged letters clears 4 to 1.
UTF8_MAJORITY = 4
MIN_UTF8_CHARS = 3  # ... and at least this many valid multi-byte characters were seen
ESCAPED_BYTE = re.compile("[\udc80-\udcff]")  # an undecodable byte, as errors="surrogateescape" keeps it
NON_ASCII = re.compile("[^\x00-\x7f]")


def decode_text(data: bytes, *, name: str, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` to ``(text, encoding)``; raise BinaryInput for non-text bytes.

    ``declared`` is a charset from an HTTP header or an HTML ``<meta>``; it is used
    when it decodes cleanly (Polish Latin-2 declarations are double-checked). Bytes
    that are overwhelmingly valid UTF-8 stay UTF-8, the few bad ones replaced, and
    text that was mis-decoded before it was saved ("siÄ™" for "się") is repaired;
    both are logged as warnings on the ``pl2en`` logger.
    """
    text, encoding = _decode(data, name=name, declared=declared)
    repaired, count = repair_mojibake(text)
    if count:
        log.warning("%s: %d mis-encoded Polish letters repaired (the text was saved mis-decoded)", name, count)
    return repaired, encoding


def _decode(data: bytes, *, name: str, declared: str | None) -> tuple[str, str]:
    if data.startswith(BINARY_MAGIC):
        raise BinaryInput(f"{quote_name(name)} is a binary file, not text; pass a .txt or .html article")
    for bom, encoding in UNICODE_BOMS:
        if data.startswith(bom):
            return _checked(name, data, encoding)
    head = data[:1024]
    nuls = head.count(0)
    if head and nuls / len(head) > MAX_NUL_SHARE:
        utf16 = _utf16_without_bom(head)
        if utf16 is None:
            raise BinaryInput(f"{quote_name(name)} is a binary file, not text; pass a .txt or .html article")
        return _checked(name, data, utf16)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return _reject_if_binary(name, text), "utf-8"
    if _mostly_utf8(data):
        return _checked(name, data, "utf-8")
    label = _normalised_codec(declared)
    if label is not None and label.startswith("utf"):
        label = None  # UTF-8 failed above; UTF-16/32 without a BOM is not trusted
    if label is not None and label not in LATIN_FAMILY:
        try:
            return _reject_if_binary(name, data.decode(label)), label
        except UnicodeError:  # undecodable, or a charset name no codec knows ("undefined")
            label = None  # the declaration is wrong: detect
    guess = label or _guess_single_byte(data)
    encoding = _most_polish(data, guess) if guess in LATIN_FAMILY or guess is None else guess
    return _checked(name, data, encoding)


def _checked(name: str, data: bytes, encoding: str) -> tuple[str, str]:
    text = _reject_if_binary(name, data.decode(encoding, errors="replace"))
    if encoding.startswith("utf-8"):
        bad = _invalid_utf8_bytes(data)
        if bad:
            what = "1 byte was not valid UTF-8 and was" if bad == 1 else f"{bad} bytes were not valid UTF-8 and were"
            log.warning("%s: %s replaced", name, what)
    return text, encoding


def _mostly_utf8(data: bytes) -> bool:
    """True when valid UTF-8 multi-byte characters overwhelmingly outnumber the invalid bytes."""
    text = data.decode("utf-8", errors="surrogateescape")
    bad = len(ESCAPED_BYTE.findall(text))
    good = len(NON_ASCII.findall(text)) - bad
    return good >= MIN_UTF8_CHARS and good >= UTF8_MAJORITY * bad


def _invalid_utf8_bytes(data: bytes) -> int:
    return len(ESCAPED_BYTE.findall(data.decode("utf-8", errors="surrogateescape")))


def _reject_if_binary(name: str, text: str) -> str:
    sample = text[:4096]
    bad = sum(1 for c in sample if c == "\ufffd" or _is_control(c))
    if sample and bad / len(sample) > MAX_CONTROL_SHARE:
        raise BinaryInput(f"{quote_name(name)} does not look like text; pass a .txt or .html article")
    return text


def _is_control(c: str) -> bool:
    o = ord(c)
    return (o < 32 and c not in "\t\n\r\f\v\x00") or 0x7F <= o <= 0x9F


def _utf16_without_bom(head: bytes) -> str | None:
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd > 0.4 * len(head) / 2 and even == 0:
        return "utf-16-le"
    if even > 0.4 * len(head) / 2 and odd == 0:
        return "utf-16-be"
    return None


def _normalised_codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        info = codecs.lookup(label.strip().strip("\"'"))
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True):  # base64, rot13 and friends
        return None
    aliases = {"iso8859-1": "latin_1", "utf-8": "utf-8", "utf-8-sig": "utf-8-sig"}
    return aliases.get(info.name, info.name.replace("-", "_"))


def _guess_single_byte(data: bytes) -> str | None:
    import charset_normalizer

    best = charset_normalizer.from_bytes(data[:200_000]).best()
    return _normalised_codec(best.encoding) if best is not None else None


def _most_polish(data: bytes, guess: str | None) -> str:
    """Among Windows-1250, ISO-8859-2 and the guess, the decoding that reads most like Polish.

    Mis-decoded UTF-8 ("ńÖ" for "ą") counts against a candidate, so a code page that
    happens to map those bytes onto Polish letters (Mac Latin-2) cannot win on them.
    """
    candidates = list(dict.fromkeys(c for c in (guess, "cp1250", "iso8859_2") if c))
    best, best_score = candidates[0], None
    sample = data[:200_000]
    for encoding in candidates:
        text = sample.decode(encoding, errors="replace")
        score = sum(1 for c in text if c in POLISH_LETTERS) - 3 * sum(
            1 for c in text if c in MOJIBAKE or c == "\ufffd" or 0x80 <= ord(c) <= 0x9F
        )
        score -= 6 * len(MISDECODED_UTF8.findall(text))
        if best_score is None or score > best_score:
            best, best_score = encoding, score
    return best

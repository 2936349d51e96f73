"""Read an article from a file, stdin, a saved web page or a URL into plain text.

``read_input(spec)`` is the one entry point: it returns a :class:`RawInput` whose
``text`` holds the article as blocks separated by blank lines, ready for
``translator.parse``. Every expected failure is a ``translator.errors.InputError``
subclass with a one-line message that names the input.
"""

from __future__ import annotations

import codecs
import http.client
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import BinaryIO

from translator.errors import BinaryInput, EmptyInput, FetchError, InputError, InputNotFound
from translator.version import __version__

USER_AGENT = f"pl2en/{__version__} (Polish news reader; +https://github.com/pl2en)"
CHUNK_BYTES = 64 * 1024

# --- text decoding -----------------------------------------------------------------

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


def decode_text(data: bytes, *, name: str, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` to ``(text, encoding)``; raise BinaryInput for non-text bytes.

    ``declared`` is a charset from an HTTP header or an HTML ``<meta>``; it is used
    when it decodes cleanly (Polish Latin-2 declarations are double-checked).
    """
    if data.startswith(BINARY_MAGIC):
        raise BinaryInput(f"{_quote(name)} is a binary file, not text; pass a .txt or .html article")
    for bom, encoding in UNICODE_BOMS:
        if data.startswith(bom):
            return _checked(name, data, encoding)
    head = data[:1024]
    nuls = head.count(0)
    if head and nuls / len(head) > MAX_NUL_SHARE:
        utf16 = _utf16_without_bom(head)
        if utf16 is None:
            raise BinaryInput(f"{_quote(name)} is a binary file, not text; pass a .txt or .html article")
        return _checked(name, data, utf16)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return _reject_if_binary(name, text), "utf-8"
    encoding = _normalised_codec(declared)
    if encoding is not None and encoding.startswith("utf"):
        encoding = None  # UTF-8 failed above; UTF-16/32 without a BOM is not trusted
    if encoding is not None and encoding not in LATIN_FAMILY:
        try:
            return _reject_if_binary(name, data.decode(encoding)), encoding
        except UnicodeError:  # undecodable, or a charset name no codec knows ("undefined")
            encoding = None  # the declaration is wrong: detect
    encoding = encoding or _guess_single_byte(data)
    if encoding in LATIN_FAMILY or encoding is None:
        encoding = _most_polish(data, encoding)
    return _checked(name, data, encoding)


def _checked(name: str, data: bytes, encoding: str) -> tuple[str, str]:
    return _reject_if_binary(name, data.decode(encoding, errors="replace")), encoding


def _reject_if_binary(name: str, text: str) -> str:
    sample = text[:4096]
    bad = sum(1 for c in sample if c == "\ufffd" or _is_control(c))
    if sample and bad / len(sample) > MAX_CONTROL_SHARE:
        raise BinaryInput(f"{_quote(name)} does not look like text; pass a .txt or .html article")
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
    """Among the guess, Windows-1250 and ISO-8859-2, the decoding that reads most like Polish."""
    candidates = [c for c in (guess, "cp1250", "iso8859_2") if c]
    best, best_score = candidates[0], None
    sample = data[:200_000]
    for encoding in candidates:
        text = sample.decode(encoding, errors="replace")
        score = sum(1 for c in text if c in POLISH_LETTERS) - 3 * sum(
            1 for c in text if c in MOJIBAKE or c == "\ufffd" or 0x80 <= ord(c) <= 0x9F
        )
        if best_score is None or score > best_score:
            best, best_score = encoding, score
    return best


# --- HTML ----------------------------------------------------------------------------

XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
HTML_SNIFF = re.compile(
    rb"^(\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*+<(!doctype\s+html|html)[\s>]", re.IGNORECASE | re.DOTALL
)
META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
BLOCK_TAGS = frozenset({"p", "head", "item", "quote", "cell", "code"})
CONTAINER_TAGS = BLOCK_TAGS | {"list", "div", "table", "row"}
_LEAD = r"(?:czytaj|przeczytaj|zobacz)\s+(?:także|też|również|więcej)"
BOILERPLATE_BLOCK = re.compile(
    rf"^(?:{_LEAD}\s*[:.!»>]?"
    r"|reklama|advertisement|materiał sponsorowany|artykuł sponsorowany|polecamy:?"
    r"|(?:dalsza część|dalszy ciąg) (?:artykułu|tekstu) pod"
    r" (?:reklamą|materiałem wideo|wideo|filmem)\.?"
    r"|(?:artykuł|tekst) (?:dalej )?(?:kontynuowany )?pod reklamą\.?"
    r"|komentarze(?: \(\d+\))?:?|udostępnij:?|skomentuj)$",
    re.IGNORECASE,
)
RELATED_LINK_BLOCK = re.compile(rf"^{_LEAD}\s*[:»>\-–—]", re.IGNORECASE)
FALLBACK_SKIP = ("nav", "footer", "aside", "form", "header", "script", "style", "noscript")


def looks_like_html(data: bytes) -> bool:
    """True when the bytes start like an HTML document (after BOM, whitespace, comments)."""
    return HTML_SNIFF.match(data[:4096]) is not None


@dataclass(frozen=True)
class ExtractedArticle:
    """A web page's article: blocks separated by blank lines, and what the page says about it."""

    text: str  # empty when the page holds no article text
    title: str | None
    date: str | None
    headings: tuple[str, ...]  # the blocks that were headings on the page


def extract_html(html: str | bytes, *, url: str | None = None) -> tuple[str, str | None]:
    """The article's main text (blocks separated by blank lines) and its title."""
    article = extract_article(html, url=url)
    return article.text, article.title


def extract_article(html: str | bytes, *, url: str | None = None) -> ExtractedArticle:
    """The article of a web page (trafilatura, with a plain ``<p>`` fallback), leftovers filtered."""
    import trafilatura
    from lxml import etree

    if isinstance(html, bytes):
        html, _ = decode_text(html, name=url or "<html>", declared=_meta_charset(html))
    xml = trafilatura.extract(
        html,
        url=url,
        output_format="xml",
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
    )
    title = date = None
    blocks: list[tuple[str, bool]] = []
    if xml:
        doc = etree.fromstring(xml)
        title, date = doc.get("title") or None, doc.get("date") or None
        main = doc.find("main")
        if main is not None:
            blocks = [(t, h) for t, h in _xml_blocks(main) if not _is_boilerplate(t)]
    if not blocks:
        blocks = [(t, h) for t, h in _fallback_blocks(html) if not _is_boilerplate(t)]
    if title is None:
        title = _fallback_title(html)
    return ExtractedArticle(
        text="\n\n".join(t for t, _ in blocks),
        title=title,
        date=date,
        headings=tuple(t for t, is_heading in blocks if is_heading),
    )


def _xml_blocks(element) -> list[tuple[str, bool]]:
    """Flatten trafilatura's XML into (block text, is heading) pairs, in order."""
    out: list[tuple[str, bool]] = []
    for child in element:
        if not isinstance(child.tag, str):  # comments, processing instructions
            continue
        if any(isinstance(g.tag, str) and g.tag in CONTAINER_TAGS for g in child):
            if child.text and child.text.strip():
                out.append((_clean(child.text), False))
            out.extend(_xml_blocks(child))
        elif child.tag in BLOCK_TAGS:
            for lb in child.iter("lb"):
                lb.tail = "\n" + (lb.tail or "")
            text = _clean("".join(child.itertext()))
            if text:
                out.append((text, child.tag == "head"))
        if child.tail and child.tail.strip():
            out.append((_clean(child.tail), False))
    return out


def _fallback_blocks(html: str) -> list[tuple[str, bool]]:
    """Plain <h1>-<h6>/<p> text outside navigation and footers, for pages trafilatura rejects."""
    import lxml.html
    from lxml import etree

    if isinstance(html, str):  # lxml refuses str with an encoding declaration
        html = XML_DECLARATION.sub("", html, count=1)
    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    for bad in root.xpath("|".join(f"//{tag}" for tag in FALLBACK_SKIP)):
        bad.drop_tree()
    blocks = []
    for el in root.xpath("//p|//h1|//h2|//h3|//h4|//h5|//h6"):
        text = " ".join(el.text_content().split())
        if text:
            blocks.append((text, el.tag != "p"))
    return blocks


def _fallback_title(html: str) -> str | None:
    match = re.search(r"<title[^>]*>(.*?)</title>", html, re.IGNORECASE | re.DOTALL)
    return _clean(match.group(1)) or None if match else None


def _clean(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _is_boilerplate(block: str) -> bool:
    if BOILERPLATE_BLOCK.match(block):
        return True
    return len(block) <= 200 and RELATED_LINK_BLOCK.match(block) is not None


def _meta_charset(data: bytes) -> str | None:
    match = META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


# --- URLs ----------------------------------------------------------------------------

URL_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]+):")


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, ANN201
        if not newurl.lower().startswith(("http://", "https://")):
            raise FetchError(f"{_one_line(req.full_url)} redirects to a non-http(s) URL: {_one_line(newurl)}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch_url(url: str, *, timeout: float, max_bytes: int) -> tuple[bytes, str | None]:
    """GET ``url`` (http/https only) as ``(body, content type)``, reading at most ``max_bytes``."""
    if not url.lower().startswith(("http://", "https://")):
        raise FetchError(f"only http(s) URLs are supported: {_one_line(url)}")
    shown = _one_line(url)
    url = _ascii_url(url)
    opener = urllib.request.build_opener(_HttpOnlyRedirects())
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html, text/plain;q=0.9, */*;q=0.5"}
    deadline = time.monotonic() + timeout
    try:
        with opener.open(urllib.request.Request(url, headers=headers), timeout=timeout) as response:
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise FetchError(f"{shown} is too large ({int(length)} bytes; the limit is {max_bytes})")
            chunks, size = [], 0
            while chunk := response.read(min(CHUNK_BYTES, max_bytes + 1 - size)):
                chunks.append(chunk)
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"{shown} is too large (over {max_bytes} bytes)")
                if time.monotonic() > deadline:
                    raise FetchError(f"{shown} timed out after {timeout:g} s")
            return b"".join(chunks), response.headers.get("Content-Type")
    except urllib.error.HTTPError as err:
        raise FetchError(f"{shown} answered HTTP {err.code} {_one_line(str(err.reason))}") from None
    except urllib.error.URLError as err:
        if isinstance(err.reason, TimeoutError):
            raise FetchError(f"{shown} timed out after {timeout:g} s") from None
        why = getattr(err.reason, "strerror", None) or err.reason
        raise FetchError(f"cannot reach {shown}: {_one_line(str(why))}") from None
    except TimeoutError:
        raise FetchError(f"{shown} timed out after {timeout:g} s") from None
    except (OSError, ValueError, http.client.HTTPException) as err:  # reset, bad status line, bad URL
        why = str(err) or type(err).__name__
        raise FetchError(f"cannot fetch {shown}: {_one_line(why)}") from None


# --- the entry point -------------------------------------------------------------------


@dataclass(frozen=True)
class RawInput:
    """An article as text: blocks separated by blank lines, plus where it came from.

    ``date`` and ``headings`` (texts of blocks that were HTML headings) are only
    known for web pages; the parser may use ``headings`` to classify blocks.
    """

    text: str
    name: str
    url: str | None = None
    title: str | None = None
    encoding: str | None = None
    date: str | None = None
    headings: tuple[str, ...] = ()


def _ascii_url(url: str) -> str:
    """``url`` as plain ASCII: an IDNA host and percent-encoded Polish letters in path and query."""
    parts = urllib.parse.urlsplit(url)
    try:
        host = parts.hostname.encode("idna").decode("ascii") if parts.hostname else ""
    except UnicodeError as err:
        raise FetchError(f"{_one_line(url)} has an invalid host name") from err
    netloc = host + (f":{parts.port}" if parts.port else "")
    if parts.username:
        netloc = f"{parts.username}{':' + parts.password if parts.password else ''}@{netloc}"
    safe = "/%:@!$&'()*+,;=?~"
    return urllib.parse.urlunsplit(
        (
            parts.scheme,
            netloc,
            urllib.parse.quote(parts.path, safe=safe),
            urllib.parse.quote(parts.query, safe=safe),
            "",
        )
    )


def read_input(
    spec: str,
    *,
    stdin: BinaryIO | None = None,
    timeout: float = 20.0,
    max_bytes: int = 20_000_000,
    offline: bool = False,
) -> RawInput:
    """Read ``spec``: a path, ``-`` for stdin, or an http(s) URL; HTML is reduced to its article."""
    content_type = None
    url = None
    if spec == "-":
        name = "<stdin>"
        try:
            data = _read_capped(stdin if stdin is not None else sys.stdin.buffer, name, max_bytes)
        except (OSError, AttributeError, ValueError) as err:  # closed or missing stdin
            raise InputError(f"<stdin> cannot be read: {_one_line(str(err))}") from None
    elif (scheme := URL_SCHEME.match(spec)) and not _is_existing_path(spec):
        if scheme.group(1).lower() not in ("http", "https"):
            raise FetchError(f"only http(s) URLs are supported: {_one_line(spec)}")
        if offline:
            raise FetchError(f"{_one_line(spec)} is a URL, and --offline forbids the network")
        name = url = spec
        data, content_type = fetch_url(spec, timeout=timeout, max_bytes=max_bytes)
    else:
        name = spec
        data = _read_file(spec, max_bytes)

    saved_page = url is None and spec.lower().endswith((".html", ".htm", ".xhtml"))
    is_html = saved_page or looks_like_html(data)
    declared = None
    if content_type:
        header = Message()
        header["Content-Type"] = content_type
        is_html = is_html or header.get_content_type() in ("text/html", "application/xhtml+xml")
        declared = header.get_content_charset()
    if is_html:
        html, encoding = decode_text(data, name=name, declared=declared or _meta_charset(data))
        article = extract_article(html, url=url)
        text, title, date, headings = article.text, article.title, article.date, article.headings
    else:
        text, encoding = decode_text(data, name=name, declared=declared)
        title = date = None
        headings = ()
    if not text.replace("\x00", "").replace("\ufeff", "").strip():
        what = "has no article text" if is_html else "is empty"
        raise EmptyInput(f"{_quote(name)} {what}; nothing to translate")
    return RawInput(text=text, name=name, url=url, title=title, encoding=encoding, date=date, headings=headings)


def _is_existing_path(spec: str) -> bool:
    try:
        return Path(spec).exists()
    except (OSError, ValueError):
        return False


def _read_file(spec: str, max_bytes: int) -> bytes:
    path = Path(spec)
    try:
        if path.is_dir():
            raise InputError(f"{_quote(spec)} is a directory; use pl2en batch for folders")
        with path.open("rb") as handle:
            return _read_capped(handle, spec, max_bytes)
    except FileNotFoundError:
        raise InputNotFound(f"{_quote(spec)} not found; check the path") from None
    except PermissionError:
        raise InputError(f"{_quote(spec)} cannot be read: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{_quote(spec)} is a directory; use pl2en batch for folders") from None
    except OSError as err:
        raise InputError(f"{_quote(spec)} cannot be read: {_one_line(err.strerror or str(err))}") from None
    except ValueError:  # e.g. a NUL character in the path
        raise InputError(f"{_quote(spec)} is not a valid path") from None


def _read_capped(stream: BinaryIO, name: str, max_bytes: int) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"{_quote(name)} is too large (over {max_bytes} bytes)")
    return data


def _quote(name: str) -> str:
    return name if name.startswith("<") else f"'{_one_line(name)}'"


def _one_line(text: str) -> str:
    return text.replace("\r", "\\r").replace("\n", "\\n")

"""GET an http(s) URL with a size cap, a deadline and no redirects to other schemes."""

from __future__ import annotations

import http.client
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import IO

from translator.errors import FetchError
from translator.inputs.messages import one_line
from translator.version import __version__

USER_AGENT = f"pl2en/{__version__} (Polish news reader; +https://github.com/pl2en)"
CHUNK_BYTES = 64 * 1024
URL_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]+):")


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if not newurl.lower().startswith(("http://", "https://")):
            raise FetchError(f"{one_line(req.full_url)} redirects to a non-http(s) URL: {one_line(newurl)}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch_url(url: str, *, timeout: float, max_bytes: int) -> tuple[bytes, str | None]:
    """GET ``url`` (http/https only) as ``(body, content type)``, reading at most ``max_bytes``."""
    if not url.lower().startswith(("http://", "https://")):
        raise FetchError(f"only http(s) URLs are supported: {one_line(url)}")
    shown = one_line(url)
    url = ascii_url(url)
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
        raise FetchError(f"{shown} answered HTTP {err.code} {one_line(str(err.reason))}") from None
    except urllib.error.URLError as err:
        if isinstance(err.reason, TimeoutError):
            raise FetchError(f"{shown} timed out after {timeout:g} s") from None
        why = getattr(err.reason, "strerror", None) or err.reason
        raise FetchError(f"cannot reach {shown}: {one_line(str(why))}") from None
    except TimeoutError:
        raise FetchError(f"{shown} timed out after {timeout:g} s") from None
    except (OSError, ValueError, http.client.HTTPException) as err:  # reset, bad status line, bad URL
        why = str(err) or type(err).__name__
        raise FetchError(f"cannot fetch {shown}: {one_line(why)}") from None


def ascii_url(url: str) -> str:
    """``url`` as plain ASCII: an IDNA host and percent-encoded Polish letters in path and query."""
    parts = urllib.parse.urlsplit(url)
    try:
        host = parts.hostname.encode("idna").decode("ascii") if parts.hostname else ""
    except UnicodeError as err:
        raise FetchError(f"{one_line(url)} has an invalid host name") from err
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

"""Reading articles: files, stdin, saved pages, URLs; encodings; bad inputs."""

from __future__ import annotations

import io
import os
import random
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from translator.errors import BinaryInput, EmptyInput, FetchError, InputError, InputNotFound
from translator.inputs import RawInput, decode_text, extract_html, fetch_url, read_input

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "kazachstan-dystansuje-sie-od-rosji.txt"
NEWS_PAGE = ROOT / "tests" / "fixtures" / "news_page.html"

BOILERPLATE = (
    "Ta strona używa plików cookie",
    "Akceptuję wszystkie",
    "Polityka prywatności",
    "Gospodarka",
    "Pogoda",
    "Czytaj także",
    "Armenia zbliża się do Zachodu",
    "Uzbekistan podpisuje nowe umowy",
    "Białoruś ogłasza kolejne manewry",
    "Tysiące ludzi na ulicach Tbilisi",
    "Komentarze",
    "obserwator_77",
    "Nareszcie ktoś w regionie",
    "Tokajew gra na dwa fronty",
    "Wszelkie prawa zastrzeżone",
    "Regulamin",
    "dataLayer",
    "font-family",
    "Reklama w skrypcie",
    "Autor: Redakcja",
)


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def seed_blocks() -> list[str]:
    """The seed's headings and paragraphs as the news page shows them (no date line)."""
    blocks = [b.strip() for b in seed_text().split("\n\n") if b.strip()]
    blocks[0] = blocks[0].removeprefix("date 2023-06").strip()
    return blocks


def assert_one_line(err: Exception, *names: str) -> None:
    message = str(err)
    assert message and "\n" not in message
    for name in names:
        assert name in message


# --- HTML extraction -----------------------------------------------------------------


def test_news_page_extraction_keeps_exactly_the_article_blocks():
    text, title = extract_html(NEWS_PAGE.read_text(encoding="utf-8"))
    assert text.split("\n\n") == seed_blocks()
    assert title == "Kazachstan dystansuje się od Rosji"
    for junk in BOILERPLATE:
        assert junk not in text


def test_saved_page_path_reads_as_article_with_title_and_headings():
    raw = read_input(str(NEWS_PAGE))
    assert isinstance(raw, RawInput)
    assert raw.name == str(NEWS_PAGE) and raw.url is None
    assert raw.text.split("\n\n") == seed_blocks()
    assert raw.title == "Kazachstan dystansuje się od Rosji"
    assert raw.encoding == "utf-8"
    assert raw.date == "2023-06-12"
    blocks = seed_blocks()
    assert raw.headings == (blocks[1], blocks[3], blocks[4])


def test_html_is_sniffed_without_html_extension(tmp_path):
    page = tmp_path / "saved-article.txt"
    page.write_bytes(b"\xef\xbb\xbf\n  " + NEWS_PAGE.read_bytes())
    assert read_input(str(page)).text.split("\n\n") == seed_blocks()
    raw = read_input("-", stdin=io.BytesIO(NEWS_PAGE.read_bytes()))
    assert raw.name == "<stdin>" and raw.text.split("\n\n") == seed_blocks()


def test_inline_leftovers_are_filtered_and_line_breaks_stay_in_their_block():
    body = "\n".join(
        [
            "<p>Pierwszy akapit artykułu jest dość długi, żeby ekstraktor uznał go za treść.<br>Druga linia.</p>",
            "<p>Czytaj także: <a href='/x'>Inny artykuł o czymś zupełnie innym</a></p>",
            "<p>REKLAMA</p>",
            "<p>Zobacz też</p>",
            "<p>Dalsza część artykułu pod materiałem wideo</p>",
            "<ul><li>Pierwszy punkt listy wyliczeniowej</li><li>Drugi punkt listy</li></ul>",
            "<p>Ostatni akapit: Rosja, Kazachstan i Chiny prowadzą rozmowy od wielu miesięcy.</p>",
        ]
    )
    page = f"<!doctype html><html><head><title>T</title></head><body><article>{body}</article></body></html>"
    text, _ = extract_html(page)
    assert text.split("\n\n") == [
        "Pierwszy akapit artykułu jest dość długi, żeby ekstraktor uznał go za treść.\nDruga linia.",
        "Pierwszy punkt listy wyliczeniowej",
        "Drugi punkt listy",
        "Ostatni akapit: Rosja, Kazachstan i Chiny prowadzą rozmowy od wielu miesięcy.",
    ]


def test_plain_paragraph_fallback_when_trafilatura_finds_nothing(monkeypatch):
    import trafilatura

    monkeypatch.setattr(trafilatura, "extract", lambda *args, **kwargs: None)
    page = (
        "<html><head><title>Krótka notka</title></head><body><nav><p>Menu główne</p></nav>"
        "<h2>Nagłówek notki</h2><p>Jedyny akapit   tej\nnotki.</p>"
        "<footer><p>© 2023</p></footer></body></html>"
    )
    assert extract_html(page) == ("Nagłówek notki\n\nJedyny akapit tej notki.", "Krótka notka")


def test_page_without_article_text_is_empty_input(tmp_path):
    page = tmp_path / "menu.html"
    page.write_text("<html><body><nav><a href='/'>Start</a></nav><script>var x = 1;</script></body></html>")
    with pytest.raises(EmptyInput) as err:
        read_input(str(page))
    assert_one_line(err.value, "menu.html")


def test_latin2_page_with_lying_meta_charset_decodes(tmp_path):
    page = NEWS_PAGE.read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="iso-8859-2"')
    path = tmp_path / "latin2.html"
    path.write_bytes(page.encode("cp1250"))  # declared ISO-8859-2, really Windows-1250
    raw = read_input(str(path))
    assert raw.text.split("\n\n") == seed_blocks()
    assert raw.encoding == "cp1250"


# --- encodings -------------------------------------------------------------------------


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


# --- bad inputs ------------------------------------------------------------------------


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


# --- URLs ------------------------------------------------------------------------------


class ArticleHandler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, str, bytes]] = {}
    endless_sent = 0  # bytes /endless managed to write before the client hung up
    endless_done = threading.Event()

    def do_GET(self):  # noqa: N802
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path == "/endless":
            return self._endless()
        if self.path == "/to-ftp":
            self.send_response(302)
            self.send_header("Location", "ftp://example.com/a.txt")
            self.end_headers()
            return None
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/article.html")
            self.end_headers()
            return None
        status, content_type, body = self.routes.get(self.path, (404, "text/plain", b"not here"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client refused an announced-too-large body, as it should
        return None

    def _endless(self):
        """No Content-Length: the client must stop reading at its cap, not at the end."""
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.end_headers()
        chunk = seed_text().encode() * 10
        sent = 0
        try:
            for _ in range(10_000):  # ~250 MB, far over any cap in these tests
                self.wfile.write(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client hung up at its cap, as it should
        finally:
            ArticleHandler.endless_sent = sent
            ArticleHandler.endless_done.set()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    page = NEWS_PAGE.read_bytes()
    ArticleHandler.routes = {
        "/article.html": (200, "text/html; charset=utf-8", page),
        "/article": (200, "text/html", page),
        "/seed.txt": (200, "text/plain; charset=windows-1250", seed_text().encode("cp1250")),
        "/seed-undeclared": (200, "text/plain", seed_text().encode("iso8859_2")),
        "/seed-mislabelled": (200, "text/plain; charset=iso-8859-2", seed_text().encode("cp1250")),
        "/big": (200, "text/plain", seed_text().encode() * 20),
        "/broken": (500, "text/plain", b"oops"),
    }
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), ArticleHandler)
    httpd.daemon_threads = True
    httpd.block_on_close = False
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


@pytest.mark.parametrize("route", ["/article.html", "/article", "/moved"])
def test_url_page_gives_the_same_article(server, route):
    raw = read_input(server + route, timeout=5)
    assert raw.name == raw.url == server + route
    assert raw.text.split("\n\n") == seed_blocks()
    assert raw.title == "Kazachstan dystansuje się od Rosji"
    assert raw.text == extract_html(NEWS_PAGE.read_bytes())[0]


@pytest.mark.parametrize("route", ["/seed.txt", "/seed-undeclared", "/seed-mislabelled"])
def test_url_plain_text_charset_from_header_or_detection(server, route):
    raw = read_input(server + route, timeout=5)
    assert raw.text == seed_text()
    assert raw.title is None


def test_fetch_url_returns_body_and_content_type(server):
    body, content_type = fetch_url(server + "/seed.txt", timeout=5, max_bytes=100_000)
    assert body == seed_text().encode("cp1250")
    assert content_type == "text/plain; charset=windows-1250"


@pytest.mark.parametrize(("route", "status"), [("/missing", "404"), ("/broken", "500")])
def test_http_errors(server, route, status):
    with pytest.raises(FetchError) as err:
        read_input(server + route, timeout=5)
    assert_one_line(err.value, server + route, status)


def test_connection_refused():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/article.html"
    with pytest.raises(FetchError) as err:
        read_input(url, timeout=5)
    assert_one_line(err.value, url)


def test_body_over_the_announced_cap(server):
    with pytest.raises(FetchError) as err:
        read_input(server + "/big", timeout=5, max_bytes=10_000)
    assert_one_line(err.value, server + "/big", "too large")


def test_unannounced_body_stops_streaming_at_the_cap(server):
    ArticleHandler.endless_done.clear()
    with pytest.raises(FetchError) as err:
        read_input(server + "/endless", timeout=5, max_bytes=10_000)
    assert_one_line(err.value, server + "/endless", "too large")
    assert ArticleHandler.endless_done.wait(10)
    # Only what socket buffers hold got out, not the whole 250 MB body.
    assert ArticleHandler.endless_sent < 50_000_000


def test_timeout(server):
    started = time.monotonic()
    with pytest.raises(FetchError) as err:
        read_input(server + "/slow", timeout=0.3)
    assert time.monotonic() - started < 1.4
    assert_one_line(err.value, server + "/slow", "timed out")


def test_redirect_to_non_http_scheme_is_refused(server):
    with pytest.raises(FetchError) as err:
        read_input(server + "/to-ftp", timeout=5)
    assert_one_line(err.value, "ftp://example.com/a.txt")


def test_html_sniff_is_linear_on_many_comments():
    from translator.inputs import HTML_SNIFF

    data = b"<!-- c -->\n" * 200 + b"<body><p>x</p>"  # with backtracking over the comments: 2**199 tries
    assert HTML_SNIFF.match(data) is None
    assert HTML_SNIFF.match(b"<!-- a --><!doctype html><p>x") is not None


def test_bogus_declared_charset_falls_back_to_detection():
    from translator.inputs import decode_text

    text, _ = decode_text("Zażółć gęślą jaźń.".encode("cp1250"), name="x", declared="undefined")
    assert text == "Zażółć gęślą jaźń."


def test_urls_with_polish_letters_are_sent_as_ascii():
    from translator.inputs import _ascii_url

    assert _ascii_url("http://example.pl/artykuł-zażółć?q=łódź") == (
        "http://example.pl/artyku%C5%82-za%C5%BC%C3%B3%C5%82%C4%87?q=%C5%82%C3%B3d%C5%BA"
    )

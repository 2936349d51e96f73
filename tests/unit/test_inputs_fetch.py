"""URLs: pages and plain text over HTTP from a local server; errors, caps, timeouts, redirects."""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from inputs_support import NEWS_PAGE, assert_one_line, seed_blocks, seed_text

from translator.errors import FetchError
from translator.inputs import extract_html, fetch_url, read_input
from translator.inputs.fetch import ascii_url


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


def test_urls_with_polish_letters_are_sent_as_ascii():
    assert ascii_url("http://example.pl/artykuł-zażółć?q=łódź") == (
        "http://example.pl/artyku%C5%82-za%C5%BC%C3%B3%C5%82%C4%87?q=%C5%82%C3%B3d%C5%BA"
    )

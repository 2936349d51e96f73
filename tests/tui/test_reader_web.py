"""``pl2en read --web`` serves the reader on 127.0.0.1 through textual-serve."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from translator.pipeline import Settings
from tui.web import read_arguments

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, deadline: float) -> str:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_web_serves_the_reader_page_on_localhost(seed_path, tiny_marian):
    port = free_port()
    command = [sys.executable, "-c", "from translator.cli import app; app()", "read", str(seed_path)]
    command += ["--web", "--port", str(port), "--model", str(tiny_marian), "--offline", "--summary-model", "none"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True)
    try:
        page = fetch(f"http://127.0.0.1:{port}/", time.monotonic() + 60)
        assert "textual" in page.lower() and f"127.0.0.1:{port}" in page
        assert seed_path.name in page  # the page title names the article
    finally:
        server.terminate()
        try:
            output, _ = server.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            output, _ = server.communicate()
    assert f"http://127.0.0.1:{port}" in output


def test_each_browser_tab_runs_the_same_read_command():
    settings = Settings(model="/m", backend="ctranslate2", device="cpu", beam=2, offline=True, summary_model=None)
    args = read_arguments("a.txt", settings)
    assert args[0] == "a.txt" and "--web" not in args
    assert args[args.index("--model") + 1] == "/m" and args[args.index("--beam") + 1] == "2"
    assert args[args.index("--summary-model") + 1] == "none" and "--offline" in args


def test_web_refuses_standard_input_and_impossible_ports():
    import pytest

    from translator.errors import InputError
    from tui.web import serve_reader

    with pytest.raises(InputError, match="not standard input"):
        serve_reader("-", Settings(), port=8000)
    with pytest.raises(InputError, match="1 to 65535"):
        serve_reader("a.txt", Settings(), port=70000)


def test_web_on_a_port_in_use_is_one_line_exit_2(seed_path, tiny_marian):
    """A port another program listens on: one line naming it, not the server's OSError (exit 70)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen(1)
        port = holder.getsockname()[1]
        command = [sys.executable, "-c", "from translator.cli import app; app()", "read", str(seed_path)]
        command += ["--web", "--port", str(port), "--model", str(tiny_marian), "--summary-model", "none"]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    assert done.returncode == 2, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and f"--port {port}" in lines[0] and "choose another port" in lines[0]

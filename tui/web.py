"""``pl2en read --web``: the same reader in a browser, served on 127.0.0.1 by textual-serve.

textual-serve runs a command for each browser tab and relays its terminal over a
web socket. That command is this module (``python -m tui.web``): the ordinary
``pl2en read`` with the same article and settings, without ``--web``.
"""

from __future__ import annotations

import shlex
import sys

from translator.errors import InputError
from translator.pipeline import Settings

HOST = "127.0.0.1"  # never served beyond this machine


def read_arguments(spec: str, settings: Settings) -> list[str]:
    """``pl2en read`` arguments that rebuild ``settings`` for ``spec``."""
    args = [spec, "--model", settings.model, "--backend", settings.backend, "--device", settings.device]
    args += ["--summary-model", settings.summary_model or "none"]
    if settings.beam is not None:
        args += ["--beam", str(settings.beam)]
    if settings.offline:
        args.append("--offline")
    if not settings.use_cache:
        args.append("--no-cache")
    return args


def reader_command(spec: str, settings: Settings) -> str:
    """The shell command textual-serve runs for each browser tab."""
    return shlex.join([sys.executable, "-m", "tui.web", *read_arguments(spec, settings)])


def serve_reader(spec: str, settings: Settings, *, port: int) -> None:
    """Serve the reader on http://127.0.0.1:``port`` until interrupted."""
    from textual_serve.server import Server

    if not 0 < port < 65536:
        raise InputError(f"--port {port}: choose a port from 1 to 65535")
    if spec == "-":
        raise InputError("pl2en read --web opens a file or URL for each browser tab, not standard input")
    _check_port_free(port)
    print(f"pl2en reader on http://{HOST}:{port} (Ctrl+C stops it)", flush=True)
    Server(reader_command(spec, settings), host=HOST, port=port, title=f"pl2en · {spec}").serve()


def _check_port_free(port: int) -> None:
    """A port another program holds is one line before anything starts, not the server's traceback."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server will bind it
        try:
            probe.bind((HOST, port))
        except OSError as err:
            raise InputError(
                f"--port {port}: cannot listen on {HOST}:{port} ({err.strerror}); choose another port"
            ) from err


def main() -> None:
    from translator.cli import app

    app(["read", *sys.argv[1:]])


if __name__ == "__main__":
    main()

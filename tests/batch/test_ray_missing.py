"""Without Ray installed, `--ray` says how to get it, in one line."""

from __future__ import annotations

import subprocess
import sys


def test_ray_not_installed_is_one_line_with_the_install_command(tmp_path, tiny_marian):
    article = tmp_path / "a.txt"
    article.write_text("Ala ma kota.\n", encoding="utf-8")
    blocker = "import sys; sys.modules['ray'] = None"  # what an environment without Ray looks like to an import
    code = f"{blocker}; from translator.cli import app; app()"
    args = ["batch", str(article), "-o", str(tmp_path / "o.jsonl"), "--model", str(tiny_marian), "--ray"]
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == ["pl2en: error: --ray needs Ray: pip install 'pl2en[ray]'"]
    assert not (tmp_path / "o.jsonl").exists()

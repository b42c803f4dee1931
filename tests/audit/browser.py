"""A headless Chromium for the audit report's tests and the screenshots in docs/.

``python -m tests.audit.browser`` rewrites docs/images/audit-*.png from the bundled
examples. Chromium and a CJK font come from the distribution (``.ci/run`` installs
``chromium`` and ``fonts-noto-cjk``); without them the browser tests skip and say why.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).parent.parent.parent
#: The bundled examples the screenshots show, relative to the repository.
EXAMPLES = (
    "examples/baotou-2021.json",
    "examples/baotou-2021-broken.json",
    "tests/fixtures/reading/sources/c03.txt",
    "tests/fixtures/cli/no-tables.txt",
)
_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
)  # fmt: skip


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if chromium() is None:
        return "Chromium is not installed (apt-get install chromium fonts-noto-cjk; .ci/run does)"
    fonts = shutil.which("fc-list")
    if fonts is None:
        return "fontconfig is not installed, so no CJK font can be found"
    listed = subprocess.run([fonts, ":lang=zh"], capture_output=True, text=True, check=False)
    if not listed.stdout.strip():
        return "no CJK font (apt-get install fonts-noto-cjk): Chinese would render as boxes"
    return None


def _run(url: str, *flags: str) -> subprocess.CompletedProcess[bytes]:
    browser = chromium()
    assert browser is not None
    with tempfile.TemporaryDirectory() as profile:  # a new, empty profile every time
        return subprocess.run(
            [browser, *_FLAGS, f"--user-data-dir={profile}", *flags, url],
            capture_output=True,
            timeout=120,
            check=False,
        )


def console(stderr: bytes) -> list[str]:
    """The page's console messages (errors, uncaught exceptions) in Chromium's log."""
    return [line for line in stderr.decode("utf-8", "replace").splitlines() if ":CONSOLE" in line]


def dump_dom(page: Path, fragment: str = "") -> tuple[str, list[str]]:
    """The DOM after the page's script ran, and its console messages."""
    done = _run(page.resolve().as_uri() + fragment, "--virtual-time-budget=2000", "--dump-dom")
    return done.stdout.decode("utf-8"), console(done.stderr)


def screenshot(page: Path, out: Path, width: int = 1280, height: int = 1600) -> list[str]:
    """A PNG of the page; returns its console messages."""
    done = _run(page.resolve().as_uri(), f"--window-size={width},{height}",
                f"--screenshot={out.resolve()}")  # fmt: skip
    return console(done.stderr)


def print_pdf(page: Path, out: Path) -> list[str]:
    """The page printed to PDF (the print style sheet applies); its console messages."""
    done = _run(
        page.resolve().as_uri(), "--no-pdf-header-footer", f"--print-to-pdf={out.resolve()}"
    )
    return console(done.stderr)


def _screenshots(target: Path) -> None:
    from disclosure_schema.cli import main

    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for lang in ("zh", "en"):
            out = Path(tmp) / lang
            main(["audit", "--lang", lang, "-o", str(out), *EXAMPLES])
            screenshot(out / "index.html", target / f"audit-index-{lang}.png", 1280, 1400)
            # English labels wrap more: a taller picture keeps table 四's marks in it
            screenshot(out / "reports" / "000002.html", target / f"audit-page-{lang}.png",
                       1280, 2500 if lang == "zh" else 3000)  # fmt: skip
        screenshot(Path(tmp) / "zh" / "reports" / "000003.html", target / "audit-reading-zh.png",
                   1280, 2900)  # fmt: skip


if __name__ == "__main__":
    reason = missing()
    if reason:
        sys.exit(reason)
    os.chdir(ROOT)  # the sources in the pictures are relative paths
    _screenshots(ROOT / "docs" / "images")

"""Shared constants and helpers of the browser tests (imported by conftest and tests)."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
BOOK_HTML = Path(os.environ.get("BOOK_HTML", ROOT / "_build" / "html"))
SCREENSHOTS = ROOT / "_build" / "screenshots"
#: The notebooks JupyterLab serves (a copy of them, in a temporary folder).
NOTEBOOKS = Path(os.environ.get("BROWSER_NOTEBOOKS", ROOT / "notebooks"))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-sync",
    "--disable-component-update",
]
#: Playwright's default timeout for every wait, in milliseconds: generous but bounded.
TIMEOUT_MS = 30_000


def toc_pages() -> list[str]:
    """Every page of the book in reading order, as paths without suffix ('book/intro')."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    pages = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                pages.append(entry["file"])
            walk(entry.get("sections"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return [str(Path(p).with_suffix("")) for p in pages]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

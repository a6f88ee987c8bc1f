"""Fixtures for the browser tests: the built book on a local web server, Debian's
Chromium driven by Playwright, and a throw-away JupyterLab for the live widget.

Run with ``make browser`` (builds the book first) or ``pytest tests -m browser``.
Screenshots go to ``_build/screenshots/`` for a person to look at.

Nothing here downloads a browser: Playwright drives ``/usr/bin/chromium`` (override
with the ``CHROMIUM`` environment variable). The book is served from ``_build/html``
(override with ``BOOK_HTML``). Every request that does not go to the local servers is
aborted, so the tests see the book exactly as an offline reader does.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from browser_support import (
    BOOK_HTML,
    CHROMIUM,
    CHROMIUM_ARGS,
    NOTEBOOKS,
    SCREENSHOTS,
    TIMEOUT_MS,
    free_port,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools" / "live"))
import selftest  # noqa: E402  (tools/live/selftest.py: its serve() serves the book here too)


@pytest.fixture(scope="session")
def book_url():
    """Base URL (ending in '/') of the built book, served over http from a thread."""
    if not (BOOK_HTML / "index.html").is_file():
        pytest.fail(f"No built book at {BOOK_HTML}: run `make book` first.")
    with selftest.serve(BOOK_HTML) as url:  # the live runtime's self-test serves it the same way
        yield url


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    from playwright.sync_api import sync_playwright

    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"Chromium not found at {CHROMIUM}: `sudo apt-get install chromium`.")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                     headless=True)
        try:
            yield browser
        finally:
            browser.close()


def _offline(context, *allowed_prefixes: str) -> None:
    """Abort every request that does not start with one of the allowed prefixes."""

    def handle(route):
        url = route.request.url
        if url.startswith(allowed_prefixes) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            route.abort("internetdisconnected")

    context.route("**/*", handle)


@pytest.fixture
def book_page(browser, book_url):
    """A fresh tab that can reach the book's server and nothing else."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    _offline(context, book_url)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


_USED = {"screenshots": False}


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """The folder for screenshots (_build/screenshots); an index.html is written at the end."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    _USED["screenshots"] = True
    return SCREENSHOTS


# --- a throw-away JupyterLab ---------------------------------------------------------------

def _wait_for_http(url: str, proc: subprocess.Popen, timeout: float, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"JupyterLab exited with {proc.returncode}:\n"
                               + log.read_text(errors="replace")[-3000:])
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    raise TimeoutError(f"JupyterLab did not answer {url} within {timeout:.0f} s:\n"
                       + log.read_text(errors="replace")[-3000:])


def _stop(proc: subprocess.Popen) -> None:
    """Stop the server we started and its kernels (its own process group), politely first."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            pass
    try:  # kernels the server may have left behind share its process group
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(timeout=10)


@pytest.fixture(scope="session")
def jupyter_lab(tmp_path_factory):
    """JupyterLab serving a copy of notebooks/ from a temporary folder.

    Its configuration, runtime, data, IPython and lab-settings folders are temporary too,
    so neither the committed notebooks nor the user's settings are touched. Everything else
    in the environment (MPLBACKEND from the Makefile, for one) is inherited, as with
    `make lab`, so the test sees what a reader sees.
    Yields (base_url, token, notebook_dir).
    """
    tmp = tmp_path_factory.mktemp("lab")
    notebook_dir = tmp / "notebooks"
    shutil.copytree(NOTEBOOKS, notebook_dir,
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    settings = tmp / "lab-settings"
    # No news or update pop-ups over the notebook.
    notification = settings / "@jupyterlab" / "apputils-extension"
    notification.mkdir(parents=True)
    (notification / "notification.jupyterlab-settings").write_text(
        '{"fetchNews": "false", "checkForUpdates": false}', encoding="utf-8")
    # Render every cell, not only those in view, so a test can read the whole notebook.
    tracker = settings / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True)
    (tracker / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}',
                                                         encoding="utf-8")
    env = dict(os.environ)
    env.update({
        "JUPYTER_CONFIG_DIR": str(tmp / "config"),
        "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
        "JUPYTER_DATA_DIR": str(tmp / "data"),
        "IPYTHONDIR": str(tmp / "ipython"),
        "JUPYTERLAB_SETTINGS_DIR": str(settings),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp / "workspaces"),
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    })
    port, token = free_port(), uuid.uuid4().hex
    jupyter = Path(sys.executable).with_name("jupyter")
    cmd = [str(jupyter), "lab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
           f"--ServerApp.token={token}", f"--notebook-dir={notebook_dir}",
           "--ServerApp.port_retries=0", "--LabApp.news_url=",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    log = tmp / "jupyter.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=tmp, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}/"
        _wait_for_http(f"{base}api/status?token={token}", proc, timeout=90, log=log)
        yield base, token, notebook_dir
    finally:
        _stop(proc)


def pytest_sessionfinish(session, exitstatus):
    """Write _build/screenshots/index.html, one page to look at every screenshot."""
    if not _USED["screenshots"] or not SCREENSHOTS.is_dir():
        return
    shots = sorted(SCREENSHOTS.rglob("*.png"))
    if not shots:
        return
    items = "\n".join(
        f'<figure><figcaption>{p.relative_to(SCREENSHOTS)}</figcaption>'
        f'<a href="{p.relative_to(SCREENSHOTS)}"><img src="{p.relative_to(SCREENSHOTS)}" '
        f'loading="lazy"></a></figure>'
        for p in shots
    )
    (SCREENSHOTS / "index.html").write_text(
        "<!doctype html><meta charset=utf-8><title>Browser-test screenshots</title>"
        "<style>body{font-family:sans-serif}figure{display:inline-block;vertical-align:top;"
        "margin:8px;width:300px}img{width:300px;max-height:600px;object-fit:cover;"
        "object-position:top;border:1px solid #ccc}</style>"
        f"<h1>Browser-test screenshots</h1>\n{items}\n",
        encoding="utf-8",
    )

"""Put the "Run live in this page" button on the book's widgets when the live runtime is built.

``make book`` first builds the WebAssembly Python runtime (``make live``) into a folder that
``_config.yml`` lists under ``html_extra_path``; it lands at ``_build/html/live/``. When a
folder of ``html_extra_path`` holds ``live/worker.js`` and ``live/live.js`` (and no
``live/unavailable.txt``, which the runtime's build writes when it gives up), this extension
adds ``_static/live-loader.js`` and ``_static/live.css`` to every page. Otherwise (the
runtime could not be fetched) the pages are the static book, unchanged.
"""

from __future__ import annotations

from pathlib import Path


def live_runtime_built(confdir, extra_paths) -> bool:
    """Whether a folder of ``extra_paths`` (relative to ``confdir``) holds the live runtime."""
    for extra in extra_paths or []:
        live = Path(confdir, extra, "live")
        if ((live / "worker.js").is_file() and (live / "live.js").is_file()
                and not (live / "unavailable.txt").exists()):
            return True
    return False


def add_live_files(app) -> None:
    if live_runtime_built(app.confdir, app.config.html_extra_path):
        app.add_js_file("live-loader.js")
        app.add_css_file("live.css")


def setup(app):
    app.connect("builder-inited", add_live_files)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

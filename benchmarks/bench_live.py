"""What a reader of the rendered book waits for and downloads when a widget goes live.

Serves the built runtime (``_build/live-extra/live/``, made by ``make live``) on
127.0.0.1, opens it in Debian's Chromium through Playwright with every other request
aborted (tools/live/selftest.html: the same worker and messages as a book page), and
measures:

* what is downloaded (gzipped) and what it unpacks to, file by file;
* a first visit: fetch + compile, Python ready, the first live figure (import nnlib,
  build chapter 2's explorer, render its PNG), the median of slider changes (set w1,
  render), WebAssembly memory and the resident memory of Chromium's processes;
* a second page of the same reader: everything comes from the browser's cache.

Run with ``make bench``. A benchmark, not a test: it prints, it does not assert.
Targets (issue 14): first live figure <= 6 s, slider change <= 200 ms, memory <= 150 MB.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools" / "live"))
import selftest  # noqa: E402  (tools/live/selftest.py)

SITE = ROOT / "_build" / "live-extra"
CHANGES = 15


def rss_mb(root_pid: int) -> tuple[float, float]:
    """(total, largest process) resident MB of a process and its descendants (Linux)."""
    children: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(d.name))
    sizes, todo = [], [root_pid]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        except OSError:
            pass
    return (sum(sizes), max(sizes)) if sizes else (float("nan"), float("nan"))


def main() -> None:
    from playwright.sync_api import sync_playwright

    manifest_path = SITE / "live" / "manifest.json"
    if not manifest_path.is_file():
        why = SITE / "live" / "unavailable.txt"
        print("live runtime not built:",
              why.read_text().strip() if why.is_file() else "run make live")
        return
    m = json.loads(manifest_path.read_text())
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; {m['runtime']}")
    print(f"{'file':16} {'gzipped MB':>10} {'raw MB':>8}")
    for name, f in m["files"].items():
        print(f"{name:16} {f['gzip'] / 1e6:10.1f} {f['size'] / 1e6:8.1f}")
    print(f"{'total':16} {m['download_bytes'] / 1e6:10.1f} {m['raw_bytes'] / 1e6:8.1f}")

    blocked: list[str] = []
    with selftest.serve(SITE) as url, sync_playwright() as pw:
        chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
        browser = pw.chromium.launch(executable_path=chromium, args=selftest.CHROMIUM_ARGS)
        context = selftest.offline_context(browser, blocked)
        # Playwright's Chromium is a child of its driver, which is a child of this process.
        rows = []
        for visit in ("first visit", "second page"):
            page = context.new_page()
            T = selftest.drive(page, url, steps=CHANGES)
            total, largest = rss_mb(os.getpid())
            rows.append((visit, T, total, largest))
            page.close()
        browser.close()
    print()
    print(f"{'':12} {'from net MB':>11} {'fetch+compile s':>15} {'Python ready s':>14} "
          f"{'first figure s':>14} {'change median ms':>16} {'wasm MB':>8} "
          f"{'Chromium RSS MB':>15}")
    for visit, T, total, largest in rows:
        i = T["init"]
        print(f"{visit:12} {i['bytes_from_network'] / 1e6:11.1f} "
              f"{i['fetch_compile_ms'] / 1e3:15.2f} "
              f"{T['python_ready_s']:14.2f} {T['first_figure_s']:14.2f} "
              f"{T['change_median_s'] * 1e3:16.0f} {T['wasm_memory_bytes'] / 2**20:8.0f} "
              f"{total:9.0f} (largest process {largest:.0f})")
    first = rows[0][1]["first"]
    print(f"in the first figure: import numpy+matplotlib+nnlib {first['import_s']:.2f} s, "
          f"build + render the explorer {first['explorer_s']:.2f} s; "
          f"slider changes (ms): {[round(s * 1e3) for s in rows[0][1]['change_s']]}")
    held = sum(f["size"] for k, f in m["files"].items() if k != "python.wasm")
    print(f"files the worker holds in memory besides WebAssembly memory: {held / 2**20:.0f} MB")
    if blocked:
        print("requests not to 127.0.0.1 (aborted):", blocked[:5])
    print(f"slider change: median of {CHANGES} changes per visit")


if __name__ == "__main__":
    main()

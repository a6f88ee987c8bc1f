"""The live book's build (tools/live/build.py): pins, trimming rules, the one-line fallback.

The build itself (download, guest preparation, browser) is checked by
tests/browser/test_browser_live_runtime.py on the built book; these tests need no network.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools" / "live"))
import build  # noqa: E402  (tools/live/build.py)


@pytest.mark.parametrize("reqs", [build.REQS, build.HOST_REQS])
def test_every_pin_is_exact_and_hashed(reqs):
    pins = build.pinned(reqs)
    assert pins
    for name, version, hashes in pins:
        assert re.fullmatch(r"[0-9][0-9a-z.]*", version), (name, version)
        assert hashes and all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes), name


def test_guest_wheels_match_the_notebooks_pins():
    # Two Pythons, one library: the browser gets the ipywidgets the notebooks are tested with.
    constraints = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==")
            constraints[build.norm(name)] = version.strip()
    for name, version, _ in build.pinned(build.REQS):
        if build.norm(name) in constraints:
            assert constraints[build.norm(name)] == version, name


def _leb(n: int) -> bytes:
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _section(sid: int, payload: bytes) -> bytes:
    return bytes([sid]) + _leb(len(payload)) + payload


def test_strip_custom_sections_keeps_the_code_and_drops_names():
    header = b"\0asm\x01\0\0\0"
    typ = _section(1, b"\x01\x60\0\0")                     # one type: () -> ()
    func = _section(3, b"\x01\0")                          # one function of type 0
    code = _section(10, b"\x01\x02\0\x0b")                 # its body: end
    name = _section(0, _leb(4) + b"name" + b"x" * 300)     # a custom section, long
    module = header + typ + name + func + code + _section(0, _leb(3) + b"abc")
    stripped = build.strip_custom_sections(module)
    assert stripped == header + typ + func + code


def test_trimming_keeps_imported_folders_and_drops_the_rest():
    loaded = {"scipy", "scipy.optimize", "scipy.optimize._minimize", "json", "six"}
    loaded_dirs = {"scipy", "scipy/optimize"}
    std = {"json", "tkinter", "idlelib"}

    def keep(name):
        return build.keep_file(name, loaded, loaded_dirs, std)

    assert keep("scipy/optimize/_lbfgsb_py.pyc")        # same folder as an imported module
    assert not keep("scipy/io/matlab/_mio.pyc")          # a subpackage nothing imported
    assert keep("scipy/optimize/data/table.txt")         # data under an imported folder
    assert not keep("scipy/optimize/tests/test_x.pyc")   # tests never ship
    assert not keep("pandas/core/frame.pyc")             # left out on purpose
    assert not keep("sympy/core/basic.pyc")              # nothing imported it
    assert keep("six.pyc") and not keep("toolz.pyc")     # single-file modules: imported or not
    assert keep("json/decoder.pyc") and not keep("tkinter/__init__.pyc")  # stdlib
    assert keep("scikit_learn-1.9.1.dist-info/METADATA")


def test_no_runtime_means_one_line_and_a_static_book(tmp_path):
    # No cache and no package index: the build says so in one line and exits 0.
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PIP_NO_INDEX": "1",
           "PIP_CONFIG_FILE": "/dev/null", "NNLIB_LIVE_CACHE": str(tmp_path / "cache")}
    r = subprocess.run([sys.executable, str(ROOT / "tools" / "live" / "build.py"),
                        "--out", str(tmp_path / "out"), "--log", str(tmp_path / "live.log")],
                       capture_output=True, text=True, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("live: no live widgets in this build"), r.stdout
    assert (tmp_path / "out" / "live" / "unavailable.txt").read_text().strip()
    assert not (tmp_path / "out" / "live" / "manifest.json").exists()


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_book_builds_the_live_runtime_before_the_book():
    out = subprocess.run(["make", "-n", "book", "STAMP=Makefile"], cwd=ROOT, text=True,
                         capture_output=True, check=True).stdout
    assert "tools/live/build.py" in out and "jupyter-book build" in out
    assert out.index("tools/live/build.py") < out.index("jupyter-book build")

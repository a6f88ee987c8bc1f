"""book/_ext/live_widgets.py: the live button only when the live runtime was built."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("live_widgets", ROOT / "book/_ext/live_widgets.py")
live_widgets = importlib.util.module_from_spec(spec)
spec.loader.exec_module(live_widgets)


def test_the_runtime_counts_as_built_only_with_its_page_side_and_no_excuse(tmp_path):
    live = tmp_path / "extra" / "live"
    assert not live_widgets.live_runtime_built(tmp_path, ["extra"])
    live.mkdir(parents=True)
    (live / "worker.js").write_text("")
    assert not live_widgets.live_runtime_built(tmp_path, ["extra"])  # no live.js
    (live / "live.js").write_text("")
    assert live_widgets.live_runtime_built(tmp_path, ["missing", "extra"])
    (live / "unavailable.txt").write_text("no network")
    assert not live_widgets.live_runtime_built(tmp_path, ["extra"])
    assert not live_widgets.live_runtime_built(tmp_path, None)


def test_the_loader_and_styles_it_adds_exist():
    for name in ("live-loader.js", "live.css"):
        assert (ROOT / "book/_static" / name).is_file()
    assert (ROOT / "book/_live/live.js").is_file()

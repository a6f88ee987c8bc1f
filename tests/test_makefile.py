"""The commands a person types print what they promise (checked with ``make -n``)."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_lab_prints_an_address_with_its_token():
    # Issue 10 item 13: the printed address used to land on a login page.
    out = subprocess.run(["make", "-n", "lab", "STAMP=Makefile"], cwd=ROOT, text=True,
                         capture_output=True, check=True).stdout
    assert "lab?token=$token" in out
    assert "--IdentityProvider.token=$token" in out

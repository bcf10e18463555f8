"""The system Chromium for browser tests: where it is, and how to launch it.

Without a browser a browser test is skipped with the reason, except in CI (CI=true),
where a missing browser is a failure. `make test` installs Debian's chromium and
fonts-noto-cjk where they are missing.
"""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-default-apps",
]


def chromium() -> str:
    """The Chromium executable (KG_CHROMIUM, else chromium on the PATH); skip, or fail in CI, without one."""
    path = os.environ.get("KG_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if path:
        return path
    reason = "no Chromium on this machine (make test installs Debian's chromium where apt-get is available)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"the browser test must run in CI: {reason}")
    pytest.skip(reason)

"""The system Chromium for browser tests: where it is, and how to launch it.

Without a browser a browser test is skipped with the reason, except in CI (CI=true),
where a missing browser is a failure. `make test` installs Debian's chromium and
fonts-noto-cjk where they are missing.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

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


@contextlib.contextmanager
def offline_page(path, *, width: int = 1400, height: int = 900) -> Iterator[dict]:
    """A page file opened in headless Chromium with every request but file: and data: refused, once the page says
    it is ready (``window.kg.ready``): ``{"page", "requests", "errors"}`` (every URL it asked for, its errors)."""
    executable = chromium()
    sync_api = pytest.importorskip("playwright.sync_api")
    requests: list[str] = []
    errors: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": width, "height": height}, offline=True)

        def block(route):
            requests.append(route.request.url)
            route.abort() if not route.request.url.startswith(("file:", "data:")) else route.continue_()

        context.route("**/*", block)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(Path(path).as_uri())
        page.wait_for_function("window.kg && window.kg.ready === true", timeout=60_000)
        try:
            yield {"page": page, "requests": requests, "errors": errors, "context": context}
        finally:
            context.close()
            browser.close()


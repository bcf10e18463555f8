"""`kg serve`'s query page (YASGUI) in a real browser (headless Chromium): pick a pack query, run it, read
the table, click an IRI to DESCRIBE it, share the URL.

Every request that does not go to the server on 127.0.0.1 is blocked, and the test fails if one was
attempted: the page and the vendored bundle must ask no other host for anything. Without a browser this
test is skipped with the reason, except in CI (CI=true), where it fails.
"""

from __future__ import annotations

import sys
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

import kg

from .browser import CHROMIUM_ARGS, chromium
from .conftest import CORPUS, ROOT, free_port, serving

ALIBABA = "https://w3id.org/qhkg/id/alibaba"
SCREENSHOT = ROOT / "out" / "endpoint-page.png"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`kg serve` on the repository's corpus graph, in a subprocess on a free port."""
    graph = tmp_path_factory.mktemp("endpoint-page") / "kg.ttl"
    kg.write_graph(kg.build([CORPUS]), graph)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with serving([sys.executable, "-m", "kg", "serve", "--graph", str(graph), "--port", str(port)], base, "/health",
                 cwd=ROOT, text=True):
        yield base


@pytest.fixture
def browser_page(server):
    """A page in headless Chromium that may talk only to the server; what else it tried, and its errors."""
    executable = chromium()
    sync_api = pytest.importorskip("playwright.sync_api")
    seen: dict = {"requests": [], "blocked": [], "errors": []}

    def gate(route):
        url = route.request.url
        seen["requests"].append(url)
        if urlsplit(url).hostname == "127.0.0.1":
            route.continue_()
        else:
            seen["blocked"].append(url)
            route.abort()

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        context.route("**/*", gate)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.on("pageerror", lambda exc: seen["errors"].append(str(exc)))
        yield page, seen
        context.close()
        browser.close()
    assert not seen["blocked"], f"the page asked other hosts: {seen['blocked']}"
    assert not seen["errors"], f"errors on the page: {seen['errors']}"


def _open(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("() => window.kgEndpoint && window.kgEndpoint.ready === true")


def _rows(page) -> list[list[str]]:
    """The visible YASR table's rows, as the cells' text (the row number left out)."""
    page.wait_for_selector(".yasr:visible table.dataTable tbody tr td a.iri")
    return page.eval_on_selector_all(
        ".yasr:visible table.dataTable tbody tr",
        "rows => rows.map(r => Array.from(r.cells).slice(1).map(c => c.innerText.trim()))")


def test_query_page_runs_a_pack_query_and_describes_an_iri(server, browser_page):
    page, seen = browser_page
    _open(page, server + "/")
    assert page.locator(".yasgui .yasqe .CodeMirror").first.is_visible()
    # YASGUI's remote helpers are off (LOV autocompletion, prefix.cc, the link shortener, the CORS proxy)
    config = page.evaluate("""() => { const tab = kgEndpoint.yasgui.getTab(), yasqe = tab.getYasqe();
        return {completers: yasqe.config.autocompleters, prefixCc: yasqe.config.prefixCcApi ?? null,
                shortener: typeof yasqe.config.createShortLink, cors: kgEndpoint.yasgui.config.corsProxy ?? null,
                endpoint: tab.getEndpoint(), query: tab.getQuery()}; }""")
    assert config["completers"] == ["variables", "prefixes"]
    assert (config["prefixCc"], config["shortener"], config["cors"]) == (None, "undefined", None)
    assert config["endpoint"] == server + "/sparql"
    assert "PREFIX kgr: <https://w3id.org/qhkg/id/>" in config["query"]  # kg's prefixes, pre-declared

    # a pack example, with its questions, run from YASGUI
    label = next(text for text in page.eval_on_selector_all("#examples option", "os => os.map(o => o.textContent)")
                 if text.startswith("firms_settled_in_qinghai"))
    assert "哪些企业落户青海" in label and "Which firms have settled in Qinghai?" in label
    page.select_option("#examples", label=label)
    assert "哪些企业落户青海" in page.inner_text("#question")
    page.locator(".yasqe_queryButton:visible").click()
    rows = _rows(page)
    assert len(rows) == 7
    assert ["kgr:alibaba", '"阿里"@zh', '"Alibaba"@en'] in rows  # IRIs shortened, literals with their language
    assert page.locator(".yasr:visible .yasr_downloadIcon").count() == 1  # YASR's download
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)

    # a click on an IRI runs DESCRIBE <iri> in a new tab
    link = page.locator(".yasr:visible table.dataTable a.iri", has_text="kgr:alibaba").first
    assert link.get_attribute("href") == ALIBABA
    link.click()
    page.wait_for_function("() => kgEndpoint.yasgui.getTab().getName() === 'DESCRIBE kgr:alibaba'")
    page.wait_for_function("() => kgEndpoint.yasgui.getTab().getYasr().results !== undefined")
    described = _rows(page)
    assert ["kgr:alibaba", "rdfs:label", '"阿里"@zh'] in described
    assert all(row[0] == "kgr:alibaba" for row in described)

    # the query is in the URL, and the URL gives it back in a fresh page
    shared = page.url
    assert parse_qs(urlsplit(shared).query)["query"] == [f"DESCRIBE <{ALIBABA}>\n"]
    page.context.clear_cookies()
    page.evaluate("() => localStorage.clear()")
    _open(page, shared)
    assert page.evaluate("() => kgEndpoint.yasgui.getTab().getQuery()") == f"DESCRIBE <{ALIBABA}>\n"
    assert not seen["blocked"]


def test_a_shared_link_cannot_send_queries_elsewhere(server, browser_page):
    page, seen = browser_page
    query = f"SELECT ?name WHERE {{ <{ALIBABA}> <http://www.w3.org/2000/01/rdf-schema#label> ?name }}"
    _open(page, server + "/?" + urlencode({"query": query, "endpoint": "http://elsewhere.example/sparql"}))
    assert page.evaluate("() => kgEndpoint.yasgui.getTab().getEndpoint()") == server + "/sparql"
    page.locator(".yasqe_queryButton:visible").click()
    page.wait_for_selector(".yasr:visible table.dataTable tbody tr")
    assert "阿里" in page.inner_text(".yasr:visible table.dataTable tbody")
    assert all(urlsplit(url).hostname == "127.0.0.1" for url in seen["requests"])


def test_the_vendored_bundle_is_served_from_kg_itself(server):
    """Only the vendored files, with their media types, a Cache-Control header and an ETag (gzipped where the client
    takes it); nothing else."""
    import hashlib
    import re

    import httpx

    from kg.serve import STATIC_DIR, STATIC_FILES

    page = httpx.get(server + "/").text
    assert re.findall(r'(?:src|href)="([^"]+)"', page) == [
        f"static/yasgui/{name}?v={_hash(name)}" for name in ("yasgui.min.css", "yasgui.min.js")]
    vendored = (STATIC_DIR / "VENDORED.md").read_text(encoding="utf-8")
    for name, media in STATIC_FILES.items():
        answer = httpx.get(f"{server}/static/yasgui/{name}")
        assert answer.status_code == 200 and answer.headers["content-type"] == media
        assert answer.headers["cache-control"].startswith("public, max-age=")
        assert answer.content == (STATIC_DIR / name).read_bytes()
        if name != "VENDORED.md":
            assert hashlib.sha256(answer.content).hexdigest() in vendored
        again = httpx.get(f"{server}/static/yasgui/{name}", headers={"If-None-Match": answer.headers["etag"]})
        assert again.status_code == 304 and not again.content
        plain = httpx.get(f"{server}/static/yasgui/{name}", headers={"Accept-Encoding": "identity"})
        assert plain.content == answer.content and "content-encoding" not in plain.headers
        if name.endswith((".js", ".css")):  # compressed for a client that takes gzip (httpx does, as browsers do)
            assert answer.headers["content-encoding"] == "gzip" and answer.headers["vary"] == "Accept-Encoding"
            assert answer.num_bytes_downloaded < 0.4 * len(answer.content)
            assert answer.headers["etag"] != plain.headers["etag"]
    for path in ("yasgui.min.js.map", "..%2Fserve.py", "..%2F..%2Fserve.py", "%2Fetc%2Fpasswd", "", "a/yasgui.min.js"):
        assert httpx.get(f"{server}/static/yasgui/{path}").status_code == 404, path
    assert httpx.get(server + "/static/yasgui/../../kg/serve.py").status_code == 404
    assert httpx.post(server + "/static/yasgui/yasgui.min.js").status_code == 405


def _hash(name: str) -> str:
    import hashlib

    from kg.serve import STATIC_DIR

    return hashlib.sha256((STATIC_DIR / name).read_bytes()).hexdigest()[:12]

"""A big graph's page in headless Chromium (network blocked): it opens on an overview and grows by exploration.

A synthetic corpus of 300 articles (benchmarks/generate.py) gives about 350 entities, well over the
page's budget (kg.viz.PAGE_BUDGET): the page opens on the most connected ones, legible and fast;
the search finds any entity, draws it and its neighbours; a click on a node draws its neighbours,
"show N more" the next ones. Screenshot: out/page-big.png, numbers beside it in out/page-big.json.
"""

from __future__ import annotations

import importlib.util
import json
import time

import pytest

from kg.viz import EXPAND_STEP, OVERVIEW_NODES, PAGE_BUDGET, overview_nodes, write_page

from .browser import offline_page
from .conftest import ROOT
from .test_page_legibility import MEASURE

ARTICLES = 300
READY_MS = 2000
MIN_LABEL_PX = 12


def _generator():
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def big_page(tmp_path_factory):
    import kg

    folder = _generator().generate(ARTICLES, tmp_path_factory.mktemp("big") / "corpus")
    graph = kg.build([folder])
    out = ROOT / "out"
    page_file = out / "kg-page-big.html"
    started = time.perf_counter()
    nxg = write_page(graph, page_file)
    build_s = time.perf_counter() - started
    assert nxg.number_of_nodes() > 2 * PAGE_BUDGET
    with offline_page(page_file) as opened:
        page = opened["page"]
        page.wait_for_timeout(100)  # one more frame, as tests/test_page_legibility.py does
        first = page.evaluate(MEASURE)
        first["drawn"] = page.evaluate("kg.nodes.length")
        yield {**opened, "nxg": nxg, "file": page_file, "out": out, "first": first, "build_s": build_s}


def _panel(page) -> str:
    return page.locator("#details").inner_text()


def test_no_request_leaves_the_page_and_no_error_is_raised(big_page):
    assert [u for u in big_page["requests"] if not u.startswith(("file:", "data:"))] == []
    assert big_page["errors"] == []


def test_the_page_opens_fast_on_a_legible_overview(big_page):
    first, nxg = big_page["first"], big_page["nxg"]
    assert first["ready_ms"] is not None and first["ready_ms"] < READY_MS, first
    assert first["drawn"] == len(overview_nodes(nxg)) == OVERVIEW_NODES <= PAGE_BUDGET  # no hairball
    assert first["labels"] == first["drawn"] and first["on_screen"] > 0
    assert first["smallest_px"] >= MIN_LABEL_PX, f"labels drawn at {first['smallest_px']} px"
    assert first["overlaps"] == 0, f"{first['overlaps']} pairs of labels overlap; the worst: {first['worst']}"
    page = big_page["page"]
    assert page.evaluate("RAW_NODES.length") == nxg.number_of_nodes()  # every entity is in the page
    assert page.evaluate("kg.network.physics.physicsEnabled") is False


def test_search_finds_an_entity_not_drawn_draws_it_and_its_neighbours(big_page):
    page, nxg = big_page["page"], big_page["nxg"]
    drawn = set(page.evaluate("[...kg.drawn]"))
    # a data centre whose firm is not drawn either: the search draws it, then its neighbours around it
    target = next(n for n, d in sorted(nxg.nodes(data=True)) if n not in drawn and d["category"] == "Facility"
                  and any(peer not in drawn for peer in nxg.successors(n)))
    name = nxg.nodes[target]["label_zh"]
    before = page.evaluate("kg.nodes.length")
    assert page.evaluate(f"kg.nodes.get('{target}')") is None
    page.fill("#search", name)
    assert page.locator("#matches li").first.inner_text().startswith(name)
    page.press("#search", "Enter")
    assert page.evaluate("kg.network.getSelectedNodes()") == [target]
    assert page.evaluate(f"kg.nodes.get('{target}') !== null && kg.drawn.has('{target}')")
    assert page.evaluate("kg.nodes.length") > before + 1  # the entity, and its neighbours not drawn before
    peers = set(nxg.successors(target)) | set(nxg.predecessors(target))
    assert all(page.evaluate(f"kg.nodes.get('{p}') !== null") for p in peers)
    panel = _panel(page)
    assert name in panel and nxg.nodes[target]["label_en"] in panel
    assert all(nxg.nodes[p]["label_zh"] in panel for p in peers)  # the panel lists every neighbour
    page.click(".lang button[data-lang=en]")  # a node drawn later is relabelled like the others
    try:
        assert page.evaluate(f"kg.nodes.get('{target}').label") == page.evaluate(f"RAW.get('{target}').short_en")
    finally:
        page.click(".lang button[data-lang=zh]")
    assert big_page["errors"] == []


def test_a_click_draws_a_nodes_neighbours_and_show_more_the_next_ones(big_page):
    page = big_page["page"]
    page.evaluate("kg.network.unselectAll(); kg.initialView()")
    # the drawn node with the most neighbours not drawn yet (a city, in this corpus): more than one step of them
    hub, rest = page.evaluate("""() => {
        const rest = id => new Set(RAW_EDGES.filter(e => e.from === id || e.to === id)
            .map(e => e.from === id ? e.to : e.from).filter(p => !kg.drawn.has(p))).size;
        return [...kg.drawn].map(id => [id, rest(id)]).sort((a, b) => b[1] - a[1])[0];
    }""")
    assert rest > EXPAND_STEP
    page.evaluate(f"kg.network.moveTo({{position: kg.network.getPositions(['{hub}'])['{hub}'], scale: 1.0}})")
    point = page.evaluate(f"kg.network.canvasToDOM(kg.network.getPositions(['{hub}'])['{hub}'])")
    box = page.locator("#graph").bounding_box()
    before = page.evaluate("kg.nodes.length")
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    assert page.evaluate("kg.network.getSelectedNodes()") == [hub]
    assert page.evaluate("kg.nodes.length") == before + EXPAND_STEP
    more = page.locator("#show-more")
    left = rest - EXPAND_STEP
    assert more.get_attribute("data-rest") == str(left)
    assert f"{min(left, EXPAND_STEP)} 个" in more.inner_text()
    more.click()
    assert page.evaluate("kg.nodes.length") == before + EXPAND_STEP + min(left, EXPAND_STEP)
    if left > EXPAND_STEP:
        assert page.locator("#show-more").get_attribute("data-rest") == str(left - EXPAND_STEP)
    else:
        assert page.locator("#show-more").count() == 0
    # the new nodes keep clear of the drawn ones: no two label boxes intersect
    page.wait_for_timeout(400)  # the view follows the expanded node
    numbers = page.evaluate(MEASURE)
    assert numbers["overlaps"] == 0, f"{numbers['overlaps']} pairs of labels overlap; the worst: {numbers['worst']}"
    assert big_page["errors"] == []


def test_screenshot_for_a_person_to_look_at(big_page):
    page = big_page["page"]
    shot = big_page["out"] / "page-big.png"
    page.mouse.move(1390, 890)  # no tooltip over the picture
    page.wait_for_timeout(200)
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000
    first = big_page["first"]
    metrics = {
        "articles": ARTICLES, "entities": big_page["nxg"].number_of_nodes(),
        "relations": big_page["nxg"].number_of_edges(),
        "page_build_s": round(big_page["build_s"], 2), "page_kb": round(big_page["file"].stat().st_size / 1024),
        "first_drawn": first["drawn"], "first_ready_ms": first["ready_ms"], "first_smallest_label_px": first["smallest_px"],
        "drawn_now": page.evaluate("kg.nodes.length"), "screenshot": str(shot.relative_to(ROOT)),
    }
    (big_page["out"] / "page-big.json").write_text(json.dumps(metrics, indent=2) + "\n")


def test_back_to_the_overview_takes_away_what_exploring_drew(big_page):
    page = big_page["page"]
    overview = page.evaluate("kg.nodes.getIds().filter(id => !kg.drawn.has(id)).length")
    assert overview == 0 and page.evaluate("kg.nodes.length") > big_page["first"]["drawn"]  # the tests above drew more
    button = page.locator("#back-to-overview")
    assert button.is_visible() and button.inner_text() in ("回到总览", "Back to the overview")
    button.click()
    assert page.evaluate("kg.nodes.length") == big_page["first"]["drawn"]
    assert page.evaluate("kg.edges.get().every(e => kg.drawn.has(e.from) && kg.drawn.has(e.to))")
    assert page.evaluate("kg.network.getSelectedNodes()") == []
    assert big_page["errors"] == []

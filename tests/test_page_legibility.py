"""The corpus page at first sight, as a new user sees it in headless Chromium (network blocked).

For each language and window size: every node label is drawn at 12 px or more on screen, no two
label boxes intersect (each measured with the canvas's own text metrics at the on-screen size),
and the page is ready (laid out, drawn) in under 2 s. Screenshots go to out/page-<lang>-<width>.png.
"""

from __future__ import annotations

import json
import time

import pytest

from kg.viz import write_page

from .browser import CHROMIUM_ARGS, chromium
from .conftest import CORPUS, ROOT

VIEWPORTS = {1400: (1400, 900), 1024: (1024, 768)}
MIN_LABEL_PX = 12
READY_MS = 2000

#: Every visible node's label box on screen (DOM pixels), measured as vis-network draws it: centred on
#: the node, below its shape, as wide as ctx.measureText says at the on-screen font size.
MEASURE = """() => {
    const net = kg.network, scale = net.getScale(), positions = net.getPositions();
    const ctx = document.createElement('canvas').getContext('2d');
    const boxes = [];
    for (const [id, p] of Object.entries(positions)) {
        const node = net.body.nodes[id];
        if (node.options.hidden || !node.options.label) continue;
        const font = node.options.font, px = font.size * scale;
        ctx.font = (font.mod ? font.mod + ' ' : '') + px + 'px ' + font.face;
        const lines = String(node.options.label).split('\\n');
        const width = Math.max(...lines.map(line => ctx.measureText(line).width));
        // where vis-network puts a label below a shape (ShapeBase.drawExternalLabel, "hanging" baseline):
        // its top half a line plus 4 below the shape, one line per font size (computed, since vis-network
        // does not draw, so does not measure, nodes outside the view)
        const top = p.y + node.options.size + font.size / 2 + 4;
        const centre = net.canvasToDOM({x: p.x, y: top});
        const bottom = net.canvasToDOM({x: p.x, y: top + lines.length * font.size});
        boxes.push({id: id, label: node.options.label, px: px,
                    left: centre.x - width / 2, right: centre.x + width / 2, top: centre.y, bottom: bottom.y});
    }
    const overlaps = [];
    for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i], b = boxes[j];
            const dx = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const dy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            if (dx > 0 && dy > 0) overlaps.push({a: a.label, b: b.label, area: Math.round(dx * dy)});
        }
    }
    overlaps.sort((x, y) => y.area - x.area);
    const smallest = boxes.reduce((m, b) => Math.min(m, b.px), Infinity);
    const canvas = document.querySelector('#graph canvas').getBoundingClientRect();
    const onScreen = boxes.filter(b => b.right > 0 && b.left < canvas.width && b.bottom > 0 && b.top < canvas.height);
    return {labels: boxes.length, on_screen: onScreen.length, smallest_px: Math.floor(smallest * 100) / 100,
            overlaps: overlaps.length, worst: overlaps[0] || null, scale: scale,
            ready_ms: kg.readyMs === undefined ? null : Math.round(kg.readyMs)};
}"""


@pytest.fixture(scope="module")
def corpus_pages():
    """The corpus page, opening in Chinese and in English."""
    import kg

    graph = kg.build([CORPUS])
    out = ROOT / "out"
    pages = {}
    for lang in ("zh", "en"):
        path = out / f"kg-page-legibility-{lang}.html"
        write_page(graph, path, lang=lang)
        pages[lang] = path
    return pages


@pytest.fixture(scope="module")
def browser():
    executable = chromium()
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def open_page(browser, path, width: int, height: int):
    """The page at this window size, ready, with what it measured on the way; the network is blocked."""
    context = browser.new_context(viewport={"width": width, "height": height}, offline=True)
    context.route("**/*", lambda route: route.abort() if not route.request.url.startswith(("file:", "data:"))
                  else route.continue_())
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    started = time.perf_counter()
    page.goto(path.as_uri())
    page.wait_for_function("window.kg && window.kg.ready === true", timeout=60_000)
    wall_ms = round((time.perf_counter() - started) * 1000)
    page.wait_for_timeout(100)  # one more frame, so the label module holds its drawn size
    return context, page, errors, wall_ms


@pytest.mark.parametrize("width", list(VIEWPORTS))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_labels_are_legible_and_apart_at_first_sight(browser, corpus_pages, lang, width):
    context, page, errors, wall_ms = open_page(browser, corpus_pages[lang], *VIEWPORTS[width])
    try:
        numbers = page.evaluate(MEASURE)
        shot = ROOT / "out" / f"page-{lang}-{width}.png"
        page.screenshot(path=str(shot))
        numbers.update(wall_ms=wall_ms, screenshot=str(shot.relative_to(ROOT)))
        (ROOT / "out" / f"page-legibility-{lang}-{width}.json").write_text(
            json.dumps(numbers, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        assert errors == []
        assert numbers["labels"] > 100 and numbers["on_screen"] > 0
        assert numbers["smallest_px"] >= MIN_LABEL_PX, f"labels drawn at {numbers['smallest_px']} px"
        assert numbers["overlaps"] == 0, (
            f"{numbers['overlaps']} pairs of labels overlap; the worst: {numbers['worst']}")
        assert numbers["ready_ms"] is not None and numbers["ready_ms"] < READY_MS, numbers
    finally:
        context.close()


def test_labels_stay_apart_after_switching_language_on_the_page(browser, corpus_pages):
    """The layout leaves room for the wider of each node's two labels, so the switch needs no new layout."""
    context, page, errors, _ = open_page(browser, corpus_pages["zh"], *VIEWPORTS[1400])
    try:
        page.click(".lang button[data-lang=en]")
        page.wait_for_timeout(100)
        numbers = page.evaluate(MEASURE)
        assert page.evaluate("kg.nodes.get('https://w3id.org/qhkg/id/qinghai').label") == "Qinghai Province"
        assert numbers["smallest_px"] >= MIN_LABEL_PX
        assert numbers["overlaps"] == 0, f"{numbers['overlaps']} pairs overlap; the worst: {numbers['worst']}"
        assert errors == []
    finally:
        context.close()

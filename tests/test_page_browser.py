"""The graph page in a real browser (headless Chromium), with the network blocked.

`make test` installs Debian's chromium and fonts-noto-cjk when they are missing.
Without a browser this test is skipped with the reason, except in CI (CI=true),
where a missing browser is a failure.
"""

from __future__ import annotations

import json

import pytest

from kg.viz import write_page

from .browser import offline_page
from .conftest import ROOT

BASE = "https://w3id.org/qhkg/id/sanjiangyuan-big-data-base"
QINGHAI = "https://w3id.org/qhkg/id/qinghai"


@pytest.fixture(scope="module")
def browser_page(full_graph):
    out = ROOT / "out"
    page_file = out / "kg-page-test.html"  # not make run's out/kg.html
    nxg = write_page(full_graph, page_file)
    with offline_page(page_file) as opened:
        yield {**opened, "nxg": nxg, "file": page_file, "out": out}


def test_the_page_makes_no_network_request_and_raises_no_error(browser_page):
    assert [u for u in browser_page["requests"] if not u.startswith(("file:", "data:"))] == []
    assert browser_page["errors"] == []


def test_every_node_and_edge_is_drawn(browser_page):
    page, nxg = browser_page["page"], browser_page["nxg"]
    assert page.evaluate("kg.nodes.length") == nxg.number_of_nodes()
    assert page.evaluate("kg.edges.length") == nxg.number_of_edges()
    assert page.evaluate("Object.keys(kg.network.getPositions()).length") == nxg.number_of_nodes()


def test_the_canvas_is_not_blank_and_physics_has_stopped(browser_page):
    page = browser_page["page"]
    share = page.evaluate("""() => {
        const canvas = document.querySelector('#graph canvas');
        const ctx = canvas.getContext('2d');
        const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        let inked = 0;
        for (let i = 0; i < data.length; i += 4) {
            if (data[i + 3] > 0 && (data[i] < 230 || data[i + 1] < 230 || data[i + 2] < 230)) inked++;
        }
        return inked / (canvas.width * canvas.height);
    }""")
    assert share > 0.01, f"only {share:.2%} of the canvas is drawn on"
    assert page.evaluate("kg.network.physics.physicsEnabled") is False


def test_chinese_fonts_are_available(browser_page):
    assert browser_page["page"].evaluate("document.fonts.check('16px \"Noto Sans CJK SC\"', '青海')")


def test_hover_shows_class_figures_and_the_source_sentence(browser_page):
    page = browser_page["page"]
    page.evaluate("kg.network.moveTo({scale: 1.0})")
    point = page.evaluate(f"(() => {{ const p = kg.network.getPositions(['{BASE}'])['{BASE}']; return kg.network.canvasToDOM(p); }})()")
    box = page.locator("#graph").bounding_box()
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    text = tooltip.inner_text()
    assert "三江源国家大数据基地" in text and "数据中心" in text
    assert "≤1.2" in text and "2600" in text
    assert "这一年，全省首个绿色算力产教融合人才培养共同体" in text


def test_clicking_a_node_lists_its_neighbours(browser_page):
    page = browser_page["page"]
    point = page.evaluate(f"(() => {{ const p = kg.network.getPositions(['{BASE}'])['{BASE}']; return kg.network.canvasToDOM(p); }})()")
    box = page.locator("#graph").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    details = page.locator("#details").inner_text()
    assert "运营方" in details and "中国联通（青海）" in details
    assert page.evaluate("kg.network.getSelectedNodes()") == [BASE]


def test_search_finds_and_selects_a_node(browser_page):
    page = browser_page["page"]
    page.fill("#search", "Unicom (Qing")
    assert page.locator("#matches li").first.inner_text().startswith("中国联通（青海）")
    page.press("#search", "Enter")
    assert page.evaluate("kg.network.getSelectedNodes()") == ["https://w3id.org/qhkg/id/china-unicom-qinghai"]


def test_language_switch_relabels_nodes_edges_and_legend(browser_page):
    page = browser_page["page"]
    page.click(".lang button[data-lang=en]")
    assert page.evaluate(f"kg.nodes.get('{QINGHAI}').label") == "Qinghai Province"
    assert "operated by" in page.evaluate("kg.edges.get().map(e => e.label)")
    assert "Firm" in page.locator("#legend").inner_text()
    page.click(".lang button[data-lang=zh]")
    assert page.evaluate(f"kg.nodes.get('{QINGHAI}').label") == "青海省"


def test_class_filter_hides_and_shows_a_class(browser_page):
    page, nxg = browser_page["page"], browser_page["nxg"]
    firms = sum(1 for _, d in nxg.nodes(data=True) if d["category"] == "Firm")
    page.uncheck("#legend input[data-category=Firm]")
    assert page.evaluate("kg.nodes.get({filter: n => n.hidden}).length") == firms
    page.check("#legend input[data-category=Firm]")
    assert page.evaluate("kg.nodes.get({filter: n => n.hidden}).length") == 0


def test_machine_guesses_are_dashed_and_can_be_hidden(browser_page, make_corpus, tmp_path):
    import kg

    alibaba = "https://w3id.org/qhkg/id/alibaba"

    def guesses(data):  # two firms and Alibaba's settling in Qinghai, as a machine would give them
        data["generated_by"] = {"agent": "kg annotate", "version": "0.1.0", "time": "2026-12-01T06:50:00Z"}
        for entity in data["entities"]:
            if entity["id"] in ("alibaba", "baidu"):
                entity.update(source="auto", confidence=0.62)
        next(r for r in data["relations"] if r["subject"] == "alibaba").update(source="auto", confidence=0.62)

    page_file = tmp_path / "guesses.html"
    nxg = write_page(kg.build([make_corpus(guesses)]), page_file)
    assert sum(1 for _, d in nxg.nodes(data=True) if d["auto"]) == 2
    page = browser_page["context"].new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(page_file.as_uri())
    page.wait_for_function("window.kg && window.kg.ready === true", timeout=60_000)
    assert page.evaluate(f"kg.nodes.get('{alibaba}').shapeProperties.borderDashes") == [5, 4]
    assert page.evaluate("kg.edges.get({filter: e => e.dashes}).length") == 1
    assert "auto 0.62" in page.evaluate(f"kg.nodes.get('{alibaba}').title.textContent")
    hidden = "[kg.nodes.get({filter: n => n.hidden}).length, kg.edges.get({filter: e => e.hidden}).length]"
    assert page.evaluate(hidden) == [0, 0]
    page.uncheck("#show-auto")
    assert page.evaluate(hidden) == [2, 1]
    assert page.evaluate("kg.nodes.get({filter: n => n.hidden}).every(n => n.auto)")
    page.uncheck("#legend input[data-category=Firm]")  # both filters at once: showing guesses again keeps firms hidden
    page.check("#show-auto")
    firms = sum(1 for _, d in nxg.nodes(data=True) if d["category"] == "Firm")
    assert page.evaluate(hidden)[0] == firms
    page.check("#legend input[data-category=Firm]")
    assert page.evaluate(hidden) == [0, 0]
    assert errors == []
    page.close()


def test_screenshot_for_a_person_to_look_at(browser_page):
    page = browser_page["page"]
    page.fill("#search", "")
    page.evaluate("kg.network.unselectAll(); kg.initialView()")
    box = page.locator("#graph").bounding_box()
    page.mouse.click(box["x"] + 3, box["y"] + 3)
    shot = browser_page["out"] / "kg-page.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000
    metrics = {
        "page_kb": round(browser_page["file"].stat().st_size / 1024),
        "nodes": page.evaluate("kg.nodes.length"),
        "edges": page.evaluate("kg.edges.length"),
        "ready_ms": page.evaluate("Math.round(kg.readyMs)"),
        "screenshot": str(shot.relative_to(ROOT)),
    }
    (browser_page["out"] / "page-check.json").write_text(json.dumps(metrics, indent=2) + "\n")


def test_the_tooltip_names_the_class_once(browser_page):
    page = browser_page["page"]
    page.click(".lang button[data-lang=zh]")
    tip = "id => kg.nodes.get(id).title.querySelector('.tip-class').textContent"
    assert page.evaluate(f"({tip})('https://w3id.org/qhkg/id/alibaba')") == "企业"  # not 企业 / 企业
    assert page.evaluate(f"({tip})('{BASE}')") == "数据中心 · 设施"  # the category only where it says more
    classes = page.evaluate(f"kg.nodes.getIds().map({tip})")
    assert not any(" / " in text for text in classes)


def test_the_english_view_has_english_words_and_punctuation(browser_page):
    page = browser_page["page"]
    page.click(".lang button[data-lang=en]")
    try:
        page.evaluate(f"kg.focusNode('{QINGHAI}')")  # what a search hit or a click does
        details = page.locator("#details").inner_text()
        tooltip = page.evaluate(f"kg.nodes.get('{BASE}').title.innerText")
        for text in (details, tooltip):
            assert not any(mark in text for mark in "：「」、（）"), text
        assert "Also called: " in details and "Source sentence: “" in tooltip
    finally:
        page.click(".lang button[data-lang=zh]")


def test_the_panel_offers_the_sparql_for_a_node_and_it_runs(browser_page, runner, tmp_path, full_graph):
    import kg
    from kg.cli import app

    page = browser_page["page"]
    page.evaluate(f"kg.focusNode('{BASE}')")
    query = page.locator("#node-sparql").inner_text()
    assert query == f"DESCRIBE <{BASE}>"
    page.click("#copy-sparql")
    page.wait_for_function("document.querySelector('#copy-sparql').dataset.copied !== undefined", timeout=5_000)
    assert page.evaluate("document.querySelector('#copy-sparql').dataset.copied") == query
    graph_file = tmp_path / "kg.ttl"
    kg.write_graph(full_graph, graph_file)
    result = runner.invoke(app, ["query", "-e", query, "-g", str(graph_file), "-f", "ntriples"])
    assert result.exit_code == 0 and f"<{BASE}> <http://www.w3.org/2000/01/rdf-schema#label>" in result.stdout

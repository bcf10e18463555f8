"""The notebook runs headless from a clean checkout and shows what it promises."""

from __future__ import annotations

import pytest

from .conftest import ROOT

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")


@pytest.fixture(scope="module")
def executed():
    nb = nbformat.read(ROOT / "notebooks" / "explore.ipynb", as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "notebooks")}}
    )
    client.execute()
    return nb


def _outputs(nb):
    return [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]


def test_the_notebook_runs_without_errors(executed):
    assert not [o for o in _outputs(executed) if o.output_type == "error"]


def test_it_shows_pack_answers_as_tables(executed):
    html = "\n".join(o.get("data", {}).get("text/html", "") for o in _outputs(executed))
    for expected in ("Alibaba", "科大讯飞", "海西州大数据产业园", "1.2以下", "8.487公顷", "青海成功吸引了阿里"):
        assert expected in html


def test_it_draws_the_computing_power_chart(executed):
    assert any("image/png" in o.get("data", {}) for o in _outputs(executed))


def test_it_shows_the_graph_page_inline(executed):
    frames = [o["data"]["text/html"] for o in _outputs(executed) if "<iframe srcdoc=" in o.get("data", {}).get("text/html", "")]
    assert len(frames) == 1
    assert "new vis.Network" in frames[0] and "三江源国家大数据基地" in frames[0]


def test_the_checked_in_notebook_has_no_outputs():
    nb = nbformat.read(ROOT / "notebooks" / "explore.ipynb", as_version=4)
    assert all(not cell.get("outputs") for cell in nb.cells if cell.cell_type == "code")

"""kg works installed, not only from this checkout: a wheel built from the repository, installed into a fresh
virtual environment outside it, runs `kg init`, `kg build`, `kg query`, `kg page` and `kg export` there.

The fresh environment gets kg from the wheel alone (`pip install --no-deps --no-index`); the libraries kg
depends on come from the test environment's site-packages through a path entry (installing them afresh
would need the network and minutes). A path entry does not run the .pth files of that folder, so the
checkout's own editable install cannot leak in: a test checks that kg is imported from the wheel's files.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from .conftest import ROOT


def run(args, cwd, env, timeout=120) -> subprocess.CompletedProcess:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{args}: {result.stderr[-2000:]}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, dict]:
    """A virtual environment outside the checkout with kg installed from a freshly built wheel."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"  # a copy: building in the checkout would leave build/ and kg.egg-info there
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "kg", source / "kg", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet", "-w", str(tmp / "dist"),
         str(source)], cwd=tmp, env=env, timeout=300)
    wheels = list((tmp / "dist").glob("kg-*.whl"))
    assert len(wheels) == 1
    venv = tmp / "venv"
    run([sys.executable, "-m", "venv", str(venv)], cwd=tmp, env=env)
    python = venv / "bin" / "python"
    purelib = Path(run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                       cwd=tmp, env=env).stdout.strip())
    (purelib / "kg-test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheels[0])], cwd=tmp, env=env)
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return venv, env


def test_the_wheel_holds_kg_s_data_and_kg_runs_from_it(installed, tmp_path):
    venv, env = installed
    where = run([str(venv / "bin" / "python"), "-c", "import kg.paths as p; print(p.__file__); print(p.ONTOLOGY_FILE)"],
                cwd=tmp_path, env=env).stdout.split()
    assert all(Path(path).is_relative_to(venv) for path in where), where  # not the checkout's kg
    assert Path(where[1]).is_file()


def test_init_build_query_page_and_export_in_a_workspace_outside_the_checkout(installed, tmp_path):
    venv, env = installed
    kg = str(venv / "bin" / "kg")
    run([kg, "init", "ws"], cwd=tmp_path, env=env)
    ws = tmp_path / "ws"
    assert "Wrote out/kg.ttl" in run([kg, "build"], cwd=ws, env=env).stderr
    answer = run([kg, "query", "firms_settled_in_qinghai", "-f", "csv"], cwd=ws, env=env).stdout
    assert answer.startswith("firm,name_zh,name_en\n") and "iflytek" in answer
    own = run([kg, "query", "firms_and_regions", "-f", "csv"], cwd=ws, env=env).stdout  # the workspace's query
    assert "青海省" in own
    listed = run([kg, "query", "--list"], cwd=ws / "corpus", env=env).stdout  # found from a subfolder too
    assert "firms_and_regions" in listed and "provenance_of_a_fact" in listed
    run([kg, "page"], cwd=ws, env=env)
    page = (ws / "out" / "kg.html").read_text(encoding="utf-8")
    assert "三江源" in page and not re.search(r"<(script|link)[^>]+(src|href)=[\"']https?:", page)  # offline
    run([kg, "export", "-f", "nt", "-o", "out/kg.nt"], cwd=ws, env=env)
    assert (ws / "out" / "kg.nt").stat().st_size > 100_000
    run([kg, "ontology", "-f", "xml", "-o", "out/kg.owl"], cwd=ws, env=env)
    assert (ws / "out" / "kg.owl").read_text(encoding="utf-8").startswith("<?xml")

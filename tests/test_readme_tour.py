"""The README's tour runs: every command of its ```sh blocks marked `<!-- tour -->` exits 0.

The blocks run in order, line by line, in a temporary copy of the repository's corpus
(cwd: TMP/repo, so that `../my-kg` stays inside TMP), with `.venv/bin/kg` (and `kg`)
being this environment's kg. A line whose comment ends with "not run by the test" is not
run: the ones that start a server or open a browser (`kg serve`, `kg review`), and any
line that is not a kg command. `cd DIR` changes the folder of the lines after it.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import CORPUS, ROOT

KG = Path(sys.executable).with_name("kg")
NOT_RUN = re.compile(r"#.*not run by the test\)?\s*$")
SERVERS = ("serve", "review")  # they listen until stopped, or open a browser


def tour_lines(readme: str) -> list[str]:
    """The lines of the ```sh blocks that follow a `<!-- tour -->` comment, in order."""
    blocks = re.findall(r"^<!-- tour -->\s*\n```sh\n(.*?)^```", readme, flags=re.MULTILINE | re.DOTALL)
    return [line for block in blocks for line in block.splitlines() if line.strip()]


LINES = tour_lines((ROOT / "README.md").read_text(encoding="utf-8"))


def _words(line: str) -> list[str]:
    return shlex.split(line, comments=True)


def test_the_readme_has_a_tour():
    assert len(LINES) >= 15
    assert sum(1 for line in LINES if not NOT_RUN.search(line)) >= 12


@pytest.mark.parametrize("line", LINES)
def test_each_tour_line_is_a_kg_command_or_says_it_is_not_run(line):
    words = _words(line)
    is_kg = words[0] in (".venv/bin/kg", "kg")
    if is_kg and words[1] in SERVERS:
        assert NOT_RUN.search(line), f"`kg {words[1]}` starts a server: mark it '# not run by the test'"
    elif not is_kg and words[0] != "cd":
        assert NOT_RUN.search(line), "not a kg command: mark it '# not run by the test'"


@pytest.fixture
def repo(tmp_path):
    """A folder with what the tour reads: the corpus, and the graph `make run` leaves in out/kg.ttl."""
    repo = tmp_path / "repo"
    shutil.copytree(CORPUS, repo / "corpus")
    subprocess.run([str(KG), "build", "-o", "out/kg.ttl"], cwd=repo, check=True, capture_output=True)
    return repo


def test_the_tour_runs_and_leaves_make_runs_graph_alone(repo):
    graph = repo / "out" / "kg.ttl"
    before = graph.read_bytes()
    cwd, started = repo, time.monotonic()
    for line in LINES:
        if NOT_RUN.search(line):
            continue
        words = _words(line)
        if words[0] == "cd":
            cwd = (cwd / words[1]).resolve()
            assert cwd.is_dir(), line
            continue
        result = subprocess.run([str(KG), *words[1:]], cwd=cwd, capture_output=True, text=True, timeout=120, check=False)
        assert result.returncode == 0, f"{line}\nexit {result.returncode}\n{result.stderr[-2000:]}"
    assert graph.read_bytes() == before, "a tour command rewrote make run's out/kg.ttl"
    written = {p.name for p in (repo / "out").iterdir()}
    assert written <= {"kg.ttl", "tour", ".kg-cache"}, f"the tour wrote outside out/tour: {sorted(written)}"
    assert time.monotonic() - started < 60

"""Hostile-input matrix: outputs, standard output, options and interruptions.

Every case runs the real ``kg`` command (see ``tests/hostile.py``) and checks the
one-line error, the exit code, and that what was there before is intact.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import CORPUS, SEED_ANNOTATIONS, SEED_ARTICLE
from tests.hostile import ROOT, assert_user_error, digest, run_kg, stderr_text

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _device(path: Path) -> Path:
    """A device node like /dev/full (writes fail with 'No space left on device')."""
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root (CI runs as root)")
    os.mknod(path, stat.S_IFCHR | 0o644, os.makedev(1, 7))
    return path


# --- outputs -------------------------------------------------------------------------------


def test_export_to_a_device_node_writes_through_and_keeps_the_node(tmp_path):
    node = _device(tmp_path / "fulldev")
    proc = run_kg("export", SEED_ANNOTATIONS, "-f", "nt", "-o", node)
    assert_user_error(proc, "fulldev", "No space left on device")
    assert stat.S_ISCHR(node.stat().st_mode), "the device node was replaced by a file"


def test_export_to_dev_null_leaves_dev_null_a_device(tmp_path):
    proc = run_kg("export", SEED_ANNOTATIONS, "-f", "ttl", "-o", "/dev/null", cwd=tmp_path)
    assert proc.returncode == 0, stderr_text(proc)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_export_follows_a_symbolic_link_and_keeps_it(tmp_path):
    real = tmp_path / "real.nt"
    real.write_text("old\n")
    link = tmp_path / "link.nt"
    link.symlink_to(real)
    proc = run_kg("export", SEED_ANNOTATIONS, "-o", link)
    assert proc.returncode == 0, stderr_text(proc)
    assert link.is_symlink() and real.read_text().startswith("<")


@pytest.mark.parametrize("args, names", [
    (["-o", "{tmp}/out.xyz"], ["out.xyz", ".xyz"]),
    (["-f", "nt", "-o", "{tmp}/kg.ttl"], ["kg.ttl", "turtle", "ntriples"]),
    (["-o", "{tmp}/afile/kg.ttl"], ["afile/kg.ttl", "a parent of it is a file"]),
    (["-o", "{tmp}/folder"], ["folder", "is a folder"]),
    (["-f", "rdfa", "-o", "{tmp}/kg.ttl"], ["rdfa", "turtle"]),
])
def test_export_refuses_an_output_it_cannot_write_as_asked(tmp_path, args, names):
    (tmp_path / "afile").write_text("a file\n")
    (tmp_path / "folder").mkdir()
    (tmp_path / "kg.ttl").write_text("# an earlier output\n")
    before = {p: digest(p) for p in tmp_path.iterdir()}
    proc = run_kg("export", SEED_ANNOTATIONS, *[a.format(tmp=tmp_path) for a in args])
    assert_user_error(proc, *names)
    assert {p: digest(p) for p in tmp_path.iterdir()} == before


def test_graph_file_name_and_format_must_agree(tmp_path, seed_ttl):
    assert_user_error(run_kg("graph", "--graph", seed_ttl, "-o", tmp_path / "g.xyz"), "g.xyz", ".graphml")
    assert_user_error(run_kg("graph", "--graph", seed_ttl, "-f", "gexf", "-o", tmp_path / "g.graphml"),
                      "g.graphml", "gexf")
    proc = run_kg("graph", "--graph", seed_ttl, "-o", tmp_path / "g.gexf")
    assert proc.returncode == 0 and (tmp_path / "g.gexf").read_text().startswith("<gexf"), stderr_text(proc)


# --- standard output -----------------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ["ontology"],
    ["article", str(SEED_ARTICLE)],
    ["query", "firms_settled_in_qinghai", "--graph", "{seed}", "--format", "csv"],
    ["query", "-e", "CONSTRUCT WHERE { ?s ?p ?o }", "--graph", "{seed}", "--format", "turtle"],
])
def test_a_full_standard_output_is_one_line(args, seed_ttl):
    with open("/dev/full", "wb") as full:
        proc = run_kg(*[a.replace("{seed}", str(seed_ttl)) for a in args], stdout=full)
    assert_user_error(proc, "standard output", "No space left on device")


@pytest.mark.parametrize("args", [["ontology"], ["article", str(SEED_ARTICLE)]])
def test_a_closed_pipe_is_one_line(args):
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before kg writes
    try:
        proc = run_kg(*args, stdout=write_end)
    finally:
        os.close(write_end)
    assert_user_error(proc, "standard output", "pipe was closed")


# --- options -------------------------------------------------------------------------------


@pytest.mark.parametrize("args, names", [
    (["stats", "--top", "-1"], ["--top"]),
    (["stats", "--top", "many"], ["--top"]),
    (["build", "-j", "0"], ["--jobs"]),
    (["build", "--store", "postgres:db"], ["postgres:db"]),
    (["nosuch"], ["nosuch"]),
    (["query", "--nope"], ["--nope"]),
    (["export", "-f", "yaml"], ["yaml"]),
])
def test_bad_options_are_one_line(tmp_path, args, names):
    assert_user_error(run_kg(*args, cwd=tmp_path), *names)


def test_help_and_version_still_work():
    assert run_kg("--version").stdout.decode().startswith("kg ")
    proc = run_kg("query", "--help")
    assert proc.returncode == 0 and b"--bind" in proc.stdout


# --- interruptions -------------------------------------------------------------------------


def _interrupt(args: list[str], after: float) -> subprocess.CompletedProcess:
    process = subprocess.Popen([os.sys.executable, "-m", "kg", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    time.sleep(after)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


#: Python that sends itself Ctrl-C while ``kg.cli`` is still importing Typer, then runs ``kg --version``
_CTRL_C_WHILE_IMPORTING = """
import importlib.abc, os, signal, sys

class Interrupt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "typer":
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, Interrupt())
sys.argv = ["kg", "--version"]
from kg.__main__ import main
main()
"""


def test_ctrl_c_while_the_command_line_is_still_importing_is_one_line():
    """The moment a loaded machine hit: Ctrl-C before the command line's own handling has started."""
    proc = subprocess.run([os.sys.executable, "-c", _CTRL_C_WHILE_IMPORTING], capture_output=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert proc.returncode == 130, stderr_text(proc)
    assert stderr_text(proc).splitlines() == ["Error: interrupted"]
    assert proc.stdout == b""


def _whole(output: Path) -> bool:
    """Whether a draft or a graph is complete: it parses, and says what a finished one says."""
    if output.suffix == ".json":
        import json

        draft = json.loads(output.read_text(encoding="utf-8"))
        return draft.get("format") == "kg-annotations/1" and bool(draft.get("entities"))
    import pyoxigraph

    return len(list(pyoxigraph.parse(output.read_bytes(), format=pyoxigraph.RdfFormat.TURTLE))) > 100


@pytest.mark.parametrize("command", ["build", "annotate"])
def test_ctrl_c_is_one_line_and_keeps_the_earlier_output(tmp_path, command):
    """Ctrl-C at several moments of a run: either it finished, or it stopped with one line and lost nothing."""
    output = tmp_path / ("kg.ttl" if command == "build" else "draft.json")
    args = (["build", str(CORPUS), "-o", str(output), "--no-cache", "-j", "1"] if command == "build"
            else ["annotate", str(SEED_ARTICLE), "-o", str(output), "--force"])
    first = run_kg(*args)
    assert first.returncode == 0, stderr_text(first)
    before = digest(output)
    interrupted = 0
    for after in (0.2, 0.5, 0.9, 1.4):
        proc = _interrupt(args, after)
        text = stderr_text(proc)
        assert "Traceback" not in text, text
        # 130, or death by SIGINT itself (-2), which a shell reports as 130 too
        assert proc.returncode in (0, 130, -signal.SIGINT), text
        if proc.returncode != 0:
            interrupted += 1
            assert [line for line in text.splitlines() if line.strip()] == ["Error: interrupted"]
            # the earlier output is intact, or (a Ctrl-C just after the work was done) replaced by a whole new one
            assert digest(output) == before or _whole(output), output.read_bytes()[-200:]
        assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert interrupted, "no run was interrupted: the moments chosen are all after the end"

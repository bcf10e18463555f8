"""The shape of the library: modules that import alone, data that flows one way, one format table.

kg's modules form layers (terms and formats, then the graph, its files, the store,
queries, and the commands on top); a module never imports one of a later layer,
not even inside a function, so there is no import cycle to hold together.
"""

from __future__ import annotations

import ast
import subprocess
import sys

import networkx as nx
import pytest

from .conftest import ROOT

PACKAGE = ROOT / "kg"


def _module_name(path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def import_graph() -> nx.DiGraph:
    """Which kg module imports which, counting imports inside functions too."""
    graph = nx.DiGraph()
    for name, path in MODULES.items():
        graph.add_node(name)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(parent + ([node.module] if node.module else []))
                # `from kg.annotate import rules` imports the module kg.annotate.rules
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
            else:
                continue
            graph.add_edges_from((name, target) for target in targets if target in MODULES and target != name)
    return graph


def test_no_module_imports_another_that_imports_it_back():
    cycles = list(nx.simple_cycles(import_graph()))
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c + c[:1]) for c in cycles[:5])


def test_the_core_flows_one_way():
    graph = import_graph()
    order = ["kg.formats", "kg.terms", "kg.graph", "kg.reasoning", "kg.export", "kg.results", "kg.store", "kg.sparql",
             "kg.serve", "kg.cli"]
    for later_index, later in enumerate(order):
        for earlier in order[:later_index]:
            assert not nx.has_path(graph, earlier, later), f"{earlier} reaches {later}, a later stage"


def test_the_format_table_depends_on_nothing_but_the_errors():
    assert set(import_graph().successors("kg.formats")) == {"kg.errors"}


@pytest.mark.parametrize("module", sorted(set(MODULES) - {"kg.__main__"}))  # __main__ runs the command line
def test_every_module_imports_alone_in_a_fresh_interpreter(module):
    result = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr


def test_answering_a_query_from_the_command_line_imports_no_rdflib(tmp_path):
    """`kg query` on a file answers from Oxigraph: rdflib (a tenth of a second to import) stays out."""
    script = (
        "import sys\n"
        "from kg.cli import run\n"
        "sys.argv = ['kg', 'query', 'firms_settled_in_qinghai', '--graph', sys.argv[1], '--format', 'csv']\n"
        "try:\n    run()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('rdflib', 'pydantic', 'spacy')), file=sys.stderr)\n"
    )
    graph = ROOT / "corpus"
    built = tmp_path / "kg.ttl"
    subprocess.run([sys.executable, "-m", "kg", "build", str(graph), "-o", str(built)], check=True, cwd=ROOT,
                   capture_output=True)
    result = subprocess.run([sys.executable, "-c", script, str(built)], capture_output=True, text=True, cwd=tmp_path)
    assert result.stdout.startswith("firm,name_zh,name_en")
    assert result.stderr.strip().splitlines()[-1] == "[]"


LIBRARY = [name for name in MODULES if name not in ("kg.cli", "kg.__main__", "kg.docs")]


@pytest.mark.parametrize("module", LIBRARY)
def test_library_modules_print_nothing(module):
    """Only the command line prints: the library returns values and raises KgErrors."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    printing = [node.lineno for node in ast.walk(tree)
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print"]
    writes = [node.lineno for node in ast.walk(tree)
              if isinstance(node, ast.Attribute) and node.attr in ("stdout", "stderr")
              and isinstance(node.value, ast.Name) and node.value.id == "sys"]
    assert not printing and not writes, f"{module} prints at lines {printing + writes}"

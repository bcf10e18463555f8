"""The command line is conventional: Rich help with whole summaries, closed sets listed as choices,
one meaning per option name, completion, --version, and every output ending with a newline."""

from __future__ import annotations

import re

import pytest
import typer

from kg import __version__
from kg.cli import Names, app

from .conftest import CORPUS

GROUP = typer.main.get_command(app)
COMMANDS = sorted(GROUP.commands)


def flat(text: str) -> str:
    """Help text without Rich's box drawing and line wrapping."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


def test_kg_help_lists_every_command_with_its_whole_summary(runner):
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for name, command in GROUP.commands.items():
        summary = command.help.split("\n\n")[0]
        assert flat(summary) in flat(result.output), name
    assert "--install-completion" in result.output and "--version" in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_help_renders_lists_its_choices_and_names_no_python_type(runner, name, monkeypatch):
    monkeypatch.setattr("typer.rich_utils.MAX_WIDTH", 240)  # wide enough that Rich wraps no metavar
    result = runner.invoke(app, [name, "--help"])
    assert result.exit_code == 0, result.output
    text = flat(result.output)
    assert flat(GROUP.commands[name].help.split("\n\n")[0]) in text
    for param in GROUP.commands[name].params:
        if isinstance(param.type, Names):
            assert "[" + "|".join(param.type.choices) + "]" in text, (name, param.name)
    assert not re.search(r"<(str|int|float|list\[|int range|float range)", result.output), result.output


def test_one_meaning_per_option_name():
    """--graph is an RDF file wherever it appears (kg push names its target graph --named-graph)."""
    for name, command in GROUP.commands.items():
        for param in command.params:
            if "--graph" in getattr(param, "opts", []):
                assert param.metavar == "FILE", name
    push = {opt for param in GROUP.commands["push"].params for opt in getattr(param, "opts", [])}
    assert "--named-graph" in push and "--graph" not in push


def test_formats_take_the_names_people_type_and_refuse_others_listing_the_choices(runner, tmp_path):
    assert runner.invoke(app, ["export", str(CORPUS), "-f", "TTL", "-o", str(tmp_path / "a.ttl")]).exit_code == 0
    result = runner.invoke(app, ["export", "-f", "turtel"])
    assert result.exit_code == 2 and "turtle, ntriples, nquads, trig, jsonld, xml" in flat(result.output)


def test_version(runner):
    result = runner.invoke(app, ["--version"])
    assert result.output == f"kg {__version__}\n"


def test_the_shell_completes_commands_and_the_choices_of_an_option():
    """What bash's completion function (installed by kg --install-completion) asks kg, and kg's answers."""
    import os
    import subprocess
    import sys

    def complete(words: str) -> list[str]:
        env = {**os.environ, "_KG_COMPLETE": "complete_bash", "COMP_WORDS": words,
               "COMP_CWORD": str(len(words.split(" ")) - 1)}
        done = subprocess.run([sys.executable, "-c", "import sys; sys.argv[0] = 'kg'; from kg.cli import run; run()"],
                              env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout.split()

    assert complete("kg ex") == ["export"]
    assert complete("kg export -f ") == ["turtle", "ntriples", "nquads", "trig", "jsonld", "xml"]
    assert complete("kg page --lang ") == ["zh", "en"]


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    from kg.export import export_graph

    return export_graph(tmp_path_factory.mktemp("g") / "kg.ttl", paths=[CORPUS]).path


@pytest.mark.parametrize("args", [
    ["query", "firms_settled_in_qinghai", "-f", "json"],
    ["query", "firms_settled_in_qinghai", "-f", "xml"],
    ["query", "firms_settled_in_qinghai", "-f", "csv"],
    ["query", "firms_settled_in_qinghai", "-f", "tsv"],
    ["query", "-e", "ASK { ?s ?p ?o }", "-f", "json"],
    ["query", "describe_sanjiangyuan_base", "-f", "jsonld"],
    ["query", "describe_sanjiangyuan_base", "-f", "xml"],
    ["query", "describe_sanjiangyuan_base", "-f", "turtle"],
    ["ontology", "-f", "jsonld"],
    ["ontology", "-f", "xml"],
    ["ontology", "-f", "ntriples"],
    ["ontology", "-f", "markdown"],
    ["stats", "--json"],
    ["validate", "--json"],
    ["query", "--list"],
])
def test_every_output_ends_with_a_newline(runner, graph_file, args):
    if args[0] in ("query", "stats") and "--list" not in args:
        args = [*args, "--graph", str(graph_file)]
    if args[0] == "validate":
        args = ["validate", str(graph_file), "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("\n") and not result.stdout.endswith("\n\n\n"), args

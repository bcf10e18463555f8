"""kg fetches nothing a query or a file names: the SERVICE check and the urllib guard.

The SERVICE check is tested against the engine itself: Oxigraph runs each query with a
listening socket as the SERVICE endpoint, and any query that makes Oxigraph connect
must have been refused by :func:`kg.outbound.check_query` first.
"""

from __future__ import annotations

import urllib.request

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import QueryError
from kg.outbound import OutboundRequestError, check_query, guard, service_targets

from .hostile import Listener


@pytest.fixture(scope="module")
def listener():
    server = Listener()
    yield server
    server.close()


def _store() -> ox.Store:
    """A store with a triple, so that a SERVICE joined with a pattern is reached."""
    store = ox.Store()
    x = ox.NamedNode("http://x/a")
    store.add(ox.Quad(x, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), x))
    return store


def _run(query: str) -> None:
    try:
        result = _store().query(query)
        if not isinstance(result, ox.QueryBoolean):
            list(result)
    except Exception:  # noqa: BLE001 - syntax errors and failed SERVICE calls are both fine here
        pass


def _reaches(listener: Listener, query: str) -> bool:
    before = listener.connections
    _run(query)
    return listener.connections > before


# Ways a SERVICE clause has been hidden from simpler checks, each verified against Oxigraph.
HIDDEN = [
    "SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
    "select * {{ service <{url}> {{ ?s ?p ?o }} }}",
    "PREFIX e: <{base}> SELECT * {{ SERVICE e:sparql {{ ?s ?p ?o }} }}",
    "SELECT * {{ ?s ?p ?o.SERVICE <{url}> {{ ?a ?b ?c }} }}",
    "PREFIX ex: <http://x/> SELECT * {{ VALUES ?v {{ ex:a\\' }} SERVICE <{url}> {{ ?s ?p ?o }} FILTER(?v != 'z') }}",
    "PREFIX ex: <http://x/> SELECT * {{ ?s ?p ex:a\\#b SERVICE <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * {{ ?s ?p <http://x/\\u0041'> SERVICE <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * {{ SERV\\u0049CE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * {{ ?s a ?o . SERVICE\t<{url}>{{?a ?b ?c}} }}",
]


@pytest.mark.parametrize("form", HIDDEN)
def test_every_service_clause_oxigraph_would_call_is_refused(listener, form):
    query = form.format(url=listener.endpoint, base=listener.endpoint.rsplit("/", 1)[0] + "/")
    with pytest.raises(QueryError, match="federated queries are off"):
        check_query(query)
    check_query(query, allow=[f"http://127.0.0.1:{listener.port}/"])  # an explicit prefix allows it


def test_the_engine_does_call_those_endpoints(listener):
    """The forms above are real: Oxigraph connects for (at least) the plain ones."""
    assert _reaches(listener, HIDDEN[0].format(url=listener.endpoint, base=""))
    assert _reaches(listener, HIDDEN[4].format(url=listener.endpoint, base=""))


@pytest.mark.parametrize("query", [
    'SELECT * { ?s ?p "SERVICE <http://x/> {}" }',
    "SELECT * { ?s ?p ?o } # SERVICE <http://x/>",
    "PREFIX ex: <http://x/> SELECT ?service { ?service ex:SERVICE ?o }",
    "SELECT * { ?s <http://x/SERVICE> ?o }",
])
def test_the_word_elsewhere_is_no_service_clause(query):
    check_query(query)
    assert service_targets(query) == []


FRAGMENTS = [
    "?s ?p ?o", "?o.", "a.", "1.", "1.5", ".", ";", ",", "ex:a\\'", "ex:a\\#b", "ex:a.b", '"str"', "'s'",
    '"""x\ny"""', "'''q'''", '"a\\"b"', "<http://x/\\u0041'>", "<http://x/>", "# note\n", "\\u0053", "\\u0022",
    "FILTER(?o != 'z')", "VALUES ?v { ex:v }", "{", "}", "OPTIONAL {", "?s a ex:T", "@en", "^^ex:d", "_:b",
]
SERVICE_FORMS = ["SERVICE <{url}> {{ }}", "SERVICE SILENT <{url}> {{ }}", "service e:sparql {{ }}",
                 "SERV\\u0049CE <{url}> {{ }}", "SERVICE\n<{url}>{{}}"]


@settings(max_examples=250, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=st.lists(st.sampled_from(FRAGMENTS), max_size=5), after=st.lists(st.sampled_from(FRAGMENTS), max_size=3),
       form=st.sampled_from(SERVICE_FORMS), separator=st.sampled_from([" ", "", "\n", "."]))
def test_fuzzed_queries_never_reach_a_service_unrefused(listener, before, after, form, separator):
    clause = form.format(url=listener.endpoint)
    body = separator.join([*before, clause, *after])
    query = f"PREFIX ex: <http://x/> PREFIX e: <http://127.0.0.1:{listener.port}/> SELECT * WHERE {{ {body} }}"
    try:
        check_query(query)
    except QueryError:
        return  # refused: Oxigraph never sees it
    assert not _reaches(listener, query), f"Oxigraph called the endpoint for an unrefused query: {query!r}"


def test_the_guard_blocks_urllib_inside_and_only_inside(listener):
    with guard():
        with pytest.raises(OutboundRequestError, match="kg fetches no URL"):
            urllib.request.urlopen("http://example.org/context.jsonld", timeout=1)
    with guard(allow=[f"http://127.0.0.1:{listener.port}/"]):
        with pytest.raises(OSError):  # allowed through: the listener closes the connection
            urllib.request.urlopen(listener.endpoint, timeout=2)
    before = listener.connections
    with pytest.raises(OSError):
        urllib.request.urlopen(listener.endpoint, timeout=2)  # no guard outside the block
    assert listener.connections > before

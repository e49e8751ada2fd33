#!/usr/bin/env python3
"""External checks of talkgraph's output, run by tests/it/interop.rs.

  check.py shacl SHAPES.ttl DATA.ttl      pySHACL; prints the report; exit 0 if it conforms
  check.py clients DATA.ttl DATA.jsonld DATA.nt
      rdflib parses the Turtle, pyld turns the JSON-LD into RDF (no network: the context is
      inline), and both must be isomorphic to talkgraph's own N-Triples; exit 0 if they are.
"""
import sys


def shacl(shapes, data):
    from pyshacl import validate
    conforms, _, text = validate(data, shacl_graph=shapes, data_graph_format="turtle",
                                 shacl_graph_format="turtle", inference="none")
    print(text)
    return 0 if conforms else 1


def clients(ttl, jsonld_path, nt):
    import json
    from pyld import jsonld
    from rdflib import Graph
    from rdflib.compare import isomorphic, to_isomorphic, graph_diff

    ours = Graph().parse(nt, format="nt")
    turtle = Graph().parse(ttl, format="turtle")
    with open(jsonld_path, encoding="utf-8") as f:
        doc = json.load(f)
    nquads = jsonld.to_rdf(doc, {"format": "application/n-quads"})
    from_jsonld = Graph().parse(data=nquads, format="nquads")
    ok = True
    for name, g in (("rdflib Turtle", turtle), ("pyld JSON-LD", from_jsonld)):
        if not isomorphic(g, ours):
            ok = False
            _, only_g, only_ours = graph_diff(to_isomorphic(g), to_isomorphic(ours))
            print(f"{name} differs from talkgraph's N-Triples:")
            for t in list(only_g)[:10]:
                print("  +", t)
            for t in list(only_ours)[:10]:
                print("  -", t)
        else:
            print(f"{name}: {len(g)} triples, isomorphic")
    return 0 if ok else 1


if __name__ == "__main__":
    cmd, *args = sys.argv[1:]
    sys.exit({"shacl": shacl, "clients": clients}[cmd](*args))

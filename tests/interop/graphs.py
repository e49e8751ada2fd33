#!/usr/bin/env python3
"""Reads talkgraph's analytics exports with the libraries data people use, and prints what
they read as JSON, for tests/it/analytics.rs to compare with the graph talkgraph built.

  graphs.py graphml FILE        networkx.read_graphml
  graphs.py json-graph FILE     networkx.node_link_graph (the edges key as each version wants)
  graphs.py csv DIR             csv module and pandas.read_csv on DIR/nodes.csv, DIR/edges.csv

Output: {"nodes": {id: {attr: value}}, "edges": [[source, target, {attr: value}], ...],
"directed": bool, "multigraph": bool} (csv: also "pandas": {"nodes": n, "edges": m}).
"""
import csv
import inspect
import json
import sys


def from_networkx(g):
    edges = []
    if g.is_multigraph():
        for a, b, k, d in g.edges(keys=True, data=True):
            edges.append([a, b, dict(d, key=k)])
    else:
        for a, b, d in g.edges(data=True):
            edges.append([a, b, dict(d)])
    return {
        "nodes": {n: dict(d) for n, d in g.nodes(data=True)},
        "edges": sorted(edges, key=lambda e: json.dumps(e, sort_keys=True)),
        "directed": g.is_directed(),
        "multigraph": g.is_multigraph(),
    }


def read_graphml(path):
    import networkx as nx

    return from_networkx(nx.read_graphml(path))


def read_json_graph(path):
    import networkx as nx
    from networkx.readwrite import json_graph

    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    params = inspect.signature(json_graph.node_link_graph).parameters
    # networkx >= 3.4 names the key with `edges` (default "edges" since 3.6); older with `link`.
    kwargs = {"edges": "edges"} if "edges" in params else {"link": "edges"}
    return from_networkx(json_graph.node_link_graph(data, **kwargs))


def read_csv(folder):
    import pandas as pd

    out = {"nodes": {}, "edges": [], "directed": True, "multigraph": True}
    with open(f"{folder}/nodes.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, strict=True))
    header = rows[0]
    out["node_header"] = header
    for row in rows[1:]:
        assert len(row) == len(header), row
        d = {k: v for k, v in zip(header, row) if v != ""}
        out["nodes"][d.pop("id:ID")] = d
    with open(f"{folder}/edges.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, strict=True))
    header = rows[0]
    out["edge_header"] = header
    for row in rows[1:]:
        assert len(row) == len(header), row
        d = {k: v for k, v in zip(header, row) if v != ""}
        out["edges"].append([d.pop(":START_ID"), d.pop(":END_ID"), d])
    out["edges"].sort(key=lambda e: json.dumps(e, sort_keys=True))
    # pandas reads the same tables: as many rows, the ids as written.
    nodes = pd.read_csv(f"{folder}/nodes.csv", dtype=str, keep_default_na=False)
    edges = pd.read_csv(f"{folder}/edges.csv", dtype=str, keep_default_na=False)
    assert list(nodes["id:ID"]) == list(out["nodes"].keys()), "pandas and csv disagree on the ids"
    out["pandas"] = {"nodes": len(nodes), "edges": len(edges), "node_columns": list(nodes.columns)}
    return out


def main():
    what, path = sys.argv[1], sys.argv[2]
    read = {"graphml": read_graphml, "json-graph": read_json_graph, "csv": read_csv}[what]
    json.dump(read(path), sys.stdout, ensure_ascii=False, sort_keys=True)


if __name__ == "__main__":
    main()

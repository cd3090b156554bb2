"""Reads a file newskg exported with networkx or rdflib and prints what was read as JSON.

    check.py graphml FILE      networkx.read_graphml
    check.py gexf FILE         networkx.read_gexf (viz and spells included)
    check.py rdf FORMAT FILE   rdflib: FORMAT is turtle, nt, nquads or trig

For graphs: {"directed", "nodes": {id: attributes}, "edges": [{"source", "target", ...}]}.
For RDF: {"triples": distinct triples, "quads": quads, "graphs": named graphs}.
Any parse error ends the script with a non-zero status and the parser's message.
"""

import json
import sys


def graph_summary(g):
    edges = []
    for s, t, d in g.edges(data=True):
        e = {"source": s, "target": t}
        e.update(d)
        edges.append(e)
    return {
        "directed": g.is_directed(),
        "nodes": {n: d for n, d in g.nodes(data=True)},
        "edges": edges,
    }


def main(argv):
    kind = argv[1]
    if kind in ("graphml", "gexf"):
        import networkx as nx

        read = nx.read_graphml if kind == "graphml" else nx.read_gexf
        out = graph_summary(read(argv[2]))
    elif kind == "rdf":
        import rdflib

        fmt, path = argv[2], argv[3]
        ds = rdflib.Dataset()
        with open(path, "rb") as f:
            ds.parse(f, format=fmt)
        quads = list(ds.quads((None, None, None, None)))
        triples = {(s, p, o) for s, p, o, _ in quads}
        graphs = {str(g) for _, _, _, g in quads if g is not None}
        out = {"triples": len(triples), "quads": len(quads), "graphs": len(graphs)}
    else:
        sys.exit(f"unknown kind {kind}")
    json.dump(out, sys.stdout, default=str, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv)

#!/usr/bin/env python3
"""What a user would otherwise write: markdown-it-py + rdflib, the same job as
`talkgraph export --format nquads --provenance none --mentions none` in spirit (talks with kind
tags, bylines, linked tools), one named graph per note. scripts/bench times it against talkgraph.

  benches/mdit_rdflib.py DIR OUT.nq
"""
import os
import re
import sys

from markdown_it import MarkdownIt
from rdflib import Dataset, Literal, Namespace, URIRef
from rdflib.namespace import RDF

SCHEMA = Namespace("https://schema.org/")
BASE = "https://talkgraph.example/id/"
TAG = re.compile(r"^\[(KEYNOTE|TALK|WORKSHOP|TUTORIAL|PANEL|LIGHTNING)\]\s*(.+)$", re.I)
SLUG = re.compile(r"[^a-z0-9]+")


def slug(s):
    return SLUG.sub("-", s.lower()).strip("-") or "x"


def main(root, out):
    md = MarkdownIt("commonmark").enable("table")
    ds = Dataset()
    for folder, _, files in sorted(os.walk(root)):
        for name in sorted(files):
            if not name.endswith(".md"):
                continue
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, root)
            g = ds.graph(URIRef(BASE + "note/" + rel))
            text = open(path, encoding="utf-8").read()
            tokens = md.parse(text)
            talk = None
            expect_byline = False
            for i, t in enumerate(tokens):
                if t.type == "heading_open":
                    inline = tokens[i + 1].content
                    m = TAG.match(inline)
                    talk = None
                    if m:
                        talk = URIRef(BASE + "talk/" + slug(m.group(2)))
                        g.add((talk, RDF.type, SCHEMA.Event))
                        g.add((talk, SCHEMA.name, Literal(m.group(2))))
                        expect_byline = True
                elif t.type == "inline" and talk is not None:
                    content = t.content
                    if expect_byline and content.lower().startswith("by "):
                        who = re.split(r"\s+-\s+", content[3:])[0]
                        for person in re.split(r",\s*|\s+and\s+|\s*&\s*", who):
                            person = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", person).strip()
                            if person:
                                p = URIRef(BASE + "person/" + slug(person))
                                g.add((p, RDF.type, SCHEMA.Person))
                                g.add((p, SCHEMA.name, Literal(person)))
                                g.add((talk, SCHEMA.performer, p))
                    expect_byline = False
                    for child in t.children or []:
                        if child.type == "link_open":
                            href = child.attrs.get("href", "")
                            tool = URIRef(BASE + "tool/" + slug(href))
                            g.add((tool, RDF.type, SCHEMA.SoftwareApplication))
                            if href.startswith("http"):
                                g.add((tool, SCHEMA.url, URIRef(href)))
                            g.add((talk, SCHEMA.mentions, tool))
    ds.serialize(destination=out, format="nquads")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

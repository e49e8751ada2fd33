// Parses a Mermaid diagram with Mermaid's own parser (in jsdom, as in a browser) and prints
// what it read as JSON, one line per file: the nodes (id, label text, shape, link), the edges,
// the subgraphs and the tooltips.
// Labels are decoded as Mermaid shows them: entity codes (#quot; #35;) to characters, <br> to
// a line break. A diagram that does not parse gives {file, error} with the parser's message,
// and the exit status is then 1.
//
//   node tests/mermaid/parse.mjs FILE.mmd...
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

// Mermaid keeps `#name;` as `ﬂ°name¶ß` and `#NN;` as `ﬂ°°NN¶ß` until it renders.
function decode(text) {
  if (text === undefined) return undefined;
  return text
    .replace(/ﬂ°°(\d+)¶ß/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/ﬂ°(\w+)¶ß/g, (_, name) => {
      const el = document.createElement('textarea');
      el.innerHTML = `&${name};`;
      return el.value;
    })
    .replace(/<br\s*\/?>/g, '\n');
}

let failed = false;
for (const file of process.argv.slice(2)) {
  let diagram;
  try {
    diagram = await mermaid.mermaidAPI.getDiagramFromText(readFileSync(file, 'utf8'));
  } catch (e) {
    console.log(JSON.stringify({ file, error: String(e.message || e) }));
    failed = true;
    continue;
  }
  const db = diagram.db;
  const vertices = [...db.getVertices().values()].map((v) => ({
    id: v.id,
    text: decode(v.text),
    type: v.type,
    link: v.link ?? null,
    classes: v.classes,
  }));
  const edges = db.getEdges().map((e) => ({ start: e.start, end: e.end, text: decode(e.text), stroke: e.stroke }));
  const subgraphs = db.getSubGraphs().map((s) => ({ id: s.id, title: decode(s.title), nodes: s.nodes }));
  const tooltips = Object.fromEntries(vertices.map((v) => [v.id, decode(db.getTooltip(v.id))]).filter(([, t]) => t));
  console.log(JSON.stringify({ file, vertices, edges, subgraphs, tooltips }));
}
process.exit(failed ? 1 : 0);

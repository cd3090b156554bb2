// Reads a file newskg exported with the parsers Gephi Lite uses (graphology-graphml,
// graphology-gexf) and prints what was read as JSON:
//
//     node check.js graphml|gexf FILE
//
// {"type", "multi", "nodes": {id: attributes}, "edges": [{"source", "target", ...}]}.
// A parse error ends the script with a non-zero status and the parser's message.
'use strict';

const fs = require('fs');
const Graph = require('graphology');

const [kind, file] = process.argv.slice(2);
const parser =
  kind === 'graphml' ? require('graphology-graphml') : require('graphology-gexf');
if (kind !== 'graphml' && kind !== 'gexf') {
  console.error(`unknown kind ${kind}`);
  process.exit(2);
}
const text = fs.readFileSync(file, 'utf8');
const graph = parser.parse(Graph, text);
const nodes = {};
graph.forEachNode((id, attrs) => {
  nodes[id] = attrs;
});
const edges = [];
graph.forEachEdge((id, attrs, source, target) => {
  edges.push(Object.assign({source, target}, attrs));
});
process.stdout.write(
  JSON.stringify({type: graph.type, multi: graph.multi, nodes, edges})
);

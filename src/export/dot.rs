//! DOT for Graphviz: one statement per node (label, kind, IRI, coordinates, attributes,
//! fill colour by kind) and per edge (label, weight, attributes). Every id and value is a
//! quoted string made by [`quote`].

use super::{kind_colour, number, View};
use crate::error::{Error, Result};
use petgraph::visit::EdgeRef;
use std::io::Write;

/// A DOT quoted string: `"` and `\` escaped with a backslash, a line break written `\n`
/// (Graphviz's own line break in labels), other control characters and U+FFFE/U+FFFF
/// dropped.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            '\t' => out.push(' '),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Writes a view as DOT.
pub fn write_dot(view: &View, out: &mut dyn Write) -> Result<()> {
    write_doc(view, out).map_err(|e| Error::Export(format!("cannot write DOT: {e}")))
}

fn attr_list(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", quote(k), quote(v)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn write_doc(view: &View, out: &mut dyn Write) -> std::io::Result<()> {
    let (keyword, arrow) = if view.directed {
        ("digraph", "->")
    } else {
        ("graph", "--")
    };
    writeln!(
        out,
        "{keyword} {} {{",
        quote(&format!("newskg {}", view.name))
    )?;
    writeln!(out, "  node [style=\"filled\"];")?;
    for n in view.graph.node_weights() {
        let (r, g, b) = kind_colour(&n.kind);
        let mut pairs = vec![
            ("label".to_string(), n.label.clone()),
            ("kind".to_string(), n.kind.clone()),
            ("iri".to_string(), n.iri.clone()),
            ("fillcolor".to_string(), format!("#{r:02x}{g:02x}{b:02x}")),
        ];
        if let (Some(lat), Some(long)) = (n.latitude, n.longitude) {
            pairs.push(("latitude".into(), number(lat)));
            pairs.push(("longitude".into(), number(long)));
        }
        for (name, _) in &view.node_attrs {
            if let Some(v) = n.attrs.get(name) {
                pairs.push((name.clone(), v.text()));
            }
        }
        writeln!(out, "  {} [{}];", quote(&n.id), attr_list(&pairs))?;
    }
    for e in view.graph.edge_references() {
        let d = e.weight();
        let mut pairs = vec![
            ("label".to_string(), d.kind.clone()),
            // Graphviz's dot layout takes whole weights only.
            ("weight".to_string(), number(d.weight.round())),
        ];
        for (name, _) in &view.edge_attrs {
            if let Some(v) = d.attrs.get(name) {
                pairs.push((name.clone(), v.text()));
            }
        }
        writeln!(
            out,
            "  {} {arrow} {} [{}];",
            quote(&view.graph[e.source()].id),
            quote(&view.graph[e.target()].id),
            attr_list(&pairs)
        )?;
    }
    writeln!(out, "}}")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quoting_escapes_quotes_backslashes_and_line_breaks() {
        assert_eq!(quote(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(quote("x\ny\r\u{1}z\u{FFFE}"), r#""x\nyz""#);
        assert_eq!(quote("<&>]]> عربى 💥"), "\"<&>]]> عربى 💥\"");
    }
}

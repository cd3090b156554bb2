//! GraphML as Gephi, networkx, graphology, yEd and Cytoscape read it: every attribute
//! declared once with a `<key>` (name, type, node or edge), the node label as the `label`
//! attribute and the edge weight as `weight` (the names Gephi maps to its own columns),
//! `edgedefault` directed or undirected as the view is. Valid against the GraphML 1.0
//! schema.

use super::{number, xml_safe, AttrType, View};
use crate::error::{Error, Result};
use petgraph::visit::EdgeRef;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use std::io::Write;

/// The attributes every node has.
const NODE_KEYS: &[(&str, AttrType)] = &[
    ("label", AttrType::Str),
    ("kind", AttrType::Str),
    ("iri", AttrType::Str),
    ("latitude", AttrType::Double),
    ("longitude", AttrType::Double),
];
/// The attributes every edge has.
const EDGE_KEYS: &[(&str, AttrType)] = &[("weight", AttrType::Double), ("type", AttrType::Str)];

fn type_name(t: AttrType) -> &'static str {
    match t {
        AttrType::Int => "int",
        AttrType::Double => "double",
        AttrType::Str => "string",
    }
}

/// The key id of an attribute: `n_label`, `e_weight`; a name that is not a plain word gets
/// a numbered id (`nx3`).
fn key_id(prefix: char, name: &str, index: usize) -> String {
    if !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        format!("{prefix}_{name}")
    } else {
        format!("{prefix}x{index}")
    }
}

/// Writes a view as GraphML.
pub fn write_graphml(view: &View, out: &mut dyn Write) -> Result<()> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    write_doc(&mut w, view).map_err(|e| Error::Export(format!("cannot write GraphML: {e}")))
}

fn write_doc(w: &mut Writer<&mut dyn Write>, view: &View) -> std::io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let root = BytesStart::new("graphml").with_attributes([
        ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
        ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        (
            "xsi:schemaLocation",
            "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
        ),
    ]);
    w.write_event(Event::Start(root))?;
    let node_keys: Vec<(String, String, AttrType)> = NODE_KEYS
        .iter()
        .map(|(n, t)| (n.to_string(), *t))
        .chain(view.node_attrs.iter().cloned())
        .enumerate()
        .map(|(i, (n, t))| (key_id('n', &n, i), n, t))
        .collect();
    let edge_keys: Vec<(String, String, AttrType)> = EDGE_KEYS
        .iter()
        .map(|(n, t)| (n.to_string(), *t))
        .chain(view.edge_attrs.iter().cloned())
        .enumerate()
        .map(|(i, (n, t))| (key_id('e', &n, i), n, t))
        .collect();
    for (for_, keys) in [("node", &node_keys), ("edge", &edge_keys)] {
        for (id, name, ty) in keys {
            let name = xml_safe(name);
            w.create_element("key")
                .with_attributes([
                    ("id", id.as_str()),
                    ("for", for_),
                    ("attr.name", name.as_str()),
                    ("attr.type", type_name(*ty)),
                ])
                .write_empty()?;
        }
    }
    let edgedefault = if view.directed {
        "directed"
    } else {
        "undirected"
    };
    w.write_event(Event::Start(
        BytesStart::new("graph").with_attributes([("id", "newskg"), ("edgedefault", edgedefault)]),
    ))?;
    for n in view.graph.node_weights() {
        w.write_event(Event::Start(
            BytesStart::new("node").with_attributes([("id", n.id.as_str())]),
        ))?;
        data(w, &node_keys[0].0, &n.label)?;
        data(w, &node_keys[1].0, &n.kind)?;
        data(w, &node_keys[2].0, &n.iri)?;
        if let (Some(lat), Some(long)) = (n.latitude, n.longitude) {
            data(w, &node_keys[3].0, &number(lat))?;
            data(w, &node_keys[4].0, &number(long))?;
        }
        for (id, name, _) in &node_keys[NODE_KEYS.len()..] {
            if let Some(v) = n.attrs.get(name) {
                data(w, id, &v.text())?;
            }
        }
        w.write_event(Event::End(BytesEnd::new("node")))?;
    }
    for (k, e) in view.graph.edge_references().enumerate() {
        let (id, s, t) = (
            format!("e{k}"),
            &view.graph[e.source()].id,
            &view.graph[e.target()].id,
        );
        w.write_event(Event::Start(BytesStart::new("edge").with_attributes([
            ("id", id.as_str()),
            ("source", s.as_str()),
            ("target", t.as_str()),
        ])))?;
        let d = e.weight();
        data(w, &edge_keys[0].0, &number(d.weight))?;
        data(w, &edge_keys[1].0, &d.kind)?;
        for (id, name, _) in &edge_keys[EDGE_KEYS.len()..] {
            if let Some(v) = d.attrs.get(name) {
                data(w, id, &v.text())?;
            }
        }
        w.write_event(Event::End(BytesEnd::new("edge")))?;
    }
    w.write_event(Event::End(BytesEnd::new("graph")))?;
    w.write_event(Event::End(BytesEnd::new("graphml")))?;
    w.get_mut().write_all(b"\n")?;
    Ok(())
}

fn data(w: &mut Writer<&mut dyn Write>, key: &str, value: &str) -> std::io::Result<()> {
    let v = xml_safe(value);
    w.create_element("data")
        .with_attribute(("key", key))
        .write_text_content(BytesText::new(&v))?;
    Ok(())
}

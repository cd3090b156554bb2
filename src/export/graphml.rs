//! GraphML as Gephi and networkx read it: every attribute declared with a `<key>` (name,
//! type, node or edge), directed edges, node ids `n0`, `n1`, … in IRI order.

use super::{xml_safe, View};
use crate::error::{Error, Result};
use petgraph::visit::EdgeRef;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use std::io::Write;

const NODE_KEYS: &[(&str, &str)] = &[
    ("label", "string"),
    ("kind", "string"),
    ("iri", "string"),
    ("latitude", "double"),
    ("longitude", "double"),
    ("attacks", "int"),
    ("articles", "int"),
];
const EDGE_KEYS: &[(&str, &str)] = &[
    ("weight", "double"),
    ("type", "string"),
    ("first_date", "string"),
    ("last_date", "string"),
    ("killed", "int"),
    ("sources", "int"),
];

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
    for (for_, keys) in [("node", NODE_KEYS), ("edge", EDGE_KEYS)] {
        for (name, ty) in keys {
            let id = format!("{}_{}", &for_[..1], name);
            w.create_element("key")
                .with_attributes([
                    ("id", id.as_str()),
                    ("for", for_),
                    ("attr.name", name),
                    ("attr.type", ty),
                ])
                .write_empty()?;
        }
    }
    w.write_event(Event::Start(
        BytesStart::new("graph").with_attributes([("id", "newskg"), ("edgedefault", "directed")]),
    ))?;
    for idx in view.node_indices() {
        let n = &view[idx];
        let id = format!("n{}", idx.index());
        w.write_event(Event::Start(
            BytesStart::new("node").with_attributes([("id", id.as_str())]),
        ))?;
        data(w, "n_label", &n.label)?;
        data(w, "n_kind", &n.kind)?;
        data(w, "n_iri", &n.iri)?;
        if let (Some(lat), Some(long)) = (n.latitude, n.longitude) {
            data(w, "n_latitude", &lat.to_string())?;
            data(w, "n_longitude", &long.to_string())?;
        }
        data(w, "n_attacks", &n.attacks.to_string())?;
        data(w, "n_articles", &n.articles.to_string())?;
        w.write_event(Event::End(BytesEnd::new("node")))?;
    }
    for (k, e) in view.edge_references().enumerate() {
        let (id, s, t) = (
            format!("e{k}"),
            format!("n{}", e.source().index()),
            format!("n{}", e.target().index()),
        );
        w.write_event(Event::Start(BytesStart::new("edge").with_attributes([
            ("id", id.as_str()),
            ("source", s.as_str()),
            ("target", t.as_str()),
        ])))?;
        let d = e.weight();
        data(w, "e_weight", &d.weight.to_string())?;
        data(w, "e_type", &d.kind)?;
        if let Some(f) = &d.first_date {
            data(w, "e_first_date", f)?;
        }
        if let Some(l) = &d.last_date {
            data(w, "e_last_date", l)?;
        }
        data(w, "e_killed", &d.killed.to_string())?;
        data(w, "e_sources", &d.sources.to_string())?;
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

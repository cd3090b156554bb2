//! GEXF 1.3, Gephi's own format, with its visualisation module: nodes coloured by kind and
//! sized by attacks (or articles), places and bases positioned by their coordinates (x =
//! longitude, y = latitude, times [`SCALE`]) so the graph opens as a map, and other nodes
//! at the centre of their located neighbours. Nodes and edges carry time spells from the
//! attack periods (article dates in the mentions view), with `timeformat="date"`, so
//! Gephi's timeline plays the conflict.

use super::{cell_text, kind_colour, number, xml_safe, AttrType, Spell, View};
use crate::error::{Error, Result};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use std::io::Write;

/// Layout units per degree of longitude or latitude.
pub const SCALE: f64 = 100.0;

const NODE_ATTRS: &[(&str, AttrType)] = &[
    ("kind", AttrType::Str),
    ("iri", AttrType::Str),
    ("latitude", AttrType::Double),
    ("longitude", AttrType::Double),
];

fn type_name(t: AttrType) -> &'static str {
    match t {
        AttrType::Int => "integer",
        AttrType::Double => "double",
        AttrType::Str => "string",
    }
}

/// The drawn size of a node that stands for `n` attacks or articles.
pub fn viz_size(n: f64) -> f64 {
    ((5.0 + 5.0 * n.max(0.0).sqrt()) * 100.0).round() / 100.0
}

/// Writes a view as GEXF 1.3.
pub fn write_gexf(view: &View, out: &mut dyn Write) -> Result<()> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    write_doc(&mut w, view).map_err(|e| Error::Export(format!("cannot write GEXF: {e}")))
}

/// Where each node goes: its coordinates, or the mean of its located neighbours'.
fn positions(view: &View) -> Vec<Option<(f64, f64)>> {
    let g = &view.graph;
    let own: Vec<Option<(f64, f64)>> = g
        .node_weights()
        .map(|n| match (n.longitude, n.latitude) {
            (Some(x), Some(y)) => Some((x * SCALE, y * SCALE)),
            _ => None,
        })
        .collect();
    g.node_indices()
        .map(|i| {
            own[i.index()].or_else(|| {
                let near: Vec<(f64, f64)> = g
                    .neighbors_directed(i, Direction::Outgoing)
                    .chain(g.neighbors_directed(i, Direction::Incoming))
                    .filter_map(|j| own[j.index()])
                    .collect();
                if near.is_empty() {
                    None
                } else {
                    let k = near.len() as f64;
                    Some((
                        near.iter().map(|p| p.0).sum::<f64>() / k,
                        near.iter().map(|p| p.1).sum::<f64>() / k,
                    ))
                }
            })
        })
        .collect()
}

fn write_doc(w: &mut Writer<&mut dyn Write>, view: &View) -> std::io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.write_event(Event::Start(BytesStart::new("gexf").with_attributes([
        ("xmlns", "http://gexf.net/1.3"),
        ("xmlns:viz", "http://gexf.net/1.3/viz"),
        ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        (
            "xsi:schemaLocation",
            "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
        ),
        ("version", "1.3"),
    ])))?;
    w.write_event(Event::Start(BytesStart::new("meta")))?;
    w.create_element("creator")
        .write_text_content(BytesText::new("newskg"))?;
    let description = format!(
        "newskg {} view; node size: {}",
        xml_safe(&view.name),
        view.size_by
    );
    w.create_element("description")
        .write_text_content(BytesText::new(&description))?;
    w.write_event(Event::End(BytesEnd::new("meta")))?;

    let dynamic = view.is_dynamic();
    let edge_type = if view.directed {
        "directed"
    } else {
        "undirected"
    };
    let mut graph = BytesStart::new("graph").with_attributes([("defaultedgetype", edge_type)]);
    if dynamic {
        graph.push_attribute(("mode", "dynamic"));
        graph.push_attribute(("timeformat", "date"));
    } else {
        graph.push_attribute(("mode", "static"));
    }
    w.write_event(Event::Start(graph))?;

    let node_attrs: Vec<(String, AttrType)> = NODE_ATTRS
        .iter()
        .map(|(n, t)| (n.to_string(), *t))
        .chain(view.node_attrs.iter().cloned())
        .collect();
    for (class, attrs) in [("node", &node_attrs), ("edge", &view.edge_attrs)] {
        if attrs.is_empty() {
            continue;
        }
        w.write_event(Event::Start(
            BytesStart::new("attributes").with_attributes([("class", class)]),
        ))?;
        for (name, ty) in attrs.iter() {
            // The id is the title: graphology takes a non-numeric id as the name.
            let name = xml_safe(name);
            w.create_element("attribute")
                .with_attributes([
                    ("id", name.as_str()),
                    ("title", name.as_str()),
                    ("type", type_name(*ty)),
                ])
                .write_empty()?;
        }
        w.write_event(Event::End(BytesEnd::new("attributes")))?;
    }

    let places = positions(view);
    w.write_event(Event::Start(BytesStart::new("nodes")))?;
    for (i, n) in view.graph.node_weights().enumerate() {
        let label = cell_text(&n.label);
        w.write_event(Event::Start(
            BytesStart::new("node").with_attributes([("id", n.id.as_str()), ("label", &label)]),
        ))?;
        let mut values: Vec<(String, String)> = vec![
            ("kind".into(), n.kind.clone()),
            ("iri".into(), n.iri.clone()),
        ];
        if let (Some(lat), Some(long)) = (n.latitude, n.longitude) {
            values.push(("latitude".into(), number(lat)));
            values.push(("longitude".into(), number(long)));
        }
        for (name, _) in &view.node_attrs {
            if let Some(v) = n.attrs.get(name) {
                values.push((name.clone(), v.text()));
            }
        }
        attvalues(w, &values)?;
        spells(w, &n.spells)?;
        let (r, g, b) = kind_colour(&n.kind);
        let (r, g, b) = (r.to_string(), g.to_string(), b.to_string());
        w.create_element("viz:color")
            .with_attributes([("r", r.as_str()), ("g", g.as_str()), ("b", b.as_str())])
            .write_empty()?;
        if let Some((x, y)) = places[i] {
            let (x, y) = (number(x), number(y));
            w.create_element("viz:position")
                .with_attributes([("x", x.as_str()), ("y", y.as_str()), ("z", "0")])
                .write_empty()?;
        }
        let size = number(viz_size(n.size));
        w.create_element("viz:size")
            .with_attribute(("value", size.as_str()))
            .write_empty()?;
        w.write_event(Event::End(BytesEnd::new("node")))?;
    }
    w.write_event(Event::End(BytesEnd::new("nodes")))?;

    w.write_event(Event::Start(BytesStart::new("edges")))?;
    for (k, e) in view.graph.edge_references().enumerate() {
        let d = e.weight();
        let id = format!("e{k}");
        let kind = cell_text(&d.kind);
        let weight = number(d.weight);
        w.write_event(Event::Start(BytesStart::new("edge").with_attributes([
            ("id", id.as_str()),
            ("source", view.graph[e.source()].id.as_str()),
            ("target", view.graph[e.target()].id.as_str()),
            ("label", kind.as_str()),
            ("kind", kind.as_str()),
            ("weight", weight.as_str()),
        ])))?;
        let values: Vec<(String, String)> = view
            .edge_attrs
            .iter()
            .filter_map(|(name, _)| d.attrs.get(name).map(|v| (name.clone(), v.text())))
            .collect();
        attvalues(w, &values)?;
        spells(w, &d.spells)?;
        w.write_event(Event::End(BytesEnd::new("edge")))?;
    }
    w.write_event(Event::End(BytesEnd::new("edges")))?;
    w.write_event(Event::End(BytesEnd::new("graph")))?;
    w.write_event(Event::End(BytesEnd::new("gexf")))?;
    w.get_mut().write_all(b"\n")?;
    Ok(())
}

fn attvalues(w: &mut Writer<&mut dyn Write>, values: &[(String, String)]) -> std::io::Result<()> {
    if values.is_empty() {
        return Ok(());
    }
    w.write_event(Event::Start(BytesStart::new("attvalues")))?;
    for (name, value) in values {
        let (name, value) = (xml_safe(name), cell_text(value));
        w.create_element("attvalue")
            .with_attributes([("for", name.as_str()), ("value", value.as_str())])
            .write_empty()?;
    }
    w.write_event(Event::End(BytesEnd::new("attvalues")))?;
    Ok(())
}

fn spells(w: &mut Writer<&mut dyn Write>, spells: &[Spell]) -> std::io::Result<()> {
    if spells.is_empty() {
        return Ok(());
    }
    w.write_event(Event::Start(BytesStart::new("spells")))?;
    for s in spells {
        w.create_element("spell")
            .with_attributes([("start", s.start.as_str()), ("end", s.end.as_str())])
            .write_empty()?;
    }
    w.write_event(Event::End(BytesEnd::new("spells")))?;
    Ok(())
}

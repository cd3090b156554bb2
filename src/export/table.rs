//! A node table and an edge table, CSV, with the column names Gephi's spreadsheet import
//! recognises: `Id` and `Label` for nodes; `Source`, `Target`, `Type` (`Directed` or
//! `Undirected`), `Id`, `Label` and `Weight` for edges. The view's other attributes follow
//! as further columns. Cells go through the csv crate; characters XML forbids are dropped
//! and line breaks become spaces, so every row is one line.

use super::{cell_text, number, View};
use crate::error::{Error, Result};
use petgraph::visit::EdgeRef;
use std::io::Write;

/// Writes the nodes and the edges of a view as two CSV tables.
pub fn write_csv_pair(view: &View, nodes: &mut dyn Write, edges: &mut dyn Write) -> Result<()> {
    write_nodes(view, nodes).map_err(|e| Error::Export(format!("cannot write nodes.csv: {e}")))?;
    write_edges(view, edges).map_err(|e| Error::Export(format!("cannot write edges.csv: {e}")))
}

fn write_nodes(view: &View, out: &mut dyn Write) -> ::csv::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    let mut header: Vec<String> = ["Id", "Label", "kind", "iri", "latitude", "longitude"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    header.extend(view.node_attrs.iter().map(|(n, _)| cell_text(n)));
    w.write_record(&header)?;
    for n in view.graph.node_weights() {
        let mut row = vec![
            n.id.clone(),
            cell_text(&n.label),
            cell_text(&n.kind),
            cell_text(&n.iri),
            n.latitude.map(number).unwrap_or_default(),
            n.longitude.map(number).unwrap_or_default(),
        ];
        for (name, _) in &view.node_attrs {
            row.push(
                n.attrs
                    .get(name)
                    .map(|v| cell_text(&v.text()))
                    .unwrap_or_default(),
            );
        }
        w.write_record(&row)?;
    }
    w.flush()?;
    Ok(())
}

fn write_edges(view: &View, out: &mut dyn Write) -> ::csv::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    let mut header: Vec<String> = ["Source", "Target", "Type", "Id", "Label", "Weight"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    header.extend(view.edge_attrs.iter().map(|(n, _)| cell_text(n)));
    w.write_record(&header)?;
    let direction = if view.directed {
        "Directed"
    } else {
        "Undirected"
    };
    for (k, e) in view.graph.edge_references().enumerate() {
        let d = e.weight();
        let mut row = vec![
            view.graph[e.source()].id.clone(),
            view.graph[e.target()].id.clone(),
            direction.to_string(),
            format!("e{k}"),
            cell_text(&d.kind),
            number(d.weight),
        ];
        for (name, _) in &view.edge_attrs {
            row.push(
                d.attrs
                    .get(name)
                    .map(|v| cell_text(&v.text()))
                    .unwrap_or_default(),
            );
        }
        w.write_record(&row)?;
    }
    w.flush()?;
    Ok(())
}

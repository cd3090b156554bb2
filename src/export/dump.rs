//! RDF dumps through Oxigraph's serializers: the whole dataset (N-Quads, TriG), the merge
//! of all graphs (Turtle, N-Triples; each triple once), or one article's graph (any of
//! the four; the quad formats keep the graph name). Turtle and TriG use the prefixes the
//! queries predeclare. The store is read in its own order, which is the same for the same
//! store, so two dumps of a store are byte-identical.

use crate::error::{Error, Result};
use crate::rdf::article_iri;
use crate::rdf::vocab::PREFIXES;
use crate::store::KgStore;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedOrBlankNodeRef, Triple};
use std::collections::HashSet;
use std::io::Write;

/// An RDF serialization.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DumpFormat {
    Turtle,
    NTriples,
    NQuads,
    TriG,
}

impl DumpFormat {
    fn rdf(self) -> RdfFormat {
        match self {
            DumpFormat::Turtle => RdfFormat::Turtle,
            DumpFormat::NTriples => RdfFormat::NTriples,
            DumpFormat::NQuads => RdfFormat::NQuads,
            DumpFormat::TriG => RdfFormat::TriG,
        }
    }

    /// Whether the format keeps graph names.
    pub fn is_dataset(self) -> bool {
        matches!(self, DumpFormat::NQuads | DumpFormat::TriG)
    }
}

fn serializer(format: DumpFormat) -> Result<RdfSerializer> {
    let mut ser = RdfSerializer::from_format(format.rdf());
    if matches!(format, DumpFormat::Turtle | DumpFormat::TriG) {
        for (p, iri) in PREFIXES {
            ser = ser
                .with_prefix(*p, *iri)
                .map_err(|e| Error::Export(e.to_string()))?;
        }
    }
    Ok(ser)
}

fn write_err(e: impl std::fmt::Display) -> Error {
    Error::Export(format!("cannot write RDF: {e}"))
}

/// Writes the store, or one article's graph when `article` names one, in `format`.
pub fn dump(
    store: &KgStore,
    format: DumpFormat,
    article: Option<&str>,
    out: &mut dyn Write,
) -> Result<()> {
    let ser = serializer(format)?;
    let s = store.store();
    match article {
        Some(id) => {
            let graph = article_iri(id);
            let exists = s
                .contains_named_graph(NamedOrBlankNodeRef::NamedNode(graph.as_ref()))
                .map_err(|e| Error::Export(e.to_string()))?;
            if !exists {
                return Err(Error::Export(format!(
                    "no article {id:?} in the store; `newskg ask entities` lists the article ids"
                )));
            }
            let mut w = ser.for_writer(out);
            for q in s.quads_for_pattern(
                None,
                None,
                None,
                Some(GraphNameRef::NamedNode(graph.as_ref())),
            ) {
                let q = q.map_err(|e| Error::Export(e.to_string()))?;
                if format.is_dataset() {
                    w.serialize_quad(&q).map_err(write_err)?;
                } else {
                    w.serialize_triple(&Triple::from(q)).map_err(write_err)?;
                }
            }
            w.finish().map_err(write_err)?;
        }
        None if format.is_dataset() => {
            s.dump_to_writer(ser, out).map_err(write_err)?;
        }
        None => {
            let mut seen: HashSet<Triple> = HashSet::new();
            let mut w = ser.for_writer(out);
            for q in s.iter() {
                let q = q.map_err(|e| Error::Export(e.to_string()))?;
                let t = Triple::from(q);
                if !seen.contains(&t) {
                    w.serialize_triple(&t).map_err(write_err)?;
                    seen.insert(t);
                }
            }
            w.finish().map_err(write_err)?;
        }
    }
    Ok(())
}

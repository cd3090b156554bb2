//! newskg turns news articles about armed conflict into a knowledge graph: who attacked whom,
//! where, when, with what and with what toll, which forces, groups, people, places, bases
//! and operations the reports name, and which sentence of which article says so.
//!
//! The pipeline runs one way, one module per stage:
//!
//! ```text
//! ingest ─► text ─► extract ─► rdf ─► store ─► query / export
//! ```
//!
//! - [`ingest`] reads articles from text, Markdown, JSON Lines, CSV and HTML files;
//! - [`text`] folds names, splits sentences and tokens, reads dates;
//! - [`extract`] finds entities and attacks (plain Rust values with byte spans);
//! - [`rdf`] turns an extraction into quads, one named graph per article;
//! - [`store`] keeps them in an on-disk Oxigraph store;
//! - [`query`] runs SPARQL and the named questions of `newskg ask`;
//! - [`export`] writes graph views for Gephi and other tools.
//!
//! [`gen`] writes synthetic articles for benchmarks (`newskg gen-corpus`).
//!
//! [`build`] wires ingest, extract, rdf and store together for `newskg build`.
//!
//! `build`, `store`, `query` and `export` need the cargo feature `store` (on by default),
//! which compiles the on-disk store; without it the library reads and extracts articles
//! and turns extractions into quads.

#[cfg(feature = "store")]
pub mod build;
pub mod error;
#[cfg(feature = "store")]
pub mod export;
pub mod extract;
pub mod gen;
pub mod ingest;
#[cfg(feature = "store")]
pub mod query;
pub mod rdf;
#[cfg(feature = "store")]
pub mod store;
#[cfg(feature = "store")]
pub mod tally;
pub mod text;

pub use error::{Error, Result};

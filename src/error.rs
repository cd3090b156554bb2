//! The library's error type.

use std::path::PathBuf;

/// Everything that can go wrong in the library. Messages name the input at fault and, where
/// there is one, what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{location}: {reason}")]
    Input { location: String, reason: String },
    #[error("lexicon {file}: {reason}")]
    Lexicon { file: String, reason: String },
    #[error("store {}: {reason}", path.display())]
    Store { path: PathBuf, reason: String },
    #[error("store {}: {source}", path.display())]
    Storage {
        path: PathBuf,
        #[source]
        source: oxigraph::store::StorageError,
    },
    #[error("store {} is in use by another process (a build is probably running); wait for it to finish or use another --store", path.display())]
    StoreLocked { path: PathBuf },
    #[error("query: {0}")]
    Query(String),
    #[error("unknown question {name:?}; `newskg ask --list` shows the questions")]
    UnknownQuestion { name: String },
    #[error("{0}")]
    Export(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub fn input(location: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::Input {
            location: location.into(),
            reason: reason.into(),
        }
    }
}

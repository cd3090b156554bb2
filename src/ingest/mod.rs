//! Ingest stage: finds input files and reads articles out of them.
//!
//! Formats by extension: `.txt` and `.md` (one article per file, optional `key: value`
//! header), `.jsonl` / `.ndjson` (one article per line), `.csv` (one article per row),
//! `.html` / `.htm` (one article per page). Every article gets a stable id: its path
//! relative to the folder given on the command line, or its record id.
//!
//! Bad input in one article is returned as an `Err` item for that article only; the
//! readers never stop at the first problem. This stage does no extraction.

mod decode;
mod html;
mod records;
mod textfile;

use crate::error::{Error, Result};
use chrono::NaiveDate;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

pub use decode::decode;

/// One article, as read from its input.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Article {
    /// Stable id: relative file path, or the record's id.
    pub id: String,
    /// The input file it came from, as given (for messages).
    pub file: String,
    /// The line (JSON Lines) or row (CSV) of the record, 1-based.
    pub line: Option<usize>,
    pub title: Option<String>,
    /// Publication date, from a header field or a dateline.
    pub date: Option<NaiveDate>,
    pub url: Option<String>,
    /// The article text that extraction reads and that every span indexes.
    pub text: String,
    /// Problems that did not stop the article from loading (e.g. a text encoding guessed).
    pub warnings: Vec<String>,
}

impl Article {
    /// Where the article came from, for messages: `file` or `file:line`.
    pub fn location(&self) -> String {
        match self.line {
            Some(l) => format!("{}:{}", self.file, l),
            None => self.file.clone(),
        }
    }
}

/// The input formats newskg reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    JsonLines,
    Csv,
    Html,
}

impl Format {
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "md" | "text" => Some(Format::Text),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            "csv" => Some(Format::Csv),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            _ => None,
        }
    }
}

/// An input file found under the paths given, with the id prefix of its articles.
#[derive(Debug, Clone)]
pub struct InputFile {
    pub path: PathBuf,
    /// Path relative to the folder given (or the file name when a file was given).
    pub id: String,
    pub format: Format,
}

/// What walking the input paths found: the files to read and the problems met.
#[derive(Debug, Default)]
pub struct Inputs {
    pub files: Vec<InputFile>,
    pub errors: Vec<Error>,
    /// Files skipped because newskg does not read their format.
    pub skipped: Vec<PathBuf>,
    /// Remarks that lose no input (a folder reached again through a symbolic link).
    pub notices: Vec<String>,
}

/// Finds the input files under `paths` (folders are walked recursively, in sorted order;
/// hidden entries are skipped; symbolic links are followed, and a folder reached a second
/// time, as through a link loop, is noted and not read again). Named pipes, sockets and
/// devices are refused, since reading them could block forever.
pub fn find_inputs(paths: &[PathBuf]) -> Inputs {
    let mut inputs = Inputs::default();
    let mut seen_dirs: HashSet<PathBuf> = HashSet::new();
    let mut seen_ids: HashSet<String> = HashSet::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => inputs.errors.push(Error::input(
                path.display().to_string(),
                describe_path(path, &e),
            )),
            Ok(meta) if meta.is_dir() => {
                walk(path, path, &mut inputs, &mut seen_dirs, &mut seen_ids, 0);
            }
            Ok(meta) if !meta.is_file() => inputs
                .errors
                .push(Error::input(path.display().to_string(), not_regular(&meta))),
            Ok(_) => {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                match Format::of(path) {
                    Some(format) => {
                        let id = unique_id(name, &mut seen_ids);
                        inputs.files.push(InputFile { path: path.clone(), id, format });
                    }
                    None => inputs.errors.push(Error::input(
                        path.display().to_string(),
                        "unsupported file type; newskg reads .txt, .md, .jsonl, .ndjson, .csv, .html and .htm",
                    )),
                }
            }
        }
    }
    inputs
}

fn unique_id(id: String, seen: &mut HashSet<String>) -> String {
    if seen.insert(id.clone()) {
        return id;
    }
    let mut n = 2;
    loop {
        let candidate = format!("{id}~{n}");
        if seen.insert(candidate.clone()) {
            return candidate;
        }
        n += 1;
    }
}

fn walk(
    root: &Path,
    dir: &Path,
    inputs: &mut Inputs,
    seen_dirs: &mut HashSet<PathBuf>,
    seen_ids: &mut HashSet<String>,
    depth: usize,
) {
    let canonical = match dir.canonicalize() {
        Ok(c) => c,
        Err(e) => {
            inputs
                .errors
                .push(Error::input(dir.display().to_string(), describe_io(&e)));
            return;
        }
    };
    if depth > MAX_DEPTH {
        inputs.errors.push(Error::input(
            dir.display().to_string(),
            format!("folders nested more than {MAX_DEPTH} deep; skipped"),
        ));
        return;
    }
    if seen_dirs.contains(&canonical) {
        inputs.notices.push(format!(
            "{}: leads to {}, a folder already read (a symbolic link loop or a folder given twice); not read again",
            dir.display(),
            canonical.display()
        ));
        return;
    }
    seen_dirs.insert(canonical);
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            inputs
                .errors
                .push(Error::input(dir.display().to_string(), describe_io(&e)));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .map(|n| n.to_string_lossy().starts_with('.'))
            .unwrap_or(false);
        if hidden {
            continue;
        }
        match std::fs::metadata(&path) {
            Err(e) => inputs.errors.push(Error::input(
                path.display().to_string(),
                describe_path(&path, &e),
            )),
            Ok(meta) if meta.is_dir() => walk(root, &path, inputs, seen_dirs, seen_ids, depth + 1),
            Ok(meta) if !meta.is_file() => match Format::of(&path) {
                Some(_) => inputs
                    .errors
                    .push(Error::input(path.display().to_string(), not_regular(&meta))),
                None => inputs.skipped.push(path),
            },
            Ok(_) => match Format::of(&path) {
                Some(format) => {
                    let rel = path.strip_prefix(root).unwrap_or(&path);
                    let id = rel.to_string_lossy().replace('\\', "/");
                    let id = unique_id(id, seen_ids);
                    inputs.files.push(InputFile { path, id, format });
                }
                None => inputs.skipped.push(path),
            },
        }
    }
}

/// How deep folders are walked.
const MAX_DEPTH: usize = 64;

/// Why a path that is neither a file nor a folder is not read.
fn not_regular(meta: &std::fs::Metadata) -> String {
    #[cfg(unix)]
    let kind = {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            "a named pipe"
        } else if t.is_socket() {
            "a socket"
        } else if t.is_block_device() || t.is_char_device() {
            "a device"
        } else {
            "an unusual kind of file"
        }
    };
    #[cfg(not(unix))]
    let kind = {
        let _ = meta;
        "an unusual kind of file"
    };
    format!("{kind}, not a regular file; skipped (newskg reads files and folders only)")
}

/// Says why `path` could not be looked at: like [`describe_io`], and names a symbolic link
/// that leads nowhere.
fn describe_path(path: &Path, e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::NotFound {
        if let Ok(target) = std::fs::read_link(path) {
            return format!(
                "a symbolic link to {}, which does not exist",
                target.display()
            );
        }
    }
    describe_io(e)
}

/// Says what an I/O error means for an input, without the OS's error number.
pub fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => {
            "permission denied (the file cannot be read)".to_string()
        }
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}

/// Reads the articles of one input file. Problems with single records come back as `Err`
/// items; the iterator goes on past them.
pub fn read(file: &InputFile) -> Box<dyn Iterator<Item = Result<Article>> + Send> {
    match file.format {
        Format::Text => Box::new(std::iter::once(textfile::read(file))),
        Format::Html => Box::new(std::iter::once(html::read(file))),
        Format::JsonLines => records::read_jsonl(file),
        Format::Csv => records::read_csv(file),
    }
}

/// The largest text or HTML file read as one article.
pub const MAX_ARTICLE_BYTES: u64 = 256 << 20;

/// Reads a whole file as text, decoding it (see [`decode`]); binary files and files over
/// [`MAX_ARTICLE_BYTES`] are refused.
fn read_text(path: &Path) -> Result<(String, Vec<String>)> {
    let fail = |reason: String| Error::input(path.display().to_string(), reason);
    let size = std::fs::metadata(path)
        .map_err(|e| fail(describe_io(&e)))?
        .len();
    if size > MAX_ARTICLE_BYTES {
        return Err(fail(format!(
            "{} MB is too large for one article (the limit is {} MB); skipped",
            size >> 20,
            MAX_ARTICLE_BYTES >> 20
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| fail(describe_io(&e)))?;
    decode(&bytes).map_err(fail)
}

/// Parses a date given in a header or field: ISO (`2024-07-31`, `2024-07-31T10:00:00Z`) or
/// any full date newskg recognises in prose.
pub fn parse_date_field(value: &str) -> Option<NaiveDate> {
    let v = value.trim();
    // `get`: the tenth byte may fall inside a character ("2024-01-0é").
    if let Some(head) = v.get(..10) {
        if let Ok(d) = NaiveDate::parse_from_str(head, "%Y-%m-%d") {
            return Some(d);
        }
    }
    crate::text::dates::publication_date(v)
}

/// The publication date a dateline near the top of `text` gives, if any.
pub fn dateline_of(text: &str) -> Option<NaiveDate> {
    textfile::dateline(text)
}

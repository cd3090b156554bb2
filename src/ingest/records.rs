//! Record formats: JSON Lines (one article per line) and CSV (one article per row).
//!
//! Both stream: a file of any size is read one record at a time (a UTF-16 file, rare for
//! records, is transcoded in memory first). A bad record (malformed JSON, no text, a ragged
//! CSV row) is an `Err` naming the file and line; the records after it still load. Bytes
//! that are not UTF-8 are decoded like text files are, with a warning; a file with no
//! records at all is reported.

use super::decode::{binary_kind, decode};
use super::textfile::dateline;
use super::{describe_io, parse_date_field, Article, InputFile};
use crate::error::{Error, Result};
use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::Path;

/// Opens a record file for streaming: refuses binary files, skips a UTF-8 byte order mark,
/// and transcodes a UTF-16 file (byte order mark first) to UTF-8. Returns the reader and the
/// warnings the transcoding gave.
fn open_records(path: &Path) -> Result<(Box<dyn BufRead + Send>, Vec<String>), String> {
    let f = File::open(path).map_err(|e| describe_io(&e))?;
    let mut reader = BufReader::with_capacity(1 << 16, f);
    let head = reader.fill_buf().map_err(|e| describe_io(&e))?.to_vec();
    if let Some(kind) = binary_kind(&head) {
        return Err(format!("binary file ({kind}), not an article; skipped"));
    }
    if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        reader.consume(3);
    } else if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        let mut bytes = Vec::new();
        reader
            .read_to_end(&mut bytes)
            .map_err(|e| describe_io(&e))?;
        let (text, warnings) = decode(&bytes)?;
        return Ok((Box::new(Cursor::new(text.into_bytes())), warnings));
    }
    Ok((Box::new(reader), Vec::new()))
}

/// Text of a record field or line: UTF-8 as is, anything else decoded (see [`decode`]) with
/// a warning; NUL characters dropped with a warning.
fn record_text(bytes: &[u8], what: &str, warnings: &mut Vec<String>) -> Result<String, String> {
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            let (text, w) = decode(bytes).map_err(|r| format!("{what}: {r}"))?;
            warnings.extend(w.into_iter().map(|w| format!("{what}: {w}")));
            text
        }
    };
    if text.contains('\0') {
        warnings.push(format!("{what}: NUL characters removed"));
        return Ok(text.replace('\0', ""));
    }
    Ok(text)
}

pub(super) fn read_jsonl(file: &InputFile) -> Box<dyn Iterator<Item = Result<Article>> + Send> {
    let display = file.path.display().to_string();
    let (mut reader, mut file_warnings) = match open_records(&file.path) {
        Ok(r) => r,
        Err(reason) => return Box::new(std::iter::once(Err(Error::input(display, reason)))),
    };
    let file_id = file.id.clone();
    let mut line_no = 0usize;
    let mut records = 0usize;
    let mut done = false;
    let mut buf: Vec<u8> = Vec::new();
    Box::new(std::iter::from_fn(move || loop {
        if done {
            return None;
        }
        buf.clear();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => {
                done = true;
                if records == 0 {
                    return Some(Err(Error::input(
                        display.clone(),
                        "no records (the file is empty)",
                    )));
                }
                return None;
            }
            Ok(_) => {}
            Err(e) => {
                line_no += 1;
                done = true;
                return Some(Err(Error::input(
                    format!("{display}:{line_no}"),
                    format!("{}; the rest of the file is not read", describe_io(&e)),
                )));
            }
        }
        line_no += 1;
        let location = format!("{display}:{line_no}");
        let mut warnings = std::mem::take(&mut file_warnings);
        let line = match record_text(&buf, "line", &mut warnings) {
            Ok(s) => s,
            Err(reason) => {
                records += 1;
                return Some(Err(Error::input(location, reason)));
            }
        };
        let line = line.trim();
        if line.is_empty() {
            file_warnings = warnings;
            continue;
        }
        records += 1;
        return Some(
            parse_json_record(line, &file_id, &display, line_no)
                .map(|mut a| {
                    a.warnings.extend(warnings);
                    a
                })
                .map_err(|r| Error::input(location, r)),
        );
    }))
}

fn parse_json_record(
    line: &str,
    file_id: &str,
    display: &str,
    line_no: usize,
) -> Result<Article, String> {
    let value: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("malformed JSON: {e}"))?;
    let obj = value
        .as_object()
        .ok_or("a JSON Lines record must be an object")?;
    let field = |names: &[&str]| -> Option<String> {
        names.iter().find_map(|n| match obj.get(*n) {
            Some(serde_json::Value::String(s)) if !s.replace('\0', "").trim().is_empty() => {
                Some(s.replace('\0', "").trim().to_string())
            }
            Some(serde_json::Value::Number(n)) => Some(n.to_string()),
            _ => None,
        })
    };
    let text = match obj
        .get("text")
        .or_else(|| obj.get("body"))
        .or_else(|| obj.get("content"))
    {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s.clone(),
        Some(serde_json::Value::String(_)) => return Err("empty \"text\"".into()),
        Some(_) => return Err("\"text\" must be a string".into()),
        None => return Err("no \"text\" field".into()),
    };
    let id = field(&["id", "_id", "uid"]).unwrap_or_else(|| format!("{file_id}#{line_no}"));
    let date =
        field(&["date", "published", "published_at", "pubdate"]).and_then(|d| parse_date_field(&d));
    let mut warnings = Vec::new();
    let mut text = text.replace("\r\n", "\n");
    if text.contains('\0') {
        warnings.push("NUL characters removed from the text".to_string());
        text = text.replace('\0', "");
    }
    Ok(Article {
        date: date.or_else(|| dateline(&text)),
        id,
        file: display.to_string(),
        line: Some(line_no),
        title: field(&["title", "headline"]).or_else(|| first_line(&text)),
        url: field(&["url", "link", "source"]),
        text,
        warnings,
    })
}

fn first_line(text: &str) -> Option<String> {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .filter(|l| l.len() <= 400)
        .map(str::to_string)
}

pub(super) fn read_csv(file: &InputFile) -> Box<dyn Iterator<Item = Result<Article>> + Send> {
    let display = file.path.display().to_string();
    let (handle, mut file_warnings) = match open_records(&file.path) {
        Ok(r) => r,
        Err(reason) => return Box::new(std::iter::once(Err(Error::input(display, reason)))),
    };
    // Line ends as `\n` only: the csv crate counts the lines of CRLF files one short.
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(CrlfToLf {
            inner: handle,
            held_cr: false,
        });
    let headers: Vec<String> = match reader.byte_headers() {
        Ok(h) => h
            .iter()
            .map(|s| {
                String::from_utf8_lossy(s)
                    .trim()
                    .trim_start_matches('\u{feff}')
                    .to_ascii_lowercase()
            })
            .collect(),
        Err(e) => {
            return Box::new(std::iter::once(Err(Error::input(
                format!("{display}:1"),
                format!("unreadable CSV header: {e}"),
            ))))
        }
    };
    if headers.iter().all(|h| h.is_empty()) {
        return Box::new(std::iter::once(Err(Error::input(
            display,
            "no header row (the file is empty); a CSV file needs a header with a text, body or content column",
        ))));
    }
    let col = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| headers.iter().position(|h| h == n))
    };
    let Some(text_col) = col(&["text", "body", "content"]) else {
        return Box::new(std::iter::once(Err(Error::input(
            format!("{display}:1"),
            format!(
                "no text column; the header needs one named text, body or content (it has: {})",
                headers.join(", ")
            ),
        ))));
    };
    let (id_col, title_col, date_col, url_col) = (
        col(&["id"]),
        col(&["title", "headline"]),
        col(&["date", "published"]),
        col(&["url", "link", "source"]),
    );
    let n_cols = headers.len();
    let file_id = file.id.clone();
    let mut records = reader.into_byte_records();
    let mut rows = 0usize;
    let mut done = false;
    Box::new(std::iter::from_fn(move || {
        if done {
            return None;
        }
        let Some(rec) = records.next() else {
            done = true;
            return (rows == 0).then(|| {
                Err(Error::input(
                    display.clone(),
                    "no rows after the header (no articles)",
                ))
            });
        };
        rows += 1;
        Some(match rec {
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                Err(Error::input(
                    format!("{display}:{line}"),
                    format!("unreadable CSV row: {e}"),
                ))
            }
            Ok(r) => {
                let line = r.position().map(|p| p.line() as usize).unwrap_or(0);
                let location = format!("{display}:{line}");
                if r.len() != n_cols {
                    Err(Error::input(
                        location,
                        format!("row has {} fields, the header has {n_cols}", r.len()),
                    ))
                } else {
                    let mut warnings = std::mem::take(&mut file_warnings);
                    let mut get = |c: Option<usize>| -> Result<Option<String>, String> {
                        let Some(bytes) = c.and_then(|i| r.get(i)) else {
                            return Ok(None);
                        };
                        let what = format!("column {}", headers[c.unwrap_or(0)]);
                        let s = record_text(bytes, &what, &mut warnings)?;
                        let s = s.trim();
                        Ok((!s.is_empty()).then(|| s.to_string()))
                    };
                    let fields = (|| {
                        Ok::<_, String>((
                            get(Some(text_col))?,
                            get(id_col)?,
                            get(title_col)?,
                            get(date_col)?,
                            get(url_col)?,
                        ))
                    })();
                    match fields {
                        Err(reason) => Err(Error::input(location, reason)),
                        Ok((None, ..)) => Err(Error::input(location, "empty text")),
                        Ok((Some(text), id, title, date, url)) => {
                            let text = text.replace("\r\n", "\n");
                            Ok(Article {
                                id: id.unwrap_or_else(|| format!("{file_id}#{line}")),
                                file: display.clone(),
                                line: Some(line),
                                title: title.or_else(|| first_line(&text)),
                                date: date
                                    .and_then(|d| parse_date_field(&d))
                                    .or_else(|| dateline(&text)),
                                url,
                                text,
                                warnings,
                            })
                        }
                    }
                }
            }
        })
    }))
}

/// A reader that turns `\r\n` into `\n` (a lone `\r` is kept).
struct CrlfToLf<R> {
    inner: R,
    /// A `\r` that ended the last chunk, not yet written.
    held_cr: bool,
}

impl<R: Read> Read for CrlfToLf<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if buf.len() < 2 {
            return self.inner.read(buf);
        }
        let mut tmp = vec![0u8; buf.len() - 1];
        let n = self.inner.read(&mut tmp)?;
        let mut out = 0;
        if self.held_cr {
            self.held_cr = false;
            if n == 0 || tmp[0] != b'\n' {
                buf[out] = b'\r';
                out += 1;
            }
        }
        for (i, &b) in tmp[..n].iter().enumerate() {
            if b == b'\r' {
                if i + 1 == n {
                    self.held_cr = true;
                    continue;
                }
                if tmp[i + 1] == b'\n' {
                    continue;
                }
            }
            buf[out] = b;
            out += 1;
        }
        if out == 0 && self.held_cr {
            // Only a held `\r` so far: read on rather than signal the end.
            return self.read(buf);
        }
        Ok(out)
    }
}

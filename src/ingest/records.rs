//! Record formats: JSON Lines (one article per line) and CSV (one article per row).
//!
//! Both stream: a file of any size is read one record at a time. A bad record (malformed
//! JSON, no text, a ragged CSV row) is an `Err` naming the file and line; the records after
//! it still load.

use super::textfile::dateline;
use super::{describe_io, parse_date_field, Article, InputFile};
use crate::error::{Error, Result};
use std::fs::File;
use std::io::{BufRead, BufReader};

pub(super) fn read_jsonl(file: &InputFile) -> Box<dyn Iterator<Item = Result<Article>> + Send> {
    let path = file.path.clone();
    let display = path.display().to_string();
    let reader = match File::open(&path) {
        Ok(f) => BufReader::with_capacity(1 << 16, f),
        Err(e) => return Box::new(std::iter::once(Err(Error::input(display, describe_io(&e))))),
    };
    let file_id = file.id.clone();
    let mut reader = reader;
    let mut line_no = 0usize;
    let mut buf: Vec<u8> = Vec::new();
    Box::new(std::iter::from_fn(move || loop {
        buf.clear();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => return None,
            Ok(_) => {}
            Err(e) => {
                line_no += 1;
                return Some(Err(Error::input(
                    format!("{display}:{line_no}"),
                    describe_io(&e),
                )));
            }
        }
        line_no += 1;
        let location = format!("{display}:{line_no}");
        let line = match std::str::from_utf8(&buf) {
            Ok(s) => s.trim(),
            Err(_) => return Some(Err(Error::input(location, "line is not valid UTF-8"))),
        };
        if line.is_empty() {
            continue;
        }
        return Some(
            parse_json_record(line, &file_id, &display, line_no)
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
            Some(serde_json::Value::String(s)) if !s.trim().is_empty() => {
                Some(s.trim().to_string())
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
    let text = text.replace("\r\n", "\n");
    Ok(Article {
        date: date.or_else(|| dateline(&text)),
        id,
        file: display.to_string(),
        line: Some(line_no),
        title: field(&["title", "headline"]).or_else(|| first_line(&text)),
        url: field(&["url", "link", "source"]),
        text,
        warnings: Vec::new(),
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
    let handle = match File::open(&file.path) {
        Ok(f) => f,
        Err(e) => return Box::new(std::iter::once(Err(Error::input(display, describe_io(&e))))),
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(BufReader::new(handle));
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h
            .iter()
            .map(|s| s.trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
            .collect(),
        Err(e) => {
            return Box::new(std::iter::once(Err(Error::input(
                format!("{display}:1"),
                format!("unreadable CSV header: {e}"),
            ))))
        }
    };
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
    let mut records = reader.into_records();
    Box::new(std::iter::from_fn(move || {
        let rec = records.next()?;
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
                    let get = |c: Option<usize>| {
                        c.and_then(|i| r.get(i))
                            .map(str::trim)
                            .filter(|s| !s.is_empty())
                            .map(str::to_string)
                    };
                    match get(Some(text_col)) {
                        None => Err(Error::input(location, "empty text")),
                        Some(text) => {
                            let text = text.replace("\r\n", "\n");
                            Ok(Article {
                                id: get(id_col).unwrap_or_else(|| format!("{file_id}#{line}")),
                                file: display.clone(),
                                line: Some(line),
                                title: get(title_col).or_else(|| first_line(&text)),
                                date: get(date_col)
                                    .and_then(|d| parse_date_field(&d))
                                    .or_else(|| dateline(&text)),
                                url: get(url_col),
                                text,
                                warnings: Vec::new(),
                            })
                        }
                    }
                }
            }
        })
    }))
}

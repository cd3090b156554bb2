//! Plain text and Markdown articles: one article per file.
//!
//! Optional header lines `key: value` (`source` or `url`, `date`, `title`) come before the
//! first blank line. The title is the header's or the first non-empty line; the publication
//! date is the header's or the first full date in the first lines (a dateline).

use super::{parse_date_field, read_text, Article, InputFile};
use crate::error::{Error, Result};

const HEADER_KEYS: &[&str] = &[
    "source",
    "url",
    "link",
    "date",
    "published",
    "title",
    "author",
    "byline",
    "id",
];

pub(super) fn read(file: &InputFile) -> Result<Article> {
    let (raw, warnings) = read_text(&file.path)?;
    let mut article = parse(&raw);
    if article.text.trim().is_empty() {
        return Err(Error::input(
            file.path.display().to_string(),
            "empty article (no text)",
        ));
    }
    article.id = file.id.clone();
    article.file = file.path.display().to_string();
    article.warnings = warnings;
    Ok(article)
}

/// Splits a text file into header fields and article text.
pub(crate) fn parse(raw: &str) -> Article {
    let mut article = Article::default();
    let raw = raw.replace("\r\n", "\n");
    let mut body_start = 0;
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut offset = 0;
    for line in raw.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if !fields.is_empty() {
                body_start = offset + line.len();
                break;
            }
            offset += line.len();
            continue;
        }
        match header_field(trimmed) {
            Some(kv) => {
                fields.push(kv);
                offset += line.len();
                body_start = offset;
            }
            None => break,
        }
    }
    if fields.is_empty() {
        body_start = 0;
    }
    for (k, v) in fields {
        match k.as_str() {
            "source" | "url" | "link" => article.url = Some(v),
            "date" | "published" => article.date = parse_date_field(&v),
            "title" => article.title = Some(v),
            _ => {}
        }
    }
    article.text = raw[body_start..].trim_matches(['\n', '\r']).to_string();
    if article.title.is_none() {
        article.title = article
            .text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .filter(|l| l.len() <= 400)
            .map(str::to_string);
    }
    if article.date.is_none() {
        article.date = dateline(&article.text);
    }
    article
}

fn header_field(line: &str) -> Option<(String, String)> {
    let (k, v) = line.split_once(':')?;
    let key = k.trim().to_ascii_lowercase();
    if !HEADER_KEYS.contains(&key.as_str()) || v.trim().is_empty() {
        return None;
    }
    Some((key, v.trim().to_string()))
}

/// The first full date in the first lines of the text.
pub(crate) fn dateline(text: &str) -> Option<chrono::NaiveDate> {
    let mut head_end = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        head_end += line.len();
        if n >= 5 || head_end >= 600 {
            break;
        }
    }
    let mut end = head_end.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    crate::text::dates::publication_date(&text[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_and_title() {
        let a = parse(
            "source: https://x.example/a\ndate: 2021-05-08\n\nDrone attack on base\n\nBody text.",
        );
        assert_eq!(a.url.as_deref(), Some("https://x.example/a"));
        assert_eq!(a.date.unwrap().to_string(), "2021-05-08");
        assert_eq!(a.title.as_deref(), Some("Drone attack on base"));
        assert!(a.text.starts_with("Drone attack"));
    }

    #[test]
    fn dateline_without_header() {
        let a = parse("Baghdad, (APP - 31st Jul, 2024) American forces carried out a strike.");
        assert_eq!(a.date.unwrap().to_string(), "2024-07-31");
        let b = parse(" date 2024-07-31 US strike kills four");
        assert_eq!(b.date.unwrap().to_string(), "2024-07-31");
    }

    #[test]
    fn a_colon_in_the_first_line_is_not_a_header() {
        let a = parse("US official: Drone attack targets US forces\n\nText.");
        assert_eq!(
            a.title.as_deref(),
            Some("US official: Drone attack targets US forces")
        );
        assert!(a.text.starts_with("US official"));
    }
}

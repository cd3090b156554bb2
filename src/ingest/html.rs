//! HTML pages: the title and the paragraph text, read with a real HTML parser.
//!
//! Scripts, styles, navigation, headers, footers, asides, forms and comments are dropped.
//! The article text is the title, then each heading, paragraph, list item and quote on a
//! line of its own. The publication date comes from the usual meta tags or a `<time>`
//! element, else from a dateline.

use super::textfile::dateline;
use super::{parse_date_field, read_text, Article, InputFile};
use crate::error::{Error, Result};
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};

pub(super) fn read(file: &InputFile) -> Result<Article> {
    let (raw, warnings) = read_text(&file.path)?;
    let mut article = parse(&raw);
    if article.text.trim().is_empty() {
        return Err(Error::input(
            file.path.display().to_string(),
            "no article text in the page",
        ));
    }
    article.id = file.id.clone();
    article.file = file.path.display().to_string();
    article.warnings = warnings;
    Ok(article)
}

const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "svg",
    "iframe", "template", "select", "figure", "menu",
];
const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "td",
    "dd",
    "dt",
    "figcaption",
];

pub(crate) fn parse(raw: &str) -> Article {
    let doc = Html::parse_document(raw);
    let mut article = Article::default();
    let sel = |s: &str| Selector::parse(s).expect("a valid selector");
    let title = doc
        .select(&sel("h1"))
        .map(|e| clean(&text_of(e)))
        .find(|t| !t.is_empty())
        .or_else(|| {
            doc.select(&sel("title"))
                .map(|e| clean(&text_of(e)))
                .find(|t| !t.is_empty())
        });
    for m in doc.select(&sel("meta")) {
        let key = m
            .value()
            .attr("property")
            .or(m.value().attr("name"))
            .or(m.value().attr("itemprop"))
            .unwrap_or("");
        let content = m.value().attr("content").unwrap_or("");
        match key.to_ascii_lowercase().as_str() {
            "article:published_time"
            | "date"
            | "pubdate"
            | "publishdate"
            | "datepublished"
            | "dc.date"
            | "dcterms.date"
            | "og:published_time"
                if article.date.is_none() =>
            {
                article.date = parse_date_field(content);
            }
            "og:url" => article.url = Some(content.to_string()),
            _ => {}
        }
    }
    if article.date.is_none() {
        article.date = doc
            .select(&sel("time"))
            .find_map(|t| t.value().attr("datetime").and_then(parse_date_field));
    }
    if article.url.is_none() {
        article.url = doc
            .select(&sel("link[rel=canonical]"))
            .find_map(|l| l.value().attr("href").map(str::to_string));
    }
    let root = doc
        .select(&sel("article"))
        .next()
        .or_else(|| doc.select(&sel("main")).next())
        .or_else(|| doc.select(&sel("body")).next());
    let mut blocks: Vec<String> = Vec::new();
    if let Some(root) = root {
        collect_blocks(root, &mut blocks);
    }
    let mut lines: Vec<String> = Vec::new();
    if let Some(t) = &title {
        lines.push(t.clone());
    }
    for b in blocks {
        if lines.last() != Some(&b) && !(title.as_ref() == Some(&b) && lines.len() == 1) {
            lines.push(b);
        }
    }
    article.title = title;
    article.text = lines.join("\n\n");
    if article.date.is_none() {
        article.date = dateline(&article.text);
    }
    article
}

/// The text blocks under `root` in document order. Iterative, with an explicit stack:
/// elements nested tens of thousands deep neither overflow the stack nor cost more than
/// their number.
fn collect_blocks(root: ElementRef, out: &mut Vec<String>) {
    enum Item<'a> {
        Element(ElementRef<'a>),
        Loose(String),
    }
    let mut stack = vec![Item::Element(root)];
    while let Some(item) = stack.pop() {
        let el = match item {
            Item::Loose(t) => {
                out.push(t);
                continue;
            }
            Item::Element(el) => el,
        };
        let name = el.value().name();
        if SKIPPED.contains(&name) {
            continue;
        }
        if BLOCKS.contains(&name) {
            let t = clean(&text_of(el));
            if !t.is_empty() {
                out.push(t);
            }
            continue;
        }
        // Children in reverse, so the first comes off the stack first. Loose text counts
        // only when it is long enough to be prose.
        for child in el.children().rev() {
            if let Some(c) = ElementRef::wrap(child) {
                stack.push(Item::Element(c));
            } else if let Node::Text(t) = child.value() {
                let t = clean(t);
                if t.len() > 40 {
                    stack.push(Item::Loose(t));
                }
            }
        }
    }
}

/// The text under `el`, without what script, style and the other skipped elements hold:
/// one walk that counts the skipped elements it is inside.
fn text_of(el: ElementRef) -> String {
    let mut s = String::new();
    let mut skipped = 0usize;
    for edge in el.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) if SKIPPED.contains(&e.name()) => skipped += 1,
                Node::Text(t) if skipped == 0 => s.push_str(t),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    if SKIPPED.contains(&e.name()) {
                        skipped -= 1;
                    }
                }
            }
        }
    }
    s
}

fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_paragraphs_drops_scripts() {
        let a = parse(
            "<html><head><title>T</title><meta property=\"article:published_time\" content=\"2024-01-02T10:00:00Z\"><script>var x='<p>no</p>';</script></head>\
             <body><nav><p>Menu</p></nav><h1>Rockets hit base</h1><p>Rockets hit &amp; damaged <b>Ain al-Asad</b>.</p><!-- c --><footer><p>f</p></footer></body></html>",
        );
        assert_eq!(a.title.as_deref(), Some("Rockets hit base"));
        assert_eq!(
            a.text,
            "Rockets hit base\n\nRockets hit & damaged Ain al-Asad."
        );
        assert_eq!(a.date.unwrap().to_string(), "2024-01-02");
    }
}

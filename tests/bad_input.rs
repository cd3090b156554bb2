//! Bad input through the binary: every kind of broken, odd or hostile input file is
//! reported with the file (and line) at fault, and everything else still loads.
//!
//! Exit codes of `build`: 0 all inputs loaded (warnings allowed), 1 some inputs failed and
//! the rest loaded, 2 usage or store error.

mod common;

use common::*;
use std::collections::BTreeSet;
use std::time::Duration;
use tempfile::TempDir;

fn ids(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// Asserts that exactly one `failed:` line names `file` and that it says `reason`.
fn assert_failed(run: &Run, file: &str, reason: &str) {
    let lines = run.lines("failed: ", file);
    assert_eq!(
        lines.len(),
        1,
        "one failure for {file}, got {lines:?}\n{}",
        run.stderr
    );
    assert!(
        lines[0].contains(reason),
        "failure for {file} says {reason:?}: {}",
        lines[0]
    );
}

fn assert_warned(run: &Run, file: &str, says: &str) {
    assert!(
        run.lines("warning: ", file)
            .iter()
            .any(|l| l.contains(says)),
        "a warning for {file} saying {says:?}\n{}",
        run.stderr
    );
}

#[test]
fn empty_and_blank_files_are_reported_and_the_rest_load() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("in");
    write(&dir.join("good.txt"), article_text(1));
    write(&dir.join("empty.txt"), "");
    write(&dir.join("blank.md"), " \n\t\r\n   \n");
    write(&dir.join("empty.html"), "");
    write(&dir.join("empty.jsonl"), "");
    write(&dir.join("blank.jsonl"), "\n  \n\r\n");
    write(&dir.join("empty.csv"), "");
    write(&dir.join("header-only.csv"), "id,text\n");
    let store = tmp.path().join("store");
    let r = build(&store, &[&dir]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_failed(&r, "empty.txt", "empty article");
    assert_failed(&r, "blank.md", "empty article");
    assert_failed(&r, "empty.html", "no article text");
    assert_failed(&r, "empty.jsonl", "no records");
    assert_failed(&r, "blank.jsonl", "no records");
    assert_failed(&r, "empty.csv", "no header");
    assert_failed(&r, "header-only.csv", "no rows");
    assert!(r.stderr.contains("7 failed"), "{}", r.stderr);
    assert_eq!(article_ids(&store), ids(&["good.txt"]));
}

#[test]
fn text_encodings_are_decoded_and_what_cannot_be_is_reported() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("in");
    let body = "\n\nRockets struck Camp Taji on Monday, officials said.\n";
    // Latin-1: é is one byte.
    let mut latin1 = b"Caf\xe9 owner hurt as rockets hit Taji".to_vec();
    latin1.extend_from_slice(body.as_bytes());
    write(&dir.join("latin1.txt"), &latin1);
    // Windows-1252: curly quotes, an en dash and the euro sign.
    let mut cp1252 = b"\x93Rockets\x94 hit Taji \x96 damage \x80500".to_vec();
    cp1252.extend_from_slice(body.as_bytes());
    write(&dir.join("cp1252.txt"), &cp1252);
    // UTF-16 with a byte order mark, both byte orders.
    let title16 = "Ракеты hit Taji ☂";
    let text16 = format!("{title16}{body}");
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for u in text16.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
        be.extend_from_slice(&u.to_be_bytes());
    }
    write(&dir.join("utf16le.txt"), &le);
    write(&dir.join("utf16be.txt"), &be);
    // UTF-16 with an unpaired surrogate: decoded, the bad unit replaced and reported.
    let mut broken16 = vec![0xFF, 0xFE];
    for u in "Broken ".encode_utf16() {
        broken16.extend_from_slice(&u.to_le_bytes());
    }
    broken16.extend_from_slice(&0xD800u16.to_le_bytes());
    for u in format!(" surrogate at Taji{body}").encode_utf16() {
        broken16.extend_from_slice(&u.to_le_bytes());
    }
    write(&dir.join("broken16.txt"), &broken16);
    // UTF-8 with a byte order mark.
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(format!("Café in Mosul{body}").as_bytes());
    write(&dir.join("bom.txt"), &bom);
    // UTF-8 with one stray byte: the rest stays UTF-8.
    let mut stray = "Café “hit” in Mosul".as_bytes().to_vec();
    stray.push(0xFF);
    stray.extend_from_slice(body.as_bytes());
    write(&dir.join("stray.txt"), &stray);

    let store = tmp.path().join("store");
    let r = build(&store, &[&dir]);
    assert_eq!(r.code, 0, "warnings only: {}", r.stderr);
    assert_warned(&r, "latin1.txt", "Windows-1252");
    assert_warned(&r, "cp1252.txt", "Windows-1252");
    assert_warned(&r, "broken16.txt", "U+FFFD");
    assert_warned(&r, "stray.txt", "invalid UTF-8");
    let first_bad = format!("byte {}", "Café “hit” in Mosul".len());
    assert_warned(&r, "stray.txt", &first_bad);
    for clean in ["utf16le.txt", "utf16be.txt", "bom.txt"] {
        assert!(
            r.lines("warning: ", clean).is_empty(),
            "{clean} decodes cleanly: {}",
            r.stderr
        );
    }
    let t = titles(&store);
    assert_eq!(t["latin1.txt"], "Café owner hurt as rockets hit Taji");
    assert_eq!(t["cp1252.txt"], "“Rockets” hit Taji – damage €500");
    assert_eq!(t["utf16le.txt"], title16);
    assert_eq!(t["utf16be.txt"], title16);
    assert_eq!(t["broken16.txt"], "Broken \u{FFFD} surrogate at Taji");
    assert_eq!(t["bom.txt"], "Café in Mosul");
    assert_eq!(t["stray.txt"], "Café “hit” in Mosul\u{FFFD}");
    assert_eq!(t.len(), 7);
}

#[test]
fn records_in_other_encodings_are_decoded_per_line_and_field() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("in");
    // A JSON Lines file with a UTF-8 byte order mark and one Latin-1 line.
    let mut jsonl = vec![0xEF, 0xBB, 0xBF];
    jsonl.extend_from_slice(
        b"{\"id\": \"j1\", \"title\": \"First\", \"text\": \"Rockets hit Camp Taji.\"}\n",
    );
    jsonl.extend_from_slice(
        b"{\"id\": \"j2\", \"title\": \"Caf\xe9\", \"text\": \"Rockets hit Erbil.\"}\n",
    );
    write(&dir.join("mixed.jsonl"), &jsonl);
    // A UTF-16 JSON Lines file.
    let mut j16 = vec![0xFF, 0xFE];
    for u in
        "{\"id\": \"j3\", \"title\": \"Ракеты\", \"text\": \"Rockets hit Mosul.\"}\n".encode_utf16()
    {
        j16.extend_from_slice(&u.to_le_bytes());
    }
    write(&dir.join("utf16.jsonl"), &j16);
    // A CSV file with a Latin-1 field.
    write(
        &dir.join("latin1.csv"),
        b"id,title,text\nc1,Caf\xe9 hit,Rockets hit Kirkuk.\nc2,Plain,Rockets hit Balad.\n",
    );
    let store = tmp.path().join("store");
    let r = build(&store, &[&dir]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_warned(&r, "mixed.jsonl:2", "Windows-1252");
    assert_warned(&r, "latin1.csv:2", "Windows-1252");
    assert!(
        r.lines("warning: ", "mixed.jsonl:1").is_empty(),
        "{}",
        r.stderr
    );
    let t = titles(&store);
    assert_eq!(t["j1"], "First");
    assert_eq!(t["j2"], "Café");
    assert_eq!(t["j3"], "Ракеты");
    assert_eq!(t["c1"], "Café hit");
    assert_eq!(t["c2"], "Plain");
}

/// A minimal PNG, zip and ELF header followed by binary bytes.
fn binary(kind: &str) -> Vec<u8> {
    let mut b: Vec<u8> = match kind {
        "png" => b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
        "zip" => b"PK\x03\x04\x14\0\0\0\x08\0".to_vec(),
        "elf" => b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0".to_vec(),
        _ => Vec::new(),
    };
    b.extend((0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8));
    b
}

#[test]
fn binary_files_are_skipped_with_a_reason() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("in");
    write(&dir.join("good.txt"), article_text(2));
    // Files of other types inside a folder: skipped and listed.
    write(&dir.join("photo.png"), binary("png"));
    write(&dir.join("bundle.zip"), binary("zip"));
    // Binary files with an article's extension: refused, naming what they are.
    write(&dir.join("image.txt"), binary("png"));
    write(&dir.join("archive.csv"), binary("zip"));
    write(&dir.join("program.jsonl"), binary("elf"));
    write(&dir.join("noise.html"), binary("none"));
    // A binary named on the command line.
    let tool = tmp.path().join("tool");
    write(&tool, binary("elf"));
    let store = tmp.path().join("store");
    let r = build(&store, &[&dir, &tool]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_failed(&r, "image.txt", "binary file (PNG image)");
    assert_failed(&r, "archive.csv", "binary file (zip archive)");
    assert_failed(&r, "program.jsonl", "binary file (ELF executable)");
    assert_failed(&r, "noise.html", "binary data");
    assert_failed(&r, "tool", "unsupported file type");
    assert!(
        !r.lines("skipped: ", "photo.png").is_empty(),
        "{}",
        r.stderr
    );
    assert!(
        !r.lines("skipped: ", "bundle.zip").is_empty(),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("2 files of other types skipped"),
        "{}",
        r.stderr
    );
    assert_eq!(article_ids(&store), ids(&["good.txt"]));
}

#[test]
fn nul_bytes_are_removed_with_a_warning() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("in");
    write(
        &dir.join("nul.txt"),
        b"Rockets\0 hit\0\0 Taji\n\nRockets struck Camp Taji\0 on Monday.\n",
    );
    // An escaped NUL inside a JSON string, and a raw NUL byte in a line.
    write(
        &dir.join("nul.jsonl"),
        b"{\"id\": \"n1\", \"title\": \"Esc\\u0000aped\", \"text\": \"Rockets hit\\u0000 Erbil.\"}\n{\"id\": \"n2\", \"title\": \"Ra\0w\", \"text\": \"Rockets hit Mosul.\"}\n",
    );
    write(
        &dir.join("nul.csv"),
        b"id,title,text\nc1,Cs\0v,Rockets hit Kirkuk.\n",
    );
    let store = tmp.path().join("store");
    let r = build(&store, &[&dir]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_warned(&r, "nul.txt", "NUL");
    assert_warned(&r, "nul.jsonl:1", "NUL");
    assert_warned(&r, "nul.jsonl:2", "NUL");
    assert_warned(&r, "nul.csv:2", "NUL");
    let t = titles(&store);
    assert_eq!(t["nul.txt"], "Rockets hit Taji");
    assert_eq!(t["n1"], "Escaped");
    assert_eq!(t["n2"], "Raw");
    assert_eq!(t["c1"], "Csv");
}

#[test]
fn a_fifty_megabyte_article_on_one_line_loads_in_bounded_time_and_memory() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("in");
    // Half of it prose with sentence stops, half one endless run-on sentence: the
    // extractor must stay linear in both.
    let prose = "Rockets struck Camp Taji near Baghdad on Monday, killing two soldiers. ";
    let run_on = "rockets fell near the base and the town and the river, ";
    let half = 25 << 20;
    let mut text = String::with_capacity(2 * half + 200);
    text.push_str("date: 2024-03-05\n\n");
    while text.len() < half {
        text.push_str(prose);
    }
    while text.len() < 2 * half {
        text.push_str(run_on);
    }
    text.push_str("the end.");
    assert!(!text[20..].contains('\n'));
    write(&dir.join("huge.txt"), &text);
    write(&dir.join("small.txt"), article_text(3));
    let store = tmp.path().join("store");
    let r = run_within(
        [
            "build".as_ref(),
            dir.as_os_str(),
            "--store".as_ref(),
            store.as_os_str(),
        ],
        Duration::from_secs(600),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    eprintln!(
        "50 MB article: {:.1} s, peak memory {:?} MB",
        r.seconds, r.peak_mb
    );
    // Generous bounds: a linear pass over 50 MB takes seconds; quadratic work would take
    // hours, and a copy per sentence gigabytes.
    assert!(r.seconds < 400.0, "took {:.0} s", r.seconds);
    if let Some(mb) = r.peak_mb {
        assert!(mb < 4096, "peak memory {mb} MB");
    }
    assert_eq!(article_ids(&store), ids(&["huge.txt", "small.txt"]));
    // The attacks of the prose half were found (one node per reported attack).
    let n = select(
        &store,
        "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH <https://newskg.dev/id/article/huge.txt> { ?a a nkg:Attack } }",
    );
    let n: usize = n[0][0].parse().unwrap();
    assert!(n >= 1, "attacks found in the huge article: {n}");
}

#[test]
fn a_hundred_thousand_tiny_articles_in_one_json_lines_file() {
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().join("many.jsonl");
    let mut s = String::with_capacity(100_000 * 90);
    let places = ["Camp Taji", "Erbil", "Mosul", "Kirkuk", "Balad"];
    for i in 0..100_000 {
        s.push_str(&format!(
            "{{\"id\": \"t{i}\", \"text\": \"Rockets hit {} on day {}.\"}}\n",
            places[i % places.len()],
            i % 97
        ));
    }
    write(&path, &s);
    let store = tmp.path().join("store");
    let r = run_within(
        [
            "build".as_ref(),
            path.as_os_str(),
            "--store".as_ref(),
            store.as_os_str(),
        ],
        Duration::from_secs(900),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    eprintln!(
        "100k articles: {:.1} s, peak memory {:?} MB",
        r.seconds, r.peak_mb
    );
    assert!(
        r.stderr.contains("read 100000 articles: 100000 added"),
        "{}",
        r.stderr
    );
    let stats = run(["stats".as_ref(), "--store".as_ref(), store.as_os_str()]);
    assert!(
        stats.stdout.contains("articles   100000"),
        "{}",
        stats.stdout
    );
    // Building again reads everything and changes nothing.
    let again = run_within(
        [
            "build".as_ref(),
            path.as_os_str(),
            "--store".as_ref(),
            store.as_os_str(),
        ],
        Duration::from_secs(900),
    );
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again
            .stderr
            .contains("0 added, 0 replaced, 100000 unchanged"),
        "{}",
        again.stderr
    );
}

#[test]
fn malformed_json_lines_are_reported_by_line_and_the_rest_load() {
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().join("feed.jsonl");
    let lines = [
        r#"{"id": "ok-1", "text": "Rockets hit Camp Taji."}"#,
        r#"{"id": "cut", "text": "this line is cut o"#,
        r#"[1, 2, 3]"#,
        r#"{"id": "num", "text": 42}"#,
        r#"{"id": "blank", "text": "   "}"#,
        "",
        r#"not json at all"#,
        r#"{"id": "notext", "title": "No text"}"#,
        r#"{"id": "ok-1", "text": "Same id again."}"#,
        r#"{"id": "ok-2", "text": "Rockets hit Erbil."}"#,
    ];
    // The last record has no final newline.
    let text = lines.join("\n") + "\n" + r#"{"id": "ok-3", "text": "Rockets hit Mosul."}"#;
    write(&path, text);
    let store = tmp.path().join("store");
    let r = build(&store, &[&path]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    for (line, reason) in [
        (2, "malformed JSON"),
        (3, "must be an object"),
        (4, "must be a string"),
        (5, "empty"),
        (7, "malformed JSON"),
        (8, "no \"text\""),
        (9, "duplicate article id"),
    ] {
        assert_failed(&r, &format!("feed.jsonl:{line}:"), reason);
    }
    assert_eq!(r.lines("failed: ", "feed.jsonl").len(), 7, "{}", r.stderr);
    assert_eq!(article_ids(&store), ids(&["ok-1", "ok-2", "ok-3"]));
}

#[test]
fn csv_problems_are_reported_by_line_and_the_rest_load() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("in");
    write(
        &dir.join("notext.csv"),
        "id,title,date\n1,Rockets,2024-01-01\n",
    );
    // Quoted fields with newlines (and a quoted quote), then a ragged row: the failure
    // names the ragged row's own line.
    write(
        &dir.join("feed.csv"),
        "id,title,text\r\n\
         q1,Quoted,\"Rockets hit Camp Taji on Monday.\nKataib Hezbollah claimed the \"\"attack\"\".\"\r\n\
         r1,Too many,Rockets hit Erbil.,extra\r\n\
         q2,Fine,\"Two\n\nparagraphs about Mosul.\"\r\n\
         r2,Too few\r\n\
         q3,Last,Rockets hit Kirkuk.\r\n",
    );
    // A quote never closed takes the rest of the file into its field, as CSV defines.
    write(
        &dir.join("unclosed.csv"),
        "id,text\nu1,Rockets hit Balad.\nu2,\"Never closed\nu3,Lost row\n",
    );
    let store = tmp.path().join("store");
    let r = build(&store, &[&dir]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_failed(&r, "notext.csv:1:", "no text column");
    assert!(
        r.lines("failed: ", "notext.csv")
            .iter()
            .any(|l| l.contains("id, title, date")),
        "the message lists the header: {}",
        r.stderr
    );
    assert_failed(&r, "feed.csv:4:", "row has 4 fields, the header has 3");
    assert_failed(&r, "feed.csv:8:", "row has 2 fields, the header has 3");
    assert_eq!(r.lines("failed: ", "feed.csv").len(), 2, "{}", r.stderr);
    let got = article_ids(&store);
    assert_eq!(got, ids(&["q1", "q2", "q3", "u1", "u2"]));
    // The quoted newline kept the second line of q1: its claim was read.
    let claims = select(
        &store,
        "SELECT ?l WHERE { GRAPH <https://newskg.dev/id/article/q1> { ?a nkg:attacker ?x } ?x skos:prefLabel ?l }",
    );
    assert!(
        claims.iter().any(|r| r[0].contains("Hezbollah")),
        "{claims:?}"
    );
}

#[test]
fn html_with_scripts_comments_cdata_entities_and_broken_nesting() {
    let tmp = TempDir::new().unwrap();
    let page = tmp.path().join("page.html");
    write(
        &page,
        r#"<!DOCTYPE html><html><head><title>Rockets &amp; drones hit Camp Taji &ndash; officials&#8217; report</title>
<script>var s = "</p><p>Saraya Awliya al-Dam attacked Erbil"; if (a < b && c > d) {}</script>
<style>p::after { content: "Harakat al-Nujaba attacked Kirkuk"; }</style>
</head><body>
<!-- Asaib Ahl al-Haq attacked Balad <p>in a comment</p> -->
<![CDATA[ Kataib Sayyid al-Shuhada attacked Mosul ]]>
<div><p>Rockets struck <b>Camp <i>Taji</b></i> on Monday, killing two soldiers &amp; a contractor, officials&nbsp;said.
<p>Kataib Hezbollah claimed the attack&hellip; <span>Caf&eacute; owners <em>were unhurt.</p></div></span>
<table><p>Misplaced paragraph about Ain al-Asad air base.</table>
</div></div></body></html>"#,
    );
    let r = run(["extract".as_ref(), page.as_os_str()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(r.stdout.trim()).unwrap();
    assert_eq!(
        v["title"], "Rockets & drones hit Camp Taji – officials’ report",
        "{v}"
    );
    let labels: Vec<String> = v["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["label"].as_str().unwrap().to_string())
        .collect();
    let has = |needle: &str| labels.iter().any(|l| l.contains(needle));
    // What the page says, through broken nesting.
    assert!(has("Taji"), "{labels:?}");
    assert!(has("Kataib Hezbollah"), "{labels:?}");
    assert!(has("Asad"), "{labels:?}");
    // Nothing from scripts, styles, comments or CDATA.
    for hidden in [
        "Awliya", "Nujaba", "Asaib", "Shuhada", "Erbil", "Kirkuk", "Balad", "Mosul",
    ] {
        assert!(!has(hidden), "{hidden} is not article text: {labels:?}");
    }
    let attacks = v["attacks"].as_array().unwrap();
    assert!(
        attacks.iter().any(|a| a["attacker"]
            .as_str()
            .is_some_and(|x| x.contains("Hezbollah"))),
        "{v}"
    );
    // The toll comes from the paragraph inside the broken nesting.
    assert!(attacks.iter().any(|a| a["killed"] == 2), "{v}");
    let taji = v["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["label"] == "Camp Taji")
        .unwrap();
    assert_eq!(
        taji["mentions"].as_array().unwrap().len(),
        2,
        "title and paragraph: {taji}"
    );
    // And it builds.
    let store = tmp.path().join("store");
    let b = build(&store, &[&page]);
    assert_eq!(b.code, 0, "{}", b.stderr);
    assert_eq!(article_ids(&store), ids(&["page.html"]));
}

#[test]
fn html_nested_a_hundred_thousand_deep_loads_without_crashing() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("in");
    // Text between the levels, a script deep inside, and the report at the bottom.
    // Deep enough to overflow a recursive walk of the tree.
    let depth = 100_000;
    let mut page = String::from("<html><body>");
    for i in 0..depth {
        page.push_str("<div>");
        if i == depth / 2 {
            page.push_str("<script>var s = 'Rockets struck Mosul';</script>");
        }
    }
    page.push_str("<p>Rockets struck Camp Taji on Monday, killing two soldiers.</p>");
    page.push_str(&"</div>".repeat(depth));
    page.push_str("</body></html>");
    write(&dir.join("deep.html"), &page);
    write(&dir.join("small.txt"), article_text(2));
    let store = tmp.path().join("store");
    let r = run_within(
        [
            "build".as_ref(),
            dir.as_os_str(),
            "--store".as_ref(),
            store.as_os_str(),
        ],
        Duration::from_secs(300),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(article_ids(&store), ids(&["deep.html", "small.txt"]));
    let out = run([
        "ask".as_ref(),
        "who-attacked-where".as_ref(),
        "--format".as_ref(),
        "csv".as_ref(),
        "--store".as_ref(),
        store.as_os_str(),
    ]);
    assert!(
        out.stdout
            .lines()
            .any(|l| l.starts_with("deep.html,") && l.contains("Camp Taji")),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("Mosul"), "script text: {}", out.stdout);
}

#[test]
fn a_symbolic_link_loop_is_noted_and_everything_loads_once() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("in");
    write(&dir.join("a/one.txt"), article_text(4));
    write(&dir.join("b/two.txt"), article_text(5));
    std::os::unix::fs::symlink("..", dir.join("a/up")).unwrap();
    std::os::unix::fs::symlink("../a", dir.join("b/sideways")).unwrap();
    let store = tmp.path().join("store");
    let r = build(&store, &[&dir]);
    // Nothing was lost: exit 0, with a note naming the link.
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.lines("note: ", "a/up")
            .iter()
            .any(|l| l.contains("already read")),
        "{}",
        r.stderr
    );
    assert!(!r.lines("note: ", "b/sideways").is_empty(), "{}", r.stderr);
    assert!(r.stderr.contains("read 2 articles"), "{}", r.stderr);
    assert_eq!(article_ids(&store), ids(&["a/one.txt", "b/two.txt"]));

    // Links that lead nowhere are failures naming the link.
    std::os::unix::fs::symlink("self.txt", dir.join("self.txt")).unwrap();
    std::os::unix::fs::symlink("missing.txt", dir.join("dangling.txt")).unwrap();
    let store2 = tmp.path().join("store2");
    let r = build(&store2, &[&dir]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_failed(&r, "self.txt", "symbolic links");
    assert_failed(&r, "dangling.txt", "missing.txt, which does not exist");
    assert_eq!(article_ids(&store2), ids(&["a/one.txt", "b/two.txt"]));
}

#[test]
fn unreadable_inputs_are_reported_and_never_block() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("in");
    write(&dir.join("good.txt"), article_text(6));
    // A named pipe with an article's name: reading it would wait forever for a writer.
    let fifo = dir.join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    // A folder named like an article is a folder: walked, not read as a file.
    write(&dir.join("folder.txt/inner.txt"), article_text(7));
    // A file without read permission.
    let secret = dir.join("secret.txt");
    write(&secret, article_text(8));
    let mut perms = std::fs::metadata(&secret).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o000);
    std::fs::set_permissions(&secret, perms).unwrap();
    let denied = std::fs::File::open(&secret).is_err();

    let store = tmp.path().join("store");
    let r = run_within(
        [
            "build".as_ref(),
            dir.as_os_str(),
            "--store".as_ref(),
            store.as_os_str(),
        ],
        Duration::from_secs(120),
    );
    let mut want = vec!["good.txt", "folder.txt/inner.txt"];
    let mut failures = 0;
    if made {
        assert_failed(&r, "pipe.txt", "a named pipe, not a regular file");
        failures += 1;
    } else {
        eprintln!("mkfifo is not available; the named pipe case is not checked");
    }
    if denied {
        assert_failed(&r, "secret.txt", "permission denied");
        failures += 1;
    } else {
        // Root reads any file, so the permission case cannot happen here.
        assert!(running_as_root());
        eprintln!("running as root, which reads files without read permission; the permission case is not checked");
        want.push("secret.txt");
    }
    assert_eq!(r.code, if failures > 0 { 1 } else { 0 }, "{}", r.stderr);
    assert_eq!(article_ids(&store), ids(&want));
}

#[test]
fn paths_that_do_not_exist_are_reported_and_the_rest_load() {
    let tmp = TempDir::new().unwrap();
    let good = tmp.path().join("good.txt");
    write(&good, article_text(9));
    let missing = tmp.path().join("no-such-folder");
    let store = tmp.path().join("store");
    let r = build(&store, &[&missing, &good]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_failed(&r, "no-such-folder", "no such file or folder");
    assert_eq!(article_ids(&store), ids(&["good.txt"]));
    // The same with extract.
    let r = run(["extract".as_ref(), missing.as_os_str(), good.as_os_str()]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_failed(&r, "no-such-folder", "no such file or folder");
    assert_eq!(r.stdout.lines().count(), 1, "{}", r.stdout);
}

#[test]
fn usage_errors_exit_with_two() {
    let tmp = TempDir::new().unwrap();
    for args in [
        vec!["build"],
        vec!["build", "x.txt", "--no-such-flag"],
        vec!["query"],
        vec!["frobnicate"],
    ] {
        let r = run(&args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(!r.stderr.is_empty(), "{args:?}");
    }
    // A store that cannot be made (its parent is a file) is a store error.
    let file = tmp.path().join("file");
    write(&file, "x");
    let good = tmp.path().join("good.txt");
    write(&good, article_text(10));
    let r = build(&file.join("store"), &[&good]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("store"), "{}", r.stderr);
}

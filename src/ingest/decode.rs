//! Bytes to text: UTF-8 (with or without a byte order mark), UTF-16 with a byte order mark,
//! and otherwise Windows-1252 (a superset of Latin-1 for printable text). Known binary
//! formats are refused with their name; NUL bytes are dropped with a warning.

/// Decodes `bytes` into text and the warnings met on the way, or says why the bytes are not
/// text.
pub fn decode(bytes: &[u8]) -> Result<(String, Vec<String>), String> {
    if let Some(kind) = binary_kind(bytes) {
        return Err(format!("binary file ({kind}), not an article; skipped"));
    }
    let mut warnings = Vec::new();
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return utf8(&bytes[3..], &mut warnings).map(|t| (t, warnings));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let enc = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, _, had_errors) = enc.decode(bytes);
        if had_errors {
            warnings.push(
                "some UTF-16 sequences could not be decoded and were replaced with U+FFFD".into(),
            );
        }
        return Ok((strip_nul(text.into_owned(), &mut warnings), warnings));
    }
    utf8(bytes, &mut warnings).map(|t| (t, warnings))
}

fn utf8(bytes: &[u8], warnings: &mut Vec<String>) -> Result<String, String> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(strip_nul(s.to_string(), warnings)),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            warnings.push("not valid UTF-8; decoded as Windows-1252 (Latin-1)".into());
            let text = text.into_owned();
            if looks_binary(&text) {
                return Err("binary data, not text; skipped".into());
            }
            Ok(strip_nul(text, warnings))
        }
    }
}

fn strip_nul(text: String, warnings: &mut Vec<String>) -> String {
    if text.contains('\0') {
        warnings.push("NUL bytes removed".into());
        text.replace('\0', "")
    } else {
        text
    }
}

/// Text with many control characters is binary data whatever its extension.
fn looks_binary(text: &str) -> bool {
    let sample: Vec<char> = text.chars().take(4096).collect();
    if sample.is_empty() {
        return false;
    }
    let control = sample
        .iter()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\0'))
        .count();
    control * 10 > sample.len()
}

fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"PK\x03\x04", "zip archive"),
        (b"\x7fELF", "ELF executable"),
        (b"%PDF-", "PDF document"),
        (b"GIF87a", "GIF image"),
        (b"GIF89a", "GIF image"),
        (b"\xff\xd8\xff", "JPEG image"),
        (b"\x1f\x8b", "gzip archive"),
        (b"BZh", "bzip2 archive"),
        (b"\xfd7zXZ\x00", "xz archive"),
        (b"7z\xbc\xaf\x27\x1c", "7-zip archive"),
        (b"\xd0\xcf\x11\xe0", "MS Office document"),
        (b"MZ", "Windows executable"),
        (b"SQLite format 3\0", "SQLite database"),
    ];
    for (magic, name) in MAGIC {
        if bytes.starts_with(magic) {
            // "MZ" and "BZh" are also how a text may start: only trust them with binary bytes.
            if (*name == "Windows executable" || *name == "bzip2 archive")
                && std::str::from_utf8(&bytes[..bytes.len().min(512)]).is_ok()
            {
                continue;
            }
            return Some(name);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_common_encodings() {
        assert_eq!(decode("Café".as_bytes()).unwrap().0, "Café");
        let latin1 = [b'C', b'a', b'f', 0xE9];
        let (t, w) = decode(&latin1).unwrap();
        assert_eq!(t, "Café");
        assert_eq!(w.len(), 1);
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "Iraq".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&utf16).unwrap().0, "Iraq");
        assert!(decode(b"\x89PNG\r\n\x1a\nxxxx").is_err());
        assert_eq!(decode(b"a\0b").unwrap().0, "ab");
    }
}

//! Bytes to text: UTF-8 (with or without a byte order mark; a few broken sequences in
//! otherwise UTF-8 text become U+FFFD with a warning that says where), UTF-16 with a byte
//! order mark, and otherwise Windows-1252 (a superset of Latin-1 for printable text). Known
//! binary formats are refused with their name; NUL bytes are dropped with a warning.

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
        Err(first) => {
            // Mostly UTF-8 with a few broken sequences (a truncated character, a stray byte):
            // keep the UTF-8 and mark what cannot be decoded. Without any multi-byte UTF-8
            // character, the bytes are a single-byte encoding.
            let (valid_multibyte, invalid) = utf8_profile(bytes);
            if valid_multibyte > 0 && invalid * 4 <= valid_multibyte.max(4) {
                let text = String::from_utf8_lossy(bytes).into_owned();
                warnings.push(format!(
                    "{invalid} invalid UTF-8 sequence{} (the first at byte {}) replaced with U+FFFD",
                    if invalid == 1 { "" } else { "s" },
                    first.valid_up_to()
                ));
                return Ok(strip_nul(text, warnings));
            }
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            let text = text.into_owned();
            if looks_binary(&text) {
                return Err("binary data, not text; skipped".into());
            }
            warnings.push("not valid UTF-8; decoded as Windows-1252 (Latin-1)".into());
            Ok(strip_nul(text, warnings))
        }
    }
}

/// The number of valid multi-byte UTF-8 characters and of invalid sequences in `bytes`.
fn utf8_profile(bytes: &[u8]) -> (usize, usize) {
    let mut valid_multibyte = 0;
    let mut invalid = 0;
    for chunk in bytes.utf8_chunks() {
        valid_multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    (valid_multibyte, invalid)
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

/// The name of the binary format `bytes` start with, if they start like one.
pub(crate) fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
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

    #[test]
    fn utf8_with_a_broken_sequence_stays_utf8() {
        let mut bytes = "Café in Mosul, “quoted”".as_bytes().to_vec();
        bytes.push(0xFF);
        bytes.extend_from_slice(" and more".as_bytes());
        let (t, w) = decode(&bytes).unwrap();
        assert_eq!(t, "Café in Mosul, “quoted”\u{FFFD} and more");
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("byte 28"), "{w:?}");
    }
}

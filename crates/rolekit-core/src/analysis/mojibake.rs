//! Mojibake: UTF-8 text that was decoded as Mac Roman or Windows-1252 and
//! saved again as UTF-8 (`‚úÖ` for ✅, `â€™` for ’).
//!
//! Each garbled character maps back to one byte of the original UTF-8; a run
//! is reported only when those bytes form valid UTF-8 again. Two-byte
//! sequences must decode to Latin-1 (lead bytes C2/C3), which keeps correctly
//! written accents, emoji and CJK text quiet.

use std::sync::OnceLock;

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::rules::RuleId;
use crate::text::TextRange;

/// Mac OS Roman, bytes 0x80..=0xFF.
const MAC_ROMAN: &str = "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»…\u{a0}ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\u{f8ff}ÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ";
/// Windows-1252, bytes 0x80..=0x9F (undefined bytes as the C1 controls that
/// lenient decoders produce); 0xA0..=0xFF are Latin-1.
const CP1252_80: &str = "€\u{81}‚ƒ„…†‡ˆ‰Š‹Œ\u{8d}Ž\u{8f}\u{90}‘’“”•–—˜™š›œ\u{9d}žŸ";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    MacRoman,
    Windows1252,
}

impl Encoding {
    fn name(self) -> &'static str {
        match self {
            Encoding::MacRoman => "Mac Roman",
            Encoding::Windows1252 => "Windows-1252",
        }
    }

    /// The byte this encoding decodes to `c`, if any (high half only).
    fn byte(self, c: char) -> Option<u8> {
        let table = match self {
            Encoding::MacRoman => reverse_table(&MAC_ROMAN_REVERSE, MAC_ROMAN, &[('¤', 0xDB)]),
            Encoding::Windows1252 => {
                let cp = c as u32;
                if (0xA0..=0xFF).contains(&cp) {
                    return Some(cp as u8);
                }
                reverse_table(&CP1252_REVERSE, CP1252_80, &[])
            }
        };
        table.binary_search_by_key(&c, |&(ch, _)| ch).ok().map(|i| table[i].1)
    }
}

static MAC_ROMAN_REVERSE: OnceLock<Vec<(char, u8)>> = OnceLock::new();
static CP1252_REVERSE: OnceLock<Vec<(char, u8)>> = OnceLock::new();

/// `(char, byte)` pairs sorted by char, built once from a table starting at 0x80.
fn reverse_table(cell: &'static OnceLock<Vec<(char, u8)>>, table: &str, extra: &[(char, u8)]) -> &'static [(char, u8)] {
    cell.get_or_init(|| {
        let mut pairs: Vec<(char, u8)> = table.chars().zip(0x80..=0xFF).chain(extra.iter().copied()).collect();
        crate::sort::sort(&mut pairs);
        pairs
    })
}

/// A run of garbled text and what it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mojibake {
    pub range: TextRange,
    pub original: String,
    pub encoding: Encoding,
}

/// Decodes one garbled sequence starting at `text[at..]`: returns its byte
/// length in `text` and the original character.
fn sequence(text: &str, at: usize, enc: Encoding) -> Option<(usize, char)> {
    let mut chars = text[at..].char_indices();
    let (_, first) = chars.next()?;
    if !could_lead(first) {
        return None;
    }
    let lead = enc.byte(first)?;
    let len = match lead {
        0xC2 | 0xC3 => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    let mut bytes = [lead, 0, 0, 0];
    let mut end = at + first.len_utf8();
    for slot in bytes.iter_mut().take(len).skip(1) {
        let (i, c) = chars.next()?;
        let b = enc.byte(c).filter(|b| (0x80..=0xBF).contains(b))?;
        *slot = b;
        end = at + i + c.len_utf8();
    }
    let decoded = std::str::from_utf8(&bytes[..len]).ok()?.chars().next()?;
    // A decoded C1 control or noncharacter is no evidence of mojibake.
    if (decoded as u32) < 0xA0 || matches!(decoded as u32, 0xFFFE | 0xFFFF) {
        return None;
    }
    Some((end - at, decoded))
}

/// The characters either encoding decodes from a UTF-8 lead byte (C2, C3,
/// E0..=EF, F0..=F4): a cheap test that rejects almost every character.
fn could_lead(c: char) -> bool {
    matches!(
        c,
        '¬' | '√' | '‡' | '·' | '‚' | '„' | '‰' | 'Â' | 'Ê' | 'Á' | 'Ë' | 'È' | 'Í' | 'Î' | 'Ï' | 'Ì' | 'Ó' | 'Ô'
            | '\u{f8ff}' | 'Ò' | 'Ú' | 'Û' | 'Ã' | 'à'..='ï' | 'ð'..='ô'
    )
}

/// The first byte at or after `from` that is not ASCII, eight bytes at a time.
fn next_non_ascii(bytes: &[u8], from: usize) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let word = u64::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7]]);
        if word & HIGH != 0 {
            break;
        }
        i += 8;
    }
    bytes[i.min(bytes.len())..].iter().position(|&b| b >= 0x80).map(|p| i + p)
}

pub fn find_mojibake(text: &str) -> Vec<Mojibake> {
    let mut out: Vec<Mojibake> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            match next_non_ascii(bytes, i) {
                Some(next) => i = next,
                None => break,
            }
            continue;
        }
        let found = [Encoding::MacRoman, Encoding::Windows1252]
            .into_iter()
            .find_map(|enc| sequence(text, i, enc).map(|(len, ch)| (len, ch, enc)));
        match found {
            Some((len, ch, enc)) => {
                match out.last_mut() {
                    Some(last) if last.range.end() == i && last.encoding == enc => {
                        last.range = TextRange::new(last.range.start(), i + len);
                        last.original.push(ch);
                    }
                    _ => out.push(Mojibake {
                        range: TextRange::new(i, i + len),
                        original: ch.to_string(),
                        encoding: enc,
                    }),
                }
                i += len;
            }
            None => i += text[i..].chars().next().map_or(1, char::len_utf8),
        }
    }
    out
}

pub fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    for m in find_mojibake(text) {
        let garbled = m.range.slice(text);
        out.push(
            Diagnostic::new(
                RuleId::Mojibake,
                m.range,
                format!("garbled text `{garbled}` is `{}` decoded as {} (mojibake)", m.original, m.encoding.name()),
            )
            .with_fix(Fix::safe(format!("Restore `{}`", m.original), vec![Edit::replace(m.range, m.original.clone())])),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn originals(text: &str) -> Vec<String> {
        find_mojibake(text).into_iter().map(|m| m.original).collect()
    }

    #[test]
    fn finds_the_seeds_mojibake() {
        assert_eq!(originals("- ‚úÖ **Can**"), vec!["✅"]);
        assert_eq!(originals("Must be ‚â•70%"), vec!["≥"]);
        assert_eq!(originals("### \u{f8ff}üéØ Reliability"), vec!["🎯"]);
        assert_eq!(originals("‚ùó x ‚ö†Ô∏è"), vec!["❗", "⚠\u{fe0f}"]);
    }

    #[test]
    fn finds_windows_1252_mojibake() {
        assert_eq!(originals("it‚Äôs"), vec!["’"]);
        assert_eq!(originals("itâ€™s cafÃ©"), vec!["’", "é"]);
        assert_eq!(originals("ðŸŽ¯"), vec!["🎯"]);
    }

    #[test]
    fn leaves_correct_text_alone() {
        for text in [
            "✅ ❌ ⚠️ 🔍 🎯 ≥ ’ “quoted”",
            "Café, naïve, Über, «Ça va», São Paulo, Ærø, façade — déjà vu",
            "漢字とかな, 한국어, Ελληνικά, русский",
            "“École” ‘Ärger’ — résumé · ½ ¼ ©®™",
        ] {
            assert!(find_mojibake(text).is_empty(), "{text}: {:?}", find_mojibake(text));
        }
    }

    #[test]
    fn mac_roman_table_is_complete() {
        assert_eq!(MAC_ROMAN.chars().count(), 128);
        assert_eq!(CP1252_80.chars().count(), 32);
    }
}

//! Case for matching, without the standard library's Unicode case tables
//! (`char::to_lowercase` and `to_uppercase` link about 16 KB gzipped of them
//! into each WASM module). Where the core ignores case — did-you-mean over
//! keys, names and rule ids, fuzzy symbol search, section titles, stated
//! yes/no values — it folds one character to one character: ASCII, Latin-1,
//! Latin Extended-A, basic Greek and basic Cyrillic, the blocks where a
//! letter's other case sits at a fixed distance. Every other character is its
//! own case (so `İ`, `ß` or Armenian letters match only themselves). Never
//! used for text written back into a document.

/// `c` in lowercase, as described in the module docs.
pub fn lower(c: char) -> char {
    let u = u32::from(c);
    let l = match u {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE | 0x391..=0x3A1 | 0x3A3..=0x3AB | 0x410..=0x42F => u + 0x20,
        0x400..=0x40F => u + 0x50,
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 if u % 2 == 0 => u + 1,
        0x139..=0x148 | 0x179..=0x17E if u % 2 == 1 => u + 1,
        0x178 => 0xFF,
        _ => u,
    };
    char::from_u32(l).unwrap_or(c)
}

/// `c` in uppercase, the inverse of [`lower`].
pub fn upper(c: char) -> char {
    let u = u32::from(c);
    let l = match u {
        0x61..=0x7A | 0xE0..=0xF6 | 0xF8..=0xFE | 0x3B1..=0x3C1 | 0x3C3..=0x3CB | 0x430..=0x44F => u - 0x20,
        0x450..=0x45F => u - 0x50,
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 if u % 2 == 1 => u - 1,
        0x139..=0x148 | 0x179..=0x17E if u % 2 == 0 => u - 1,
        0xFF => 0x178,
        _ => u,
    };
    char::from_u32(l).unwrap_or(c)
}

/// Whether `c` is an uppercase letter [`lower`] folds.
pub fn is_upper(c: char) -> bool {
    lower(c) != c
}

/// Whether `c` is a lowercase letter [`upper`] folds.
pub fn is_lower(c: char) -> bool {
    upper(c) != c
}

/// `s` through [`lower`].
pub fn lowercase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_lowercase(&mut out, s);
    out
}

/// Appends `s` through [`lower`] to `out` (ASCII text a word at a time).
pub fn push_lowercase(out: &mut String, s: &str) {
    if s.is_ascii() {
        let start = out.len();
        out.push_str(s);
        out[start..].make_ascii_lowercase();
    } else {
        out.extend(s.chars().map(lower));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The standard library's one-character mapping of `c`, if it has one.
    fn std_one(mut it: impl Iterator<Item = char>) -> Option<char> {
        let first = it.next()?;
        it.next().is_none().then_some(first)
    }

    /// Wherever the fold changes a character, it agrees with the standard
    /// library; and it covers every cased letter of the blocks it claims.
    #[test]
    fn agrees_with_std_in_its_blocks() {
        let mut folded = 0;
        for c in (0..0x500u32).filter_map(char::from_u32) {
            let (l, u) = (lower(c), upper(c));
            if l != c {
                assert_eq!(Some(l), std_one(c.to_lowercase()), "lower {c:?}");
                assert_eq!(upper(l), c, "round trip {c:?}");
                folded += 1;
            }
            if u != c {
                assert_eq!(Some(u), std_one(c.to_uppercase()), "upper {c:?}");
                assert_eq!(lower(u), c, "round trip {c:?}");
            }
            let claimed =
                matches!(u32::from(c), 0..=0x17F | 0x391..=0x3A9 | 0x3B1..=0x3C9 | 0x400..=0x44F | 0x450..=0x45F);
            let pair = std_one(c.to_lowercase()).filter(|&x| x != c && std_one(x.to_uppercase()) == Some(c));
            if claimed && !matches!(c, 'İ' | 'ı' | 'ſ' | 'ĸ' | 'ŉ' | 'K' | 'Å') {
                if let Some(x) = pair {
                    assert_eq!(l, x, "missed {c:?}");
                }
            }
        }
        assert_eq!(folded, 26 + 30 + 62 + 26 + 48);
    }

    #[test]
    fn other_characters_are_their_own_case() {
        for c in ['ß', 'İ', 'ı', 'Ա', '中', '1', '-', '\u{1E9E}'] {
            assert_eq!((lower(c), upper(c)), (c, c), "{c:?}");
        }
        assert_eq!(lowercase("Über ÇA va, Ωμέγα ПРИВЕТ Ÿ"), "über ça va, ωμέγα привет ÿ");
        assert!(is_upper('É') && is_lower('é') && !is_upper('é') && !is_lower('1'));
    }
}

//! A schema's `pattern`: compiled once with rolekit's own engine
//! ([`super::regex`], the language of `regex-lite`: what decides which
//! patterns are valid, and how they match: ECMA's `\d`, `\w`, `\s` and `\b`
//! are ASCII there), and natively also as a DFA when that gives the same
//! answers, since a PikeVM was a tenth of `rolekit check`'s time.
//!
//! The DFA is `regex-automata`'s meta engine (already in native builds
//! through `ignore` and `bpe-openai`; never in the WASM modules) with
//! Unicode off, so Perl classes and word boundaries are ASCII as in
//! `regex-lite`, and UTF-8 mode on, so a pattern whose meaning depends on
//! Unicode (`.`, a negated class, a non-ASCII escape) does not compile there
//! and stays on the Pike VM. Inline flags (`(?i)`, `(?u)`, ...) also stay
//! there: `(?u)` would turn Unicode classes back on, and case folding differs.

/// A compiled `pattern`.
#[derive(Clone, Debug)]
pub(super) struct Pattern {
    lite: super::regex::Regex,
    #[cfg(not(target_arch = "wasm32"))]
    fast: Option<regex_automata::meta::Regex>,
}

impl Pattern {
    /// `source` compiled, or the reason it is not a valid pattern.
    pub fn new(source: &str) -> Result<Pattern, super::regex::Error> {
        let lite = super::regex::Regex::new(source)?;
        Ok(Pattern {
            lite,
            #[cfg(not(target_arch = "wasm32"))]
            fast: fast(source),
        })
    }

    /// Whether `text` matches (anywhere, as `pattern` does).
    pub fn is_match(&self, text: &str) -> bool {
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(fast) = &self.fast {
            return fast.is_match(text);
        }
        self.lite.is_match(text)
    }
}

/// The DFA of `source` when it matches exactly as the Pike VM does (see
/// the module docs), else `None`.
#[cfg(not(target_arch = "wasm32"))]
fn fast(source: &str) -> Option<regex_automata::meta::Regex> {
    use regex_automata::{meta, util::syntax};
    if source.contains("(?") {
        return None;
    }
    meta::Regex::builder().syntax(syntax::Config::new().unicode(false).utf8(true)).build(source).ok()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// Both engines agree (with each other and with `regex-lite`) on every
    /// pattern and text here; the patterns the DFA must take are those of
    /// the built-in schemas.
    #[test]
    fn the_dfa_answers_as_regex_lite() {
        let patterns = [
            ("^[a-z][a-z0-9]*(-[a-z0-9]+)*$", true),
            ("^\\d+\\.\\d+\\.\\d+(-(alpha|beta|rc)\\.\\d+)?$", true),
            ("^[a-z0-9]+\\.[a-z0-9-]+$", true),
            ("^mcp_[a-z0-9]+(_[a-z0-9]+)*$", true),
            ("^[A-Za-z][A-Za-z0-9_-]*$", true),
            ("\\bword\\b", true),
            ("^\\w+\\s\\w+$", true),
            ("^[[:alpha:]]+$", true),
            ("é", true),
            ("^.$", false),
            ("^[^a-z]+$", false),
            ("(?i)^abc$", false),
            ("(?u)^\\d$", false),
            ("^\\x{e9}$", true),
        ];
        let texts = [
            "",
            "a",
            "platform-engineer",
            "Platform",
            "a--b",
            "1.2.3",
            "1.2.3-rc.1",
            "١.٢.٣",
            "x.y-z",
            "mcp_git_diff",
            "word",
            "a word here",
            "wordé",
            "éword",
            "é",
            "ab cd",
            "abc",
            "ABC",
            "δ",
            "9",
            "\u{2000}",
            "a\nb",
            "-",
        ];
        for (pattern, dfa) in patterns {
            let p = Pattern::new(pattern).unwrap_or_else(|e| panic!("{pattern}: {e}"));
            assert_eq!(p.fast.is_some(), dfa, "{pattern}");
            for text in texts {
                assert_eq!(p.is_match(text), p.lite.is_match(text), "{pattern} on {text:?}");
                let oracle = regex_lite::Regex::new(pattern).unwrap_or_else(|e| panic!("{pattern}: {e}"));
                assert_eq!(p.is_match(text), oracle.is_match(text), "{pattern} on {text:?}");
            }
        }
        assert!(Pattern::new("(unclosed").is_err());
        assert!(Pattern::new("\\p{L}").is_err());
    }
}

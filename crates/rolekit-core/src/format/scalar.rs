//! How a one-line scalar is written: plain when YAML reads the plain text
//! as the same string, else quoted the way Prettier quotes it.
//!
//! A scalar's type never changes: a plain scalar is written as it is
//! (`version: 1.0` stays a number), and a quoted one loses its quotes only
//! when the plain text is a string under YAML 1.2 *and* under the YAML 1.1
//! rules older readers apply (`yes`, `on`, `2025-01-01`, `0777` and
//! anything starting with a digit stay quoted).

use crate::syntax::yaml::{self, Scalar, Style};

use super::options::Quote;

/// The text to write for the one-line scalar `scalar`, written as `raw` in the
/// source (quotes included); `None` keeps `raw` as it is.
pub fn rewrite(scalar: &Scalar, raw: &str, quote: Quote) -> Option<String> {
    let q = if scalar.style == Style::DoubleQuoted { '"' } else { '\'' };
    if scalar.tag.is_some() || !scalar.style.is_quoted() || raw.len() < 2 || !raw.starts_with(q) || !raw.ends_with(q) {
        return None;
    }
    if plain_reads_as_string(&scalar.text) {
        return (scalar.text != raw).then(|| scalar.text.clone());
    }
    let inner = &raw[1..raw.len() - 1];
    let out = requote(scalar.style, inner, quote);
    (out != raw).then_some(out)
}

/// How to write the string `text` as a new one-line YAML value in block
/// context: plain when it reads back as this very string (see
/// `plain_reads_as_string`), else quoted as [`quoted`] quotes it.
pub fn write_string(text: &str, quote: Quote) -> String {
    if plain_reads_as_string(text) {
        text.to_string()
    } else {
        quoted(text, quote)
    }
}

/// `text` quoted, whatever it holds (flow items, where plain text may not
/// hold `,`, `[` or `]`): Prettier's choice of quote for a plain string
/// (`"` inside takes single quotes, `'` double quotes, else the preferred
/// one); a control character or line break takes double quotes and escapes.
pub fn quoted(text: &str, quote: Quote) -> String {
    if text.chars().any(|c| c.is_control() || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{85}')) {
        // JSON's escapes are YAML's double-quoted escapes.
        return serde_json::Value::String(text.to_string()).to_string();
    }
    let single = if text.contains('"') && !text.contains('\'') {
        true
    } else if text.contains('\'') && !text.contains('"') {
        false
    } else {
        quote == Quote::Single
    };
    if single {
        format!("'{}'", text.replace('\'', "''"))
    } else {
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// Prettier's choice of quotes (`printFlowScalarContent`): a single-quoted
/// text with a backslash, or a double-quoted one with an escape other than
/// `\"`, keeps its quotes; a text holding `"` takes single quotes, one holding
/// `'` double quotes; otherwise the preferred quote.
fn requote(style: Style, inner: &str, quote: Quote) -> String {
    let double = style == Style::DoubleQuoted;
    let keep = if double { has_escape_other_than_quote(inner) } else { inner.contains('\\') };
    if keep {
        let q = if double { '"' } else { '\'' };
        return format!("{q}{inner}{q}");
    }
    if inner.contains('"') {
        let body = if double { inner.replace("\\\"", "\"").replace('\'', "''") } else { inner.to_string() };
        return format!("'{body}'");
    }
    if inner.contains('\'') {
        let body = if double { inner.to_string() } else { inner.replace("''", "'") };
        return format!("\"{body}\"");
    }
    let q = quote.char();
    format!("{q}{inner}{q}")
}

/// `\` followed by anything but `"` (Prettier's `/\\[^"]/`).
fn has_escape_other_than_quote(inner: &str) -> bool {
    let b = inner.as_bytes();
    b.iter().enumerate().any(|(i, &c)| c == b'\\' && b.get(i + 1).is_some_and(|&n| n != b'"'))
}

/// Words YAML 1.1 reads as booleans or null.
const YAML11_WORDS: &[&str] = &["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"];

/// `text` written plain, on one line, as a key or a value in block context,
/// reads back as this very string (YAML 1.2 core schema, and YAML 1.1 where
/// it differs).
pub fn plain_reads_as_string(text: &str) -> bool {
    let Some(first) = text.chars().next() else { return false };
    if text.starts_with([' ', '\t']) || text.ends_with([' ', '\t', ':']) {
        return false;
    }
    if text.chars().any(|c| c.is_control() || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{85}')) {
        return false;
    }
    if text.contains(": ") || text.contains(" #") || text.contains("\t#") {
        return false;
    }
    // Indicators that open something else (a comment, an alias, a tag, a
    // quote, a block scalar, a flow collection, a directive, a reserved sign).
    if "?:,[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if first == '-' && (text.starts_with("- ") || text == "-" || text.starts_with("---")) {
        return false;
    }
    // Numbers, dates and times in any YAML version start with a digit or a sign or a dot before one.
    let mut chars = text.chars();
    let second = {
        chars.next();
        chars.next()
    };
    if first.is_ascii_digit() || (matches!(first, '-' | '+' | '.') && second.is_some_and(|c| c.is_ascii_digit())) {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    if YAML11_WORDS.contains(&lower.as_str()) || lower.starts_with(".inf") || lower.starts_with(".nan") {
        return false;
    }
    if matches!(text, "=" | "<<") {
        return false;
    }
    let plain = Scalar { text: text.to_string(), style: Style::Plain, tag: None };
    matches!(yaml::plain_scalar_value(&plain), serde_json::Value::String(_))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(text: &str, style: Style) -> Scalar {
        Scalar { text: text.to_string(), style, tag: None }
    }

    #[test]
    fn quotes_go_only_where_the_plain_text_is_the_same_string() {
        let cases = [
            ("qa", "\"qa\"", Some("qa")),
            ("it's", "'it''s'", Some("it's")),
            ("1.0.0", "\"1.0.0\"", None),
            ("1.0", "'1.0'", Some("\"1.0\"")),
            ("true", "\"true\"", None),
            ("yes", "'yes'", Some("\"yes\"")),
            ("", "''", Some("\"\"")),
            ("a: b", "'a: b'", Some("\"a: b\"")),
            ("#x", "\"#x\"", None),
            ("*x", "'*x'", Some("\"*x\"")),
            ("-v", "'-v'", Some("-v")),
            ("- v", "'- v'", Some("\"- v\"")),
            ("say \"hi\"", "\"say \\\"hi\\\"\"", Some("say \"hi\"")),
            ("\"hi\": x", "\"\\\"hi\\\": x\"", Some("'\"hi\": x'")),
            ("a\tb", "\"a\\tb\"", None),
            ("x ", "\"x \"", None),
        ];
        for (text, raw, want) in cases {
            let style = if raw.starts_with('"') { Style::DoubleQuoted } else { Style::SingleQuoted };
            assert_eq!(rewrite(&scalar(text, style), raw, Quote::Double).as_deref(), want, "{raw}");
        }
    }

    #[test]
    fn the_preferred_quote_applies_where_prettier_has_no_preference() {
        assert_eq!(rewrite(&scalar("1.0", Style::DoubleQuoted), "\"1.0\"", Quote::Single).as_deref(), Some("'1.0'"));
        assert_eq!(
            rewrite(&scalar("it's 1", Style::SingleQuoted), "'it''s 1'", Quote::Single),
            None.or(Some("it's 1".into()))
        );
        assert_eq!(rewrite(&scalar("a\\b", Style::SingleQuoted), "'a\\b'", Quote::Double), Some("a\\b".into()));
    }

    #[test]
    fn new_strings_read_back_as_themselves() {
        let cases = [
            ("qa", Quote::Double, "qa"),
            ("Read, Grep", Quote::Double, "Read, Grep"),
            ("1.0.0", Quote::Double, "\"1.0.0\""),
            ("yes", Quote::Single, "'yes'"),
            ("a: b", Quote::Double, "\"a: b\""),
            ("say \"hi\": x", Quote::Double, "'say \"hi\": x'"),
            ("it's: x", Quote::Single, "\"it's: x\""),
            ("a\\b: \"c\" 'd'", Quote::Double, "\"a\\\\b: \\\"c\\\" 'd'\""),
            ("two\nlines", Quote::Single, "\"two\\nlines\""),
            ("", Quote::Double, "\"\""),
        ];
        for (text, quote, want) in cases {
            let written = write_string(text, quote);
            assert_eq!(written, want, "{text:?}");
            let doc = crate::Document::new(format!("---\nk: {written}\n---\n"));
            let json = doc.yaml().to_json();
            assert_eq!(json.as_ref().ok().and_then(|j| j.get("k")).and_then(|v| v.as_str()), Some(text), "{written}");
        }
    }

    #[test]
    fn tagged_and_plain_scalars_are_kept() {
        let mut s = scalar("1.0", Style::DoubleQuoted);
        s.tag = Some(crate::syntax::yaml::Tag::Str);
        assert_eq!(rewrite(&s, "\"1.0\"", Quote::Double), None);
        assert_eq!(rewrite(&scalar("x", Style::Plain), "x", Quote::Single), None);
    }
}

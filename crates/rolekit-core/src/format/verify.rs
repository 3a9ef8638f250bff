//! The formatter's proof: the formatted text means what the original meant.
//!
//! - The frontmatter's data is the same JSON (`Yaml::to_json`), keys in the
//!   same order unless they were sorted on request, with no new YAML error
//!   or duplicate key.
//! - The body has the same words, in the same order, once the section
//!   renumbering is applied to the original (so only white space and section
//!   numbers changed).
//! - Every comment, anchor and alias is there as often as before (the marks
//!   [`crate::fix::verify`](mod@crate::fix::verify) keeps for fixes, compared both ways here), the BOM
//!   is kept and no kind of line ending appears that the file did not use.

use serde_json::Value;

use crate::diagnostic::Edit;
use crate::document::Document;
use crate::syntax::marks::{counts, Marks};

/// Why a formatted text was not proven to mean the same as the original.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The frontmatter would parse differently (or not at all).
    Data,
    /// The body's words would differ.
    Words,
    /// This comment would be lost (or duplicated).
    Comment(String),
    /// This anchor or alias would be lost (or duplicated).
    Anchor(String),
    /// Line endings of a kind the file did not use (`"CRLF"`, `"LF"`, `"CR"`).
    LineEnding(&'static str),
    /// The byte-order mark would change.
    Bom,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Data => f.write_str("the frontmatter would not read as the same data"),
            Failure::Words => f.write_str("the body's text would change"),
            Failure::Comment(c) => write!(f, "the comment `{}` would not be kept", shorten(c)),
            Failure::Anchor(a) => write!(f, "`{a}` would not be kept"),
            Failure::LineEnding(kind) => write!(f, "it would add {kind} line endings"),
            Failure::Bom => f.write_str("it would change the byte-order mark"),
        }
    }
}

fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// Checks `after` against `before` (see the module docs); `renumber` are the
/// section-number edits the formatter applied to the body. Keys must be in
/// the same order too, unless `reordered` (`key-order = "schema"`).
pub fn prove(before: &Document, after: &Document, renumber: &[Edit], reordered: bool) -> Result<(), Failure> {
    let (b, a) = (Marks::of(before), Marks::of(after));
    if b.bom != a.bom {
        return Err(Failure::Bom);
    }
    let had_any = b.line_endings.iter().any(|&n| n > 0);
    for (kind, (had, has)) in ["CRLF", "LF", "CR"].into_iter().zip(b.line_endings.iter().zip(a.line_endings.iter())) {
        // A text without any line break gets the final one (LF).
        if *had == 0 && *has > 0 && (had_any || kind != "LF") {
            return Err(Failure::LineEnding(kind));
        }
    }
    same_multiset(b.comments.iter().map(|(_, c)| *c), a.comments.iter().map(|(_, c)| *c)).map_err(Failure::Comment)?;
    same_multiset(b.anchors.iter().copied(), a.anchors.iter().copied()).map_err(Failure::Anchor)?;

    if before.frontmatter().is_some() != after.frontmatter().is_some()
        || after.yaml().error.is_some() != before.yaml().error.is_some()
        || after.yaml().duplicates.len() != before.yaml().duplicates.len()
    {
        return Err(Failure::Data);
    }
    match (before.yaml().to_json(), after.yaml().to_json()) {
        (Ok(x), Ok(y)) if if reordered { x == y } else { same_in_order(&x, &y) } => {}
        _ => return Err(Failure::Data),
    }

    let original = before.text();
    let body_before = &original[before.body_start()..];
    let renumbered;
    let expected = if renumber.is_empty() {
        body_before
    } else {
        renumbered = crate::fix::apply_edits(original, renumber).0;
        renumbered.get(before.body_start()..).unwrap_or("")
    };
    let body_after = &after.text()[after.body_start()..];
    if !same_words(expected, body_after) {
        return Err(Failure::Words);
    }
    Ok(())
}

/// The same words (runs of bytes between ASCII white space) in the same
/// order: the formatter only ever changes ASCII white space in the body.
fn same_words(a: &str, b: &str) -> bool {
    let space = |c: &u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    let x = a.as_bytes().split(space).filter(|w| !w.is_empty());
    x.eq(b.as_bytes().split(space).filter(|w| !w.is_empty()))
}

/// Equal, with the keys of every object in the same order.
fn same_in_order(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|((k1, v1), (k2, v2))| k1 == k2 && same_in_order(v1, v2))
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(v1, v2)| same_in_order(v1, v2))
        }
        _ => a == b,
    }
}

/// `Err(item)` names an item whose count differs.
fn same_multiset<'a>(
    before: impl Iterator<Item = &'a str>,
    after: impl Iterator<Item = &'a str>,
) -> Result<(), String> {
    let mut remaining = counts(before);
    for item in after {
        match remaining.get_mut(item) {
            Some(n) if *n > 0 => *n -= 1,
            _ => return Err(item.to_string()),
        }
    }
    match remaining.into_iter().find(|(_, n)| *n > 0) {
        Some((item, _)) => Err(item.to_string()),
        None => Ok(()),
    }
}

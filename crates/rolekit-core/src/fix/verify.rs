//! Proving a fix: apply it, re-check, and compare.
//!
//! A fix is refused when the fixed text
//! - has more errors of some rule than before (a new error),
//! - lost a comment it did not edit (YAML `# ...` in the frontmatter,
//!   `<!-- ... -->` in the body) or has fewer comments,
//! - lost an anchor (`&name`) or an alias (`*name`),
//! - has a kind of line ending the file did not use, or lost or gained a BOM.
//!
//! Comparisons are multisets, so they hold however the edits shift text.

use crate::analysis::{self, Context};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::rules::{RuleId, Severity};
use crate::syntax::marks::{counts, Marks};
use crate::text::TextRange;

/// Why a fix was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rejection {
    /// The fixed text has an error of this rule that the original did not.
    NewError { rule: RuleId, message: String },
    /// This comment is gone.
    LostComment(String),
    /// This anchor (`&name`) or alias (`*name`) is gone.
    LostAnchor(String),
    /// The fixed text uses a line ending the file does not (`"CRLF"`, `"LF"`, `"CR"`).
    LineEnding(&'static str),
    /// The byte-order mark was removed or added.
    Bom,
    /// The edits do not apply to the text (stale or overlapping).
    Stale,
}

impl std::fmt::Display for Rejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Rejection::NewError { rule, message } => write!(f, "it would cause a new error ({rule}: {message})"),
            Rejection::LostComment(c) => write!(f, "it would lose the comment `{}`", shorten(c)),
            Rejection::LostAnchor(a) => write!(f, "it would lose `{a}`"),
            Rejection::LineEnding(kind) => write!(f, "it would add {kind} line endings to the file"),
            Rejection::Bom => write!(f, "it would change the byte-order mark"),
            Rejection::Stale => write!(f, "its edits no longer fit the text"),
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

/// Applies `fix` to `doc`, re-checks the result with `ctx`, and returns the
/// fixed document with its diagnostics when the fix is safe to offer.
pub fn verify_fix(
    doc: &Document,
    diagnostics: &[Diagnostic],
    fix: &Fix,
    ctx: &Context,
) -> Result<(Document, Vec<Diagnostic>), Rejection> {
    verify_fix_in(doc, diagnostics, fix, ctx, &analysis::Project::default())
}

/// [`verify_fix`] for a document checked as part of `project`.
pub fn verify_fix_in(
    doc: &Document,
    diagnostics: &[Diagnostic],
    fix: &Fix,
    ctx: &Context,
    project: &analysis::Project,
) -> Result<(Document, Vec<Diagnostic>), Rejection> {
    let (text, applied) = super::apply_edits(doc.text(), &fix.edits);
    if applied.len() != fix.edits.len() {
        return Err(Rejection::Stale);
    }
    let after = Document::new(text);
    let after_diagnostics = analysis::check_in(&after, ctx, project);
    verify(doc, diagnostics, &fix.edits, &after, &after_diagnostics)?;
    Ok((after, after_diagnostics))
}

/// Compares a document before and after `edits` (see the module docs).
pub fn verify(
    before: &Document,
    before_diagnostics: &[Diagnostic],
    edits: &[Edit],
    after: &Document,
    after_diagnostics: &[Diagnostic],
) -> Result<(), Rejection> {
    new_error(before_diagnostics, after_diagnostics)?;
    let (b, a) = (Marks::of(before), Marks::of(after));
    if b.bom != a.bom {
        return Err(Rejection::Bom);
    }
    for (kind, (had, has)) in ["CRLF", "LF", "CR"].into_iter().zip(b.line_endings.iter().zip(a.line_endings.iter())) {
        if *had == 0 && *has > 0 {
            return Err(Rejection::LineEnding(kind));
        }
    }
    // Comments the edits did not touch must all be there; edited ones (a
    // mojibake fix inside a comment) must at least still be comments.
    let touched = |r: TextRange| edits.iter().any(|e| e.range.start <= r.end && r.start <= e.range.end);
    let mut remaining = counts(a.comments.iter().map(|(_, c)| *c));
    for (range, comment) in &b.comments {
        if touched(*range) {
            continue;
        }
        match remaining.get_mut(comment) {
            Some(n) if *n > 0 => *n -= 1,
            _ => return Err(Rejection::LostComment(comment.to_string())),
        }
    }
    if a.comments.len() < b.comments.len() {
        let lost = b.comments.iter().find(|(r, _)| touched(*r)).map_or("", |(_, c)| *c);
        return Err(Rejection::LostComment(lost.to_string()));
    }
    let mut remaining = counts(a.anchors.iter().copied());
    for anchor in &b.anchors {
        match remaining.get_mut(anchor) {
            Some(n) if *n > 0 => *n -= 1,
            _ => return Err(Rejection::LostAnchor(anchor.to_string())),
        }
    }
    Ok(())
}

/// More errors of some rule after than before.
fn new_error(before: &[Diagnostic], after: &[Diagnostic]) -> Result<(), Rejection> {
    let errors = |ds: &[Diagnostic]| {
        let mut n = vec![0usize; RuleId::ALL.len()];
        for d in ds.iter().filter(|d| d.severity == Severity::Error) {
            n[d.rule as usize] += 1;
        }
        n
    };
    let (b, a) = (errors(before), errors(after));
    for (i, (had, has)) in b.iter().zip(&a).enumerate() {
        if has > had {
            let rule = RuleId::ALL[i];
            let message = after.iter().find(|d| d.rule == rule).map_or_else(String::new, |d| d.message.clone());
            return Err(Rejection::NewError { rule, message });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> (Document, Vec<Diagnostic>) {
        let doc = Document::new(text.to_string());
        let ds = analysis::check(&doc, &Context::default());
        (doc, ds)
    }

    fn replace(doc: &Document, from: &str, to: &str) -> Fix {
        let start = doc.text().find(from).unwrap_or_else(|| panic!("{from:?} not in text"));
        Fix::safe("test", vec![Edit::replace(TextRange::new(start, start + from.len()), to)])
    }

    #[test]
    fn a_fix_that_drops_an_anchor_or_a_comment_is_refused() {
        let (doc, ds) = check("---\nrole: qa\nexperimental: &x \"true\" # keep me\ncan: *x\n---\n");
        let ctx = Context::default();
        let dropped_anchor = replace(&doc, "&x \"true\"", "true");
        assert!(matches!(verify_fix(&doc, &ds, &dropped_anchor, &ctx), Err(Rejection::NewError { .. })));
        let dropped_comment = replace(&doc, "\"true\" # keep me", "true");
        assert_eq!(
            verify_fix(&doc, &ds, &dropped_comment, &ctx).err(),
            Some(Rejection::LostComment("# keep me".into()))
        );
        let good = replace(&doc, "\"true\"", "true");
        assert!(verify_fix(&doc, &ds, &good, &ctx).is_ok());
    }

    #[test]
    fn a_fix_that_adds_lf_to_a_crlf_file_is_refused() {
        let (doc, ds) = check("---\r\nrole: qa\r\n---\r\n# QA\r\n");
        let fix = Fix::safe("add", vec![Edit::insert(doc.text().len(), "## 1. Mission Statement\n")]);
        assert_eq!(verify_fix(&doc, &ds, &fix, &Context::default()).err(), Some(Rejection::LineEnding("LF")));
    }

    #[test]
    fn an_edit_inside_a_comment_keeps_it_a_comment() {
        let (doc, ds) = check("---\nrole: qa # caf\u{c3}\u{a9}\n---\n");
        let fix = replace(&doc, "caf\u{c3}\u{a9}", "café");
        assert!(verify_fix(&doc, &ds, &fix, &Context::default()).is_ok());
        let removed = replace(&doc, " # caf\u{c3}\u{a9}", "");
        assert!(matches!(verify_fix(&doc, &ds, &removed, &Context::default()), Err(Rejection::LostComment(_))));
    }
}

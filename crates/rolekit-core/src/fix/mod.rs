//! Fixes: applying edits, proving a fix before it is offered
//! ([`verify`](mod@verify)), and the fix-all loop every adapter runs ([`all`]).
//!
//! A diagnostic's fix is a *candidate*. It reaches a user (an editor's quick
//! fix, `rolekit check --fix`, the playground's Fix all) only once the fixed
//! text re-checks with no new error and keeps every comment, anchor, alias,
//! line ending and the BOM; otherwise it is not applied.

pub mod all;
pub mod verify;

pub use all::{fix_all, fix_all_in, FixAll, Rejected};
pub use verify::{verify, verify_fix, verify_fix_in, Rejection};

use crate::diagnostic::{Diagnostic, Edit};

/// Applies `edits` to `text`. Edits that overlap an earlier one (in text
/// order) are skipped, so the result is always well defined; the applied
/// edits are returned with it.
pub fn apply_edits(text: &str, edits: &[Edit]) -> (String, Vec<Edit>) {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    crate::sort::sort_by_key(&mut sorted, |e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut applied = Vec::new();
    let mut pos = 0;
    for edit in sorted {
        let (start, end) = (edit.range.start(), edit.range.end());
        if start < pos || end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        out.push_str(&text[pos..start]);
        out.push_str(&edit.new_text);
        pos = end;
        applied.push(edit.clone());
    }
    out.push_str(&text[pos..]);
    (out, applied)
}

/// Applies the safe fixes of `diagnostics`; a fix whose edits would overlap
/// one already taken is left for the next run. Returns the new text and the
/// diagnostics whose fixes were applied.
pub fn apply_safe_fixes<'d>(text: &str, diagnostics: &'d [Diagnostic]) -> (String, Vec<&'d Diagnostic>) {
    let mut taken: Vec<Edit> = Vec::new();
    let mut fixed = Vec::new();
    for d in diagnostics {
        let Some(fix) = d.fix.as_ref().filter(|f| f.safe) else {
            continue;
        };
        let overlaps = fix.edits.iter().any(|e| {
            taken.iter().any(|t| {
                e.range.start < t.range.end.max(t.range.start + 1) && t.range.start < e.range.end.max(e.range.start + 1)
            })
        });
        if overlaps {
            continue;
        }
        taken.extend(fix.edits.iter().cloned());
        fixed.push(d);
    }
    (apply_edits(text, &taken).0, fixed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::TextRange;

    #[test]
    fn edits_apply_in_order_and_skip_overlaps() {
        let edits = vec![
            Edit::replace(TextRange::new(4, 5), "X"),
            Edit::replace(TextRange::new(0, 1), "A"),
            Edit::replace(TextRange::new(0, 2), "nope"),
        ];
        let (out, applied) = apply_edits("abcdef", &edits);
        assert_eq!(out, "AbcdXf");
        assert_eq!(applied.len(), 2);
    }
}

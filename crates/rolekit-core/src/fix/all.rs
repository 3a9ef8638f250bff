//! Fix all: apply every safe fix, proven, until none is left.
//!
//! Each round takes the safe fixes that do not overlap (the rest wait for the
//! next round), applies them together and verifies the result. When the
//! round is refused, each fix is tried on its own: the ones that pass are
//! applied, the others are set aside for good with the reason (they stay
//! diagnostics, offered as suggestions at most). The CLI's `--fix`, the
//! language server's "fix all" action and the playground's button all run
//! this one loop.

use super::verify::{verify, verify_fix_in, Rejection};
use crate::analysis::{self, Context, Project};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;

/// Rounds at most: a fix that overlaps another waits for the next round,
/// and no fix undoes another, so a few rounds always settle.
pub const MAX_ROUNDS: usize = 8;

/// The outcome of [`fix_all`].
#[derive(Debug)]
pub struct FixAll {
    /// The fixed document (the original when nothing applied).
    pub document: Document,
    /// Its diagnostics. A refused fix is kept on its diagnostic, downgraded
    /// to a suggestion whose description says why.
    pub diagnostics: Vec<Diagnostic>,
    /// Fixes applied.
    pub applied: usize,
    /// Fixes refused, with the reason.
    pub rejected: Vec<Rejected>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Rejected {
    pub diagnostic: Diagnostic,
    pub reason: Rejection,
}

/// What identifies a fix across rounds, whatever earlier edits shifted:
/// its rule, description and the text each edit replaces and inserts.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Signature {
    rule: crate::rules::RuleId,
    description: String,
    edits: Vec<(String, String)>,
}

impl Signature {
    fn of(d: &Diagnostic, fix: &Fix, text: &str) -> Self {
        Signature {
            rule: d.rule,
            description: fix.description.clone(),
            edits: fix.edits.iter().map(|e| (e.range.slice(text).to_string(), e.new_text.clone())).collect(),
        }
    }
}

/// Applies the safe fixes of `doc` (see the module docs), checked alone.
pub fn fix_all(doc: Document, ctx: &Context) -> FixAll {
    fix_all_in(doc, ctx, &Project::default())
}

/// Applies the safe fixes of `doc`, checked as part of `project`.
pub fn fix_all_in(doc: Document, ctx: &Context, project: &Project) -> FixAll {
    let mut doc = doc;
    let mut diagnostics = analysis::check_in(&doc, ctx, project);
    let mut applied = 0;
    let mut refused: Vec<(Signature, Rejected)> = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let candidates = candidates(&doc, &diagnostics, &refused);
        if candidates.is_empty() {
            break;
        }
        let edits: Vec<Edit> = candidates.iter().flat_map(|(_, f)| f.edits.iter().cloned()).collect();
        let (text, _) = super::apply_edits(doc.text(), &edits);
        let after = Document::new(text);
        let after_diagnostics = analysis::check_in(&after, ctx, project);
        if verify(&doc, &diagnostics, &edits, &after, &after_diagnostics).is_ok() {
            applied += candidates.len();
            (doc, diagnostics) = (after, after_diagnostics);
            continue;
        }
        // Some fix in the round is unsafe: find which, one at a time.
        let mut good: Vec<&Fix> = Vec::new();
        for (d, fix) in &candidates {
            match verify_fix_in(&doc, &diagnostics, fix, ctx, project) {
                Ok(_) => good.push(fix),
                Err(reason) => {
                    let signature = Signature::of(d, fix, doc.text());
                    refused.push((signature, Rejected { diagnostic: (*d).clone(), reason }));
                }
            }
        }
        let Some(first) = good.first() else { continue };
        let edits: Vec<Edit> = good.iter().flat_map(|f| f.edits.iter().cloned()).collect();
        let (text, _) = super::apply_edits(doc.text(), &edits);
        let after = Document::new(text);
        let after_diagnostics = analysis::check_in(&after, ctx, project);
        if verify(&doc, &diagnostics, &edits, &after, &after_diagnostics).is_ok() {
            applied += good.len();
            (doc, diagnostics) = (after, after_diagnostics);
        } else if let Ok((after, after_diagnostics)) = verify_fix_in(&doc, &diagnostics, first, ctx, project) {
            // Safe alone, not together: one per round.
            applied += 1;
            (doc, diagnostics) = (after, after_diagnostics);
        }
    }
    downgrade_refused(&doc, &mut diagnostics, &refused);
    let rejected = refused.into_iter().map(|(_, r)| r).collect();
    FixAll { document: doc, diagnostics, applied, rejected }
}

/// The safe fixes to try this round: not refused before, not overlapping
/// one already taken.
fn candidates<'d>(
    doc: &Document,
    diagnostics: &'d [Diagnostic],
    refused: &[(Signature, Rejected)],
) -> Vec<(&'d Diagnostic, &'d Fix)> {
    let mut taken: Vec<(&Diagnostic, &Fix)> = Vec::new();
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for d in diagnostics {
        let Some(fix) = d.fix.as_ref().filter(|f| f.safe && !f.edits.is_empty()) else { continue };
        if !refused.is_empty() && refused.iter().any(|(s, _)| *s == Signature::of(d, fix, doc.text())) {
            continue;
        }
        // Shared fixes (one renumbering for every numbering problem) are taken once.
        if taken.iter().any(|(_, f)| *f == fix) {
            continue;
        }
        let overlaps = fix.edits.iter().any(|e| {
            let (s, t) = (e.range.start, e.range.end.max(e.range.start + 1));
            ranges.iter().any(|&(rs, re)| s < re && rs < t)
        });
        if overlaps {
            continue;
        }
        ranges.extend(fix.edits.iter().map(|e| (e.range.start, e.range.end.max(e.range.start + 1))));
        taken.push((d, fix));
    }
    taken
}

/// A refused fix stays on its diagnostic as a suggestion that says why.
fn downgrade_refused(doc: &Document, diagnostics: &mut [Diagnostic], refused: &[(Signature, Rejected)]) {
    if refused.is_empty() {
        return;
    }
    for d in diagnostics.iter_mut() {
        let Some(fix) = d.fix.as_ref() else { continue };
        let signature = Signature::of(d, fix, doc.text());
        if let Some((_, r)) = refused.iter().find(|(s, _)| *s == signature) {
            let fix = d.fix.get_or_insert_with(|| Fix::suggestion("", Vec::new()));
            fix.safe = false;
            fix.description = format!("{} (not applied: {})", fix.description, r.reason);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleId;

    fn fix(text: &str) -> FixAll {
        fix_all(Document::new(text.to_string()), &Context::default())
    }

    #[test]
    fn safe_fixes_apply_until_none_is_left() {
        let out = fix("---\nrole: qa\nexperimental: \"true\"\n---\n# QA\n\n## Mission Statement\n\nx\n\n## 5. Expertise Scope\n\ny\n");
        assert!(out.applied >= 2, "{out:?}");
        assert!(out.document.text().contains("experimental: true\n"), "{}", out.document.text());
        assert!(out.document.text().contains("## 1. Mission Statement"), "{}", out.document.text());
        assert!(out.document.text().contains("## 2. Expertise Scope"), "{}", out.document.text());
        assert!(out.rejected.is_empty(), "{:?}", out.rejected);
        let again = fix(out.document.text());
        assert_eq!(again.applied, 0, "fix-all is idempotent");
    }

    #[test]
    fn an_unsafe_fix_is_refused_and_the_rest_applied() {
        // The duplicate item holds the anchor its alias needs: removing it would break the file.
        let text = "---\nrole: qa\nexpertise:\n  - Go\n  - &k Go\ntags: [*k]\nexperimental: \"true\"\n---\n";
        let out = fix(text);
        assert_eq!(out.applied, 1, "{out:?}");
        assert!(out.document.text().contains("experimental: true"));
        assert!(out.document.text().contains("&k Go"));
        assert_eq!(out.rejected.len(), 1, "{:?}", out.rejected);
        assert_eq!(out.rejected[0].diagnostic.rule, RuleId::DuplicateItem);
        let d = out.diagnostics.iter().find(|d| d.rule == RuleId::DuplicateItem);
        let f = d.and_then(|d| d.fix.as_ref());
        assert!(f.is_some_and(|f| !f.safe && f.description.contains("not applied")), "{:?}", d);
    }
}

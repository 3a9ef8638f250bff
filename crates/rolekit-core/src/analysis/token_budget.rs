//! `token-budget`: a file, a `##` section or a resolved role over the limits
//! of `[token-budget]`, counted by the counter the adapter injected.

use super::inherits::Resolution;
use crate::diagnostic::{Diagnostic, Related};
use crate::document::Document;
use crate::rules::RuleId;
use crate::tokens::{file_tokens, resolved_tokens, TokenBudget, TokenCounter};

/// What the `token-budget` rule needs: the limits, and a counter in their
/// encoding. Adapters put it in [`Context::token_budget`](super::Context)
/// when a limit is set; without it the rule costs nothing.
#[derive(Clone, Copy)]
pub struct BudgetCheck<'a> {
    pub budget: &'a TokenBudget,
    pub counter: &'a dyn TokenCounter,
}

pub fn check(doc: &Document, check: &BudgetCheck, resolution: Option<&Resolution>, out: &mut Vec<Diagnostic>) {
    let budget = check.budget;
    if !budget.is_set() {
        return;
    }
    let text = doc.text();
    let encoding = budget.encoding;
    let tokens = file_tokens(doc, check.counter);
    let file_over = budget.file.is_some_and(|limit| tokens.file as u64 > limit);
    if let (true, Some(limit)) = (file_over, budget.file) {
        out.push(Diagnostic::new(
            RuleId::TokenBudget,
            doc.fence(),
            format!(
                "the file is {} tokens ({encoding}), over its budget of {limit} (`[token-budget] file`)",
                tokens.file
            ),
        ));
    }
    if let Some(limit) = budget.section {
        for s in tokens.sections.iter().filter(|s| s.tokens as u64 > limit) {
            out.push(Diagnostic::new(
                RuleId::TokenBudget,
                s.heading,
                format!(
                    "section `{}` is {} tokens ({encoding}), over the budget of {limit} per section (`[token-budget] section`)",
                    s.title.slice(text),
                    s.tokens
                ),
            ));
        }
    }
    let (Some(limit), Some(resolution)) = (budget.resolved, resolution) else { return };
    let resolved = resolved_tokens(tokens.file, resolution, check.counter);
    // A role that inherits nothing is its file: said once, by `file`, when both are over.
    if resolved.tokens as u64 <= limit || (resolved.parents.is_empty() && file_over) {
        return;
    }
    let message = if resolved.parents.is_empty() {
        format!("the role is {} tokens ({encoding}), over the budget of {limit} per resolved role (`[token-budget] resolved`)", resolved.tokens)
    } else {
        let parts: Vec<String> = resolved
            .parents
            .iter()
            .map(|p| format!("{} in `{}`", p.tokens, p.role.as_deref().unwrap_or(&p.location)))
            .collect();
        let partial = if resolved.complete { "" } else { " (as far as the broken chain goes)" };
        format!(
            "with what it inherits, the role is {} tokens ({encoding}): {} here, {}{partial}; over the budget of {limit} per resolved role (`[token-budget] resolved`)",
            resolved.tokens,
            resolved.own,
            parts.join(", ")
        )
    };
    let at = doc.inherits().map_or_else(|| doc.fence(), |n| n.range);
    let mut d = Diagnostic::new(RuleId::TokenBudget, at, message);
    for (p, parent) in resolved.parents.iter().zip(&resolution.parents) {
        d = d.with_related(Related {
            message: format!("inherited: {} tokens", p.tokens),
            location: Some(p.location.clone()),
            range: parent.document.fence(),
        });
    }
    out.push(d);
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::analysis::{self, Context, Parent, Resolver};
    use crate::rules::RuleId;
    use crate::tokens::{Encoding, Estimate};

    struct Base;

    impl Resolver for Base {
        fn parent(&self, name: &str) -> Option<Parent> {
            (name == "base").then(|| Parent {
                document: Arc::new(Document::new(format!("---\nrole: base\n---\n# Base\n\n{}\n", "word ".repeat(400)))),
                location: "base.md".to_string(),
            })
        }
    }

    fn run(text: &str, budget: TokenBudget) -> Vec<Diagnostic> {
        let doc = Document::new(text.to_string());
        let ctx = Context {
            file_stem: Some("qa"),
            resolver: &Base,
            token_budget: Some(BudgetCheck { budget: &budget, counter: &Estimate }),
            ..Default::default()
        };
        analysis::check(&doc, &ctx).into_iter().filter(|d| d.rule == RuleId::TokenBudget).collect()
    }

    const ROLE: &str = "---\nrole: qa\ninherits: base\n---\n# QA\n\n## 1. Mission Statement\n\nShort.\n\n## 2. Expertise Scope\n\nA longer section with quite a few more words in it than the first one has.\n";

    #[test]
    fn each_limit_at_its_place() {
        let budget =
            TokenBudget { encoding: Encoding::Cl100kBase, file: Some(10), section: Some(12), resolved: Some(100) };
        let found = run(ROLE, budget);
        let at: Vec<&str> = found.iter().map(|d| d.range.slice(ROLE)).collect();
        assert_eq!(at, ["---", "base", "## 2. Expertise Scope"], "{found:#?}");
        assert!(
            found[0].message.starts_with("the file is 44 tokens (cl100k_base), over its budget of 10"),
            "{}",
            found[0].message
        );
        assert!(found[1].message.contains(" 44 here, 507 in `base`;"), "{}", found[1].message);
        assert_eq!(found[1].related.len(), 1);
        assert!(found[2].message.starts_with("section `2. Expertise Scope` is 25 tokens"), "{}", found[2].message);
    }

    #[test]
    fn within_budget_or_unset_says_nothing() {
        assert!(run(ROLE, TokenBudget::default()).is_empty());
        let roomy = TokenBudget { file: Some(1000), section: Some(1000), resolved: Some(1000), ..Default::default() };
        assert!(run(ROLE, roomy).is_empty());
    }

    #[test]
    fn a_role_without_parents_is_reported_once() {
        let alone = ROLE.replace("inherits: base\n", "");
        let both = TokenBudget { file: Some(10), resolved: Some(10), ..Default::default() };
        let found = run(&alone, both);
        assert_eq!(found.len(), 1, "{found:#?}");
        let only_resolved = TokenBudget { resolved: Some(10), ..Default::default() };
        let found = run(&alone, only_resolved);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].message.starts_with("the role is "), "{}", found[0].message);
    }

    #[test]
    fn off_and_templates_are_skipped() {
        let budget = TokenBudget { file: Some(1), ..Default::default() };
        let mut config = analysis::RuleConfig::new();
        config.set_id(RuleId::TokenBudget, analysis::RuleLevel::Off);
        let doc = Document::new(ROLE.to_string());
        let ctx = Context {
            config: &config,
            token_budget: Some(BudgetCheck { budget: &budget, counter: &Estimate }),
            ..Default::default()
        };
        assert!(analysis::check(&doc, &ctx).iter().all(|d| d.rule != RuleId::TokenBudget));
        let ctx = Context {
            kind: crate::policy::Kind::RoleTemplate,
            token_budget: Some(BudgetCheck { budget: &budget, counter: &Estimate }),
            ..Default::default()
        };
        assert!(analysis::check(&doc, &ctx).iter().all(|d| d.rule != RuleId::TokenBudget));
    }
}

//! Commands: the name against the file name, the pipeline's own references
//! (`rollback_on_failure` names one of its stages), and the body the
//! template defines (a `#` title, `## Role` and `## Goal`).

use super::Context;
use crate::diagnostic::{Diagnostic, Related};
use crate::document::Document;
use crate::rules::RuleId;
use crate::schema::sections::normalize;

pub fn check(doc: &Document, ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(root) = doc.root() else { return };
    if let (Some(stem), Some(node)) = (ctx.file_stem, root.get("name")) {
        if let Some(name) = node.as_str().filter(|n| !n.is_empty() && *n != stem && !node.is_null()) {
            out.push(Diagnostic::new(
                RuleId::CommandFilenameMismatch,
                node.range,
                format!("`name` is `{name}` but the file is `{stem}.md`; valora runs a command by its file name"),
            ));
        }
    }
    let Some(prompts) = root.get("prompts") else { return };
    let Some(rollback) = prompts.get("rollback_on_failure") else { return };
    let Some(target) = rollback.as_str().filter(|s| !s.is_empty() && !rollback.is_null()) else { return };
    let stages: Vec<&crate::syntax::yaml::Node> =
        prompts.get("pipeline").map(|p| p.items().iter().filter_map(|s| s.get("stage")).collect()).unwrap_or_default();
    if stages.is_empty() || stages.iter().any(|s| s.as_str() == Some(target)) {
        return;
    }
    let names: Vec<&str> = stages.iter().filter_map(|s| s.as_str()).collect();
    let mut d = Diagnostic::new(
        RuleId::UnknownStage,
        rollback.range,
        format!(
            "`prompts.rollback_on_failure` names no stage of the pipeline: `{target}` is none of {}",
            names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
        ),
    );
    if let Some(best) = super::closest(target, names.iter().copied()) {
        d.message.push_str(&format!(" (did you mean `{best}`?)"));
        if let Some(stage) = stages.iter().find(|s| s.as_str() == Some(best)) {
            d = d.with_related(Related { message: format!("stage `{best}`"), location: None, range: stage.range });
        }
    }
    out.push(d);
}

/// The sections every command has (valora's command template: Role, Goal,
/// Rules, Context, Process Steps; real commands keep the first two and vary
/// the rest).
const REQUIRED_SECTIONS: &[(&str, &str)] = &[
    ("Role", "which agent profile runs the command (`Use the [agent] profile`)"),
    ("Goal", "what the command achieves"),
];

pub fn check_body(doc: &Document, out: &mut Vec<Diagnostic>) {
    let text = doc.text();
    let headings = &doc.outline().headings;
    let first_h2 = headings.iter().position(|h| h.level == 2);
    super::body::missing_title(doc, first_h2, "Planning Command", out);
    let present: Vec<String> =
        headings.iter().filter(|h| h.level == 2).map(|h| normalize(h.title.slice(text))).collect();
    for (title, what) in REQUIRED_SECTIONS {
        if present.iter().any(|p| *p == normalize(title)) {
            continue;
        }
        let at = headings.iter().find(|h| h.level == 1).map_or(doc.fence(), |h| h.range);
        out.push(Diagnostic::new(
            RuleId::MissingSection,
            at,
            format!("missing section `## {title}`: every command says {what}"),
        ));
    }
}

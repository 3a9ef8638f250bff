//! Prompts: the `id` and `category` against the folder and file name. valora
//! loads prompt `<category>.<name>` from `prompts/NN_<category>/<name>.md`
//! and rejects the file unless its `id` is the same.

use super::Project;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::policy::{file_stem, folder_category, layout};
use crate::rules::RuleId;

pub fn check(doc: &Document, project: &Project, out: &mut Vec<Diagnostic>) {
    let Some(root) = doc.root() else { return };
    let Some(path) = project.path else { return };
    let Some(folder) = layout(path).and_then(|l| l.category_folder) else { return };
    let category = folder_category(folder);
    let stem = file_stem(path);
    let expected = format!("{category}.{stem}");
    if let Some(node) = root.get("id").filter(|n| !n.is_null()) {
        if let Some(id) = node.as_str().filter(|id| *id != expected) {
            let d = Diagnostic::new(
                RuleId::PromptIdMismatch,
                node.range,
                format!(
                    "`id` is `{id}` but the file is `{folder}/{stem}.md`, so valora loads it as `{expected}` and rejects it; \
                     write `id: {expected}` (or move the file)"
                ),
            );
            let quoted = node.as_scalar().is_some_and(|s| s.style.is_quoted());
            out.push(if quoted {
                d
            } else {
                d.with_fix(Fix::suggestion(
                    format!("Change to `{expected}`"),
                    vec![Edit::replace(node.range, expected.clone())],
                ))
            });
        }
    }
    if let Some(node) = root.get("category").filter(|n| !n.is_null()) {
        if let Some(value) = node.as_str().filter(|c| *c != category) {
            out.push(Diagnostic::new(
                RuleId::PromptIdMismatch,
                node.range,
                format!("`category` is `{value}` but the file is in `{folder}`, the folder of `{category}` prompts"),
            ));
        }
    }
}

//! `workspace/willRenameFiles`: the editor is about to rename `old.md` to
//! `new.md` (its file explorer, not a rename of the symbol). When the file
//! is a role named after itself, the answer renames the role with it: its
//! `role:` value and every reference among the role files beside it, the
//! plan of `textDocument/rename` (`ide::rename::rename_role`) without the
//! file rename, which the editor is doing. The edits name files by their old
//! URIs: editors apply them before renaming.
//!
//! Nothing to do (an empty answer): not a role, a template, a role whose
//! `role:` differs from its file name, a move that keeps the name. Refused
//! with a message for the user: a clash with another role, a new file name
//! that is no valid role name (the file is renamed all the same; its `role:`
//! is then flagged by the check).

use std::collections::HashMap;

use ls_types as lsp;
use rolekit_core::ide::rename::{rename_role, RenameError};

use crate::session::Session;
use crate::uri;
use crate::workspace::Seen;

/// The edits for one renamed file (by URI, in the client's encoding), given
/// the role files in its folder (`seen`, the file itself among them);
/// `Ok(None)` when there is nothing to change, `Err` the message for the user.
pub fn will_rename(
    file: &lsp::FileRename,
    seen: &[Seen],
    session: &Session,
) -> Result<Option<HashMap<lsp::Uri, Vec<lsp::TextEdit>>>, String> {
    let (Some(old_stem), Some(new_stem)) = (uri::file_stem(&file.old_uri), uri::file_stem(&file.new_uri)) else {
        return Ok(None);
    };
    let Some(own) = seen.iter().map(Seen::entry).find(|e| e.location == file.old_uri) else { return Ok(None) };
    if own.template || own.role.is_none() || own.name != old_stem || old_stem == new_stem {
        return Ok(None);
    }
    let plan = match rename_role(&own.name, &new_stem, Some(own), seen.iter().map(Seen::entry)) {
        Ok(plan) => plan,
        Err(RenameError::Template | RenameError::NotOnARole) => return Ok(None),
        Err(e) => return Err(format!("rolekit: `role: {}` was not renamed with its file: {e}", own.name)),
    };
    let by_location: HashMap<&str, &Seen> = seen.iter().rev().map(|s| (s.entry().location.as_str(), s)).collect();
    let mut changes: HashMap<lsp::Uri, Vec<lsp::TextEdit>> = HashMap::new();
    for r in &plan.edits {
        let Some(range) = by_location.get(r.location.as_str()).and_then(|s| s.range(r.range, session)) else {
            continue;
        };
        let Ok(uri) = r.location.parse::<lsp::Uri>() else { continue };
        changes.entry(uri).or_default().push(lsp::TextEdit { range, new_text: plan.new.clone() });
    }
    Ok((!changes.is_empty()).then_some(changes))
}

/// The registration options: every Markdown file (the handler decides which are roles).
pub fn options() -> lsp::FileOperationRegistrationOptions {
    lsp::FileOperationRegistrationOptions {
        filters: vec![lsp::FileOperationFilter {
            scheme: None,
            pattern: lsp::FileOperationPattern {
                glob: "**/*.md".to_string(),
                matches: Some(lsp::FileOperationPatternKind::File),
                options: None,
            },
        }],
    }
}

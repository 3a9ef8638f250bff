//! `textDocument/inlayHint`: in a child role, each value it inherits and
//! from which parent, where it would be written (the core places them). The
//! parents are those this revision's check read; before the check is done
//! the request waits for it.

use ls_types as lsp;
use rolekit_core::analysis::Parent;
use rolekit_core::ide::inlay;

use crate::convert::Lines;
use crate::workspace::Snapshot;

pub fn inlay_hints(snap: &Snapshot, range: lsp::Range) -> Option<Vec<lsp::InlayHint>> {
    if !snap.in_scope() {
        return None;
    }
    let checked = snap.checked.as_deref()?;
    let parents: Vec<Parent> = checked
        .parents
        .iter()
        .map(|(location, document)| Parent { document: document.clone(), location: location.clone() })
        .collect();
    let lines = snap.lines();
    let wanted = lines.text_range(range);
    let hints = inlay::inherited_values(&snap.doc, &parents);
    let out = hints
        .into_iter()
        .filter(|h| wanted.touches(h.offset))
        .map(|h| {
            let parent = parents.iter().find(|p| p.location == h.parent_location);
            let location = parent.and_then(|p| {
                let range = Lines::of(&p.document, snap.session.encoding).range(h.parent_range);
                Some(lsp::Location { uri: p.location.parse().ok()?, range })
            });
            let tooltip = format!("`{}` is inherited from `{}` ({})", h.key, h.parent, h.parent_location);
            let value = match &location {
                // The parent's name links to the value in the parent.
                Some(_) => h.label.strip_suffix(h.parent.as_str()).unwrap_or(&h.label).to_string(),
                None => h.label.clone(),
            };
            let label = match location {
                Some(location) => lsp::InlayHintLabel::LabelParts(vec![
                    lsp::InlayHintLabelPart { value, tooltip: None, location: None, command: None },
                    lsp::InlayHintLabelPart {
                        value: h.parent.clone(),
                        tooltip: None,
                        location: Some(location),
                        command: None,
                    },
                ]),
                None => lsp::InlayHintLabel::String(value),
            };
            lsp::InlayHint {
                position: lines.position(h.offset),
                label,
                kind: None,
                text_edits: None,
                tooltip: Some(lsp::InlayHintTooltip::String(tooltip)),
                padding_left: Some(true),
                padding_right: None,
                data: None,
            }
        })
        .collect();
    Some(out)
}

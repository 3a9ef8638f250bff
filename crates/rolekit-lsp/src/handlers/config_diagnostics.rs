//! Problems in `rolekit.toml` (and the schema files it names) as diagnostics
//! on `rolekit.toml`, at their place: a key the core does not know, a bad
//! glob, a schema that cannot be read or compiled. Published whenever the
//! configuration is read, whether or not the editor has the file open (it
//! is not one of the documents the server checks), and cleared once fixed.
//! The same problems also go to the log, as before.

use ls_types as lsp;
use rolekit_core::{Document, PositionEncoding};

use crate::convert::Lines;
use crate::workspace::policy::Policy;

/// The publish for `rolekit.toml` under `policy`; `None` when there is
/// nothing to say (no problems now, and `shown` says none were published).
pub fn publish(policy: &Policy, encoding: PositionEncoding, shown: bool) -> Option<lsp::PublishDiagnosticsParams> {
    if policy.problems.is_empty() && !shown {
        return None;
    }
    let uri = policy.config_uri()?.parse::<lsp::Uri>().ok()?;
    let doc = Document::new(policy.config_text.as_deref().unwrap_or_default().to_string());
    let lines = Lines::of(&doc, encoding);
    let diagnostics = policy
        .problems
        .iter()
        .map(|p| lsp::Diagnostic {
            range: lines.range(p.range),
            severity: Some(lsp::DiagnosticSeverity::ERROR),
            source: Some("rolekit".to_string()),
            message: p.message.clone(),
            ..Default::default()
        })
        .collect();
    Some(lsp::PublishDiagnosticsParams { uri, diagnostics, version: None })
}

//! The session: what was negotiated with this client at `initialize` (its
//! capabilities, the position encoding, push or pull diagnostics) and the
//! settings it sends. Fixed for the session except the settings, which
//! replace the whole value (it is shared as an `Arc`).

use rolekit_core::PositionEncoding;
use serde_json::Value;
use ls_types as lsp;

use rolekit_core::policy::Settings;

/// What the client said it supports, reduced to what the server uses.
#[derive(Clone, Debug, Default)]
pub struct ClientCaps {
    pub snippets: bool,
    pub related_information: bool,
    pub hierarchical_symbols: bool,
    pub definition_links: bool,
    pub pull_diagnostics: bool,
    pub diagnostic_refresh: bool,
    pub watch_files_dynamic: bool,
    pub configuration: bool,
    /// The server may create work-done progress tokens (`window/workDoneProgress/create`).
    pub work_done_progress: bool,
    /// Workspace edits may create files (`documentChanges` with a `create` operation).
    pub create_files: bool,
    /// Workspace edits may carry `documentChanges` (versioned text edits).
    pub document_changes: bool,
    /// ... and rename files (`documentChanges` with a `rename` operation).
    pub rename_files: bool,
    /// The type hierarchy may be registered dynamically.
    pub type_hierarchy_dynamic: bool,
}

#[derive(Clone, Debug)]
pub struct Session {
    pub encoding: PositionEncoding,
    pub caps: ClientCaps,
    /// Push diagnostics (otherwise the client pulls them; never both).
    pub push: bool,
    /// The editor's `rolekit` settings (they win over `rolekit.toml`).
    pub settings: Settings,
}

impl Default for Session {
    fn default() -> Self {
        Session {
            encoding: PositionEncoding::Utf16,
            caps: ClientCaps::default(),
            push: true,
            settings: Settings::default(),
        }
    }
}

/// What `initialize` brings besides the session.
pub struct Init {
    pub session: Session,
    /// Workspace folder URIs.
    pub roots: Vec<String>,
    /// Settings sent in the initialization options.
    pub settings: Option<Settings>,
    /// What was wrong with them.
    pub settings_errors: Vec<String>,
}

impl Session {
    /// Negotiates the session from the client's `initialize`.
    pub fn initialize(params: &lsp::InitializeParams) -> Init {
        let encoding = negotiate_encoding(&params.capabilities);
        let caps = client_caps(&params.capabilities);
        let options = params.initialization_options.clone().unwrap_or(Value::Null);
        let mode = options.get("diagnosticMode").and_then(Value::as_str).unwrap_or("auto");
        // Pull when the client can and was not told otherwise; push otherwise
        // (never both: a client doing both would show every diagnostic twice).
        let pull = caps.pull_diagnostics && mode != "push";
        let (settings, settings_errors) =
            match options.get("settings").or_else(|| options.get("rolekit")).filter(|v| !v.is_null()) {
                Some(value) => {
                    let (settings, errors) = Settings::from_json(value);
                    (Some(settings), errors)
                }
                None => (None, Vec::new()),
            };
        let session = Session { encoding, caps, push: !pull, settings: Settings::default() };
        Init { session, roots: workspace_roots(params), settings, settings_errors }
    }

    pub fn encoding_kind(&self) -> lsp::PositionEncodingKind {
        match self.encoding {
            PositionEncoding::Utf8 => lsp::PositionEncodingKind::UTF8,
            _ => lsp::PositionEncodingKind::UTF16,
        }
    }
}

fn client_caps(c: &lsp::ClientCapabilities) -> ClientCaps {
    let td = c.text_document.as_ref();
    let ws = c.workspace.as_ref();
    ClientCaps {
        snippets: td
            .and_then(|t| t.completion.as_ref())
            .and_then(|c| c.completion_item.as_ref())
            .and_then(|i| i.snippet_support)
            .unwrap_or(false),
        related_information: td
            .and_then(|t| t.publish_diagnostics.as_ref())
            .and_then(|p| p.related_information)
            .unwrap_or(false),
        hierarchical_symbols: td
            .and_then(|t| t.document_symbol.as_ref())
            .and_then(|d| d.hierarchical_document_symbol_support)
            .unwrap_or(false),
        definition_links: td.and_then(|t| t.definition.as_ref()).and_then(|d| d.link_support).unwrap_or(false),
        pull_diagnostics: td.and_then(|t| t.diagnostic.as_ref()).is_some(),
        diagnostic_refresh: ws.and_then(|w| w.diagnostics.as_ref()).and_then(|d| d.refresh_support).unwrap_or(false),
        watch_files_dynamic: ws
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false),
        configuration: ws.and_then(|w| w.configuration).unwrap_or(false),
        work_done_progress: c.window.as_ref().and_then(|w| w.work_done_progress).unwrap_or(false),
        create_files: resource_operation(c, lsp::ResourceOperationKind::Create),
        // A client listing resource operations takes `documentChanges` (they only exist there).
        document_changes: ws.and_then(|w| w.workspace_edit.as_ref()).is_some_and(|e| {
            e.document_changes == Some(true) || e.resource_operations.as_ref().is_some_and(|ops| !ops.is_empty())
        }),
        rename_files: resource_operation(c, lsp::ResourceOperationKind::Rename),
        type_hierarchy_dynamic: td
            .and_then(|t| t.type_hierarchy.as_ref())
            .and_then(|t| t.dynamic_registration)
            .unwrap_or(false),
    }
}

/// Workspace edits may carry `documentChanges` with the resource operation
/// `kind`. Resource operations exist only inside `documentChanges`, so a
/// client listing one handles them even when it does not also set
/// `documentChanges: true` (Neovim 0.11 and 0.12 do not).
fn resource_operation(c: &lsp::ClientCapabilities, kind: lsp::ResourceOperationKind) -> bool {
    let edit = c.workspace.as_ref().and_then(|w| w.workspace_edit.as_ref());
    edit.is_some_and(|e| e.resource_operations.as_ref().is_some_and(|ops| ops.contains(&kind)))
}

fn negotiate_encoding(c: &lsp::ClientCapabilities) -> PositionEncoding {
    let offered = c.general.as_ref().and_then(|g| g.position_encodings.as_ref());
    if offered.is_some_and(|encs| encs.contains(&lsp::PositionEncodingKind::UTF8)) {
        PositionEncoding::Utf8
    } else {
        PositionEncoding::Utf16
    }
}

#[allow(deprecated)]
fn workspace_roots(p: &lsp::InitializeParams) -> Vec<String> {
    let roots: Vec<String> = match &p.workspace_folders {
        Some(folders) if !folders.is_empty() => folders.iter().map(|f| f.uri.as_str().to_string()).collect(),
        _ => p.root_uri.iter().map(|u| u.as_str().to_string()).collect(),
    };
    roots.into_iter().map(|r| if r.ends_with('/') { r } else { format!("{r}/") }).collect()
}

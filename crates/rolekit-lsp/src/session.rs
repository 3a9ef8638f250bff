//! The session: what was negotiated with this client at `initialize` (its
//! capabilities, the position encoding, push or pull diagnostics) and the
//! settings it sends. Fixed for the session except the settings, which
//! replace the whole value (it is shared as an `Arc`).

use ls_types as lsp;
use rolekit_core::PositionEncoding;
use serde_json::Value;

use rolekit_core::policy::Settings;

use crate::handlers::members::{optional, required, Bad, Member, Members};

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
    pub fn initialize(params: &InitializeParams) -> Init {
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

/// `initialize`'s params, reduced to what the server reads. The client's
/// capabilities stay JSON and are read by path: deserializing them into
/// `ls_types::ClientCapabilities` (a tree of some hundred types) made up a
/// large share of the WebAssembly server, for the dozen flags used here.
#[derive(Debug, Default)]
pub struct InitializeParams {
    pub capabilities: Value,
    pub initialization_options: Option<Value>,
    pub workspace_folders: Option<Vec<WorkspaceFolder>>,
    pub root_uri: Option<String>,
}

impl Member for InitializeParams {
    fn read(value: Value) -> Result<Self, Bad> {
        let mut m = Members::read(value)?;
        Ok(InitializeParams {
            capabilities: optional(&mut m, "capabilities")?.unwrap_or_default(),
            initialization_options: optional(&mut m, "initializationOptions")?,
            workspace_folders: optional(&mut m, "workspaceFolders")?,
            root_uri: optional(&mut m, "rootUri")?,
        })
    }
}

#[derive(Debug)]
pub struct WorkspaceFolder {
    pub uri: String,
}

impl Member for WorkspaceFolder {
    fn read(value: Value) -> Result<Self, Bad> {
        Ok(WorkspaceFolder { uri: required(&mut Members::read(value)?, "uri")? })
    }
}

/// The boolean at `path` in the capabilities (false when absent or not a boolean).
fn flag(c: &Value, path: &str) -> bool {
    c.pointer(path).and_then(Value::as_bool).unwrap_or(false)
}

fn client_caps(c: &Value) -> ClientCaps {
    ClientCaps {
        snippets: flag(c, "/textDocument/completion/completionItem/snippetSupport"),
        related_information: flag(c, "/textDocument/publishDiagnostics/relatedInformation"),
        hierarchical_symbols: flag(c, "/textDocument/documentSymbol/hierarchicalDocumentSymbolSupport"),
        definition_links: flag(c, "/textDocument/definition/linkSupport"),
        pull_diagnostics: c.pointer("/textDocument/diagnostic").is_some_and(|d| !d.is_null()),
        diagnostic_refresh: flag(c, "/workspace/diagnostics/refreshSupport"),
        watch_files_dynamic: flag(c, "/workspace/didChangeWatchedFiles/dynamicRegistration"),
        configuration: flag(c, "/workspace/configuration"),
        work_done_progress: flag(c, "/window/workDoneProgress"),
        create_files: resource_operation(c, "create"),
        // A client listing resource operations takes `documentChanges` (they only exist there).
        document_changes: flag(c, "/workspace/workspaceEdit/documentChanges")
            || resource_operations(c).is_some_and(|ops| !ops.is_empty()),
        rename_files: resource_operation(c, "rename"),
        type_hierarchy_dynamic: flag(c, "/textDocument/typeHierarchy/dynamicRegistration"),
    }
}

fn resource_operations(c: &Value) -> Option<&Vec<Value>> {
    c.pointer("/workspace/workspaceEdit/resourceOperations").and_then(Value::as_array)
}

/// Workspace edits may carry `documentChanges` with the resource operation
/// `kind`. Resource operations exist only inside `documentChanges`, so a
/// client listing one handles them even when it does not also set
/// `documentChanges: true` (Neovim 0.11 and 0.12 do not).
fn resource_operation(c: &Value, kind: &str) -> bool {
    resource_operations(c).is_some_and(|ops| ops.iter().any(|op| op.as_str() == Some(kind)))
}

fn negotiate_encoding(c: &Value) -> PositionEncoding {
    let offered = c.pointer("/general/positionEncodings").and_then(Value::as_array);
    if offered.is_some_and(|encs| encs.iter().any(|e| e.as_str() == Some(lsp::PositionEncodingKind::UTF8.as_str()))) {
        PositionEncoding::Utf8
    } else {
        PositionEncoding::Utf16
    }
}

fn workspace_roots(p: &InitializeParams) -> Vec<String> {
    let roots: Vec<String> = match &p.workspace_folders {
        Some(folders) if !folders.is_empty() => folders.iter().map(|f| f.uri.clone()).collect(),
        _ => p.root_uri.iter().cloned().collect(),
    };
    roots.into_iter().map(|r| if r.ends_with('/') { r } else { format!("{r}/") }).collect()
}

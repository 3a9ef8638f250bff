//! `rolekit/resolvedRole` `{ "uri": ... }`: the role as a loader that
//! honours `inherits` sees it (JSON), for "Show Resolved Role". The open
//! document when it is open, else the file.

use std::sync::{Arc, Mutex};

use rolekit_core::{analysis, Document};
use serde_json::Value;

use crate::fs::FileSystem;
use crate::workspace::resolver::Resolver;
use crate::workspace::Workspace;

pub fn resolved_role(
    workspace: &Mutex<Workspace>,
    fs: &dyn FileSystem,
    uri: &str,
    doc: Option<Arc<Document>>,
) -> Value {
    let Some(doc) = doc.or_else(|| Some(Arc::new(Document::new(fs.read(uri)?)))) else {
        return Value::Null;
    };
    let resolver = Resolver::new(workspace, fs, uri);
    let resolution = analysis::resolve(&doc, &resolver);
    analysis::resolved_role(&doc, &resolution)
}

//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it. The rules
//! come from the registry; regions are 1-based with UTF-16 columns
//! (`columnKind: utf16CodeUnits`); artifact URIs are relative to the current
//! directory (the repository root in CI).

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rolekit_core::rules::RULES;
use rolekit_core::{Document, Severity, TextRange};
use serde_json::{json, Value};

use super::{position, FileReport, Output, Summary};

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub struct Sarif {
    cwd: PathBuf,
    written: usize,
}

impl Sarif {
    pub fn new(cwd: &Path) -> Self {
        Self { cwd: cwd.to_path_buf(), written: 0 }
    }

    fn uri(&self, path: &str) -> String {
        let p = Path::new(path);
        if p.is_absolute() {
            if let Ok(rel) = p.strip_prefix(&self.cwd) {
                return encode(&rel.to_string_lossy());
            }
            return format!("file://{}", encode(path));
        }
        encode(path)
    }
}

pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

fn driver() -> Value {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            let help = r.markdown();
            json!({
                "id": r.id.as_str(),
                "name": r.id.as_str(),
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.why},
                "help": {"text": help, "markdown": help},
                "defaultConfiguration": {"level": level(r.severity)},
                "properties": {"tags": [format!("{:?}", r.category).to_lowercase()]},
            })
        })
        .collect();
    json!({
        "name": "rolekit",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "informationUri": env!("CARGO_PKG_REPOSITORY"),
        "rules": rules,
    })
}

fn region(doc: &Document, r: TextRange) -> Value {
    let start = position(doc, r.start());
    let end = position(doc, r.end());
    json!({
        "startLine": start.line + 1,
        "startColumn": start.character + 1,
        "endLine": end.line + 1,
        "endColumn": end.character + 1,
    })
}

impl Output for Sarif {
    fn begin(&mut self, w: &mut dyn Write) -> io::Result<()> {
        let tool = json!({ "driver": driver() });
        write!(
            w,
            "{{\"$schema\":\"{SCHEMA}\",\"version\":\"2.1.0\",\"runs\":[{{\"tool\":{tool},\"columnKind\":\"utf16CodeUnits\",\"results\":["
        )
    }

    fn render(&self, file: &FileReport) -> String {
        let uri = self.uri(file.path);
        let mut out = Vec::with_capacity(file.diagnostics.len());
        for d in file.diagnostics {
            let mut result = json!({
                "ruleId": d.rule.as_str(),
                "level": level(d.severity),
                "message": {"text": d.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": region(file.doc, d.range),
                    }
                }],
            });
            if let Some(index) = RULES.iter().position(|r| r.id == d.rule) {
                result["ruleIndex"] = json!(index);
            }
            if let Some(fix) = d.fix.as_ref().filter(|f| f.safe) {
                result["fixes"] = json!([{
                    "description": {"text": fix.description},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": uri},
                        "replacements": fix.edits.iter().map(|e| json!({
                            "deletedRegion": region(file.doc, e.range),
                            "insertedContent": {"text": e.new_text},
                        })).collect::<Vec<_>>(),
                    }],
                }]);
            }
            out.push(result.to_string());
        }
        out.join(",\n")
    }

    fn write_file(&mut self, w: &mut dyn Write, rendered: &str) -> io::Result<()> {
        if rendered.is_empty() {
            return Ok(());
        }
        w.write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
        self.written += 1;
        w.write_all(rendered.as_bytes())
    }

    fn end(&mut self, w: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        writeln!(w, "\n]}}]}}")
    }
}

/// Percent-encodes what a relative URI reference cannot hold as is.
fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'/'
                    | b'@'
                    | b'+'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b','
                    | b';'
                    | b'='
            );
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

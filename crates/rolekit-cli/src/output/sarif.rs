//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it. The rules
//! come from the registry; regions are 1-based with UTF-16 columns
//! (`columnKind: utf16CodeUnits`); artifact URIs are relative to the current
//! directory (the repository root in CI).

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rolekit_core::rules::RULES;
use rolekit_core::{Document, Severity, TextRange};
use serde::Serialize;
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

/// One result, in the field order GitHub's examples (and our snapshots) use.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    level: &'static str,
    message: Text<'a>,
    locations: &'a [SarifLocation<'a>],
    rule_index: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    fixes: Option<[SarifFix<'a>; 1]>,
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation<'a> {
    physical_location: PhysicalLocation<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation<'a>,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation<'a> {
    uri: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    description: Text<'a>,
    artifact_changes: [ArtifactChange<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation<'a>,
    replacements: &'a [Replacement<'a>],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: Region,
    inserted_content: Text<'a>,
}

fn region(doc: &Document, r: TextRange) -> Region {
    let start = position(doc, r.start());
    let end = position(doc, r.end());
    Region {
        start_line: start.line + 1,
        start_column: start.character + 1,
        end_line: end.line + 1,
        end_column: end.character + 1,
    }
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
        let mut out = String::with_capacity(file.diagnostics.len() * 320);
        for d in file.diagnostics {
            let location = [SarifLocation {
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation { uri: &uri },
                    region: region(file.doc, d.range),
                },
            }];
            let replacements: Vec<Replacement> = match d.fix.as_ref().filter(|f| f.safe) {
                Some(fix) => fix
                    .edits
                    .iter()
                    .map(|e| Replacement {
                        deleted_region: region(file.doc, e.range),
                        inserted_content: Text { text: &e.new_text },
                    })
                    .collect(),
                None => Vec::new(),
            };
            let fixes = d.fix.as_ref().filter(|f| f.safe).map(|fix| {
                [SarifFix {
                    description: Text { text: &fix.description },
                    artifact_changes: [ArtifactChange {
                        artifact_location: ArtifactLocation { uri: &uri },
                        replacements: &replacements,
                    }],
                }]
            });
            let result = SarifResult {
                rule_id: d.rule.as_str(),
                level: level(d.severity),
                message: Text { text: &d.message },
                locations: &location,
                rule_index: d.rule as usize,
                fixes,
            };
            if !out.is_empty() {
                out.push_str(",\n");
            }
            if let Ok(json) = serde_json::to_string(&result) {
                out.push_str(&json);
            }
        }
        out
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

//! `--format json`: the stable contract documented in `docs/json-format.md`.

use std::io::{self, Write};

use rolekit_core::{Diagnostic, Document, Position, TextRange};
use serde::Serialize;

use super::{position, FileReport, Output, Summary};

pub const VERSION: u32 = 1;

#[derive(Default)]
pub struct Json {
    written: usize,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    range: JsonRange,
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonRange {
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    description: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    range: JsonRange,
    #[serde(rename = "newText")]
    new_text: &'a str,
}

fn range(doc: &Document, r: TextRange) -> JsonRange {
    JsonRange { start: position(doc, r.start()), end: position(doc, r.end()) }
}

fn diagnostic<'a>(doc: &Document, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
    JsonDiagnostic {
        rule: d.rule.as_str(),
        severity: d.severity.as_str(),
        message: &d.message,
        range: range(doc, d.range),
        fix: d.fix.as_ref().map(|f| JsonFix {
            description: &f.description,
            edits: f.edits.iter().map(|e| JsonEdit { range: range(doc, e.range), new_text: &e.new_text }).collect(),
        }),
    }
}

impl Output for Json {
    /// A file is one JSON object: written whole.
    fn write_large(&mut self, w: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        let rendered = self.render(file);
        self.write_file(w, &rendered)
    }

    fn begin(&mut self, w: &mut dyn Write) -> io::Result<()> {
        write!(w, "{{\"version\":{VERSION},\"files\":[")
    }

    fn render(&self, file: &FileReport) -> String {
        let json = JsonFile {
            path: file.path,
            diagnostics: file.diagnostics.iter().map(|d| diagnostic(file.doc, d)).collect(),
        };
        // Plain structs of strings and numbers: serialisation cannot fail.
        serde_json::to_string(&json).unwrap_or_default()
    }

    fn write_file(&mut self, w: &mut dyn Write, rendered: &str) -> io::Result<()> {
        w.write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
        self.written += 1;
        w.write_all(rendered.as_bytes())
    }

    fn end(&mut self, w: &mut dyn Write, s: &Summary) -> io::Result<()> {
        writeln!(w, "\n],\"summary\":{{\"files\":{},\"errors\":{},\"warnings\":{}}}}}", s.files, s.errors, s.warnings)
    }
}

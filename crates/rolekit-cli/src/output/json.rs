//! `--format json`: the stable contract documented in `docs/json-format.md`,
//! made of the report types in `rolekit-wire` (defined there once).

use std::io::{self, Write};

use rolekit_wire::report::{self, Summary as JsonSummary};
use rolekit_wire::Lines;

use super::{FileReport, Output, Summary};

pub use report::VERSION;

#[derive(Default)]
pub struct Json {
    written: usize,
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
        let json = report::File::from_core(file.path, file.diagnostics, &Lines::of(file.doc));
        // Plain structs of strings and numbers: serialisation cannot fail.
        serde_json::to_string(&json).unwrap_or_default()
    }

    fn write_file(&mut self, w: &mut dyn Write, rendered: &str) -> io::Result<()> {
        w.write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
        self.written += 1;
        w.write_all(rendered.as_bytes())
    }

    fn end(&mut self, w: &mut dyn Write, s: &Summary) -> io::Result<()> {
        let summary = JsonSummary { files: s.files, errors: s.errors, warnings: s.warnings };
        let summary = serde_json::to_string(&summary).unwrap_or_default();
        writeln!(w, "\n],\"summary\":{summary}}}")
    }
}

#[cfg(test)]
mod tests {
    use rolekit_core::{analysis, Document};

    use super::*;

    /// What the streaming writer prints reads back into the contract's
    /// types, which reject unknown fields: the shape is the one in `rolekit-wire`.
    #[test]
    fn output_reads_back_as_the_report_type() {
        let doc = Document::new("---\nrole: x\ntone: loud\n---\n# X\n".to_string());
        let diagnostics = analysis::check(&doc, &analysis::Context::default());
        let file = FileReport { path: "x.md", doc: &doc, diagnostics: &diagnostics };
        let mut json = Json::default();
        let mut out = Vec::new();
        let summary = Summary { files: 1, errors: 2, ..Summary::default() };
        let written = json
            .begin(&mut out)
            .and_then(|()| json.write_file(&mut out, &json.render(&file)))
            .and_then(|()| json.end(&mut out, &summary));
        assert!(written.is_ok());
        let text = String::from_utf8(out).unwrap_or_default();
        let report: Result<report::Report, _> = serde_json::from_str(&text);
        let report = match report {
            Ok(r) => r,
            Err(e) => panic!("{e}: {text}"),
        };
        assert_eq!(report.version, VERSION);
        assert_eq!(report.files.len(), 1);
        assert_eq!(report.files[0].diagnostics.len(), diagnostics.len());
        assert_eq!(report.summary, JsonSummary { files: 1, errors: 2, warnings: 0 });
    }
}

//! `--format github`: GitHub Actions workflow commands
//! (`::error file=...,line=...,col=...,endLine=...,endColumn=...,title=rule::message`).
//! Lines and columns are 1-based; columns count UTF-16 code units.

use std::io::{self, Write};

use rolekit_core::Severity;

use super::{position, FileReport, Output, Summary};

pub struct Github;

impl Output for Github {
    fn render(&self, file: &FileReport) -> String {
        let mut out = String::new();
        for d in file.diagnostics {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Hint => "notice",
            };
            let start = position(file.doc, d.range.start());
            let end = position(file.doc, d.range.end());
            out.push_str(&format!(
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                escape_property(file.path),
                start.line + 1,
                start.character + 1,
                end.line + 1,
                end.character + 1,
                escape_property(d.rule.as_str()),
                escape_data(&d.message),
            ));
        }
        out
    }

    fn end(&mut self, _w: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

/// Message text: `%`, CR and LF are encoded; other control characters (an
/// escape sequence in a file name) are written as `\u{1b}`.
pub fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c if c.is_control() => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    out
}

/// Property values: also `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

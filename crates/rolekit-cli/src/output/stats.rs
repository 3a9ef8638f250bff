//! `rolekit stats` output: human (each file's parts, then a table of
//! folders and the total) or the JSON contract of `docs/stats-format.md`
//! (`rolekit_wire::stats`). Workers render each file; the main thread writes
//! the pieces in path order, then the totals.

use std::io::{self, Write};

use rolekit_core::tokens::Encoding;
use rolekit_wire::stats::{FileStats, FolderStats, Total, VERSION};

use crate::discover::printable;

pub trait StatsOutput: Sync {
    fn begin(&mut self, w: &mut dyn Write, encoding: Encoding) -> io::Result<()>;
    /// Renders one file (called from worker threads).
    fn render(&self, file: &FileStats) -> String;
    /// Writes one rendered file, in path order.
    fn write_file(&mut self, w: &mut dyn Write, rendered: &str) -> io::Result<()>;
    fn end(&mut self, w: &mut dyn Write, folders: &[FolderStats], total: &Total) -> io::Result<()>;
}

pub fn new(json: bool) -> Box<dyn StatsOutput> {
    if json {
        Box::new(Json::default())
    } else {
        Box::new(Human::default())
    }
}

#[derive(Default)]
pub struct Human {
    encoding: Encoding,
}

impl StatsOutput for Human {
    fn begin(&mut self, _w: &mut dyn Write, encoding: Encoding) -> io::Result<()> {
        self.encoding = encoding;
        Ok(())
    }

    fn render(&self, f: &FileStats) -> String {
        let mut out = format!("{}: {}", printable(&f.path), plural(f.tokens, "token"));
        match &f.resolved {
            None => out.push_str(" (template)"),
            Some(r) if !r.inherits.is_empty() || !r.complete => {
                out.push_str(&format!(", {} with what it inherits", r.tokens));
                if !r.complete {
                    out.push_str(" (the `inherits` chain is broken: `rolekit check` says where)");
                }
            }
            Some(_) => {}
        }
        out.push('\n');
        let mut line = |n: usize, what: &str| out.push_str(&format!("{n:>8}  {what}\n"));
        if let Some(n) = f.frontmatter {
            line(n, "frontmatter");
        }
        if f.other > 0 || f.sections.is_empty() {
            line(f.other, "outside sections (title, introduction)");
        }
        for s in &f.sections {
            line(s.tokens, &format!("## {}", printable(&s.title)));
        }
        for p in f.resolved.iter().flat_map(|r| &r.inherits) {
            let name = p.role.as_deref().unwrap_or("?");
            line(p.tokens, &format!("inherited from {} ({})", printable(name), printable(&p.path)));
        }
        out.push('\n');
        out
    }

    fn write_file(&mut self, w: &mut dyn Write, rendered: &str) -> io::Result<()> {
        w.write_all(rendered.as_bytes())
    }

    fn end(&mut self, w: &mut dyn Write, folders: &[FolderStats], total: &Total) -> io::Result<()> {
        if !folders.is_empty() {
            writeln!(w, "{:>8}  {:>10}  {:>10}  folder", "files", "tokens", "resolved")?;
            for f in folders {
                writeln!(w, "{:>8}  {:>10}  {:>10}  {}", f.files, f.tokens, f.resolved, printable(&f.path))?;
            }
            writeln!(w)?;
        }
        writeln!(
            w,
            "Total: {} in {} ({}); {} with what they inherit.",
            plural(total.tokens, "token"),
            plural(total.files, "file"),
            self.encoding,
            total.resolved
        )
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[derive(Default)]
pub struct Json {
    written: usize,
}

impl StatsOutput for Json {
    fn begin(&mut self, w: &mut dyn Write, encoding: Encoding) -> io::Result<()> {
        write!(w, "{{\"version\":{VERSION},\"encoding\":\"{encoding}\",\"files\":[")
    }

    fn render(&self, file: &FileStats) -> String {
        // Plain structs of strings and numbers: serialisation cannot fail.
        serde_json::to_string(file).unwrap_or_default()
    }

    fn write_file(&mut self, w: &mut dyn Write, rendered: &str) -> io::Result<()> {
        w.write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
        self.written += 1;
        w.write_all(rendered.as_bytes())
    }

    fn end(&mut self, w: &mut dyn Write, folders: &[FolderStats], total: &Total) -> io::Result<()> {
        let folders = serde_json::to_string(folders).unwrap_or_default();
        let total = serde_json::to_string(total).unwrap_or_default();
        writeln!(w, "\n],\"folders\":{folders},\"total\":{total}}}")
    }
}

#[cfg(test)]
mod tests {
    use rolekit_core::tokens::{self, Estimate};
    use rolekit_core::Document;
    use rolekit_wire::stats::Stats;

    use super::*;

    /// What the streaming writer prints reads back into the contract's
    /// types, which reject unknown fields.
    #[test]
    fn json_reads_back_as_the_stats_type() {
        let doc = Document::new("---\nrole: qa\n---\n# QA\n\n## 1. Mission Statement\n\nTest.\n".to_string());
        let counts = tokens::file_tokens(&doc, &Estimate);
        let file = FileStats::from_core("roles/qa.md", false, &doc, &counts, None);
        let mut json = Json::default();
        let mut out = Vec::new();
        let total = Total { files: 2, tokens: 2 * file.tokens, resolved: 2 * file.tokens };
        let folder = FolderStats { path: "roles".into(), files: 2, tokens: total.tokens, resolved: total.resolved };
        let written = json
            .begin(&mut out, Encoding::Cl100kBase)
            .and_then(|()| json.write_file(&mut out, &json.render(&file)))
            .and_then(|()| json.write_file(&mut out, &json.render(&file)))
            .and_then(|()| json.end(&mut out, &[folder], &total));
        assert!(written.is_ok());
        let text = String::from_utf8(out).unwrap_or_default();
        let stats: Stats = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
        assert_eq!(stats.version, VERSION);
        assert_eq!(stats.encoding, "cl100k_base");
        assert_eq!(stats.files, vec![file.clone(), file]);
        assert_eq!(stats.total, total);
        assert_eq!(stats.files[0].sections[0].title, "1. Mission Statement");
        assert_eq!(stats.files[0].sections[0].range.start.line, 5);
    }
}

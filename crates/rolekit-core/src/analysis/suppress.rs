//! Inline suppressions: `# rolekit-disable-next-line <rule>[, <rule>...]` in
//! the frontmatter and `<!-- rolekit-disable-next-line <rule> -->` in the
//! body. Without a rule id the directive silences every rule on that line.

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::syntax::markdown::lines;

const DIRECTIVE: &str = "rolekit-disable-next-line";

/// A directive: the 0-based line it silences and the rules (empty: all).
#[derive(Debug, PartialEq, Eq)]
pub struct Suppression {
    pub line: usize,
    pub rules: Vec<String>,
}

pub fn suppressions(doc: &Document) -> Vec<Suppression> {
    let text = doc.text();
    let index = doc.line_index();
    let mut out = Vec::new();
    if let Some(split) = doc.frontmatter() {
        for line in lines(text, split.yaml.start()).take_while(|l| l.start < split.yaml.end()) {
            let s = text[line.start..line.end].trim_start();
            if let Some(rest) = s.strip_prefix('#').map(str::trim_start).and_then(|r| r.strip_prefix(DIRECTIVE)) {
                out.push(Suppression { line: index.line_of(line.start) + 1, rules: rule_list(rest) });
            }
        }
    }
    for comment in &doc.outline().comments {
        let inner = comment.slice(text).trim_start_matches("<!--").trim_end().trim_end_matches("-->").trim();
        if let Some(rest) = inner.strip_prefix(DIRECTIVE) {
            out.push(Suppression { line: index.line_of(comment.end()) + 1, rules: rule_list(rest) });
        }
    }
    out
}

fn rule_list(rest: &str) -> Vec<String> {
    rest.split(|c: char| c == ',' || c.is_whitespace()).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

pub fn apply(doc: &Document, diagnostics: &mut Vec<Diagnostic>) {
    if diagnostics.is_empty() || crate::text::find(doc.text(), DIRECTIVE).is_none() {
        return;
    }
    let found = suppressions(doc);
    if found.is_empty() {
        return;
    }
    let mut by_line: std::collections::HashMap<usize, Vec<&Suppression>> = std::collections::HashMap::new();
    for s in &found {
        by_line.entry(s.line).or_default().push(s);
    }
    let index = doc.line_index();
    diagnostics.retain(|d| {
        let line = index.line_of(d.range.start());
        let Some(here) = by_line.get(&line) else { return true };
        !here.iter().any(|s| s.rules.is_empty() || s.rules.iter().any(|r| r == d.rule.as_str()))
    });
}

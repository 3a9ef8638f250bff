//! A parsed role file: text, line index, frontmatter, YAML tree and body
//! outline, and the frontmatter's line model on first use.

use std::sync::{Arc, OnceLock};

use crate::syntax::frontmatter::{self, Split};
use crate::syntax::lines::{self, YLine};
use crate::syntax::markdown::{self, Outline};
use crate::syntax::yaml::{self, Node, NodeValue, Yaml};
use crate::text::{LineIndex, TextRange};

#[derive(Clone, Debug)]
pub struct Document {
    /// Shared, so an adapter that keeps the text (an editor buffer) and
    /// parses it does not hold it twice.
    text: Arc<String>,
    line_index: LineIndex,
    split: Option<Split>,
    yaml: Yaml,
    outline: Outline,
    /// The frontmatter's lines, read by indentation (for editor features), built on first use.
    yaml_lines: OnceLock<Vec<YLine>>,
}

impl Document {
    pub fn new(text: String) -> Self {
        Self::from_shared(Arc::new(text))
    }

    /// A document over text the caller keeps too (no copy).
    pub fn from_shared(text: Arc<String>) -> Self {
        let line_index = LineIndex::new(&text);
        let split = frontmatter::split(&text);
        let yaml = match &split {
            Some(s) => yaml::parse(&text, s.yaml),
            None => Yaml::default(),
        };
        // Without a frontmatter the body is the whole text, after a BOM.
        let bom = if text.starts_with(crate::text::BOM) { crate::text::BOM.len_utf8() } else { 0 };
        let body_start = split.as_ref().map_or(bom, |s| s.body_start);
        let outline = markdown::outline_indexed(&text, &line_index, body_start, &|title| {
            crate::schema::sections::find(title).is_some()
        });
        Self { text, line_index, split, yaml, outline, yaml_lines: OnceLock::new() }
    }

    /// A JSON file (a valora `registry.json`): no frontmatter and no body,
    /// the whole text parsed into the same spanned tree ([`Document::yaml`]).
    pub fn json(text: String) -> Self {
        let line_index = LineIndex::new(&text);
        let yaml = yaml::parse_json(&text);
        Self {
            text: Arc::new(text),
            line_index,
            split: None,
            yaml,
            outline: Outline::default(),
            yaml_lines: OnceLock::new(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The frontmatter's lines read by indentation (empty without a
    /// frontmatter): what editor features read where the YAML is half-typed.
    /// Built once, on first use.
    pub(crate) fn yaml_lines(&self) -> &[YLine] {
        self.yaml_lines.get_or_init(|| match &self.split {
            Some(split) => lines::yaml_lines(&self.text, split.yaml),
            None => Vec::new(),
        })
    }

    /// The text, copied only when someone else still shares it.
    pub fn into_text(self) -> String {
        Arc::try_unwrap(self.text).unwrap_or_else(|shared| String::clone(&shared))
    }

    /// The text, shared.
    pub fn shared_text(&self) -> &Arc<String> {
        &self.text
    }

    pub fn line_index(&self) -> &LineIndex {
        &self.line_index
    }

    pub fn frontmatter(&self) -> Option<&Split> {
        self.split.as_ref()
    }

    pub fn yaml(&self) -> &Yaml {
        &self.yaml
    }

    pub fn outline(&self) -> &Outline {
        &self.outline
    }

    /// Where the Markdown body starts (0 without frontmatter, or after the BOM).
    pub fn body_start(&self) -> usize {
        let bom = if self.text.starts_with(crate::text::BOM) { crate::text::BOM.len_utf8() } else { 0 };
        self.split.as_ref().map_or(bom, |s| s.body_start)
    }

    /// The frontmatter's root mapping, if it is one.
    pub fn root(&self) -> Option<&Node> {
        self.yaml.root.as_ref().filter(|r| matches!(r.value, NodeValue::Mapping(_)))
    }

    /// The opening `---`, where file-level frontmatter diagnostics point.
    pub fn fence(&self) -> TextRange {
        self.split.as_ref().map_or_else(|| self.first_line(), |s| s.open)
    }

    pub fn first_line(&self) -> TextRange {
        let start = self.line_index.line_start(0);
        TextRange::new(start, self.line_index.line_end(&self.text, 0).max(start))
    }

    /// The `role:` value.
    pub fn role(&self) -> Option<&str> {
        self.root()?.get("role")?.as_str().filter(|s| !s.is_empty())
    }

    /// The document's own `role`, from the tree or, when the YAML is broken
    /// (half-typed), from its line.
    pub(crate) fn role_name(&self) -> Option<String> {
        if let Some(r) = self.role() {
            return Some(r.to_string());
        }
        let value = lines::root_value(&self.text, self.yaml_lines(), "role")?;
        Some(value.slice(&self.text).trim_matches(['"', '\'']).to_string()).filter(|s| !s.is_empty())
    }

    /// The end of the section heading `index` opens: before the next heading
    /// of the same or a higher level, trailing white space excluded.
    pub(crate) fn section_end(&self, index: usize) -> usize {
        let headings = &self.outline.headings;
        let text = self.text.as_str();
        let Some(h) = headings.get(index) else {
            return text.len();
        };
        let next = headings[index + 1..].iter().find(|n| n.level <= h.level).map_or(text.len(), |n| n.range.start());
        let start = h.range.start();
        (start + text.get(start..next).unwrap_or("").trim_end().len()).max(h.range.end())
    }

    /// The `inherits:` value node, when it is a non-empty string.
    pub fn inherits(&self) -> Option<&Node> {
        self.root()?.get("inherits").filter(|n| n.as_str().is_some_and(|s| !s.is_empty()))
    }

    /// The line break the text uses (its first one; `\n` when it has none):
    /// what inserted lines must use, so a fix never mixes line endings.
    pub fn newline(&self) -> &'static str {
        let bytes = self.text.as_bytes();
        match memchr::memchr2(b'\n', b'\r', bytes) {
            Some(i) if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') => "\r\n",
            Some(i) if bytes[i] == b'\r' => "\r",
            _ => "\n",
        }
    }

    /// A role file is Markdown whose frontmatter has a `role:` key.
    pub fn is_role_file(&self) -> bool {
        self.root().is_some_and(|r| r.entry("role").is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bom_does_not_hide_the_first_heading() {
        let doc = Document::new("\u{feff}# Title\n\n## 1. Mission Statement\n".to_string());
        assert_eq!(doc.body_start(), 3);
        assert_eq!(doc.outline().headings.len(), 2);
    }
}

//! Workspace symbols: every role the adapter lists, and the `##` sections of
//! the documents it passes whole, fuzzy-matched against the query.
//!
//! The matcher is a subsequence match scored in one pass over each name
//! (fzf's first algorithm: the leftmost match, shortened from its end, then
//! scored): case-insensitive, with bonuses for consecutive characters, word
//! starts (after `-`, `_`, a space, a digit boundary or a case change) and a
//! match at the start, and a small penalty per skipped character. No
//! dependency: the scorer is ~60 lines, linear in the name, and the WASM
//! build does not grow.

use super::workspace::RoleEntry;
use crate::document::Document;
use crate::text::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkspaceSymbolKind {
    Role,
    /// A `##` section of a role.
    Section,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkspaceSymbol {
    pub name: String,
    pub kind: WorkspaceSymbolKind,
    /// The role a section belongs to.
    pub container: Option<String>,
    pub location: String,
    /// The `role:` value or the heading, in that file; `None` for a role
    /// without a `role:` value (named after its file).
    pub range: Option<TextRange>,
    /// Higher is better.
    pub score: u32,
}

/// The most symbols returned (clients filter further as the query grows).
pub const MAX_SYMBOLS: usize = 256;

/// The roles of `entries` (each location once: the first entry wins) and the
/// `##` sections of `documents` (location, document) matching `query`, best
/// first, at most [`MAX_SYMBOLS`]. Templates are left out.
pub fn workspace_symbols<'a>(
    query: &str,
    entries: impl IntoIterator<Item = &'a RoleEntry>,
    documents: impl IntoIterator<Item = (&'a str, &'a Document)>,
) -> Vec<WorkspaceSymbol> {
    let query: Vec<char> = query.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect();
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut roles = std::collections::HashMap::new();
    for e in entries {
        if e.template || !seen.insert(e.location.as_str()) {
            continue;
        }
        roles.insert(e.location.as_str(), e.name.as_str());
        if let Some(score) = fuzzy_score(&query, &e.name) {
            out.push(WorkspaceSymbol {
                name: e.name.clone(),
                kind: WorkspaceSymbolKind::Role,
                container: None,
                location: e.location.clone(),
                range: e.role,
                score,
            });
        }
    }
    for (location, doc) in documents {
        let Some(role) = roles.get(location) else { continue };
        for h in doc.outline().headings.iter().filter(|h| h.level == 2) {
            let name = h.text.slice(doc.text());
            // A section scores below a role matching as well.
            if let Some(score) = fuzzy_score(&query, name) {
                out.push(WorkspaceSymbol {
                    name: name.to_string(),
                    kind: WorkspaceSymbolKind::Section,
                    container: Some(role.to_string()),
                    location: location.to_string(),
                    range: Some(h.range),
                    score: score.saturating_sub(1),
                });
            }
        }
    }
    let by_rank = |a: &WorkspaceSymbol, b: &WorkspaceSymbol| {
        b.score.cmp(&a.score).then_with(|| a.name.len().cmp(&b.name.len())).then_with(|| a.name.cmp(&b.name))
    };
    if out.len() > MAX_SYMBOLS {
        out.select_nth_unstable_by(MAX_SYMBOLS - 1, by_rank);
        out.truncate(MAX_SYMBOLS);
    }
    out.sort_by(by_rank);
    out
}

/// The score of `name` for a lowercase `query` (`None`: not a subsequence).
/// The empty query matches everything with 0.
pub fn fuzzy_score(query: &[char], name: &str) -> Option<u32> {
    if query.is_empty() {
        return Some(0);
    }
    let chars: Vec<char> = name.chars().collect();
    let lower = |c: char| c.to_lowercase().next().unwrap_or(c);
    // Forward: the leftmost end of a match.
    let mut q = 0;
    let mut end = 0;
    for (i, &c) in chars.iter().enumerate() {
        if lower(c) == query[q] {
            q += 1;
            if q == query.len() {
                end = i + 1;
                break;
            }
        }
    }
    if q < query.len() {
        return None;
    }
    // Backward from there: the shortest window ending at `end`.
    let mut start = end;
    let mut q = query.len();
    while q > 0 && start > 0 {
        start -= 1;
        if lower(chars[start]) == query[q - 1] {
            q -= 1;
        }
    }
    // Score the window forwards.
    let mut score: i64 = 0;
    let mut q = 0;
    let mut previous: Option<usize> = None;
    for i in start..end {
        if q == query.len() || lower(chars[i]) != query[q] {
            continue;
        }
        score += 16;
        let boundary = i == 0 || {
            let p = chars[i - 1];
            !p.is_alphanumeric() || (p.is_lowercase() && chars[i].is_uppercase()) || (p.is_numeric() != chars[i].is_numeric())
        };
        if boundary {
            score += if i == 0 { 24 } else { 12 };
        }
        match previous {
            Some(p) if p + 1 == i => score += 10,
            Some(p) => score -= (i - p - 1).min(8) as i64,
            None => {}
        }
        previous = Some(i);
        q += 1;
    }
    // An exact or prefix match first; shorter names before longer ones.
    if chars.len() == query.len() {
        score += 32;
    }
    score -= (chars.len() as i64 - query.len() as i64).min(32) / 4;
    Some(score.max(1) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Kind;

    fn q(s: &str) -> Vec<char> {
        s.chars().flat_map(char::to_lowercase).collect()
    }

    fn entry(location: &str, text: &str) -> RoleEntry {
        let stem = super::super::workspace::location_stem(location);
        let kind = if stem.is_some_and(|s| s.starts_with('_')) { Kind::RoleTemplate } else { Kind::Role };
        RoleEntry::from_document(location, stem, &Document::new(text.to_string()), kind).expect("a role file")
    }

    #[test]
    fn scores_prefer_word_starts_and_runs() {
        assert_eq!(fuzzy_score(&q("pe"), "base"), None);
        let pe = fuzzy_score(&q("pe"), "platform-engineer").unwrap();
        let inside = fuzzy_score(&q("pe"), "support-helper").unwrap();
        assert!(pe > inside, "{pe} {inside}");
        let exact = fuzzy_score(&q("qa"), "qa").unwrap();
        let longer = fuzzy_score(&q("qa"), "qa-lead").unwrap();
        assert!(exact > longer);
        assert_eq!(fuzzy_score(&q(""), "anything"), Some(0));
        assert!(fuzzy_score(&q("PLAT"), "platform-engineer").is_some());
    }

    #[test]
    fn roles_then_sections() {
        let text = "---\nrole: platform-engineer\n---\n## 1. Role Identity\n## 2. Core Expertise\n";
        let doc = Document::new(text.to_string());
        let entries = [
            entry("w/platform-engineer.md", text),
            entry("w/backend-engineer.md", "---\nrole: backend-engineer\n---\n"),
            entry("w/_template.md", "---\nrole: template\n---\n"),
        ];
        let got = workspace_symbols("pe", &entries, [("w/platform-engineer.md", &doc)]);
        let names: Vec<_> = got.iter().map(|s| (s.name.as_str(), s.kind)).collect();
        assert_eq!(names, [("platform-engineer", WorkspaceSymbolKind::Role), ("2. Core Expertise", WorkspaceSymbolKind::Section)]);
        let got = workspace_symbols("eng", &entries, []);
        let names: Vec<_> = got.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["backend-engineer", "platform-engineer"]);
        let got = workspace_symbols("expertise", &entries, [("w/platform-engineer.md", &doc)]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].container.as_deref(), Some("platform-engineer"));
        assert_eq!(got[0].range.map(|r| r.slice(text)), Some("## 2. Core Expertise"));
        let t = workspace_symbols("template", &entries, []);
        assert!(t.is_empty(), "{t:?}");
    }
}

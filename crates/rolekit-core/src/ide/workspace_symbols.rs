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
use crate::case::{is_lower, is_upper, lower};
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
    /// The position in `entries` of the entry it comes from (a section: its
    /// role's), so an adapter finds what it keeps beside the entry without a
    /// lookup by location.
    pub entry: usize,
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
/// first, at most [`MAX_SYMBOLS`]. Templates are left out. Linear in the
/// names (each scored without allocating); only the best are built.
pub fn workspace_symbols<'a>(
    query: &str,
    entries: impl IntoIterator<Item = &'a RoleEntry>,
    documents: impl IntoIterator<Item = (&'a str, &'a Document)>,
) -> Vec<WorkspaceSymbol> {
    let query: Vec<char> = query.chars().filter(|c| !c.is_whitespace()).map(lower).collect();
    // The empty query matches everything with 0: no scoring, the rank is by name alone.
    let score = |name: &str| if query.is_empty() { Some(0) } else { fuzzy_score(&query, name) };
    struct Hit<'a> {
        score: u32,
        name: &'a str,
        kind: WorkspaceSymbolKind,
        container: Option<&'a str>,
        location: &'a str,
        entry: usize,
        range: Option<TextRange>,
    }
    let entries = entries.into_iter();
    let mut hits: Vec<Hit<'a>> = Vec::with_capacity(entries.size_hint().0);
    // Each location's role and entry, sized once (no rehashing over thousands of roles).
    let mut roles: std::collections::HashMap<&'a str, (&'a str, usize)> =
        std::collections::HashMap::with_capacity(entries.size_hint().0);
    for (i, e) in entries.enumerate() {
        if e.template {
            continue;
        }
        let location = e.location.as_str();
        match roles.entry(location) {
            std::collections::hash_map::Entry::Occupied(_) => continue,
            std::collections::hash_map::Entry::Vacant(v) => v.insert((e.name.as_str(), i)),
        };
        if let Some(score) = score(&e.name) {
            let name = e.name.as_str();
            let (kind, range) = (WorkspaceSymbolKind::Role, e.role);
            hits.push(Hit { score, name, kind, container: None, location, entry: i, range });
        }
    }
    for (location, doc) in documents {
        let Some(&(role, entry)) = roles.get(location) else { continue };
        for h in doc.outline().headings.iter().filter(|h| h.level == 2) {
            let name = h.text.slice(doc.text());
            // A section scores below a role matching as well.
            if let Some(score) = score(name) {
                hits.push(Hit {
                    score: score.saturating_sub(1),
                    name,
                    kind: WorkspaceSymbolKind::Section,
                    container: Some(role),
                    location,
                    entry,
                    range: Some(h.range),
                });
            }
        }
    }
    let by_rank = |a: &Hit, b: &Hit| {
        b.score.cmp(&a.score).then_with(|| a.name.len().cmp(&b.name.len())).then_with(|| a.name.cmp(b.name))
    };
    if hits.len() > MAX_SYMBOLS {
        hits.select_nth_unstable_by(MAX_SYMBOLS - 1, by_rank);
        hits.truncate(MAX_SYMBOLS);
    }
    crate::sort::sort_by(&mut hits, by_rank);
    hits.into_iter()
        .map(|h| WorkspaceSymbol {
            name: h.name.to_string(),
            kind: h.kind,
            container: h.container.map(str::to_string),
            location: h.location.to_string(),
            entry: h.entry,
            range: h.range,
            score: h.score,
        })
        .collect()
}

/// The score of `name` for a lowercase `query` (`None`: not a subsequence).
/// The empty query matches everything with 0. No allocation.
pub fn fuzzy_score(query: &[char], name: &str) -> Option<u32> {
    if query.is_empty() {
        return Some(0);
    }
    // Forward: the leftmost end of a match.
    let mut q = 0;
    let mut end = None;
    for (i, c) in name.char_indices() {
        if lower(c) == query[q] {
            q += 1;
            if q == query.len() {
                end = Some(i + c.len_utf8());
                break;
            }
        }
    }
    let end = end?;
    // Backward from there: the shortest window ending at `end`.
    let mut start = end;
    let mut q = query.len();
    for (i, c) in name[..end].char_indices().rev() {
        if lower(c) == query[q - 1] {
            q -= 1;
            if q == 0 {
                start = i;
                break;
            }
        }
    }
    // Score the window forwards.
    let mut score: i64 = 0;
    let mut q = 0;
    let mut previous_match: Option<usize> = None;
    let mut before: Option<char> = name[..start].chars().next_back();
    for (n, c) in name[start..end].chars().enumerate() {
        let here = n;
        if q < query.len() && lower(c) == query[q] {
            score += 16;
            let boundary = match before {
                None => true,
                Some(p) => !p.is_alphanumeric() || (is_lower(p) && is_upper(c)) || (p.is_numeric() != c.is_numeric()),
            };
            if boundary {
                score += if before.is_none() { 24 } else { 12 };
            }
            match previous_match {
                Some(p) if p + 1 == here => score += 10,
                Some(p) => score -= (here - p - 1).min(8) as i64,
                None => {}
            }
            previous_match = Some(here);
            q += 1;
        }
        before = Some(c);
    }
    // An exact match first; shorter names before longer ones.
    let len = name.chars().count();
    if len == query.len() {
        score += 32;
    }
    score -= (len as i64 - query.len() as i64).min(32) / 4;
    Some(score.max(1) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Kind;

    fn q(s: &str) -> Vec<char> {
        s.chars().map(lower).collect()
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
        assert_eq!(
            names,
            [("platform-engineer", WorkspaceSymbolKind::Role), ("2. Core Expertise", WorkspaceSymbolKind::Section)]
        );
        let got = workspace_symbols("eng", &entries, []);
        let names: Vec<_> = got.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["backend-engineer", "platform-engineer"]);
        let got = workspace_symbols("expertise", &entries, [("w/platform-engineer.md", &doc)]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].container.as_deref(), Some("platform-engineer"));
        assert_eq!(got[0].range.map(|r| r.slice(text)), Some("## 2. Core Expertise"));
        assert_eq!(got[0].entry, 0, "a section points at its role's entry");
        let got = workspace_symbols("", &entries, []);
        let found: Vec<_> = got.iter().map(|s| (s.name.as_str(), s.entry)).collect();
        assert_eq!(found, [("backend-engineer", 1), ("platform-engineer", 0)], "the empty query: every role, by name");
        let t = workspace_symbols("template", &entries, []);
        assert!(t.is_empty(), "{t:?}");
    }
}

//! Where a file's tokens go: the frontmatter, each `##` section, the rest of
//! the body; and what the role costs with the files it inherits.

use super::TokenCounter;
use crate::analysis::body::body_sections;
use crate::analysis::inherits::Resolution;
use crate::document::Document;
use crate::text::TextRange;

/// A file's tokens, part by part. The parts cover the file without overlap
/// and add up to [`file`](Self::file) (a tokenizer that splits text into
/// pieces gives each piece to the part it starts in; see
/// [`TokenCounter::count_spans`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileTokens {
    /// The whole file.
    pub file: usize,
    /// The `---`-fenced frontmatter, fences included; `None` without one.
    pub frontmatter: Option<Part>,
    /// Body text outside every `##` section: the `#` title and what comes
    /// before the first section (or after a later `#` heading).
    pub other: usize,
    /// Each `##` section (from its heading to the next heading of level 1
    /// or 2), `###` subsections included, in order.
    pub sections: Vec<SectionTokens>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Part {
    pub range: TextRange,
    pub tokens: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionTokens {
    /// The heading line (for hover and code lenses).
    pub heading: TextRange,
    /// The heading's text without `##` (`1. Mission Statement`).
    pub title: TextRange,
    /// The section: its heading and its content.
    pub range: TextRange,
    pub tokens: usize,
}

impl FileTokens {
    /// The section whose heading holds `offset` (hover on a heading).
    pub fn section_at_heading(&self, offset: usize) -> Option<&SectionTokens> {
        let i = self.sections.partition_point(|s| s.heading.end() < offset);
        self.sections.get(i).filter(|s| s.heading.touches(offset))
    }

    /// The section that holds `offset` anywhere in it.
    pub fn section_at(&self, offset: usize) -> Option<&SectionTokens> {
        let i = self.sections.partition_point(|s| s.range.end() <= offset);
        self.sections.get(i).filter(|s| s.range.start() <= offset && offset < s.range.end())
    }

    /// The parts' sum: equal to [`file`](Self::file) with a counter that
    /// attributes pieces, close to it with one that counts parts on their own.
    pub fn parts_total(&self) -> usize {
        self.frontmatter.map_or(0, |p| p.tokens) + self.other + self.sections.iter().map(|s| s.tokens).sum::<usize>()
    }
}

/// Which part a span of the file belongs to.
#[derive(Clone, Copy)]
enum Owner {
    Frontmatter,
    Other,
    Section(usize),
}

/// Counts `doc` part by part, in one pass of `counter` over its text.
pub fn file_tokens(doc: &Document, counter: &dyn TokenCounter) -> FileTokens {
    let text = doc.text();
    let sections = body_sections(doc);
    // Spans as (start, owner); each runs to the next one's start.
    let mut spans: Vec<(usize, Owner)> = Vec::with_capacity(2 * sections.len() + 2);
    let body_start = doc.body_start();
    if doc.frontmatter().is_some() {
        spans.push((0, Owner::Frontmatter));
    }
    spans.push((body_start, Owner::Other));
    let mut last = body_start;
    let mut out = FileTokens { file: 0, frontmatter: None, other: 0, sections: Vec::with_capacity(sections.len()) };
    for (i, s) in sections.iter().enumerate() {
        let start = s.heading.range.start().max(last);
        let end = s.content.end().max(start);
        spans.push((start, Owner::Section(i)));
        spans.push((end, Owner::Other));
        last = end;
        out.sections.push(SectionTokens {
            heading: s.heading.range,
            title: s.heading.text,
            range: TextRange::new(start, end),
            tokens: 0,
        });
    }
    let cuts: Vec<usize> = spans.iter().skip(1).map(|(at, _)| *at).collect();
    let counts = counter.count_spans(text, &cuts);
    for ((_, owner), n) in spans.iter().zip(counts) {
        out.file += n;
        match owner {
            Owner::Frontmatter => {
                out.frontmatter = Some(Part { range: TextRange::new(0, body_start), tokens: n });
            }
            Owner::Other => out.other += n,
            Owner::Section(i) => {
                if let Some(s) = out.sections.get_mut(*i) {
                    s.tokens += n;
                }
            }
        }
    }
    out
}

/// What a role costs with what it inherits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedTokens {
    /// This file and every parent file found: what an agent that honours
    /// `inherits` reads (a child is written "in addition to" its parent).
    pub tokens: usize,
    /// This file alone.
    pub own: usize,
    /// Each parent's whole file, nearest first.
    pub parents: Vec<ParentTokens>,
    /// The chain was followed to its end; `false` after an unknown parent, a
    /// cycle or a chain too long (then `tokens` counts what was found).
    pub complete: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParentTokens {
    /// The parent's `role:`.
    pub role: Option<String>,
    /// Where it lives (as the resolver said).
    pub location: String,
    pub tokens: usize,
}

/// The role resolved through `inherits`: `own` (the file's tokens) plus
/// each parent file's, counted with [`TokenCounter::count_parent`].
pub fn resolved_tokens(own: usize, resolution: &Resolution, counter: &dyn TokenCounter) -> ResolvedTokens {
    let parents: Vec<ParentTokens> = resolution
        .parents
        .iter()
        .map(|p| ParentTokens {
            role: p.document.role().map(str::to_string),
            location: p.location.clone(),
            tokens: counter.count_parent(p),
        })
        .collect();
    ResolvedTokens {
        tokens: own + parents.iter().map(|p| p.tokens).sum::<usize>(),
        own,
        parents,
        complete: resolution.error.is_none(),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::analysis::{self, NoParents, Parent, Resolver};
    use crate::tokens::Estimate;

    /// Counts bytes, split into pieces at every line start (like a BPE
    /// pre-tokenizer would at a line starting with a letter).
    struct Bytes;

    impl TokenCounter for Bytes {
        fn count(&self, text: &str) -> usize {
            text.len()
        }
    }

    const ROLE: &str = "---\nrole: qa\n---\n# QA\n\nIntro.\n\n## 1. Mission Statement\n\nTest.\n\n### Detail\n\nMore.\n\n## 2. Expertise Scope\n\n- a\n";

    #[test]
    fn parts_cover_the_file() {
        let doc = Document::new(ROLE.to_string());
        let t = file_tokens(&doc, &Bytes);
        assert_eq!(t.file, ROLE.len());
        assert_eq!(t.parts_total(), t.file);
        assert_eq!(t.frontmatter.map(|p| p.range.slice(ROLE)), Some("---\nrole: qa\n---\n"));
        assert_eq!(t.other, "# QA\n\nIntro.\n\n".len());
        let titles: Vec<&str> = t.sections.iter().map(|s| s.title.slice(ROLE)).collect();
        assert_eq!(titles, ["1. Mission Statement", "2. Expertise Scope"]);
        assert_eq!(t.sections[0].range.slice(ROLE), "## 1. Mission Statement\n\nTest.\n\n### Detail\n\nMore.\n\n");
        assert_eq!(t.sections[1].tokens, "## 2. Expertise Scope\n\n- a\n".len());
    }

    #[test]
    fn sections_are_found_by_heading_and_by_offset() {
        let doc = Document::new(ROLE.to_string());
        let t = file_tokens(&doc, &Bytes);
        let at = ROLE.find("Mission").unwrap_or(0);
        assert_eq!(t.section_at_heading(at).map(|s| s.title.slice(ROLE)), Some("1. Mission Statement"));
        assert_eq!(t.section_at_heading(ROLE.find("Test.").unwrap_or(0)), None);
        assert_eq!(
            t.section_at(ROLE.find("More.").unwrap_or(0)).map(|s| s.title.slice(ROLE)),
            Some("1. Mission Statement")
        );
        assert_eq!(t.section_at(ROLE.find("Intro").unwrap_or(0)), None);
    }

    #[test]
    fn files_without_frontmatter_or_sections() {
        for text in ["", "# Only a title\n", "\u{feff}plain text", "---\nrole: qa\n"] {
            let doc = Document::new(text.to_string());
            let t = file_tokens(&doc, &Bytes);
            assert_eq!(t.file, text.len(), "{text:?}");
            assert_eq!(t.parts_total(), t.file, "{text:?}");
            assert!(t.sections.is_empty());
        }
        let t = file_tokens(&Document::new("# T\n".to_string()), &Estimate);
        assert_eq!(t.frontmatter, None);
    }

    struct OneParent;

    impl Resolver for OneParent {
        fn parent(&self, name: &str) -> Option<Parent> {
            (name == "base").then(|| Parent {
                document: Arc::new(Document::new("---\nrole: base\ninherits: gone\n---\n".to_string())),
                location: "roles/base.md".to_string(),
            })
        }
    }

    #[test]
    fn the_resolved_role_adds_its_parents() {
        let doc = Document::new("---\nrole: qa\ninherits: base\n---\n".to_string());
        let own = file_tokens(&doc, &Bytes).file;
        let r = resolved_tokens(own, &analysis::resolve(&doc, &OneParent), &Bytes);
        assert_eq!(r.own, own);
        assert_eq!(r.parents.len(), 1);
        assert_eq!(r.parents[0].role.as_deref(), Some("base"));
        assert_eq!(r.parents[0].location, "roles/base.md");
        assert_eq!(r.tokens, own + r.parents[0].tokens);
        assert!(!r.complete, "base inherits a role that is not there");
        let alone = resolved_tokens(own, &analysis::resolve(&doc, &NoParents), &Bytes);
        assert_eq!((alone.tokens, alone.parents.len(), alone.complete), (own, 0, false));
    }
}

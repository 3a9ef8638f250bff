//! Token counts: *what* is counted in a role file — the frontmatter, each
//! `##` section, the whole file, and the role resolved with what it
//! inherits — never *how*. The tokenizer (its vocabulary is megabytes of
//! data) lives outside the core, in `rolekit-tokens`; adapters inject it as a
//! [`TokenCounter`], so the core stays pure and small and an adapter can load
//! the tokenizer lazily (after first paint, on the first request).
//!
//! ```
//! use rolekit_core::tokens::{self, Estimate};
//! use rolekit_core::Document;
//! let doc = Document::new("---\nrole: qa\n---\n# QA\n\n## 1. Mission Statement\n\nTest.\n".to_string());
//! let counts = tokens::file_tokens(&doc, &Estimate);
//! assert_eq!(counts.sections.len(), 1);
//! assert_eq!(counts.parts_total(), counts.file);
//! ```

pub mod budget;
mod count;

pub use budget::TokenBudget;
pub use count::{file_tokens, resolved_tokens, FileTokens, ParentTokens, Part, ResolvedTokens, SectionTokens};

use crate::analysis::Parent;

/// The encodings rolekit counts in: OpenAI's byte-pair encodings, by their
/// `tiktoken` names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// GPT-4o, GPT-4.1, o-series, GPT-5 (the default).
    #[default]
    O200kBase,
    /// GPT-4, GPT-3.5-turbo, `text-embedding-3-*`.
    Cl100kBase,
}

impl Encoding {
    pub const ALL: &'static [Encoding] = &[Encoding::O200kBase, Encoding::Cl100kBase];

    /// The `tiktoken` name: `o200k_base`, `cl100k_base`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Encoding::O200kBase => "o200k_base",
            Encoding::Cl100kBase => "cl100k_base",
        }
    }

    pub fn parse(name: &str) -> Option<Encoding> {
        Encoding::ALL.iter().copied().find(|e| e.as_str() == name)
    }
}

impl std::fmt::Display for Encoding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// Counts tokens. `rolekit-tokens` implements it with the real encodings;
/// [`Estimate`] is the 4-characters-per-token rule of thumb (for a first
/// paint before a tokenizer has loaded, and for tests).
pub trait TokenCounter {
    /// Tokens in `text`.
    fn count(&self, text: &str) -> usize;

    /// Tokens of `text` cut into spans at the byte offsets `cuts` (sorted, on
    /// character boundaries): one count per span, `cuts.len() + 1` of them.
    ///
    /// A byte-pair tokenizer first splits text into pieces and never merges
    /// across them; it should count `text` once and give each piece's tokens
    /// to the span the piece starts in, so the spans add up to
    /// `count(text)` exactly. This default counts each span on its own.
    fn count_spans(&self, text: &str, cuts: &[usize]) -> Vec<usize> {
        let mut out = Vec::with_capacity(cuts.len() + 1);
        let mut start = 0;
        for &cut in cuts.iter().chain(std::iter::once(&text.len())) {
            let end = cut.clamp(start, text.len());
            out.push(text.get(start..end).map_or(0, |s| self.count(s)));
            start = end;
        }
        out
    }

    /// Tokens of a parent role's whole file. Many children inherit one
    /// parent, so an adapter may remember this (by the parent's text); the
    /// default counts it every time.
    fn count_parent(&self, parent: &Parent) -> usize {
        self.count(parent.document.text())
    }
}

/// One token per 4 characters, rounded up: the estimate VS Code shows. Not
/// an encoding; a placeholder until an exact counter is at hand.
#[derive(Clone, Copy, Debug, Default)]
pub struct Estimate;

impl TokenCounter for Estimate {
    fn count(&self, text: &str) -> usize {
        text.chars().count().div_ceil(4)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_by_name() {
        for e in Encoding::ALL {
            assert_eq!(Encoding::parse(e.as_str()), Some(*e));
        }
        assert_eq!(Encoding::parse("gpt2"), None);
        assert_eq!(Encoding::default(), Encoding::O200kBase);
    }

    #[test]
    fn the_default_spans_count_each_span() {
        let spans = Estimate.count_spans("abcdefgh ij", &[4, 4, 9, 50]);
        assert_eq!(spans, vec![1, 0, 2, 1, 0]);
        assert_eq!(Estimate.count(""), 0);
        assert_eq!(Estimate.count("✅✅✅✅✅"), 2);
    }
}

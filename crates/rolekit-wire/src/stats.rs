//! `rolekit stats --format json`, version 1: token counts per file, per
//! folder and in total (`docs/stats-format.md`). Fields are never renamed or
//! removed within a version; a test in the CLI reads its output back into
//! [`Stats`].

use rolekit_core::tokens::{FileTokens, ResolvedTokens};
use rolekit_core::Document;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ts")]
use tsify::Tsify;
#[cfg(feature = "ts")]
use wasm_bindgen::prelude::wasm_bindgen;

use crate::position::{Lines, Range};

pub const VERSION: u32 = 1;

/// The whole document. The CLI streams it (one line per file).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stats {
    pub version: u32,
    /// `"o200k_base"` or `"cl100k_base"`: every count below is in it.
    pub encoding: String,
    pub files: Vec<FileStats>,
    /// One entry per folder holding a listed file, sorted by path.
    pub folders: Vec<FolderStats>,
    pub total: Total,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(Tsify))]
#[serde(deny_unknown_fields)]
pub struct FileStats {
    /// As given on the command line or found under a directory, `/`-separated.
    pub path: String,
    /// A role template (`_*.md`): counted, but its `inherits` is a placeholder.
    pub template: bool,
    /// The whole file.
    pub tokens: usize,
    /// The `---` frontmatter with its fences; `null` without one.
    pub frontmatter: Option<usize>,
    /// Body text outside every `##` section (the `#` title, an introduction).
    pub other: usize,
    /// Each `##` section, heading to the next `#`/`##` heading, in order.
    pub sections: Vec<SectionStats>,
    /// The role with every file it inherits; `null` for a template.
    pub resolved: Option<Resolved>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(Tsify))]
#[serde(deny_unknown_fields)]
pub struct SectionStats {
    /// The heading's text without `##`.
    pub title: String,
    /// The heading line (0-based lines, UTF-16 characters).
    pub range: Range,
    pub tokens: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(Tsify))]
#[serde(deny_unknown_fields)]
pub struct Resolved {
    /// This file plus every parent file found.
    pub tokens: usize,
    /// The parents, nearest first, each as a whole file.
    pub inherits: Vec<Inherited>,
    /// `false` when the chain is broken (an unknown parent, a cycle, a chain
    /// over 64 roles): `tokens` then counts what was found.
    pub complete: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(Tsify))]
#[serde(deny_unknown_fields)]
pub struct Inherited {
    /// The parent's `role:` (`null` if it has none).
    pub role: Option<String>,
    /// Where it was read.
    pub path: String,
    pub tokens: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FolderStats {
    /// The folder part of the files' paths (`"."` for files given without one).
    pub path: String,
    pub files: usize,
    pub tokens: usize,
    /// The sum of the files' resolved tokens (a template counts its own).
    pub resolved: usize,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Total {
    pub files: usize,
    pub tokens: usize,
    pub resolved: usize,
}

impl FileStats {
    pub fn from_core(
        path: &str,
        template: bool,
        doc: &Document,
        tokens: &FileTokens,
        resolved: Option<&ResolvedTokens>,
    ) -> Self {
        let lines = Lines::of(doc);
        FileStats {
            path: path.to_string(),
            template,
            tokens: tokens.file,
            frontmatter: tokens.frontmatter.map(|p| p.tokens),
            other: tokens.other,
            sections: tokens
                .sections
                .iter()
                .map(|s| SectionStats {
                    title: s.title.slice(doc.text()).to_string(),
                    range: lines.range(s.heading),
                    tokens: s.tokens,
                })
                .collect(),
            resolved: resolved.map(|r| Resolved {
                tokens: r.tokens,
                inherits: r
                    .parents
                    .iter()
                    .map(|p| Inherited { role: p.role.clone(), path: p.location.clone(), tokens: p.tokens })
                    .collect(),
                complete: r.complete,
            }),
        }
    }

    /// What this file adds to the `resolved` totals.
    pub fn resolved_tokens(&self) -> usize {
        self.resolved.as_ref().map_or(self.tokens, |r| r.tokens)
    }
}

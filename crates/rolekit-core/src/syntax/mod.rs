//! Syntax: the frontmatter split, the spanned YAML tree and the Markdown outline.

pub mod frontmatter;
pub mod markdown;
pub(crate) mod marks;
pub mod yaml;

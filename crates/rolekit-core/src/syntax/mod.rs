//! Syntax: the frontmatter split, the spanned YAML tree, the frontmatter's
//! line model and the Markdown outline.

pub mod frontmatter;
pub(crate) mod lines;
pub mod markdown;
pub(crate) mod marks;
pub mod yaml;

//! The project's names, as the cross-file rules see them: which roles,
//! commands and prompts exist. An adapter builds an index once (the CLI from
//! the start of every file of the tree, the language server from its
//! workspace and open documents, the playground from its tabs) and the rules
//! query it through [`ProjectIndex`], as [`super::Resolver`] does for parents:
//! no check ever scans a file's siblings, so resolution is linear in the
//! project's size. [`crate::project::NameIndex`] is the implementation every
//! adapter can use.

use crate::policy::Family;
use crate::text::TextRange;

/// A named document: what a reference resolves to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub family: Family,
    /// The name references use: a role's or command's file name, a prompt's
    /// id as its folder and file name give it (`context.load-task`).
    pub name: String,
    /// Where it lives (a path or URI, as the adapter spells it).
    pub location: String,
    /// The declared name's value in that file (`role:`, `name:`, `id:`), for
    /// go-to-definition; `None` when the file does not declare it.
    pub range: Option<TextRange>,
    /// Its `description`, for hover and completion.
    pub description: Option<String>,
}

/// The answer to a lookup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lookup<'a> {
    Found(&'a Target),
    /// The index covers this family in this tree and has no such name.
    Missing,
    /// The index knows nothing of this family here (a single open file, a
    /// command checked without its project): no verdict.
    NotIndexed,
}

/// The names of a project.
///
/// `tree` is the valora tree a document belongs to (the path up to its
/// `data`, `.ai` or `.valora` folder, see [`crate::policy::layout`]; `""`
/// outside one): a command's agent is looked up among the roles of its own
/// tree, as valora does.
pub trait ProjectIndex {
    /// The document of `family` named `name` in `tree`.
    fn lookup(&self, family: Family, tree: &str, name: &str) -> Lookup<'_>;

    /// The name closest to `name` when it is a likely typo of one (see
    /// [`super::suggest`]); for a prompt id, also the same name in another
    /// category (`review.load-plan-context` → `context.load-plan-context`).
    fn suggest(&self, _family: Family, _tree: &str, _name: &str) -> Option<String> {
        None
    }

    /// Every document of `family` in `tree`, for completion.
    fn targets(&self, _family: Family, _tree: &str) -> Vec<&Target> {
        Vec::new()
    }
}

/// An index that knows no documents: cross-file rules stay silent.
pub struct NoIndex;

impl ProjectIndex for NoIndex {
    fn lookup(&self, _family: Family, _tree: &str, _name: &str) -> Lookup<'_> {
        Lookup::NotIndexed
    }
}

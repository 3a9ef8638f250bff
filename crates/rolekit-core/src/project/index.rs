//! The project index: every role, command and prompt by the name references
//! use, built once from the cheap start-of-file read the scope decision
//! already does ([`summarize`]), and queried by the cross-file rules and the
//! editor features through [`ProjectIndex`].
//!
//! Lookups are one hash probe. Did-you-mean is linear in the names of one
//! family in one tree for small groups (up to 2,000 names), and for larger
//! ones uses an index of one-deletion variants built on the first miss, so a
//! project of 10,000 prompts with typos stays linear too (it then suggests
//! names one edit away only).

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::analysis::suggest;
use crate::analysis::{Lookup, ProjectIndex, Target};
use crate::policy::head::Head;
use crate::policy::{classify_read, file_stem, folder_category, layout, Config, Family, Kind, Scope};

/// What the index keeps of one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub kind: Kind,
    /// Its valora tree (`""` outside one).
    pub tree: String,
    pub target: Target,
}

/// The summary of the document at `path` (relative to the project root,
/// `/`-separated) from the start of its text; `location` is how the adapter
/// names it (a path or URI). `None` when the file is not a document rolekit
/// checks, or is a registry.
pub fn summarize(config: &Config, path: &str, location: &str, head: &str) -> Option<Summary> {
    let (Scope::In(kind), read) = classify_read(config, Some(path), head) else { return None };
    summarize_classified(kind, read.as_ref(), path, location)
}

/// [`summarize`] for a document already classified as `kind` from the
/// frontmatter `read` of its head ([`classify_read`]), so the adapter that
/// also needs the [`Scope`] reads the head once.
pub fn summarize_classified(kind: Kind, read: Option<&Head>, path: &str, location: &str) -> Option<Summary> {
    if !kind.is_markdown() {
        return None;
    }
    let family = kind.family();
    let place = layout(path);
    let declared_key = match family {
        Family::Role => "role",
        Family::Prompt => "id",
        Family::Command | Family::Custom(_) | Family::Dialect(_) => "name",
    };
    let name = document_name(family, path, read.and_then(|h| h.value("id")));
    let declared = read.and_then(|h| h.value_at(declared_key));
    let description = read.and_then(|h| h.value("description")).map(str::to_string);
    Some(Summary {
        kind,
        tree: place.map_or("", |l| l.tree).to_string(),
        target: Target { family, name, location: location.to_string(), range: declared.map(|(_, r)| r), description },
    })
}

/// The name references use for the document of `family` at `path`: its
/// file name, or for a prompt in a category folder `<category>.<file name>`
/// (elsewhere the prompt's declared `id`, when it has one).
pub fn document_name(family: Family, path: &str, declared_id: Option<&str>) -> String {
    let stem = file_stem(path);
    match family {
        Family::Prompt => match layout(path).and_then(|l| l.category_folder) {
            Some(folder) => format!("{}.{stem}", folder_category(folder)),
            None => declared_id.filter(|id| !id.is_empty()).unwrap_or(stem).to_string(),
        },
        _ => stem.to_string(),
    }
}

/// Names of one family in one tree.
#[derive(Debug, Default)]
struct Group {
    targets: Vec<Target>,
    by_name: HashMap<String, usize>,
    /// Built on the first failed lookup that asks for a suggestion.
    suggester: OnceLock<Suggester>,
}

/// What did-you-mean searches: one-deletion variants (large groups) and,
/// for prompt ids, the name after the category.
#[derive(Debug, Default)]
struct Suggester {
    /// The hash of each one-deletion variant of each name (see [`deletions`])
    /// with the name's index, sorted: no string is built per variant. A
    /// hash shared by chance only adds a candidate the distance check drops.
    deletions: Vec<(u64, u32)>,
    by_suffix: HashMap<String, Vec<usize>>,
}

/// Groups larger than this get the deletion index instead of a linear scan.
const LINEAR_UP_TO: usize = 2000;

/// A polynomial hash of a sequence of characters: `Σ c_j · B^(n-1-j)`,
/// wrapping, so that the hash of the sequence without its `i`th character
/// is `prefix(i) · B^(n-1-i) + suffix(i+1)` (see [`deletions`]).
const BASE: u64 = 0x100_0000_01b3;

/// The hashes of `chars` itself and of each variant with one character
/// deleted, in O(len): what the deletion index keeps instead of the strings.
fn deletions(chars: &[char], out: &mut Vec<u64>) {
    let n = chars.len();
    // suffix[j]: the hash of chars[j..]; power[j]: BASE^j.
    let mut suffix = vec![0u64; n + 1];
    let mut power = vec![1u64; n + 1];
    for j in (0..n).rev() {
        power[n - j] = power[n - j - 1].wrapping_mul(BASE);
        suffix[j] = (u64::from(chars[j]) + 1).wrapping_mul(power[n - 1 - j]).wrapping_add(suffix[j + 1]);
    }
    out.push(suffix[0]);
    let mut prefix = 0u64;
    for (i, &c) in chars.iter().enumerate() {
        out.push(prefix.wrapping_mul(power[n - 1 - i]).wrapping_add(suffix[i + 1]));
        prefix = prefix.wrapping_mul(BASE).wrapping_add(u64::from(c) + 1);
    }
}

/// `s` lowercase, as did-you-mean compares names.
fn lowercase(s: &str) -> Vec<char> {
    s.chars().map(crate::case::lower).collect()
}

impl Group {
    fn suggester(&self, family: Family) -> &Suggester {
        self.suggester.get_or_init(|| {
            let mut s = Suggester::default();
            let mut hashes = Vec::new();
            for (i, t) in self.targets.iter().enumerate() {
                if family == Family::Prompt {
                    if let Some((_, name)) = t.name.split_once('.') {
                        s.by_suffix.entry(name.to_string()).or_default().push(i);
                    }
                }
                if self.targets.len() > LINEAR_UP_TO {
                    deletions(&lowercase(&t.name), &mut hashes);
                    // Groups hold far fewer than 2^32 names (one per file).
                    let i = u32::try_from(i).unwrap_or(u32::MAX);
                    s.deletions.extend(hashes.drain(..).map(|h| (h, i)));
                }
            }
            crate::sort::sort(&mut s.deletions);
            s
        })
    }

    fn suggest(&self, family: Family, name: &str) -> Option<String> {
        let s = self.suggester(family);
        if family == Family::Prompt {
            if let Some((_, rest)) = name.split_once('.') {
                if let Some(&i) = s.by_suffix.get(rest).and_then(|v| v.first()) {
                    return Some(self.targets[i].name.clone());
                }
            }
        }
        if self.targets.len() <= LINEAR_UP_TO {
            return suggest::closest(name, self.targets.iter().map(|t| t.name.as_str())).map(str::to_string);
        }
        let query = lowercase(name);
        let mut hashes = Vec::new();
        deletions(&query, &mut hashes);
        let mut best: Option<usize> = None;
        for h in hashes {
            let start = s.deletions.partition_point(|&(d, _)| d < h);
            for &(_, i) in s.deletions[start..].iter().take_while(|&&(d, _)| d == h) {
                let i = i as usize;
                let Some(target) = self.targets.get(i) else { continue };
                let cand = lowercase(&target.name);
                if cand != query && suggest::distance_within(&query, &cand, 1).is_some() {
                    best = Some(best.map_or(i, |b| b.min(i)));
                }
            }
        }
        best.map(|i| self.targets[i].name.clone())
    }
}

/// Every role, command and prompt of a project, by family, tree and name.
#[derive(Debug, Default)]
pub struct NameIndex {
    /// By family, then by tree: a lookup hashes the tree as it is given.
    groups: HashMap<Family, HashMap<String, Group>>,
}

impl NameIndex {
    pub fn new() -> Self {
        NameIndex::default()
    }

    /// An index of `summaries` (in any order; of two documents with one
    /// name in one tree, the first added wins).
    pub fn from_summaries(summaries: impl IntoIterator<Item = Summary>) -> Self {
        let mut index = NameIndex::new();
        for s in summaries {
            index.insert(s);
        }
        index
    }

    /// Adds a document. A template only marks its family as present in its
    /// tree (valora skips templates, so nothing resolves to one).
    pub fn insert(&mut self, summary: Summary) {
        let group = self.groups.entry(summary.target.family).or_default().entry(summary.tree).or_default();
        if summary.kind.is_template() || group.by_name.contains_key(&summary.target.name) {
            return;
        }
        group.suggester = OnceLock::new();
        group.by_name.insert(summary.target.name.clone(), group.targets.len());
        group.targets.push(summary.target);
    }

    /// Removes the document at `location` (an editor closed or deleted it).
    pub fn remove(&mut self, location: &str) {
        for group in self.groups.values_mut().flat_map(HashMap::values_mut) {
            if let Some(i) = group.targets.iter().position(|t| t.location == location) {
                group.targets.remove(i);
                group.by_name = group.targets.iter().enumerate().map(|(i, t)| (t.name.clone(), i)).collect();
                group.suggester = OnceLock::new();
            }
        }
    }

    /// Documents indexed, templates aside.
    pub fn len(&self) -> usize {
        self.groups.values().flat_map(HashMap::values).map(|g| g.targets.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl NameIndex {
    /// The group names of `family` resolve in for a document of `tree`: its
    /// own tree's; for a document outside any valora tree (`""`) with no
    /// such documents beside it, the project's only tree that has them.
    fn group(&self, family: Family, tree: &str) -> Option<&Group> {
        let trees = self.groups.get(&family)?;
        if let Some(g) = trees.get(tree) {
            return Some(g);
        }
        if !tree.is_empty() {
            return None;
        }
        let mut others = trees.values();
        match (others.next(), others.next()) {
            (Some(g), None) => Some(g),
            _ => None,
        }
    }
}

impl ProjectIndex for NameIndex {
    fn lookup(&self, family: Family, tree: &str, name: &str) -> Lookup<'_> {
        let Some(group) = self.group(family, tree) else {
            return Lookup::NotIndexed;
        };
        match group.by_name.get(name) {
            Some(&i) => Lookup::Found(&group.targets[i]),
            None => Lookup::Missing,
        }
    }

    fn suggest(&self, family: Family, tree: &str, name: &str) -> Option<String> {
        self.group(family, tree)?.suggest(family, name)
    }

    fn targets(&self, family: Family, tree: &str) -> Vec<&Target> {
        self.group(family, tree).map(|g| g.targets.iter().collect()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(path: &str, text: &str) -> Summary {
        summarize(&Config::default(), path, path, text).unwrap_or_else(|| panic!("{path}"))
    }

    #[test]
    fn names_come_from_paths_and_declarations() {
        let s = summary(
            "data/prompts/02_context/load-task.md",
            "---\nid: context.load-tsk\ndescription: Load a task\n---\n",
        );
        assert_eq!(s.target.name, "context.load-task");
        assert_eq!(s.tree, "data");
        assert_eq!(s.target.description.as_deref(), Some("Load a task"));
        let text = "---\nrole: qa\nversion: 1.0.0\n---\n";
        let r = summary("x/.ai/agents/qa.md", text);
        assert_eq!((r.target.name.as_str(), r.tree.as_str()), ("qa", "x/.ai"));
        assert_eq!(r.target.range.map(|r| r.slice(text)), Some("qa"));
        assert!(summarize(&Config::default(), "docs/readme.md", "docs/readme.md", "# Readme\n").is_none());
    }

    #[test]
    fn lookups_suggestions_and_templates() {
        let index = NameIndex::from_summaries([
            summary("data/agents/lead.md", "---\nrole: lead\n---\n"),
            summary("data/agents/platform-engineer.md", "---\nrole: platform-engineer\n---\n"),
            summary("data/agents/_template.md", "---\nrole:\n---\n"),
            summary("data/prompts/02_context/load-plan-context.md", "---\nid: context.load-plan-context\n---\n"),
        ]);
        assert!(
            matches!(index.lookup(Family::Role, "data", "lead"), Lookup::Found(t) if t.location == "data/agents/lead.md")
        );
        assert_eq!(index.lookup(Family::Role, "data", "_template"), Lookup::Missing);
        assert_eq!(index.lookup(Family::Role, "other", "lead"), Lookup::NotIndexed);
        // Outside any valora tree, names resolve in the project's only tree.
        assert!(matches!(index.lookup(Family::Role, "", "lead"), Lookup::Found(_)));
        assert_eq!(index.lookup(Family::Command, "data", "plan"), Lookup::NotIndexed);
        assert_eq!(index.suggest(Family::Role, "data", "platform-enginer").as_deref(), Some("platform-engineer"));
        assert_eq!(index.suggest(Family::Role, "data", "software-engineer"), None);
        assert_eq!(
            index.suggest(Family::Prompt, "data", "review.load-plan-context").as_deref(),
            Some("context.load-plan-context")
        );
        assert_eq!(index.len(), 3);
    }

    #[test]
    fn deletion_hashes_are_the_hashes_of_the_deleted_strings() {
        let hash = |c: &[char]| {
            let mut out = Vec::new();
            deletions(c, &mut out);
            out[0]
        };
        for word in ["", "a", "ab", "role-00042", "Ünïcode-ß"] {
            let chars = lowercase(word);
            let mut got = Vec::new();
            deletions(&chars, &mut got);
            let mut want = vec![hash(&chars)];
            for i in 0..chars.len() {
                let deleted: Vec<char> = chars[..i].iter().chain(&chars[i + 1..]).copied().collect();
                want.push(hash(&deleted));
            }
            assert_eq!(got, want, "{word}");
        }
    }

    #[test]
    fn large_groups_suggest_one_edit_away() {
        let mut index = NameIndex::new();
        for i in 0..3000 {
            index.insert(summary(&format!("data/agents/role-{i:05}.md"), "---\nrole: x\n---\n"));
        }
        assert_eq!(index.suggest(Family::Role, "data", "role-0042").as_deref(), Some("role-00042"));
        assert_eq!(index.suggest(Family::Role, "data", "rol-00042").as_deref(), Some("role-00042"));
        assert_eq!(index.suggest(Family::Role, "data", "zzzz-zzzzz"), None);
    }
}

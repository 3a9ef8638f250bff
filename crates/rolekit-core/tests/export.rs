//! Round trip of `export` over every real role of the corpus: each role,
//! resolved through `inherits`, exported to every target, checks with no
//! error as the target's kind at the target's path, and keeps the role's
//! name, description and body.
//!
//! Roles are read from `valora/agents/`, `valora-project/data/agents/`
//! (parents beside them) and `wild/` (flat names `<repo>@<sha>__<path with
//! / as __>`, parents under the same prefix).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rolekit_core::analysis::{self, Parent, Resolver};
use rolekit_core::export::{self, Target};
use rolekit_core::Document;
use rolekit_test_corpus::Corpus;

/// Parents as `<prefix><name>.md` in `dir`, else `<name>.md` in `fallback`
/// (`wild/` holds some versions of a role without their parent's).
struct Beside<'a> {
    dir: &'a Path,
    prefix: String,
    fallback: &'a Path,
}

impl Resolver for Beside<'_> {
    fn parent(&self, name: &str) -> Option<Parent> {
        let mut path = self.dir.join(format!("{}{name}.md", self.prefix));
        if !path.is_file() {
            path = self.fallback.join(format!("{name}.md"));
        }
        let text = std::fs::read_to_string(&path).ok()?;
        Some(Parent { document: Arc::new(Document::new(text)), location: path.display().to_string() })
    }
}

/// Every role file (not a template) of the corpus, with the prefix its parents' names take.
fn roles(corpus: &Corpus) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for sub in ["valora/agents", "valora-project/data/agents", "wild"] {
        let dir = corpus.root().join(sub);
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        files.sort();
        for file in files {
            let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
            let stem = name.rsplit("__agents__").next().unwrap_or(&name);
            if !name.ends_with(".md") || stem.starts_with('_') || (sub == "wild" && !name.contains("__agents__")) {
                continue;
            }
            let prefix = if sub == "wild" { name[..name.len() - stem.len()].to_string() } else { String::new() };
            out.push((file, prefix));
        }
    }
    out
}

#[test]
fn every_real_role_exports_clean_to_every_target() {
    let corpus = Corpus::get();
    let roles = roles(&corpus);
    assert!(roles.len() >= corpus.pick(40, 5), "only {} roles", roles.len());
    let head = corpus.dir("valora/agents");
    let mut failures = Vec::new();
    for (file, prefix) in &roles {
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let doc = Document::new(text.clone());
        let dir = file.parent().unwrap_or(Path::new("."));
        let resolution = analysis::resolve(&doc, &Beside { dir, prefix: prefix.clone(), fallback: &head });
        assert!(resolution.error.is_none(), "{}: {:?}", file.display(), resolution.error);
        let role = analysis::resolved_role(&doc, &resolution);
        let body = &text[doc.body_start()..];
        for target in Target::ALL {
            let out = export::export(&role, body, target);
            let errors = out.errors_at_target();
            if !errors.is_empty() {
                failures.push(format!("{} → {}: {errors:?}", file.display(), out.path));
            }
            // What comes back: the name, the description, the body.
            let back = Document::new(out.text.clone());
            let json = back.yaml().to_json().unwrap_or_default();
            let name = role["role"].as_str().unwrap_or_default();
            assert_eq!(out.name, name, "{}", file.display());
            if target != Target::Cursor {
                assert_eq!(json["name"], name, "{}", out.text);
            }
            let description = role["description"].as_str().unwrap_or_default();
            let exported = json["description"].as_str().unwrap_or_default();
            assert!(exported.starts_with(description.trim()), "{}: {exported}", file.display());
            assert_eq!(&out.text[back.body_start()..], body, "{}: the body is kept", file.display());
            // Everything the file does not carry is noted.
            for key in ["tone", "constraints", "expertise"] {
                assert!(
                    role.get(key).is_none() || out.notes.iter().any(|n| n.key == key),
                    "{} → {}: `{key}` not noted",
                    file.display(),
                    target.name()
                );
            }
            if role.get("inherits").is_some() {
                assert!(out.notes.iter().any(|n| n.key == "inherits"), "{}", file.display());
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

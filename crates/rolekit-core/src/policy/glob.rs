//! Globs of `include` and `exclude`, matched against paths relative to the
//! project root with `/` separators: `*` and `?` stay within a folder, `**`
//! crosses folders, `[a-z]` and `{a,b}` work as in `.gitignore`-style tools.

/// Validated glob patterns.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GlobList {
    patterns: Vec<String>,
}

impl GlobList {
    /// Validates `pattern` and adds it; `Err` says what is wrong with it.
    pub fn push(&mut self, pattern: &str) -> Result<(), String> {
        let normalized = normalize(pattern);
        if normalized.is_empty() {
            return Err("an empty glob matches nothing".to_string());
        }
        fast_glob::validate(normalized).map_err(|e| format!("invalid glob `{pattern}`: {e:?}"))?;
        self.patterns.push(normalized.to_string());
        Ok(())
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    pub fn patterns(&self) -> &[String] {
        &self.patterns
    }

    pub fn extend(&mut self, other: &GlobList) {
        self.patterns.extend(other.patterns.iter().cloned());
    }

    /// Some pattern matches the file `path` itself.
    pub fn matches_file(&self, path: &str) -> bool {
        let path = normalize(path);
        self.patterns.iter().any(|p| fast_glob::glob_match(p, path))
    }

    /// Some pattern matches `path` or one of the folders holding it, so
    /// `drafts` and `drafts/**` both leave out everything under `drafts/`.
    pub fn matches_path_or_parent(&self, path: &str) -> bool {
        let path = normalize(path);
        if self.matches_file(path) {
            return true;
        }
        path.match_indices('/').any(|(i, _)| self.matches_file(&path[..i]))
    }
}

fn normalize(s: &str) -> &str {
    let mut s = s;
    while let Some(rest) = s.strip_prefix("./") {
        s = rest;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(patterns: &[&str]) -> GlobList {
        let mut l = GlobList::default();
        for p in patterns {
            l.push(p).unwrap_or_else(|e| panic!("{e}"));
        }
        l
    }

    #[test]
    fn star_stays_in_a_folder_and_double_star_crosses() {
        let l = list(&["roles/*.md"]);
        assert!(l.matches_file("roles/qa.md"));
        assert!(!l.matches_file("roles/sub/qa.md"));
        let l = list(&["./roles/**/*.md"]);
        assert!(l.matches_file("roles/sub/deep/qa.md"));
        assert!(l.matches_file("roles/qa.md"));
        assert!(!l.matches_file("other/qa.md"));
    }

    #[test]
    fn a_folder_pattern_covers_what_it_holds() {
        let l = list(&["drafts"]);
        assert!(l.matches_path_or_parent("drafts/a/b.md"));
        assert!(!l.matches_path_or_parent("drafts.md"));
        assert!(!l.matches_file("drafts/a/b.md"));
    }

    #[test]
    fn bad_globs_are_refused() {
        let mut l = GlobList::default();
        assert!(l.push("roles/{a,b").is_err());
        assert!(l.push("[abc").is_err());
        assert!(l.push("").is_err());
        assert!(l.is_empty());
    }
}

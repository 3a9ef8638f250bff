//! `rolekit.toml`: include/exclude globs and per-rule severities.
//!
//! Found in the current directory or its nearest ancestor (stopping at the
//! directory that holds `.git`), or named with `--config`. Unknown keys and
//! bad values are errors, never ignored.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use rolekit_core::analysis::{RuleConfig, RuleLevel};
use serde::Deserialize;

pub const FILE_NAME: &str = "rolekit.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    include: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    rules: BTreeMap<String, String>,
}

/// The loaded configuration (the defaults when there is no file).
#[derive(Debug)]
pub struct Config {
    pub filter: Filter,
    pub rules: RuleConfig,
}

/// Which walked files are checked. Globs match the path relative to the
/// directory of `rolekit.toml` (the current directory without one), with `/`
/// separators; `*` stays within a folder, `**` crosses folders.
#[derive(Clone, Debug)]
pub struct Filter {
    root: PathBuf,
    cwd: PathBuf,
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

impl Config {
    /// `explicit` (from `--config`) or the nearest `rolekit.toml` above `cwd`.
    pub fn load(explicit: Option<&Path>, cwd: &Path) -> Result<Config, String> {
        let path = match explicit {
            Some(p) => Some(absolute(cwd, p)),
            None => find(cwd),
        };
        let Some(path) = path else {
            return Ok(Config { filter: Filter::none(cwd), rules: RuleConfig::new() });
        };
        let shown = path.display();
        let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read config {shown}: {e}"))?;
        let raw: RawConfig =
            toml::from_str(&text).map_err(|e| format!("invalid config {shown}: {}", e.to_string().trim_end()))?;
        let mut rules = RuleConfig::new();
        for (id, level) in &raw.rules {
            let level = RuleLevel::parse(level).ok_or_else(|| {
                format!("invalid config {shown}: [rules] `{id}` = \"{level}\": expected \"off\", \"error\", \"warning\", \"info\" or \"hint\"")
            })?;
            rules.set(id, level).map_err(|e| format!("invalid config {shown}: [rules] {e}"))?;
        }
        let root = path.parent().map_or_else(|| cwd.to_path_buf(), Path::to_path_buf);
        let include = globs(&raw.include).map_err(|e| format!("invalid config {shown}: include: {e}"))?;
        let exclude = globs(&raw.exclude).map_err(|e| format!("invalid config {shown}: exclude: {e}"))?;
        Ok(Config { filter: Filter { root, cwd: cwd.to_path_buf(), include, exclude }, rules })
    }
}

fn find(cwd: &Path) -> Option<PathBuf> {
    for dir in cwd.ancestors() {
        let candidate = dir.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        if dir.join(".git").exists() {
            return None;
        }
    }
    None
}

fn globs(patterns: &[String]) -> Result<Option<GlobSet>, String> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut set = GlobSetBuilder::new();
    for p in patterns {
        let pattern = p.strip_prefix("./").unwrap_or(p);
        let glob =
            GlobBuilder::new(pattern).literal_separator(true).build().map_err(|e| format!("bad glob `{p}`: {e}"))?;
        set.add(glob);
    }
    set.build().map(Some).map_err(|e| e.to_string())
}

impl Filter {
    pub fn none(cwd: &Path) -> Filter {
        Filter { root: cwd.to_path_buf(), cwd: cwd.to_path_buf(), include: None, exclude: None }
    }

    /// A file found by walking a directory is checked.
    pub fn accepts_walked(&self, path: &Path) -> bool {
        let rel = self.relative(path);
        self.include.as_ref().is_none_or(|s| s.is_match(&rel)) && !self.is_excluded_rel(&rel)
    }

    /// `exclude` matches this file or directory (applies to named files too).
    pub fn is_excluded(&self, path: &Path) -> bool {
        self.exclude.is_some() && self.is_excluded_rel(&self.relative(path))
    }

    fn is_excluded_rel(&self, rel: &Path) -> bool {
        self.exclude.as_ref().is_some_and(|s| s.is_match(rel))
    }

    fn relative(&self, path: &Path) -> PathBuf {
        let abs = absolute(&self.cwd, path);
        match abs.strip_prefix(&self.root) {
            Ok(rel) => rel.to_path_buf(),
            Err(_) => abs,
        }
    }
}

/// `path` made absolute against `cwd` and normalised lexically (`.` and `..` removed).
pub fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    let joined = if path.is_absolute() { path.to_path_buf() } else { cwd.join(path) };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

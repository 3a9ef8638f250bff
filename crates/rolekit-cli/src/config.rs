//! The project: its root and its `rolekit.toml`, found on disk and handed to
//! the core's policy ([`rolekit_core::policy`]) to parse and to decide with.
//!
//! The root is the nearest folder above the current one holding a
//! `rolekit.toml`, looking no higher than the top of the repository (the
//! folder holding `.git`); else the top of the repository; else the current
//! folder. `--config FILE` makes `FILE`'s folder the root.

use std::path::{Component, Path, PathBuf};

use rolekit_core::policy::{self, Config, ConfigError, FolderMarkers, Schemas};
use rolekit_core::LineIndex;

use crate::fsio;

/// Where the project is and what its configuration says.
#[derive(Debug)]
pub struct Project {
    /// The project root, absolute and normalised.
    pub root: PathBuf,
    /// The same root with symlinks resolved (parents must stay under it).
    pub real_root: PathBuf,
    pub cwd: PathBuf,
    /// The current folder relative to the root (`/`-separated, `""` at the
    /// root); `None` outside it. The fast path of [`relative`](Self::relative).
    cwd_in_root: Option<String>,
    pub config: Config,
    /// The schema of each kind: built-in, or the files `rolekit.toml` names.
    pub schemas: Schemas,
}

impl Project {
    /// `explicit` (from `--config`) or the `rolekit.toml` of the project around `cwd`.
    pub fn load(explicit: Option<&Path>, cwd: &Path) -> Result<Project, String> {
        let cwd = absolute(cwd, Path::new("."));
        let (root, config_path) = match explicit {
            Some(p) => {
                let path = absolute(&cwd, p);
                let root = path.parent().map_or_else(|| cwd.clone(), Path::to_path_buf);
                (root, Some(path))
            }
            None => {
                let folders: Vec<&Path> = cwd.ancestors().collect();
                let found = policy::project_root(folders.iter().map(|dir| FolderMarkers {
                    config: dir.join(policy::CONFIG_FILE).exists(),
                    repository: dir.join(".git").exists(),
                }));
                let root = folders.get(found.folder).map_or_else(|| cwd.clone(), |p| p.to_path_buf());
                let config = found.has_config.then(|| root.join(policy::CONFIG_FILE));
                (root, config)
            }
        };
        let (config, text) = match &config_path {
            Some(path) => read_config(path)?,
            None => (Config::default(), String::new()),
        };
        let real_root = std::fs::canonicalize(&root).unwrap_or_else(|_| root.clone());
        // Without schema files or allowed keys this reads nothing.
        let shown = config_path.as_ref().map(|p| p.display().to_string()).unwrap_or_default();
        let schemas = policy::schemas::load(&config, &mut |rel| read_schema(&root, &real_root, rel))
            .map_err(|errors| format_errors(&shown, &text, &errors))?;
        let cwd_in_root = relative_to(&root, &cwd, &cwd);
        Ok(Project { root, real_root, cwd, cwd_in_root, config, schemas })
    }

    /// `path` relative to the project root with `/` separators; `None` outside it.
    pub fn relative(&self, path: &Path) -> Option<String> {
        // Most paths (every walked one) are plain and relative to a current
        // folder inside the root: joined as text, no normalisation needed.
        if let (Some(base), Some(plain)) = (&self.cwd_in_root, plain_relative(path)) {
            return Some(match (base.is_empty(), plain.is_empty()) {
                (true, _) => plain.to_string(),
                (false, true) => base.clone(),
                (false, false) => format!("{base}/{plain}"),
            });
        }
        relative_to(&self.root, &self.cwd, path)
    }
}

/// `path` relative to `root` (absolute and normalised) with `/` separators,
/// `path` taken from `cwd`; `None` outside the root.
fn relative_to(root: &Path, cwd: &Path, path: &Path) -> Option<String> {
    let abs = absolute(cwd, path);
    let rel = abs.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    Some(parts.join("/"))
}

/// `path` as `/`-separated text when it is relative and made of plain
/// names only (after leading `./`): what [`relative_to`] would join.
fn plain_relative(path: &Path) -> Option<&str> {
    if !cfg!(unix) || path.is_absolute() {
        return None;
    }
    let mut text = path.to_str()?;
    while let Some(rest) = text.strip_prefix("./") {
        text = rest;
    }
    if text == "." {
        return Some("");
    }
    text.split('/').all(|part| !matches!(part, "" | "." | "..")).then_some(text)
}

fn read_config(path: &Path) -> Result<(Config, String), String> {
    let shown = path.display();
    let (bytes, _) = fsio::read_regular(path, 1024 * 1024).map_err(|e| format!("cannot read config {shown}: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|_| format!("invalid config {shown}: not UTF-8"))?;
    let config = Config::parse(&text).map_err(|errors| format_errors(&shown.to_string(), &text, &errors))?;
    Ok((config, text))
}

/// Largest schema file read.
const MAX_SCHEMA_BYTES: u64 = 8 * 1024 * 1024;

/// A schema file named by the configuration, relative to the project root;
/// only regular files inside the root are read.
fn read_schema(root: &Path, real_root: &Path, rel: &str) -> Result<String, String> {
    let path = root.join(rel);
    let real = std::fs::canonicalize(&path).map_err(|e| fsio::describe(&e))?;
    if !real.starts_with(real_root) {
        return Err("it lies outside the project root".to_string());
    }
    let (bytes, _) = fsio::read_regular(&real, MAX_SCHEMA_BYTES).map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|_| "not UTF-8".to_string())
}

/// `invalid config rolekit.toml:3:1: unknown key ...`, one line per problem.
fn format_errors(path: &str, text: &str, errors: &[ConfigError]) -> String {
    let index = LineIndex::new(text);
    errors
        .iter()
        .map(|e| {
            let (line, col) = index.line_col_human(text, e.range.start());
            format!("invalid config {path}:{line}:{col}: {}", e.message)
        })
        .collect::<Vec<_>>()
        .join("\nerror: ")
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

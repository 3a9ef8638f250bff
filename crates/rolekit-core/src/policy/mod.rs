//! Policy: the decisions every adapter must make the same way, made once.
//!
//! - [`config`]: `rolekit.toml` and editor settings, parsed and validated
//!   with one meaning for every key (an unknown key is an error everywhere).
//! - [`scope`]: whether a file is a role file, a role template, or none of
//!   rolekit's business, decided from its path and the start of its text.
//! - [`paths`]: file stems, the file a parent role lives in, the project root.
//! - [`head`]: the cheap line read of a file's start that `scope` decides
//!   from and project indexes are built from.
//! - [`toml`]: the TOML 1.0 reader `config` reads `rolekit.toml` with.
//! - [`schemas`]: which schema applies to each kind (built-in, or a file the
//!   configuration names).
//!
//! All of it is pure: adapters (CLI, language server, WASM, the VS Code host)
//! do the IO (find and read files, list folders) and ask these functions what
//! to do with the answers. The fix-all loop lives in [`crate::fix`].

pub mod config;
pub mod dialects;
pub mod glob;
pub mod head;
pub mod paths;
pub mod schemas;
pub mod scope;
pub mod toml;

pub use config::{AllowKeys, Config, ConfigError, CustomKind, SchemaSetting, Settings};
pub use dialects::Dialect;
pub use glob::GlobList;
pub use paths::{
    descend, file_stem, is_document_name, parent_file_name, project_root, relative_to, FolderMarkers, ProjectRoot,
};
pub use schemas::Schemas;
pub use scope::{
    classify, classify_read, folder_category, layout, Family, Kind, Layout, NotInScope, Scope, VALORA_ROOTS,
};

/// Bytes of a file read to decide whether it is a role file. Adapters read
/// at most this much of a file they walk past; role-ness never depends on
/// anything later in the file.
pub const HEAD_BYTES: usize = 64 * 1024;

/// Largest file rolekit checks, in bytes. Role files are a few kilobytes;
/// anything near this is a mistake or an attack, and gets a clear error
/// instead of unbounded memory.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// The configuration file's name, looked up at the project root.
pub const CONFIG_FILE: &str = "rolekit.toml";

/// The start of a file's bytes as text, for [`classify`]: at most
/// [`HEAD_BYTES`], a character cut at the end or invalid UTF-8 replaced.
pub fn head_text(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    let head = &bytes[..bytes.len().min(HEAD_BYTES)];
    // `from_utf8` checks ASCII a word at a time; `from_utf8_lossy` walks
    // every byte, which cost a tenth of checking a large project.
    match std::str::from_utf8(head) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(head),
    }
}

/// Whether `read`, the first bytes of a file, already decides what
/// [`classify`] and [`head::read`] make of its first [`HEAD_BYTES`]:
/// `whole` (the file ends there), text that does not open with a `---` line,
/// or a frontmatter whose closing fence line is whole. Adapters that read
/// only what the decision needs start with a few kilobytes and read on to
/// [`HEAD_BYTES`] when this is `false`.
pub fn head_decides(read: &str, whole: bool) -> bool {
    if whole || read.len() >= HEAD_BYTES {
        return true;
    }
    match crate::syntax::frontmatter::split(read) {
        None => true,
        // The fence line is whole when a line break follows it.
        Some(split) => split.close.is_some_and(|close| split.body_start > close.end()),
    }
}

#[cfg(test)]
mod tests {
    use super::head_decides;

    #[test]
    fn a_head_decides_once_its_frontmatter_is_closed() {
        let cases = [
            ("---\nrole: qa\n---\n# QA", false, true),
            ("---\nrole: qa\n---", false, false),
            ("---\nrole: qa\n---", true, true),
            ("---\nrole: qa\ndescr", false, false),
            ("# Readme\nrole: qa", false, true),
            ("\u{feff}---\nrole: qa\n---\r\n", false, true),
        ];
        let got: Vec<bool> = cases.iter().map(|(text, whole, _)| head_decides(text, *whole)).collect();
        let want: Vec<bool> = cases.iter().map(|(_, _, decides)| *decides).collect();
        assert_eq!(got, want);
    }
}

//! What `[format]` in `rolekit.toml` can change. Everything else about the
//! style is fixed (see [`crate::format`]).

/// The order of frontmatter keys.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KeyOrder {
    /// Keys stay where they are written (the default).
    #[default]
    AsWritten,
    /// Keys in the order of the kind's schema (roles: `role`, `version`, ...);
    /// keys the schema does not know keep their order, after the known ones.
    Schema,
}

/// Where a block list under a key puts its `- `.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ListIndent {
    /// Two spaces deeper than its key, as Prettier writes it (the default).
    #[default]
    Indented,
    /// In its key's column.
    Flush,
}

/// The quote used where YAML needs one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Quote {
    /// `"..."`, as Prettier writes it (the default).
    #[default]
    Double,
    /// `'...'`.
    Single,
}

/// The `[format]` table of `rolekit.toml`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FormatOptions {
    pub key_order: KeyOrder,
    pub list_indent: ListIndent,
    pub quote: Quote,
}

impl KeyOrder {
    pub const VALUES: &'static [(&'static str, KeyOrder)] =
        &[("as-written", KeyOrder::AsWritten), ("schema", KeyOrder::Schema)];
}

impl ListIndent {
    pub const VALUES: &'static [(&'static str, ListIndent)] =
        &[("indented", ListIndent::Indented), ("flush", ListIndent::Flush)];
}

impl Quote {
    pub const VALUES: &'static [(&'static str, Quote)] = &[("double", Quote::Double), ("single", Quote::Single)];

    pub fn char(self) -> char {
        match self {
            Quote::Double => '"',
            Quote::Single => '\'',
        }
    }
}

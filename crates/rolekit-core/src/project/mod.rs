//! The project as a whole: its index of names ([`NameIndex`], built by an
//! adapter once, from the start of each file) and the editor queries over
//! names that point across files ([`editor`]). The cross-file rules
//! themselves are in [`crate::analysis::references`] and
//! [`crate::analysis::registry`]; they ask the index through
//! [`crate::analysis::ProjectIndex`].

pub mod editor;
mod index;

pub use index::{document_name, summarize, summarize_classified, NameIndex, Summary};

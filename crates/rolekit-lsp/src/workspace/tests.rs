//! In-process tests of the workspace (filled below).

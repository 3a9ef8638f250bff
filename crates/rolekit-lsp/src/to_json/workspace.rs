//! Requests to the client about the workspace: registrations (watched
//! files, file operations), configuration; workspace folders.

use ls_types as lsp;

use super::{field, opt, ToJson, Writer};

impl ToJson for lsp::Registration {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "id", &self.id);
        field(w, "method", &self.method);
        opt(w, "registerOptions", &self.register_options);
        w.end_object();
    }
}

impl ToJson for lsp::RegistrationParams {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "registrations", &self.registrations);
        w.end_object();
    }
}

impl ToJson for lsp::Unregistration {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "id", &self.id);
        field(w, "method", &self.method);
        w.end_object();
    }
}

impl ToJson for lsp::DidChangeWatchedFilesRegistrationOptions {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "watchers", &self.watchers);
        w.end_object();
    }
}

impl ToJson for lsp::FileSystemWatcher {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "globPattern", &self.glob_pattern);
        opt(w, "kind", &self.kind);
        w.end_object();
    }
}

/// Its bits, as a number.
impl ToJson for lsp::WatchKind {
    fn write(&self, w: &mut Writer) {
        self.bits().write(w);
    }
}

impl ToJson for lsp::GlobPattern {
    fn write(&self, w: &mut Writer) {
        match self {
            lsp::GlobPattern::String(pattern) => pattern.write(w),
            lsp::GlobPattern::Relative(relative) => relative.write(w),
        }
    }
}

impl ToJson for lsp::RelativePattern {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "baseUri", &self.base_uri);
        field(w, "pattern", &self.pattern);
        w.end_object();
    }
}

impl ToJson for lsp::WorkspaceFolder {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "uri", &self.uri);
        field(w, "name", &self.name);
        w.end_object();
    }
}

impl ToJson for lsp::FileOperationRegistrationOptions {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "filters", &self.filters);
        w.end_object();
    }
}

impl ToJson for lsp::FileOperationFilter {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "scheme", &self.scheme);
        field(w, "pattern", &self.pattern);
        w.end_object();
    }
}

impl ToJson for lsp::FileOperationPattern {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "glob", &self.glob);
        opt(w, "matches", &self.matches);
        opt(w, "options", &self.options);
        w.end_object();
    }
}

impl ToJson for lsp::FileOperationPatternKind {
    fn write(&self, w: &mut Writer) {
        w.str(match self {
            lsp::FileOperationPatternKind::File => "file",
            lsp::FileOperationPatternKind::Folder => "folder",
        });
    }
}

impl ToJson for lsp::FileOperationPatternOptions {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        opt(w, "ignoreCase", &self.ignore_case);
        w.end_object();
    }
}

impl ToJson for lsp::ConfigurationParams {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "items", &self.items);
        w.end_object();
    }
}

impl ToJson for lsp::ConfigurationItem {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        opt(w, "scopeUri", &self.scope_uri);
        opt(w, "section", &self.section);
        w.end_object();
    }
}

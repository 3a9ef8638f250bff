//! Diagnostics: pushed (`publishDiagnostics`) and pulled (document and workspace reports).

use ls_types as lsp;

use super::{field, opt, ToJson, Writer};

impl ToJson for lsp::Diagnostic {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "range", &self.range);
        opt(w, "severity", &self.severity);
        opt(w, "code", &self.code);
        opt(w, "codeDescription", &self.code_description);
        opt(w, "source", &self.source);
        field(w, "message", &self.message);
        opt(w, "relatedInformation", &self.related_information);
        opt(w, "tags", &self.tags);
        opt(w, "data", &self.data);
        w.end_object();
    }
}

impl ToJson for lsp::CodeDescription {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "href", &self.href);
        w.end_object();
    }
}

impl ToJson for lsp::DiagnosticRelatedInformation {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "location", &self.location);
        field(w, "message", &self.message);
        w.end_object();
    }
}

impl ToJson for lsp::PublishDiagnosticsParams {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "uri", &self.uri);
        field(w, "diagnostics", &self.diagnostics);
        opt(w, "version", &self.version);
        w.end_object();
    }
}

// ----- document reports ------------------------------------------------------------------------

fn full_members(w: &mut Writer, report: &lsp::FullDocumentDiagnosticReport) {
    opt(w, "resultId", &report.result_id);
    field(w, "items", &report.items);
}

fn unchanged_members(w: &mut Writer, report: &lsp::UnchangedDocumentDiagnosticReport) {
    field(w, "resultId", &report.result_id);
}

impl ToJson for lsp::FullDocumentDiagnosticReport {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        full_members(w, self);
        w.end_object();
    }
}

impl ToJson for lsp::UnchangedDocumentDiagnosticReport {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        unchanged_members(w, self);
        w.end_object();
    }
}

/// Tagged by `kind`.
impl ToJson for lsp::DocumentDiagnosticReportKind {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        match self {
            lsp::DocumentDiagnosticReportKind::Full(report) => {
                field(w, "kind", "full");
                full_members(w, report);
            }
            lsp::DocumentDiagnosticReportKind::Unchanged(report) => {
                field(w, "kind", "unchanged");
                unchanged_members(w, report);
            }
        }
        w.end_object();
    }
}

impl ToJson for lsp::RelatedFullDocumentDiagnosticReport {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        opt(w, "relatedDocuments", &self.related_documents);
        full_members(w, &self.full_document_diagnostic_report);
        w.end_object();
    }
}

impl ToJson for lsp::RelatedUnchangedDocumentDiagnosticReport {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        opt(w, "relatedDocuments", &self.related_documents);
        unchanged_members(w, &self.unchanged_document_diagnostic_report);
        w.end_object();
    }
}

/// Tagged by `kind`, the report's members (the flattened one's inline) after it.
impl ToJson for lsp::DocumentDiagnosticReport {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        match self {
            lsp::DocumentDiagnosticReport::Full(report) => {
                field(w, "kind", "full");
                opt(w, "relatedDocuments", &report.related_documents);
                full_members(w, &report.full_document_diagnostic_report);
            }
            lsp::DocumentDiagnosticReport::Unchanged(report) => {
                field(w, "kind", "unchanged");
                opt(w, "relatedDocuments", &report.related_documents);
                unchanged_members(w, &report.unchanged_document_diagnostic_report);
            }
        }
        w.end_object();
    }
}

impl ToJson for lsp::DocumentDiagnosticReportPartialResult {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        opt(w, "relatedDocuments", &self.related_documents);
        w.end_object();
    }
}

impl ToJson for lsp::DocumentDiagnosticReportResult {
    fn write(&self, w: &mut Writer) {
        match self {
            lsp::DocumentDiagnosticReportResult::Report(report) => report.write(w),
            lsp::DocumentDiagnosticReportResult::Partial(partial) => partial.write(w),
        }
    }
}

// ----- workspace reports -----------------------------------------------------------------------

impl ToJson for lsp::WorkspaceFullDocumentDiagnosticReport {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "uri", &self.uri);
        field(w, "version", &self.version);
        full_members(w, &self.full_document_diagnostic_report);
        w.end_object();
    }
}

impl ToJson for lsp::WorkspaceUnchangedDocumentDiagnosticReport {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "uri", &self.uri);
        field(w, "version", &self.version);
        unchanged_members(w, &self.unchanged_document_diagnostic_report);
        w.end_object();
    }
}

/// Tagged by `kind`.
impl ToJson for lsp::WorkspaceDocumentDiagnosticReport {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        match self {
            lsp::WorkspaceDocumentDiagnosticReport::Full(report) => {
                field(w, "kind", "full");
                field(w, "uri", &report.uri);
                field(w, "version", &report.version);
                full_members(w, &report.full_document_diagnostic_report);
            }
            lsp::WorkspaceDocumentDiagnosticReport::Unchanged(report) => {
                field(w, "kind", "unchanged");
                field(w, "uri", &report.uri);
                field(w, "version", &report.version);
                unchanged_members(w, &report.unchanged_document_diagnostic_report);
            }
        }
        w.end_object();
    }
}

impl ToJson for lsp::WorkspaceDiagnosticReport {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "items", &self.items);
        w.end_object();
    }
}

impl ToJson for lsp::WorkspaceDiagnosticReportPartialResult {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "items", &self.items);
        w.end_object();
    }
}

impl ToJson for lsp::WorkspaceDiagnosticReportResult {
    fn write(&self, w: &mut Writer) {
        match self {
            lsp::WorkspaceDiagnosticReportResult::Report(report) => report.write(w),
            lsp::WorkspaceDiagnosticReportResult::Partial(partial) => partial.write(w),
        }
    }
}

//! Messages to the user and the log, and work-done progress.

use ls_types as lsp;

use super::{field, opt, ToJson, Writer};

impl ToJson for lsp::LogMessageParams {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "type", &self.typ);
        field(w, "message", &self.message);
        w.end_object();
    }
}

impl ToJson for lsp::ShowMessageParams {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "type", &self.typ);
        field(w, "message", &self.message);
        w.end_object();
    }
}

impl ToJson for lsp::WorkDoneProgressCreateParams {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "token", &self.token);
        w.end_object();
    }
}

impl ToJson for lsp::ProgressParams {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "token", &self.token);
        field(w, "value", &self.value);
        w.end_object();
    }
}

impl ToJson for lsp::ProgressParamsValue {
    fn write(&self, w: &mut Writer) {
        match self {
            lsp::ProgressParamsValue::WorkDone(progress) => progress.write(w),
        }
    }
}

fn begin_members(w: &mut Writer, p: &lsp::WorkDoneProgressBegin) {
    field(w, "title", &p.title);
    opt(w, "cancellable", &p.cancellable);
    opt(w, "message", &p.message);
    opt(w, "percentage", &p.percentage);
}

fn report_members(w: &mut Writer, p: &lsp::WorkDoneProgressReport) {
    opt(w, "cancellable", &p.cancellable);
    opt(w, "message", &p.message);
    opt(w, "percentage", &p.percentage);
}

/// Tagged by `kind`.
impl ToJson for lsp::WorkDoneProgress {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        match self {
            lsp::WorkDoneProgress::Begin(p) => {
                field(w, "kind", "begin");
                begin_members(w, p);
            }
            lsp::WorkDoneProgress::Report(p) => {
                field(w, "kind", "report");
                report_members(w, p);
            }
            lsp::WorkDoneProgress::End(p) => {
                field(w, "kind", "end");
                opt(w, "message", &p.message);
            }
        }
        w.end_object();
    }
}

impl ToJson for lsp::WorkDoneProgressBegin {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        begin_members(w, self);
        w.end_object();
    }
}

impl ToJson for lsp::WorkDoneProgressReport {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        report_members(w, self);
        w.end_object();
    }
}

impl ToJson for lsp::WorkDoneProgressEnd {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        opt(w, "message", &self.message);
        w.end_object();
    }
}

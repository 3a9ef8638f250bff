//! Workspace edits: text edits per document, resource operations, change annotations.

use ls_types as lsp;

use super::{field, opt, ToJson, Writer};

impl ToJson for lsp::WorkspaceEdit {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        opt(w, "changes", &self.changes);
        opt(w, "documentChanges", &self.document_changes);
        opt(w, "changeAnnotations", &self.change_annotations);
        w.end_object();
    }
}

impl ToJson for lsp::OptionalVersionedTextDocumentIdentifier {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "uri", &self.uri);
        field(w, "version", &self.version);
        w.end_object();
    }
}

impl ToJson for lsp::TextDocumentEdit {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "textDocument", &self.text_document);
        field(w, "edits", &self.edits);
        w.end_object();
    }
}

impl ToJson for lsp::DocumentChanges {
    fn write(&self, w: &mut Writer) {
        match self {
            lsp::DocumentChanges::Edits(edits) => edits.write(w),
            lsp::DocumentChanges::Operations(operations) => operations.write(w),
        }
    }
}

impl ToJson for lsp::DocumentChangeOperation {
    fn write(&self, w: &mut Writer) {
        match self {
            lsp::DocumentChangeOperation::Op(op) => op.write(w),
            lsp::DocumentChangeOperation::Edit(edit) => edit.write(w),
        }
    }
}

/// Tagged by `kind`: the tag first, then the operation's members.
impl ToJson for lsp::ResourceOp {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        match self {
            lsp::ResourceOp::Create(op) => {
                field(w, "kind", "create");
                create_members(w, op);
            }
            lsp::ResourceOp::Rename(op) => {
                field(w, "kind", "rename");
                rename_members(w, op);
            }
            lsp::ResourceOp::Delete(op) => {
                field(w, "kind", "delete");
                delete_members(w, op);
            }
        }
        w.end_object();
    }
}

fn create_members(w: &mut Writer, op: &lsp::CreateFile) {
    field(w, "uri", &op.uri);
    opt(w, "options", &op.options);
    opt(w, "annotationId", &op.annotation_id);
}

fn rename_members(w: &mut Writer, op: &lsp::RenameFile) {
    field(w, "oldUri", &op.old_uri);
    field(w, "newUri", &op.new_uri);
    opt(w, "options", &op.options);
    opt(w, "annotationId", &op.annotation_id);
}

fn delete_members(w: &mut Writer, op: &lsp::DeleteFile) {
    field(w, "uri", &op.uri);
    opt(w, "options", &op.options);
    opt(w, "annotationId", &op.annotation_id);
}

impl ToJson for lsp::CreateFile {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        create_members(w, self);
        w.end_object();
    }
}

impl ToJson for lsp::RenameFile {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        rename_members(w, self);
        w.end_object();
    }
}

impl ToJson for lsp::DeleteFile {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        delete_members(w, self);
        w.end_object();
    }
}

impl ToJson for lsp::CreateFileOptions {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        opt(w, "overwrite", &self.overwrite);
        opt(w, "ignoreIfExists", &self.ignore_if_exists);
        w.end_object();
    }
}

impl ToJson for lsp::RenameFileOptions {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        opt(w, "overwrite", &self.overwrite);
        opt(w, "ignoreIfExists", &self.ignore_if_exists);
        w.end_object();
    }
}

impl ToJson for lsp::DeleteFileOptions {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        opt(w, "recursive", &self.recursive);
        opt(w, "ignoreIfNotExists", &self.ignore_if_not_exists);
        w.end_object();
    }
}

impl ToJson for lsp::ChangeAnnotation {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "label", &self.label);
        opt(w, "needsConfirmation", &self.needs_confirmation);
        opt(w, "description", &self.description);
        w.end_object();
    }
}

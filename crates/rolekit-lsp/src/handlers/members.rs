//! The members of a JSON object read into the protocol's types by hand.
//!
//! [`RequestParams`](super::params::RequestParams) parses a message's params
//! once into a [`serde_json::Value`] (a reader the module has anyway) and
//! takes out the members its request reads. serde's derived readers compiled
//! one copy of its map-walking code per struct and per member type, about
//! 12 KB of the WebAssembly server gzipped for two dozen small structs; the
//! readers here are a few lines each. They keep serde's rules: a missing
//! optional member or `null` is `None`, a missing required one is "missing
//! field `x`", a member of the wrong type is an error naming its place, and
//! members nobody reads are ignored.

use ls_types as lsp;
use serde_json::{Map, Value};

use crate::rpc::Error;

/// A JSON object, its members taken out as they are read.
pub(crate) type Members = Map<String, Value>;

/// Why a member could not be read, and where (innermost key first).
#[derive(Debug)]
pub(crate) struct Bad {
    path: Vec<&'static str>,
    expected: Option<&'static str>,
}

impl Bad {
    pub(crate) fn missing(key: &'static str) -> Bad {
        Bad { path: vec![key], expected: None }
    }

    pub(crate) fn expected(what: &'static str) -> Bad {
        Bad { path: Vec::new(), expected: Some(what) }
    }

    fn at(mut self, key: &'static str) -> Bad {
        self.path.push(key);
        self
    }
}

impl From<Bad> for Error {
    /// `-32602`: "missing field `version`" (serde's words), or "invalid type:
    /// expected an object at `range.start`".
    fn from(bad: Bad) -> Error {
        let path = bad.path.iter().rev().copied().collect::<Vec<_>>().join(".");
        Error::invalid_params(match bad.expected {
            None => format!("missing field `{}`", bad.path.first().copied().unwrap_or_default()),
            Some(what) if path.is_empty() => format!("invalid type: expected {what}"),
            Some(what) => format!("invalid type: expected {what} at `{path}`"),
        })
    }
}

/// A type a member's value reads into.
pub(crate) trait Member: Sized {
    fn read(value: Value) -> Result<Self, Bad>;
}

/// The member `key`, which must be there.
pub(crate) fn required<T: Member>(members: &mut Members, key: &'static str) -> Result<T, Bad> {
    match members.remove(key) {
        None => Err(Bad::missing(key)),
        Some(value) => T::read(value).map_err(|bad| bad.at(key)),
    }
}

/// The member `key`; absent or `null` is `None`.
pub(crate) fn optional<T: Member>(members: &mut Members, key: &'static str) -> Result<Option<T>, Bad> {
    match members.remove(key) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => T::read(value).map(Some).map_err(|bad| bad.at(key)),
    }
}

impl Member for Members {
    fn read(value: Value) -> Result<Self, Bad> {
        match value {
            Value::Object(members) => Ok(members),
            _ => Err(Bad::expected("an object")),
        }
    }
}

impl Member for Value {
    fn read(value: Value) -> Result<Self, Bad> {
        Ok(value)
    }
}

impl Member for String {
    fn read(value: Value) -> Result<Self, Bad> {
        match value {
            Value::String(s) => Ok(s),
            _ => Err(Bad::expected("a string")),
        }
    }
}

impl Member for bool {
    fn read(value: Value) -> Result<Self, Bad> {
        value.as_bool().ok_or_else(|| Bad::expected("a boolean"))
    }
}

impl Member for u32 {
    fn read(value: Value) -> Result<Self, Bad> {
        value.as_u64().and_then(|n| u32::try_from(n).ok()).ok_or_else(|| Bad::expected("an unsigned 32-bit integer"))
    }
}

impl Member for i32 {
    fn read(value: Value) -> Result<Self, Bad> {
        value.as_i64().and_then(|n| i32::try_from(n).ok()).ok_or_else(|| Bad::expected("a 32-bit integer"))
    }
}

impl<T: Member> Member for Vec<T> {
    fn read(value: Value) -> Result<Self, Bad> {
        match value {
            Value::Array(items) => items.into_iter().map(T::read).collect(),
            _ => Err(Bad::expected("an array")),
        }
    }
}

impl Member for lsp::Uri {
    fn read(value: Value) -> Result<Self, Bad> {
        String::read(value)?.parse().map_err(|_| Bad::expected("a URI"))
    }
}

impl Member for lsp::Position {
    fn read(value: Value) -> Result<Self, Bad> {
        let mut m = Members::read(value)?;
        Ok(lsp::Position { line: required(&mut m, "line")?, character: required(&mut m, "character")? })
    }
}

impl Member for lsp::Range {
    fn read(value: Value) -> Result<Self, Bad> {
        let mut m = Members::read(value)?;
        Ok(lsp::Range { start: required(&mut m, "start")?, end: required(&mut m, "end")? })
    }
}

/// A progress token: an integer or a string.
impl Member for lsp::ProgressToken {
    fn read(value: Value) -> Result<Self, Bad> {
        match value {
            Value::String(s) => Ok(lsp::NumberOrString::String(s)),
            number => i32::read(number)
                .map(lsp::NumberOrString::Number)
                .map_err(|_| Bad::expected("a progress token (a 32-bit integer or a string)")),
        }
    }
}

impl Member for lsp::PreviousResultId {
    fn read(value: Value) -> Result<Self, Bad> {
        let mut m = Members::read(value)?;
        Ok(lsp::PreviousResultId { uri: required(&mut m, "uri")?, value: required(&mut m, "value")? })
    }
}

impl Member for lsp::TextDocumentContentChangeEvent {
    fn read(value: Value) -> Result<Self, Bad> {
        let mut m = Members::read(value)?;
        Ok(lsp::TextDocumentContentChangeEvent {
            range: optional(&mut m, "range")?,
            range_length: optional(&mut m, "rangeLength")?,
            text: required(&mut m, "text")?,
        })
    }
}

impl Member for lsp::FileEvent {
    fn read(value: Value) -> Result<Self, Bad> {
        let mut m = Members::read(value)?;
        let uri = required(&mut m, "uri")?;
        let typ = match required::<i32>(&mut m, "type")? {
            1 => lsp::FileChangeType::CREATED,
            2 => lsp::FileChangeType::CHANGED,
            3 => lsp::FileChangeType::DELETED,
            _ => return Err(Bad::expected("1, 2 or 3 (a FileChangeType)").at("type")),
        };
        Ok(lsp::FileEvent { uri, typ })
    }
}

impl Member for lsp::CodeActionKind {
    fn read(value: Value) -> Result<Self, Bad> {
        String::read(value).map(lsp::CodeActionKind::from)
    }
}

impl Member for lsp::CodeActionTriggerKind {
    fn read(value: Value) -> Result<Self, Bad> {
        match i32::read(value)? {
            1 => Ok(lsp::CodeActionTriggerKind::INVOKED),
            2 => Ok(lsp::CodeActionTriggerKind::AUTOMATIC),
            _ => Err(Bad::expected("1 or 2 (a CodeActionTriggerKind)")),
        }
    }
}

impl Member for lsp::CompletionContext {
    fn read(value: Value) -> Result<Self, Bad> {
        let mut m = Members::read(value)?;
        let trigger_kind = match required::<i32>(&mut m, "triggerKind")? {
            1 => lsp::CompletionTriggerKind::INVOKED,
            2 => lsp::CompletionTriggerKind::TRIGGER_CHARACTER,
            3 => lsp::CompletionTriggerKind::TRIGGER_FOR_INCOMPLETE_COMPLETIONS,
            _ => return Err(Bad::expected("1, 2 or 3 (a CompletionTriggerKind)").at("triggerKind")),
        };
        Ok(lsp::CompletionContext { trigger_kind, trigger_character: optional(&mut m, "triggerCharacter")? })
    }
}

impl Member for lsp::ReferenceContext {
    fn read(value: Value) -> Result<Self, Bad> {
        let mut m = Members::read(value)?;
        Ok(lsp::ReferenceContext { include_declaration: required(&mut m, "includeDeclaration")? })
    }
}

impl Member for lsp::FileRename {
    fn read(value: Value) -> Result<Self, Bad> {
        let mut m = Members::read(value)?;
        Ok(lsp::FileRename { old_uri: required(&mut m, "oldUri")?, new_uri: required(&mut m, "newUri")? })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn members(value: Value) -> Members {
        Members::read(value).unwrap_or_default()
    }

    #[test]
    fn absent_and_null_optional_members_are_none() {
        let mut m = members(json!({ "a": null }));
        assert!(matches!(optional::<String>(&mut m, "a"), Ok(None)));
        assert!(matches!(optional::<String>(&mut m, "b"), Ok(None)));
    }

    #[test]
    fn errors_name_the_member_and_its_place() {
        let message = |r: Result<lsp::Range, Bad>| r.map_err(|b| Error::from(b).message).err().unwrap_or_default();
        let mut m = members(json!({ "range": { "start": { "line": 0, "character": 0 } } }));
        assert_eq!(message(required(&mut m, "range")), "missing field `end`");
        let mut m = members(json!({ "range": { "start": { "line": -1, "character": 0 }, "end": 1 } }));
        assert_eq!(
            message(required(&mut m, "range")),
            "invalid type: expected an unsigned 32-bit integer at `range.start.line`"
        );
        let mut m = members(json!({ "range": null }));
        assert_eq!(message(required(&mut m, "range")), "invalid type: expected an object at `range`");
        assert_eq!(message(required(&mut members(json!({})), "range")), "missing field `range`");
    }

    #[test]
    fn numbers_out_of_range_and_unknown_kinds_are_errors() {
        for bad in [json!(4294967296_u64), json!(1.5), json!("1"), json!(true)] {
            assert!(u32::read(bad.clone()).is_err(), "{bad}");
            assert!(lsp::ProgressToken::read(bad.clone()).is_err() || bad.is_string(), "{bad}");
        }
        assert!(i32::read(json!(-2147483648_i64)).is_ok());
        assert!(lsp::CodeActionTriggerKind::read(json!(3)).is_err());
        assert!(lsp::FileEvent::read(json!({ "uri": "file:///a.md", "type": 4 })).is_err());
        assert!(lsp::Uri::read(json!("not a uri")).is_err());
    }
}

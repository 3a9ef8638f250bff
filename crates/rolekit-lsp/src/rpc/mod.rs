//! JSON-RPC 2.0 as the language server speaks it, written for this server
//! (see ARCHITECTURE.md, "Language server: a hand-written JSON-RPC layer"):
//!
//! - this file: the error type and codes, a message as it arrives (taken
//!   apart from the value the frame guard parsed; each method reads its
//!   `params` from their value) and the answers written back;
//! - [`client`]: what the server sends the client (notifications, requests
//!   and the answers to them);
//! - [`serve`]: the message loop (`initialize`/`shutdown`/`exit` states,
//!   requests answered concurrently, `$/cancelRequest`).
//!
//! Which method goes to which handler is the table in `server/routes.rs`.

pub mod client;
pub mod serve;

use std::fmt;

use serde_json::Value;

use crate::to_json::{field, opt, to_json, ToJson, Writer};

pub use client::Client;

/// Takes the JSON body of a message for the client; the transport frames it.
pub type Sink = std::sync::Arc<dyn Fn(Vec<u8>) + Send + Sync>;

/// The error codes the server answers with.
pub mod code {
    pub const PARSE_ERROR: i64 = -32700;
    pub const INVALID_REQUEST: i64 = -32600;
    pub const METHOD_NOT_FOUND: i64 = -32601;
    pub const INVALID_PARAMS: i64 = -32602;
    pub const INTERNAL_ERROR: i64 = -32603;
    pub const SERVER_NOT_INITIALIZED: i64 = -32002;
    pub const REQUEST_FAILED: i64 = -32803;
    pub const REQUEST_CANCELLED: i64 = -32800;
}

/// A JSON-RPC error, as answered or as received (`Error::received`).
#[derive(Clone, Debug, PartialEq)]
pub struct Error {
    pub code: i64,
    pub message: String,
    pub data: Option<Value>,
}

/// The error object of an answer (`data` left out when there is none).
impl ToJson for Error {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        field(w, "code", &self.code);
        field(w, "message", &self.message);
        opt(w, "data", &self.data);
        w.end_object();
    }
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn new(code: i64, message: impl Into<String>) -> Self {
        Error { code, message: message.into(), data: None }
    }

    pub fn invalid_request() -> Self {
        Error::new(code::INVALID_REQUEST, "Invalid request")
    }

    pub fn invalid_params(message: impl Into<String>) -> Self {
        Error::new(code::INVALID_PARAMS, message)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Error::new(code::INTERNAL_ERROR, message)
    }

    /// An error object as the client sent it (its shape checked by
    /// [`is_message`]), read from its `Value`: a derived reader was one more
    /// copy of serde's code for three members.
    pub(crate) fn received(value: Value) -> Self {
        let Value::Object(mut e) = value else { return Error::invalid_request() };
        Error {
            code: e.get("code").and_then(Value::as_i64).unwrap_or(code::INTERNAL_ERROR),
            message: match e.remove("message") {
                Some(Value::String(message)) => message,
                _ => String::new(),
            },
            data: e.remove("data"),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.code)
    }
}

/// A message from the client, taken apart: a request (`id` and `method`),
/// a notification (`method`) or an answer to one of the server's requests
/// (`id` and `result` or `error`). Members that are there hold their value,
/// `null` included.
pub(crate) struct Incoming {
    pub method: Option<String>,
    pub id: Option<Value>,
    pub params: Option<Value>,
    /// An answer's result, handed to the request waiting for it ([`Client::request`]).
    pub result: Option<Value>,
    /// An error answer's object, read by [`Error::received`].
    pub error: Option<Value>,
}

impl Incoming {
    /// The members of a message the frame guard let through ([`is_message`]);
    /// `None` for anything else.
    pub(crate) fn new(message: Value) -> Option<Incoming> {
        let Value::Object(mut m) = message else { return None };
        let method = match m.remove("method") {
            Some(Value::String(method)) => Some(method),
            Some(_) => return None,
            None => None,
        };
        Some(Incoming {
            method,
            id: m.remove("id"),
            params: m.remove("params"),
            result: m.remove("result"),
            error: m.remove("error"),
        })
    }
}

/// Whether `value` has the shape of a JSON-RPC 2.0 message the server reads
/// (the frame guard answers anything else with `-32600`): an object with
/// `"jsonrpc": "2.0"`, a string `method` if any, an integer, string or null
/// `id` if any, and an answer (`result` or `error`) only with an `id`.
pub fn is_message(value: &Value) -> bool {
    let Some(object) = value.as_object() else { return false };
    if object.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
        return false;
    }
    let id_ok = match object.get("id") {
        None | Some(Value::Null | Value::String(_)) => true,
        Some(Value::Number(n)) => n.is_i64(),
        Some(_) => false,
    };
    let method_ok = object.get("method").is_none_or(Value::is_string);
    let answer = object.contains_key("result") || object.contains_key("error");
    let error_ok = object.get("error").is_none_or(is_error);
    id_ok && method_ok && error_ok && (!answer || (object.contains_key("id") && !object.contains_key("method")))
}

/// An error object as JSON-RPC 2.0 defines it: an integer `code` and a
/// string `message` (any `data`). Checked by hand: serde's reader of
/// [`Error`] over a `Value` was one more copy of its code for one check.
fn is_error(error: &Value) -> bool {
    error
        .as_object()
        .is_some_and(|e| e.get("code").is_some_and(Value::is_i64) && e.get("message").is_some_and(Value::is_string))
}

/// A request's result as the text of one JSON value, written by
/// `to_json` (or, for `initialize`, put together as text): sent as it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Json(Box<str>);

impl Json {
    /// `value` written as JSON.
    pub(crate) fn of<T: ToJson + ?Sized>(value: &T) -> Json {
        Json(to_json(value).into_boxed_str())
    }

    /// Text that is already one JSON value (not checked).
    pub(crate) fn from_text(text: String) -> Json {
        Json(text.into_boxed_str())
    }

    /// `null`.
    pub(crate) fn null() -> Json {
        Json::from_text("null".to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl ToJson for Json {
    fn write(&self, w: &mut Writer) {
        w.raw(&self.0);
    }
}

/// The body of the answer to request `id`: `jsonrpc`, its `result` or
/// `error`, `id`, in that order.
pub(crate) fn answer(id: &Value, outcome: &Result<Json>) -> Vec<u8> {
    let mut w = Writer::new();
    w.begin_object();
    field(&mut w, "jsonrpc", "2.0");
    match outcome {
        Ok(result) => field(&mut w, "result", result),
        Err(e) => field(&mut w, "error", e),
    }
    field(&mut w, "id", id);
    w.end_object();
    w.finish().into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn message_shapes() {
        let ok = [
            json!({ "jsonrpc": "2.0", "id": 1, "method": "shutdown" }),
            json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }),
            json!({ "jsonrpc": "2.0", "id": "a", "result": null }),
            json!({ "jsonrpc": "2.0", "id": 3, "error": { "code": -1, "message": "no" } }),
            json!({ "jsonrpc": "2.0", "id": 4, "error": { "code": -2, "message": "no", "data": [1] } }),
        ];
        let bad = [
            json!({ "id": 7, "hello": 1 }),
            json!([]),
            json!({ "jsonrpc": "1.0", "method": "x" }),
            json!({ "jsonrpc": "2.0", "id": 1.5, "method": "x" }),
            json!({ "jsonrpc": "2.0", "method": 5 }),
            json!({ "jsonrpc": "2.0", "result": 5 }),
            json!({ "jsonrpc": "2.0", "id": 1, "error": "no" }),
            json!({ "jsonrpc": "2.0", "id": 1, "error": [-1, "no"] }),
            json!({ "jsonrpc": "2.0", "id": 1, "error": { "code": 1.5, "message": "no" } }),
            json!({ "jsonrpc": "2.0", "id": 1, "error": { "code": -1 } }),
        ];
        let verdicts: Vec<bool> = ok.iter().chain(&bad).map(is_message).collect();
        assert_eq!(verdicts[..ok.len()], [true; 5]);
        assert_eq!(verdicts[ok.len()..], [false; 10]);
    }

    #[test]
    fn answers_carry_result_or_error() {
        let ok = answer(&json!(1), &Ok(Json::of(&None::<u8>)));
        assert_eq!(String::from_utf8_lossy(&ok), r#"{"jsonrpc":"2.0","result":null,"id":1}"#);
        let err = answer(&json!("x"), &Err(Error::invalid_params("bad")));
        assert_eq!(
            String::from_utf8_lossy(&err),
            r#"{"jsonrpc":"2.0","error":{"code":-32602,"message":"bad"},"id":"x"}"#
        );
    }
}

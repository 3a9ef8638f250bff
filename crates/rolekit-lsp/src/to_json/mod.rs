//! The server's results and messages written as JSON text through
//! [`Writer`], without serde: `ls-types`' derived `Serialize` code,
//! instantiated for serde_json's serializer, cost the WebAssembly server
//! ~14 KB gzipped. Each type here writes exactly what its serde derive
//! writes (members in declaration order, `skip_serializing_if` Options
//! left out, untagged and `kind`-tagged enums, flattened structs inline);
//! the tests hold every impl to `serde_json::to_string`, byte for byte.
//!
//! One file per protocol area; a struct's impl is one line per member
//! ([`field`], [`opt`]).

mod basic;
mod diagnostics;
mod edits;
mod features;
mod window;
mod workspace;

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::fmt::Debug;

use ls_types as lsp;
pub(crate) use rolekit_core::json::Writer;
use serde_json::Value;

/// A value the server sends, written as serde_json would write it.
pub(crate) trait ToJson {
    fn write(&self, w: &mut Writer);
}

/// `value` as compact JSON text.
pub(crate) fn to_json<T: ToJson + ?Sized>(value: &T) -> String {
    let mut w = Writer::new();
    value.write(&mut w);
    w.finish()
}

/// `value` as a `serde_json::Value` (a command's arguments, a
/// registration's options): its text read back.
pub(crate) fn value<T: ToJson + ?Sized>(value: &T) -> Value {
    rolekit_core::json::parse(&to_json(value)).unwrap_or_default()
}

/// A member: its key, then its value.
pub(crate) fn field<T: ToJson + ?Sized>(w: &mut Writer, key: &str, value: &T) {
    w.key(key);
    value.write(w);
}

/// A member left out when `None` (serde's `skip_serializing_if = "Option::is_none"`).
pub(crate) fn opt<T: ToJson>(w: &mut Writer, key: &str, value: &Option<T>) {
    if let Some(value) = value {
        field(w, key, value);
    }
}

/// A number-valued enum (`ls-types`' `lsp_enum!` newtypes over a private
/// `i32`): `known` is its number when it is one of the named constants,
/// otherwise the number is read from its `Debug` text (`Name(42)`).
fn enum_number(w: &mut Writer, known: Option<i64>, value: &dyn Debug) {
    let number = known.or_else(|| {
        let text = format!("{value:?}");
        let inner = text.rsplit_once('(')?.1.strip_suffix(')')?;
        inner.parse().ok()
    });
    match number {
        Some(n) => w.i64(n),
        None => w.null(),
    }
}

impl ToJson for () {
    fn write(&self, w: &mut Writer) {
        w.null();
    }
}

impl ToJson for bool {
    fn write(&self, w: &mut Writer) {
        w.bool(*self);
    }
}

impl ToJson for u8 {
    fn write(&self, w: &mut Writer) {
        w.u64(u64::from(*self));
    }
}

impl ToJson for u32 {
    fn write(&self, w: &mut Writer) {
        w.u64(u64::from(*self));
    }
}

impl ToJson for u64 {
    fn write(&self, w: &mut Writer) {
        w.u64(*self);
    }
}

impl ToJson for i32 {
    fn write(&self, w: &mut Writer) {
        w.i64(i64::from(*self));
    }
}

impl ToJson for i64 {
    fn write(&self, w: &mut Writer) {
        w.i64(*self);
    }
}

impl ToJson for str {
    fn write(&self, w: &mut Writer) {
        w.str(self);
    }
}

impl ToJson for String {
    fn write(&self, w: &mut Writer) {
        w.str(self);
    }
}

impl ToJson for Value {
    fn write(&self, w: &mut Writer) {
        w.value(self);
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn write(&self, w: &mut Writer) {
        match self {
            Some(value) => value.write(w),
            None => w.null(),
        }
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write(&self, w: &mut Writer) {
        w.begin_array();
        for item in self {
            item.write(w);
        }
        w.end_array();
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write(&self, w: &mut Writer) {
        self.as_slice().write(w);
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write(&self, w: &mut Writer) {
        (**self).write(w);
    }
}

impl<T: ToJson + ?Sized> ToJson for Box<T> {
    fn write(&self, w: &mut Writer) {
        (**self).write(w);
    }
}

/// A map key: the text of the object's member name.
pub(crate) trait Key {
    fn key(&self) -> &str;
}

impl Key for String {
    fn key(&self) -> &str {
        self
    }
}

impl Key for lsp::Uri {
    fn key(&self) -> &str {
        self.as_str()
    }
}

/// An object keyed by the URI (or string), in the map's iteration order as serde_json writes it.
impl<K: Key, V: ToJson> ToJson for HashMap<K, V> {
    fn write(&self, w: &mut Writer) {
        w.begin_object();
        for (key, value) in self {
            field(w, key.key(), value);
        }
        w.end_object();
    }
}

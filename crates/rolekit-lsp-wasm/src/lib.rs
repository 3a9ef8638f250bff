//! `rolekit lsp` for editor extension hosts: the `rolekit-lsp` server,
//! compiled to wasm32, behind a byte-stream interface.
//!
//! The host (the VS Code extension, or its Node tests) creates an
//! `LspServer` with an `LspHost` object, writes the client's bytes with
//! `LspServer::write` and receives the server's frames through
//! `host.output`. Files (parent roles, the workspace index, `rolekit.toml`)
//! are read through `host.readFile`, `host.readFileHead` and
//! `host.listDirectory`, synchronously; which folders are walked and which
//! files are role files is the server's decision (the core's policy), never
//! the host's.
//!
//! Built by `scripts/build-vscode.sh` (`wasm-bindgen --target nodejs`).
//! Everything is wasm32-only: natively this crate is empty.
#![cfg(target_arch = "wasm32")]

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::{Arc, Once};

use rolekit_lsp::fs::{FileSystem, Listing};
use rolekit_lsp::hosted::{self, HostExecutor, NextTurn, Output, Session};
use rolekit_lsp::{BoxFuture, Job};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(typescript_custom_section)]
const LSP_HOST: &str = r#"
/** What the server needs from its host. Callbacks are called synchronously. */
export interface LspHost {
  /** Bytes for the client: one or more whole `Content-Length` frames. The
   * array is a view into the module's memory: copy it before returning. */
  output(bytes: Uint8Array): void;
  /** The session ended: 0 after `shutdown` + `exit`, 1 otherwise. */
  exit(code: number): void;
  /** The text of the file at `uri` (a `file://` URI), or undefined. */
  readFile(uri: string): string | undefined;
  /** Optional: at most the first `maxBytes` bytes of the file, as text (a
   * character cut at the end may be replaced). The workspace index reads no
   * more of a file; without it, `readFile` is used and the text cut. */
  readFileHead?(uri: string, maxBytes: number): string | undefined;
  /** Optional: the `*.md` files and all the folders directly in `folder`
   * (URIs, folders ending in `/`), so the workspace index walks a tree a
   * little at a time between messages, entering the folders the policy
   * enters. */
  listDirectory?(folder: string): { files: string[]; folders: string[] } | undefined;
  /** Optional, for hosts without `listDirectory`: the URIs of the `*.md`
   * files under the folder `folder` (a URI), the whole tree in one call. */
  listMarkdown?(folder: string): string[];
  /** A line for the host's log (a panic report, before the module traps). */
  log(message: string): void;
}
"#;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "LspHost")]
    pub type LspHost;

    #[wasm_bindgen(method, catch)]
    fn output(this: &LspHost, bytes: &[u8]) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch)]
    fn exit(this: &LspHost, code: i32) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch, js_name = readFile)]
    fn read_file(this: &LspHost, uri: &str) -> Result<Option<String>, JsValue>;
    #[wasm_bindgen(method, getter, js_name = readFileHead)]
    fn read_file_head_fn(this: &LspHost) -> JsValue;
    #[wasm_bindgen(method, getter, js_name = listDirectory)]
    fn list_directory_fn(this: &LspHost) -> JsValue;
    #[wasm_bindgen(method, getter, js_name = listMarkdown)]
    fn list_markdown_fn(this: &LspHost) -> JsValue;
    #[wasm_bindgen(method, catch)]
    fn log(this: &LspHost, message: &str) -> Result<(), JsValue>;
}

thread_local! {
    // The hosts of the live servers, by id. The server's callbacks must be
    // `Send + Sync` (natively they are), a JS object is neither, so they
    // carry the id and look the host up here (wasm32 has one thread).
    static HOSTS: RefCell<HashMap<u32, LspHost>> = RefCell::new(HashMap::new());
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

fn with_host<T>(id: u32, f: impl FnOnce(&LspHost) -> T) -> Option<T> {
    HOSTS.with(|hosts| hosts.borrow().get(&id).map(f))
}

/// Files through the host.
struct HostFs(u32);

impl FileSystem for HostFs {
    fn read(&self, uri: &str) -> Option<String> {
        with_host(self.0, |h| h.read_file(uri).ok().flatten()).flatten()
    }

    fn read_head(&self, uri: &str, max: usize) -> Option<String> {
        let head = with_host(self.0, |h| {
            let f = h.read_file_head_fn().dyn_into::<js_sys::Function>().ok()?;
            let text = f.call2(h, &JsValue::from_str(uri), &JsValue::from_f64(max as f64)).ok()?;
            Some(text.as_string())
        });
        match head.flatten() {
            Some(text) => text.map(|mut t| {
                rolekit_lsp::fs::truncate(&mut t, max);
                t
            }),
            None => {
                let mut text = self.read(uri)?;
                rolekit_lsp::fs::truncate(&mut text, max);
                Some(text)
            }
        }
    }

    fn list_folder(&self, folder: &str) -> Option<Listing> {
        let strings = |v: JsValue| -> Vec<String> {
            v.dyn_into::<js_sys::Array>().map(|a| a.iter().filter_map(|s| s.as_string()).collect()).unwrap_or_default()
        };
        with_host(self.0, |h| {
            let f = h.list_directory_fn().dyn_into::<js_sys::Function>().ok()?;
            let listing = f.call1(h, &JsValue::from_str(folder)).ok()?;
            if listing.is_undefined() || listing.is_null() {
                return Some(Listing::default());
            }
            let field =
                |name: &str| js_sys::Reflect::get(&listing, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
            Some(Listing { files: strings(field("files")), folders: strings(field("folders")) })
        })
        .flatten()
    }

    fn list_markdown(&self, folder: &str) -> Vec<String> {
        let listed = with_host(self.0, |h| {
            let f = h.list_markdown_fn().dyn_into::<js_sys::Function>().ok()?;
            f.call1(h, &JsValue::from_str(folder)).ok()?.dyn_into::<js_sys::Array>().ok()
        })
        .flatten();
        listed
            .map(|items| items.iter().filter_map(|v| v.as_string()).take(rolekit_lsp::fs::MAX_LISTED).collect())
            .unwrap_or_default()
    }
}

/// Runs `job` on a later turn of the event loop: `setImmediate` (Node: after
/// pending input), else `setTimeout(0)`, else a microtask.
fn next_turn(job: Job) {
    let global = js_sys::global();
    let scheduler = ["setImmediate", "setTimeout"]
        .into_iter()
        .filter_map(|name| js_sys::Reflect::get(&global, &JsValue::from_str(name)).ok())
        .find_map(|f| f.dyn_into::<js_sys::Function>().ok());
    match scheduler {
        Some(schedule) => {
            let callback = Closure::once_into_js(job);
            let _ = schedule.call1(&global, &callback);
        }
        None => wasm_bindgen_futures::spawn_local(async move { job() }),
    }
}

/// Milliseconds, for slicing long work (`performance.now()`, else `Date.now()`).
fn now_ms() -> f64 {
    let performance = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("performance")).ok();
    let now = performance
        .as_ref()
        .and_then(|p| js_sys::Reflect::get(p, &JsValue::from_str("now")).ok())
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match (performance, now) {
        (Some(p), Some(now)) => now.call0(&p).ok().and_then(|v| v.as_f64()).unwrap_or_else(js_sys::Date::now),
        _ => js_sys::Date::now(),
    }
}

/// Reports a panic to every host before the module traps (wasm32 aborts on
/// panic): the extension shows it and restarts the server.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let message = format!("rolekit language server panicked: {info}");
            HOSTS.with(|hosts| {
                if let Ok(hosts) = hosts.try_borrow() {
                    for host in hosts.values() {
                        let _ = host.log(&message);
                    }
                }
            });
        }));
    });
}

/// One language-server session.
#[wasm_bindgen]
pub struct LspServer {
    id: u32,
    session: Session,
}

#[wasm_bindgen]
impl LspServer {
    /// Starts a session; it runs on the JavaScript event loop until `exit`
    /// or [`close`](LspServer::close), then calls `host.exit(code)`.
    #[wasm_bindgen(constructor)]
    pub fn new(host: LspHost) -> LspServer {
        install_panic_hook();
        let id = NEXT_ID.with(|n| {
            let id = n.get();
            n.set(id.wrapping_add(1));
            id
        });
        HOSTS.with(|hosts| hosts.borrow_mut().insert(id, host));
        let turn: NextTurn = Arc::new(next_turn);
        let spawn = Arc::new(|fut: BoxFuture| wasm_bindgen_futures::spawn_local(fut));
        let executor = HostExecutor::new(turn, spawn, Some(Arc::new(now_ms)));
        let output: Output = Arc::new(move |bytes: &[u8]| {
            with_host(id, |h| {
                let _ = h.output(bytes);
            });
        });
        let (session, serve) = hosted::start(Arc::new(HostFs(id)), executor, output);
        wasm_bindgen_futures::spawn_local(async move {
            let code = serve.await;
            with_host(id, |h| {
                let _ = h.exit(code);
            });
            HOSTS.with(|hosts| hosts.borrow_mut().remove(&id));
        });
        LspServer { id, session }
    }

    /// Bytes from the client, in any chunking.
    pub fn write(&mut self, bytes: &[u8]) {
        self.session.write(bytes);
    }

    /// Ends the client's input (the client went away): the session ends and
    /// `host.exit(1)` follows, unless the client sent `shutdown` first.
    pub fn close(&mut self) {
        self.session.close();
    }

    /// The session's id (for logs).
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> u32 {
        self.id
    }

    /// The module's linear memory in bytes: what every session together
    /// holds (for the status bar and the benchmarks).
    #[wasm_bindgen(js_name = memoryBytes)]
    pub fn memory_bytes() -> f64 {
        (core::arch::wasm32::memory_size(0) * 65536) as f64
    }
}

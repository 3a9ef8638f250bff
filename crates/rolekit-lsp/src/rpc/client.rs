//! The client as the server sees it: notifications and requests to send
//! (from any thread: they are serialized straight from typed values and
//! handed to the transport's sink, in order) and the answers to the
//! requests, matched by id when the message loop receives them.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};

use futures::channel::oneshot;
use ls_types::notification::Notification;
use ls_types::request::Request;
use serde::Serialize;
use serde_json::Value;

use super::{Error, Result, Sink};

type Waiting = HashMap<i64, oneshot::Sender<Result<Value>>>;

#[derive(Clone)]
pub struct Client {
    sink: Sink,
    next_id: Arc<AtomicI64>,
    /// The server's requests waiting for their answers; `None` once the session ended.
    waiting: Arc<Mutex<Option<Waiting>>>,
}

#[derive(Serialize)]
struct Outgoing<'a, P> {
    jsonrpc: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<i64>,
    method: &'a str,
    params: &'a P,
}

impl Client {
    pub fn new(sink: Sink) -> Self {
        Client { sink, next_id: Arc::new(AtomicI64::new(0)), waiting: Arc::new(Mutex::new(Some(HashMap::new()))) }
    }

    /// Writes a message body as it is (an answer, a notification made elsewhere).
    pub fn send_raw(&self, body: Vec<u8>) {
        (self.sink)(body);
    }

    fn send<P: Serialize>(&self, id: Option<i64>, method: &str, params: &P) {
        if let Ok(body) = serde_json::to_vec(&Outgoing { jsonrpc: "2.0", id, method, params }) {
            (self.sink)(body);
        }
    }

    /// Sends notification `N`.
    pub fn notify<N: Notification>(&self, params: &N::Params) {
        self.send(None, N::METHOD, params);
    }

    /// Sends request `R` and waits for its answer, the client's `result` as
    /// it is (an error when the session ends first). The server's requests
    /// are answered `null` but for `workspace/configuration`, whose caller
    /// reads the settings from the value: no typed reader per request.
    pub async fn request<R: Request>(&self, params: R::Params) -> Result<Value> {
        self.request_value(R::METHOD, &params).await
    }

    async fn request_value<P: Serialize>(&self, method: &str, params: &P) -> Result<Value> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = oneshot::channel();
        match self.waiting().as_mut() {
            Some(waiting) => waiting.insert(id, tx),
            None => return Err(Error::internal("the session has ended")),
        };
        self.send(Some(id), method, params);
        rx.await.unwrap_or_else(|_| Err(Error::internal("the session has ended")))
    }

    fn waiting(&self) -> std::sync::MutexGuard<'_, Option<Waiting>> {
        self.waiting.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The client answered request `id` (an answer to nothing is dropped).
    pub(crate) fn answered(&self, id: &Value, answer: Result<Value>) {
        let Some(id) = id.as_i64() else { return };
        let tx = self.waiting().as_mut().and_then(|w| w.remove(&id));
        if let Some(tx) = tx {
            let _ = tx.send(answer);
        }
    }

    /// The session ended: requests still waiting fail, new ones fail at once.
    pub(crate) fn close(&self) {
        self.waiting().take();
    }
}

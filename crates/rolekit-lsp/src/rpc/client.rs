//! The client as the server sees it: notifications and requests to send
//! (from any thread: they are written straight from typed values by
//! `to_json` and handed to the transport's sink, in order) and the answers
//! to the requests, matched by id when the message loop receives them.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};

use futures::channel::oneshot;
use ls_types::notification::Notification;
use ls_types::request::Request;
use serde_json::Value;

use super::{Error, Result, Sink};
use crate::to_json::{field, opt, ToJson, Writer};

type Waiting = HashMap<i64, oneshot::Sender<Result<Value>>>;

#[derive(Clone)]
pub struct Client {
    sink: Sink,
    next_id: Arc<AtomicI64>,
    /// The server's requests waiting for their answers; `None` once the session ended.
    waiting: Arc<Mutex<Option<Waiting>>>,
}

/// The body of a notification (no `id`) or request to the client:
/// `jsonrpc`, `id`, `method`, `params`.
pub(crate) fn message(id: Option<i64>, method: &str, params: &dyn ToJson) -> Vec<u8> {
    let mut w = Writer::new();
    w.begin_object();
    field(&mut w, "jsonrpc", "2.0");
    opt(&mut w, "id", &id);
    field(&mut w, "method", method);
    field(&mut w, "params", params);
    w.end_object();
    w.finish().into_bytes()
}

impl Client {
    pub fn new(sink: Sink) -> Self {
        Client { sink, next_id: Arc::new(AtomicI64::new(0)), waiting: Arc::new(Mutex::new(Some(HashMap::new()))) }
    }

    /// Writes a message body as it is (an answer, a notification made elsewhere).
    pub fn send_raw(&self, body: Vec<u8>) {
        (self.sink)(body);
    }

    fn send(&self, id: Option<i64>, method: &str, params: &dyn ToJson) {
        (self.sink)(message(id, method, params));
    }

    /// Sends notification `N`.
    pub(crate) fn notify<N: Notification>(&self, params: &N::Params)
    where
        N::Params: ToJson,
    {
        self.send(None, N::METHOD, params);
    }

    /// Sends request `R` and waits for its answer, the client's `result` as
    /// it is (an error when the session ends first). The server's requests
    /// are answered `null` but for `workspace/configuration`, whose caller
    /// reads the settings from the value: no typed reader per request.
    pub(crate) async fn request<R: Request>(&self, params: R::Params) -> Result<Value>
    where
        R::Params: ToJson,
    {
        let rx = self.start(R::METHOD, &params);
        Self::answer(rx).await
    }

    /// The answer to the request `start` sent (`None`: the session had ended).
    async fn answer(rx: Option<oneshot::Receiver<Result<Value>>>) -> Result<Value> {
        match rx {
            Some(rx) => rx.await.unwrap_or_else(|_| Err(Error::internal("the session has ended"))),
            None => Err(Error::internal("the session has ended")),
        }
    }

    /// Sends a request, written at once (nothing borrowed is held while its
    /// answer is awaited); the receiver of its answer.
    fn start(&self, method: &str, params: &dyn ToJson) -> Option<oneshot::Receiver<Result<Value>>> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = oneshot::channel();
        self.waiting().as_mut()?.insert(id, tx);
        self.send(Some(id), method, params);
        Some(rx)
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

//! The message loop: one task on any executor (tokio's current thread
//! natively, the host's event loop in wasm32), fed with message bodies the
//! frame guard let through.
//!
//! - States as the specification has them: before `initialize` requests are
//!   refused with `-32002` (ServerNotInitialized) and notifications dropped;
//!   a second `initialize` and anything after `shutdown` is `-32600`;
//!   `exit` ends the loop at once.
//! - Requests run concurrently; each new message's handler is polled once
//!   before the next message is read, so the synchronous start of every
//!   handler (a notification applies its change there) runs in arrival order.
//! - `$/cancelRequest` drops a running request, which is answered `-32800`.
//! - At the end of input the requests already received are answered first.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

use futures::future::{abortable, poll_fn, AbortHandle};
use futures::stream::{FuturesUnordered, Stream, StreamExt};
use serde_json::Value;

use super::{answer, code, Client, Error, Incoming, Json, Result};
use crate::to_json::to_json;

/// A request's answer, as the text of its result.
pub type Reply<'a> = Pin<Box<dyn Future<Output = Result<Json>> + 'a>>;
/// A notification's handler, once started.
pub type Handled<'a> = Pin<Box<dyn Future<Output = ()> + 'a>>;

/// Where methods go: the server's table of requests and notifications.
pub trait Router {
    /// The answer to request `method`; `None` when there is no such method.
    fn request<'a>(&'a self, method: &str, params: Option<Value>) -> Option<Reply<'a>>;
    /// The handler of notification `method`; `None` when there is none,
    /// `Some(Err)` when its params do not fit.
    fn notification<'a>(&'a self, method: &str, params: Option<Value>) -> Option<Result<Handled<'a>>>;
    fn client(&self) -> &Client;
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum State {
    Uninitialized,
    Initializing,
    Initialized,
    ShutDown,
}

/// What one message asks of the loop.
enum Step<'a> {
    Run(Handled<'a>),
    Exit,
    Nothing,
}

/// Serves messages from `input` until `exit` or its end.
pub async fn serve<R: Router, S: Stream<Item = Value> + Unpin>(router: &R, mut input: S) {
    let state = Cell::new(State::Uninitialized);
    let cancels: RefCell<HashMap<String, AbortHandle>> = RefCell::default();
    let mut running: FuturesUnordered<Handled<'_>> = FuturesUnordered::new();
    loop {
        let next = poll_fn(|cx| {
            while let Poll::Ready(Some(())) = running.poll_next_unpin(cx) {}
            input.poll_next_unpin(cx)
        })
        .await;
        let Some(message) = next else { break };
        match step(router, message, &state, &cancels) {
            Step::Run(handler) => running.push(handler),
            Step::Exit => {
                for (_, handle) in cancels.borrow_mut().drain() {
                    handle.abort();
                }
                break;
            }
            Step::Nothing => {}
        }
    }
    while running.next().await.is_some() {}
    router.client().close();
}

fn step<'a, R: Router>(
    router: &'a R,
    message: Value,
    state: &'a Cell<State>,
    cancels: &'a RefCell<HashMap<String, AbortHandle>>,
) -> Step<'a> {
    // The frame guard let only well-formed messages through.
    let Some(message) = Incoming::new(message) else { return Step::Nothing };
    let client = router.client();
    let Some(method) = message.method.clone() else {
        match (message.id, message.error) {
            (Some(id), Some(error)) => client.answered(&id, Err(Error::received(error))),
            (Some(id), None) => client.answered(&id, Ok(message.result.unwrap_or(Value::Null))),
            (None, _) => {}
        }
        return Step::Nothing;
    };
    let Some(id) = message.id else { return notification(router, &method, message.params, state.get(), cancels) };
    let refuse = |error: Error| {
        client.send_raw(answer(&id, &Err(error)));
        Step::Nothing
    };
    let not_now = |now: State| match now {
        State::Uninitialized | State::Initializing => {
            Error::new(code::SERVER_NOT_INITIALIZED, "Server not initialized")
        }
        _ => Error::invalid_request(),
    };
    match (&*method, state.get()) {
        ("initialize", State::Uninitialized) => state.set(State::Initializing),
        ("initialize", _) => return refuse(Error::invalid_request()),
        ("shutdown", State::Initialized) => state.set(State::ShutDown),
        (_, State::Initialized) => {}
        (_, now) => return refuse(not_now(now)),
    }
    let Some(reply) = router.request(&method, message.params) else {
        let mut error = Error::new(code::METHOD_NOT_FOUND, "Method not found");
        error.data = Some(Value::String(method));
        return refuse(error);
    };
    // The id's JSON text (`1` and `"1"` are different ids).
    let key = to_json(&id);
    if cancels.borrow().contains_key(&key) {
        return refuse(Error::invalid_request());
    }
    let (reply, handle) = abortable(reply);
    cancels.borrow_mut().insert(key.clone(), handle);
    let initialize = method == "initialize";
    Step::Run(Box::pin(async move {
        let outcome = reply.await.unwrap_or_else(|_| Err(Error::new(code::REQUEST_CANCELLED, "Canceled")));
        cancels.borrow_mut().remove(&key);
        if initialize {
            state.set(if outcome.is_ok() { State::Initialized } else { State::Uninitialized });
        }
        router.client().send_raw(answer(&id, &outcome));
    }))
}

fn notification<'a, R: Router>(
    router: &'a R,
    method: &str,
    params: Option<Value>,
    state: State,
    cancels: &RefCell<HashMap<String, AbortHandle>>,
) -> Step<'a> {
    match method {
        "exit" => Step::Exit,
        "$/cancelRequest" => {
            // `{ "id": ... }`.
            if let Some(id) = params.as_ref().and_then(|p| p.get("id")) {
                if let Some(handle) = cancels.borrow_mut().remove(&to_json(id)) {
                    handle.abort();
                }
            }
            Step::Nothing
        }
        _ if state != State::Initialized => Step::Nothing,
        _ => match router.notification(method, params) {
            Some(Ok(handler)) => Step::Run(handler),
            // Unknown notifications (`$/` ones included) and bad params are dropped.
            _ => Step::Nothing,
        },
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use futures::channel::{mpsc, oneshot};
    use serde_json::json;

    use super::*;

    /// `echo` answers its params, `wait` answers when the test says,
    /// `note` is a notification.
    struct Echo {
        client: Client,
        release: Mutex<Option<oneshot::Receiver<()>>>,
        notes: Mutex<Vec<String>>,
    }

    impl Router for Echo {
        fn request<'a>(&'a self, method: &str, params: Option<Value>) -> Option<Reply<'a>> {
            let params = params.filter(Value::is_object).ok_or_else(|| Error::invalid_params("expected an object"));
            match method {
                "initialize" | "shutdown" => Some(Box::pin(async { Ok(Json::null()) })),
                "echo" => Some(Box::pin(async move { Ok(Json::of(&params?)) })),
                "wait" => {
                    let release = self.release.lock().unwrap().take();
                    Some(Box::pin(async move {
                        if let Some(release) = release {
                            let _ = release.await;
                        }
                        Ok(Json::of("released"))
                    }))
                }
                _ => None,
            }
        }

        fn notification<'a>(&'a self, method: &str, params: Option<Value>) -> Option<Result<Handled<'a>>> {
            (method == "note").then(|| {
                let text = params.map(|p| p.to_string()).unwrap_or_default();
                self.notes.lock().unwrap().push(text);
                Ok(Box::pin(async {}) as Handled<'a>)
            })
        }

        fn client(&self) -> &Client {
            &self.client
        }
    }

    fn run(messages: Vec<Value>, release: Option<oneshot::Receiver<()>>) -> (Vec<Value>, Vec<String>) {
        let out: Arc<Mutex<Vec<Value>>> = Arc::default();
        let sink = out.clone();
        let client = Client::new(Arc::new(move |body: Vec<u8>| {
            sink.lock().unwrap().push(serde_json::from_slice(&body).unwrap());
        }));
        let echo = Echo { client, release: Mutex::new(release), notes: Mutex::default() };
        let (tx, rx) = mpsc::unbounded();
        for m in messages {
            tx.unbounded_send(m).unwrap();
        }
        drop(tx);
        futures::executor::block_on(serve(&echo, rx));
        let notes = echo.notes.lock().unwrap().clone();
        let out = out.lock().unwrap().clone();
        (out, notes)
    }

    fn req(id: i64, method: &str, params: Value) -> Value {
        json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params })
    }

    fn note(method: &str, params: Value) -> Value {
        json!({ "jsonrpc": "2.0", "method": method, "params": params })
    }

    #[test]
    fn states_errors_and_answers() {
        let (out, notes) = run(
            vec![
                req(1, "echo", json!(1)),
                note("note", json!("early")),
                req(2, "initialize", json!({})),
                req(3, "initialize", json!({})),
                note("note", json!("late")),
                req(4, "echo", json!({ "a": 1 })),
                req(5, "nope", json!({})),
                json!({ "jsonrpc": "2.0", "id": 6, "method": "echo" }),
                req(7, "shutdown", Value::Null),
                req(8, "echo", json!(2)),
            ],
            None,
        );
        let codes: Vec<(Value, Value)> = out.iter().map(|m| (m["id"].clone(), m["error"]["code"].clone())).collect();
        assert_eq!(
            codes,
            [
                (json!(1), json!(-32002)),
                (json!(2), Value::Null),
                (json!(3), json!(-32600)),
                (json!(4), Value::Null),
                (json!(5), json!(-32601)),
                (json!(6), json!(-32602)),
                (json!(7), Value::Null),
                (json!(8), json!(-32600)),
            ]
        );
        assert_eq!(out[3]["result"], json!({ "a": 1 }));
        assert_eq!(out[4]["error"]["data"], json!("nope"));
        assert_eq!(notes, ["\"late\""]);
    }

    #[test]
    fn a_cancelled_request_is_answered_cancelled() {
        let (_keep, release) = oneshot::channel::<()>();
        let (out, _) = run(
            vec![
                req(1, "initialize", json!({})),
                req(2, "wait", json!({})),
                note("$/cancelRequest", json!({ "id": 2 })),
                req(3, "echo", json!({ "after": true })),
            ],
            Some(release),
        );
        let ids: Vec<(Value, Value)> = out.iter().map(|m| (m["id"].clone(), m["error"]["code"].clone())).collect();
        assert_eq!(ids, [(json!(1), Value::Null), (json!(2), json!(-32800)), (json!(3), Value::Null)]);
    }

    #[test]
    fn exit_cancels_what_still_runs() {
        let (_keep, release) = oneshot::channel::<()>();
        let (out, _) = run(
            vec![req(1, "initialize", json!({})), req(2, "wait", json!({})), note("exit", Value::Null)],
            Some(release),
        );
        assert_eq!(out.last().map(|m| m["error"]["code"].clone()), Some(json!(-32800)));
    }

    /// The server asks the client for its configuration; the client's
    /// message `answer` (given the request's id) comes back through `serve`.
    /// Returns what the request got and the server's request as sent.
    fn ask_configuration(answer: impl FnOnce(Value) -> Value) -> (Result<Value>, Value) {
        let out: Arc<Mutex<Vec<Value>>> = Arc::default();
        let sink = out.clone();
        let client = Client::new(Arc::new(move |body: Vec<u8>| {
            sink.lock().unwrap().push(serde_json::from_slice(&body).unwrap());
        }));
        let asked = client
            .request::<ls_types::request::WorkspaceConfiguration>(ls_types::ConfigurationParams { items: Vec::new() });
        let echo = Echo { client: client.clone(), release: Mutex::new(None), notes: Mutex::default() };
        let (tx, rx) = mpsc::unbounded();
        let got = futures::executor::block_on(async {
            let (got, ()) = futures::future::join(asked, async {
                let id = out.lock().unwrap()[0]["id"].clone();
                tx.unbounded_send(answer(id)).unwrap();
                drop(tx);
                serve(&echo, rx).await;
            })
            .await;
            got
        });
        let sent = out.lock().unwrap()[0].clone();
        (got, sent)
    }

    #[test]
    fn answers_to_the_servers_requests_reach_it() {
        let (got, sent) = ask_configuration(|id| json!({ "jsonrpc": "2.0", "id": id, "result": [{ "x": 1 }] }));
        assert_eq!(got, Ok(json!([{ "x": 1 }])));
        assert_eq!(sent["method"], "workspace/configuration");
    }

    #[test]
    fn error_answers_to_the_servers_requests_reach_it() {
        let error = json!({ "code": -32601, "message": "no configuration", "data": [1] });
        let (got, _) = ask_configuration(|id| json!({ "jsonrpc": "2.0", "id": id, "error": error }));
        let expected = Error { code: -32601, message: "no configuration".to_string(), data: Some(json!([1])) };
        assert_eq!(got, Err(expected));
    }
}

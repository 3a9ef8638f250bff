//! The frame guard: a sans-IO reader of `Content-Length` frames that stands
//! in front of the message loop in every transport (stdio natively, the byte
//! stream an editor's extension host feeds the WebAssembly build).
//!
//! Well-formed JSON-RPC messages go on to the server, parsed,
//! anything else is answered here (`-32700` parse error, `-32600` invalid
//! request) and the session goes on: one bad frame never ends it. It keeps
//! no more than one message in memory and never panics.

use serde_json::Value;

use crate::rpc::is_message;

/// Messages larger than this are refused (and skipped) rather than buffered.
pub const MAX_MESSAGE_BYTES: usize = 256 * 1024 * 1024;
/// A header line longer than this is garbage: it is dropped with an error.
const MAX_HEADER_LINE: usize = 64 * 1024;

/// What the guard makes of its input.
#[derive(Debug, PartialEq, Eq)]
pub enum Event {
    /// A well-formed JSON-RPC message, read, for the server.
    Message(Value),
    /// An error response, framed, for the client.
    Reject(Vec<u8>),
}

#[derive(Debug)]
enum Phase {
    /// Reading header lines.
    Headers { length: Option<Result<usize, String>>, saw_header: bool },
    /// Reading a body of this many bytes.
    Body(usize),
    /// Discarding this many bytes (a refused, oversized body).
    Skip(usize),
    /// The body length was unreadable: drop lines up to the next header.
    Resync,
}

/// Splits a byte stream into checked frames. Feed it with [`push`](Self::push).
#[derive(Debug)]
pub struct FrameDecoder {
    buf: Vec<u8>,
    phase: Phase,
}

impl Default for FrameDecoder {
    fn default() -> Self {
        FrameDecoder { buf: Vec::new(), phase: headers() }
    }
}

impl FrameDecoder {
    /// A guard for a client's input: every body is checked.
    pub fn new() -> Self {
        Self::default()
    }

    /// Takes the next bytes of input; appends what they complete to `out`.
    pub fn push(&mut self, mut bytes: &[u8], out: &mut Vec<Event>) {
        // Bytes of a skipped body are never buffered.
        if self.buf.is_empty() {
            if let Phase::Skip(left) = &mut self.phase {
                let n = (*left).min(bytes.len());
                *left -= n;
                bytes = &bytes[n..];
                if *left > 0 {
                    return;
                }
                self.phase = headers();
            }
        }
        self.buf.extend_from_slice(bytes);
        let mut at = 0;
        while let Some(consumed) = step(&mut self.phase, &self.buf[at..], out) {
            at += consumed;
        }
        self.buf.drain(..at);
        // A large message leaves a large buffer: give the memory back.
        if self.buf.capacity() > 1 << 20 && self.buf.len() < self.buf.capacity() / 4 {
            self.buf.shrink_to(self.buf.len().max(64 * 1024));
        }
    }
}

/// Handles the next unit of buffered input (a header line, a body, skipped
/// bytes); returns how many bytes it consumed, or `None` when it needs more.
fn step(phase: &mut Phase, rest: &[u8], out: &mut Vec<Event>) -> Option<usize> {
    match phase {
        Phase::Body(length) => {
            let length = *length;
            let body = rest.get(..length)?;
            out.push(match check_body(body) {
                Ok(message) => Event::Message(message),
                Err(answer) => Event::Reject(answer),
            });
            *phase = headers();
            Some(length)
        }
        Phase::Skip(left) => {
            let n = (*left).min(rest.len());
            *left -= n;
            if *left == 0 {
                *phase = headers();
            } else if n == 0 {
                return None;
            }
            Some(n)
        }
        Phase::Resync => {
            let Some(line) = line(rest) else { return overlong(phase, rest, out) };
            match find(line, b"Content-Length") {
                Some(at) => {
                    // Re-read from the header itself.
                    *phase = headers();
                    Some(at)
                }
                None => Some(line.len()),
            }
        }
        Phase::Headers { .. } => {
            let Some(line) = line(rest) else { return overlong(phase, rest, out) };
            let consumed = line.len();
            // Garbage before a header (the tail of a frame whose length lied): resync.
            if let Some(at) = find(line, b"Content-Length").filter(|&at| at > 0) {
                return Some(at);
            }
            let text = String::from_utf8_lossy(line);
            let trimmed = text.trim_end_matches(['\r', '\n']);
            let Phase::Headers { length, saw_header } = phase else { return None };
            if trimmed.is_empty() {
                if *saw_header {
                    let length = length.take();
                    *phase = after_headers(length, out);
                }
                return Some(consumed);
            }
            *saw_header = true;
            if let Some((name, value)) = trimmed.split_once(':') {
                if name.trim().eq_ignore_ascii_case("Content-Length") {
                    let value = value.trim();
                    *length = Some(value.parse::<usize>().map_err(|_| format!("bad Content-Length `{value}`")));
                }
            }
            Some(consumed)
        }
    }
}

/// The next whole line of `rest`, with its `\n`.
fn line(rest: &[u8]) -> Option<&[u8]> {
    rest.iter().position(|&b| b == b'\n').map(|end| &rest[..=end])
}

/// No line break yet: wait for more input, unless the line is already too
/// long to be a header (then it is dropped, once answered).
fn overlong(phase: &mut Phase, rest: &[u8], out: &mut Vec<Event>) -> Option<usize> {
    if rest.len() <= MAX_HEADER_LINE {
        return None;
    }
    if !matches!(phase, Phase::Resync) {
        out.push(Event::Reject(error_frame(Value::Null, -32700, "Parse error: header line too long")));
        *phase = Phase::Resync;
    }
    Some(rest.len())
}

fn after_headers(length: Option<Result<usize, String>>, out: &mut Vec<Event>) -> Phase {
    match length {
        Some(Ok(n)) if n <= MAX_MESSAGE_BYTES => Phase::Body(n),
        Some(Ok(n)) => {
            let message = format!("Parse error: message of {n} bytes is too large");
            out.push(Event::Reject(error_frame(Value::Null, -32700, &message)));
            Phase::Skip(n)
        }
        Some(Err(message)) => {
            // The body length is unknown: skip to the next header.
            out.push(Event::Reject(error_frame(Value::Null, -32700, &format!("Parse error: {message}"))));
            Phase::Resync
        }
        None => {
            out.push(Event::Reject(error_frame(Value::Null, -32700, "Parse error: missing Content-Length header")));
            headers()
        }
    }
}

fn headers() -> Phase {
    Phase::Headers { length: None, saw_header: false }
}

/// `body` with its `Content-Length` header.
pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// A framed JSON-RPC error response.
pub fn error_frame(id: Value, code: i64, message: &str) -> Vec<u8> {
    frame(&crate::rpc::answer(&id, &Err(crate::rpc::Error::new(code, message))))
}

/// The message a body holds, read once: a well-formed JSON-RPC message
/// goes on to the server as its parsed value; anything else is answered
/// here. Bodies are read by rolekit's own JSON reader (`rolekit_core::json`,
/// serde_json's rules: valid UTF-8, strings that unescape, at most 128 levels).
fn check_body(body: &[u8]) -> Result<Value, Vec<u8>> {
    let parse_error = |e: &dyn std::fmt::Display| error_frame(Value::Null, -32700, &format!("Parse error: {e}"));
    let text = std::str::from_utf8(body).map_err(|e| parse_error(&e))?;
    let value = rolekit_core::json::parse(text).map_err(|e| parse_error(&e))?;
    if is_message(&value) {
        return Ok(value);
    }
    let id = value.get("id").filter(|id| id.is_i64() || id.is_string()).cloned().unwrap_or(Value::Null);
    Err(error_frame(id, -32600, "Invalid request: not a JSON-RPC 2.0 request, notification or response"))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PING: &str = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;

    fn events(chunks: &[&[u8]]) -> Vec<Event> {
        let mut decoder = FrameDecoder::new();
        let mut out = Vec::new();
        for chunk in chunks {
            decoder.push(chunk, &mut out);
        }
        out
    }

    fn message() -> Event {
        Event::Message(serde_json::from_str(PING).unwrap())
    }

    fn kinds(events: &[Event]) -> Vec<String> {
        events
            .iter()
            .map(|e| match e {
                Event::Message(_) => "message".to_string(),
                Event::Reject(bytes) => {
                    let text = String::from_utf8_lossy(bytes);
                    let body = text.split("\r\n\r\n").nth(1).unwrap_or_default();
                    let v: Value = serde_json::from_str(body).unwrap_or_default();
                    format!("reject {}", v["error"]["code"])
                }
            })
            .collect()
    }

    #[test]
    fn whole_frames_pass_through() {
        let input = [frame(PING.as_bytes()), frame(PING.as_bytes())].concat();
        assert_eq!(events(&[&input]), vec![message(), message()]);
    }

    #[test]
    fn frames_split_at_every_byte() {
        let input = [frame(PING.as_bytes()), b"garbage\r\n".to_vec(), frame(b"{oops"), frame(PING.as_bytes())].concat();
        let chunks: Vec<&[u8]> = input.chunks(1).collect();
        assert_eq!(kinds(&events(&chunks)), kinds(&events(&[&input])));
        assert_eq!(kinds(&events(&[&input])), ["message", "reject -32700", "message"]);
    }

    #[test]
    fn bad_json_and_bad_requests_are_answered() {
        let input = [frame(b"{not json"), frame(br#"{"id":7,"hello":1}"#), frame(PING.as_bytes())].concat();
        let out = events(&[&input]);
        assert_eq!(kinds(&out), ["reject -32700", "reject -32600", "message"]);
        let Event::Reject(answer) = &out[1] else { panic!("expected a reject") };
        assert!(String::from_utf8_lossy(answer).contains(r#""id":7"#));
    }

    #[test]
    fn bad_length_resyncs_at_the_next_header() {
        let input = [b"Content-Length: ten\r\n\r\n{}\r\n".to_vec(), frame(PING.as_bytes())].concat();
        assert_eq!(kinds(&events(&[&input])), ["reject -32700", "message"]);
    }

    #[test]
    fn oversized_messages_are_skipped_without_buffering() {
        let mut decoder = FrameDecoder::new();
        let mut out = Vec::new();
        let n = MAX_MESSAGE_BYTES + 1;
        decoder.push(format!("Content-Length: {n}\r\n\r\n").as_bytes(), &mut out);
        let chunk = vec![b'x'; 1 << 20];
        let mut left = n;
        while left > 0 {
            let take = left.min(chunk.len());
            decoder.push(&chunk[..take], &mut out);
            left -= take;
            assert!(decoder.buf.len() <= MAX_HEADER_LINE);
        }
        decoder.push(&frame(PING.as_bytes()), &mut out);
        assert_eq!(kinds(&out), ["reject -32700", "message"]);
    }

    #[test]
    fn missing_length_and_endless_lines_are_errors() {
        let input = [b"X-Other: 1\r\n\r\n".to_vec(), frame(PING.as_bytes())].concat();
        assert_eq!(kinds(&events(&[&input])), ["reject -32700", "message"]);
        let endless = vec![b'a'; MAX_HEADER_LINE + 10];
        let out = events(&[&endless, b"\r\n", &frame(PING.as_bytes())]);
        assert_eq!(kinds(&out), ["reject -32700", "message"]);
    }

    #[test]
    fn params_are_checked_as_the_server_reads_them() {
        let ok = [
            r#"{"jsonrpc":"2.0","method":"x","params":{"text":"a\u00e9\ud83c\udfaf\n","deep":[[[1,2.5,-3,true,null]]]}}"#,
            r#"{"jsonrpc":"2.0","id":1,"result":[{"a":"b"}]}"#,
            r#"{"jsonrpc":"2.0","method":"x","params":5}"#,
        ];
        for body in ok {
            assert_eq!(kinds(&events(&[&frame(body.as_bytes())])), ["message"], "{body}");
        }
        let lone_surrogate = r#"{"jsonrpc":"2.0","method":"x","params":{"text":"\ud800"}}"#;
        let control = "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":{\"text\":\"a\u{1}b\"}}";
        let deep = format!(r#"{{"jsonrpc":"2.0","method":"x","params":{}1{}}}"#, "[".repeat(200), "]".repeat(200));
        let invalid_utf8 =
            [br#"{"jsonrpc":"2.0","method":"x","params":{"text":""#.as_slice(), &[0xff], br#""}}"#].concat();
        for body in [lone_surrogate.as_bytes(), control.as_bytes(), deep.as_bytes(), &invalid_utf8] {
            // The server's own parse refuses each: so does the guard.
            assert!(serde_json::from_slice::<Value>(body).is_err());
            assert_eq!(kinds(&events(&[&frame(body)])), ["reject -32700"], "{}", String::from_utf8_lossy(body));
        }
    }

    #[test]
    fn a_truncated_frame_waits_for_more() {
        let input = frame(PING.as_bytes());
        assert!(events(&[&input[..input.len() - 1]]).is_empty());
    }
}

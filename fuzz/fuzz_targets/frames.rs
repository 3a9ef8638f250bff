//! The LSP frame guard on arbitrary bytes, fed in arbitrary chunks: it never
//! panics, every message it lets through has the shape of a JSON-RPC 2.0
//! message, and every answer it makes is a whole, well-formed frame.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolekit_lsp::frames::{Event, FrameDecoder};
use rolekit_lsp::rpc::is_message;

fuzz_target!(|data: &[u8]| {
    let Some((&split, rest)) = data.split_first() else { return };
    let mut decoder = FrameDecoder::new();
    let mut events = Vec::new();
    let step = usize::from(split).max(1);
    for chunk in rest.chunks(step) {
        decoder.push(chunk, &mut events);
    }
    for event in events {
        let frame = match event {
            Event::Message(message) => {
                assert!(is_message(&message), "{message}");
                continue;
            }
            Event::Reject(frame) => frame,
        };
        let header_end = frame.windows(4).position(|w| w == b"\r\n\r\n").expect("a framed answer has a header");
        let header = std::str::from_utf8(&frame[..header_end]).expect("ASCII header");
        let length: usize = header.trim_start_matches("Content-Length: ").parse().expect("a length");
        assert_eq!(length, frame.len() - header_end - 4);
        let body = std::str::from_utf8(&frame[header_end + 4..]).expect("a UTF-8 body");
        let answer = rolekit_core::json::parse(body).expect("a JSON body");
        assert!(answer.get("error").is_some(), "{body}");
    }
});

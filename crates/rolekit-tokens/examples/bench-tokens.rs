//! Figures for `scripts/bench-stats.sh` (not a test): each encoding's load
//! time (first use in a fresh process), then single-thread counting
//! throughput over the given role files, against `bpe-openai`'s own
//! expression-and-encode path as the baseline.
//!
//!     cargo run --release -p rolekit-tokens --example bench-tokens -- FILE...

use std::time::Instant;

use rolekit_core::tokens::{Encoding, TokenCounter};
use rolekit_tokens::Tokenizer;

fn main() {
    let texts: Vec<String> = std::env::args().skip(1).filter_map(|p| std::fs::read_to_string(p).ok()).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;
    for encoding in Encoding::ALL.iter().copied() {
        let t = Instant::now();
        let tok = Tokenizer::get(encoding);
        let load = t.elapsed();
        println!("  {encoding:<12} load (first use)       {:>8.1} ms", load.as_secs_f64() * 1e3);
        if texts.is_empty() {
            continue;
        }
        let baseline = match encoding {
            Encoding::O200kBase => bpe_openai::o200k_base(),
            Encoding::Cl100kBase => bpe_openai::cl100k_base(),
        };
        let rounds = (20e6 / bytes.max(1) as f64).ceil() as usize;
        let time = |f: &dyn Fn(&str) -> usize| {
            let t = Instant::now();
            let mut n = 0;
            for _ in 0..rounds {
                n += texts.iter().map(|s| f(s)).sum::<usize>();
            }
            (n / rounds, mb * rounds as f64 / t.elapsed().as_secs_f64())
        };
        let (ours, ours_mbs) = time(&|s| tok.count(s));
        let (theirs, theirs_mbs) = time(&|s| baseline.count(s));
        println!(
            "  {encoding:<12} count, one thread      {ours_mbs:>8.1} MB/s  ({ours} tokens in {} files, {mb:.2} MB; bpe-openai alone {theirs_mbs:.1} MB/s, {theirs} tokens)",
            texts.len()
        );
    }
}

//! Exact token counts for role files: OpenAI's `o200k_base` and
//! `cl100k_base` byte-pair encodings, as `tiktoken` counts them, behind
//! rolekit-core's [`TokenCounter`].
//!
//! The vocabularies are compiled into the binary (by `bpe-openai`'s build
//! script; nothing is downloaded at run time) and each is deserialised once,
//! on first use ([`Tokenizer::get`]), so a program that never counts never
//! pays for it. [`Tokenizer::is_loaded`] tells an adapter whether the first
//! count will wait for that.
//!
//! ```
//! use rolekit_core::tokens::{Encoding, TokenCounter};
//! let o200k = rolekit_tokens::Tokenizer::get(Encoding::O200kBase);
//! assert_eq!(o200k.count("Hello, world!"), 4);
//! ```

mod pieces;

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Mutex, OnceLock};

use rolekit_core::analysis::Parent;
pub use rolekit_core::tokens::{Encoding, TokenCounter};

/// One encoding, ready to count. Shared: `&'static`, `Sync`.
pub struct Tokenizer {
    encoding: Encoding,
    bpe: &'static bpe_openai::Tokenizer,
    /// Parents' whole-file counts by (length, hash of the text): many
    /// children inherit one parent.
    parents: Mutex<HashMap<(usize, u64), usize>>,
}

/// Parents remembered at most (then the memo starts over).
const MAX_PARENTS: usize = 1024;

static O200K: OnceLock<Tokenizer> = OnceLock::new();
static CL100K: OnceLock<Tokenizer> = OnceLock::new();

impl Tokenizer {
    /// The tokenizer for `encoding`, loaded on first use (tens of
    /// milliseconds: the vocabulary is deserialised from the binary).
    pub fn get(encoding: Encoding) -> &'static Tokenizer {
        let (cell, load): (&OnceLock<Tokenizer>, fn() -> &'static bpe_openai::Tokenizer) = match encoding {
            Encoding::O200kBase => (&O200K, bpe_openai::o200k_base),
            Encoding::Cl100kBase => (&CL100K, bpe_openai::cl100k_base),
        };
        cell.get_or_init(|| Tokenizer { encoding, bpe: load(), parents: Mutex::new(HashMap::new()) })
    }

    /// Whether [`get`](Self::get) has loaded `encoding` already.
    pub fn is_loaded(encoding: Encoding) -> bool {
        match encoding {
            Encoding::O200kBase => O200K.get().is_some(),
            Encoding::Cl100kBase => CL100K.get().is_some(),
        }
    }

    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// Calls `each(start, tokens)` for every piece of `text` in order: the
    /// pre-tokenizer's pieces (BPE never merges across them) with their byte
    /// offset and token count. The pieces tile the text.
    pub fn for_each_piece(&self, text: &str, mut each: impl FnMut(usize, usize)) {
        pieces::for_each(self.bpe, self.encoding, text, &mut each);
    }
}

impl TokenCounter for Tokenizer {
    fn count(&self, text: &str) -> usize {
        let mut total = 0;
        self.for_each_piece(text, |_, n| total += n);
        total
    }

    /// One pass over `text`; each piece's tokens go to the span it starts in.
    fn count_spans(&self, text: &str, cuts: &[usize]) -> Vec<usize> {
        let mut out = vec![0; cuts.len() + 1];
        let mut span = 0;
        self.for_each_piece(text, |start, n| {
            while span < cuts.len() && cuts[span] <= start {
                span += 1;
            }
            out[span] += n;
        });
        out
    }

    fn count_parent(&self, parent: &Parent) -> usize {
        let text = parent.document.text();
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        text.hash(&mut hasher);
        let key = (text.len(), hasher.finish());
        if let Some(n) = self.parents.lock().ok().and_then(|m| m.get(&key).copied()) {
            return n;
        }
        let n = self.count(text);
        if let Ok(mut memo) = self.parents.lock() {
            if memo.len() >= MAX_PARENTS {
                memo.clear();
            }
            memo.insert(key, n);
        }
        n
    }
}

#[cfg(test)]
mod tests;

//! The Pike VM: every thread of the [program](super::compile::Program)
//! advanced in lockstep over the text, one visit per instruction and
//! position, so time is linear in the text for a given pattern.

use super::compile::{Inst, Program};
use super::parse::Look;

/// Instruction indexes, each at most once, in insertion order.
struct SparseSet {
    dense: Vec<usize>,
    sparse: Vec<usize>,
}

impl SparseSet {
    fn new(n: usize) -> SparseSet {
        SparseSet { dense: Vec::with_capacity(n), sparse: vec![0; n] }
    }

    fn contains(&self, i: usize) -> bool {
        self.sparse.get(i).is_some_and(|&d| self.dense.get(d) == Some(&i))
    }

    fn insert(&mut self, i: usize) {
        if let Some(s) = self.sparse.get_mut(i) {
            *s = self.dense.len();
            self.dense.push(i);
        }
    }

    fn clear(&mut self) {
        self.dense.clear();
    }
}

/// What the assertions see at a position.
#[derive(Clone, Copy)]
struct At {
    prev: Option<char>,
    next: Option<char>,
}

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn holds(look: Look, at: At) -> bool {
    let (w0, w1) = (is_word(at.prev), is_word(at.next));
    match look {
        Look::Start => at.prev.is_none(),
        Look::End => at.next.is_none(),
        Look::LineStart { crlf: false } => matches!(at.prev, None | Some('\n')),
        Look::LineEnd { crlf: false } => matches!(at.next, None | Some('\n')),
        Look::LineStart { crlf: true } => match at.prev {
            None | Some('\n') => true,
            Some('\r') => at.next != Some('\n'),
            _ => false,
        },
        Look::LineEnd { crlf: true } => match at.next {
            None | Some('\r') => true,
            Some('\n') => at.prev != Some('\r'),
            _ => false,
        },
        Look::Word => w0 != w1,
        Look::NotWord => w0 == w1,
        Look::WordStart => !w0 && w1,
        Look::WordEnd => w0 && !w1,
        Look::WordStartHalf => !w0,
        Look::WordEndHalf => !w1,
    }
}

fn in_class(ranges: &[(char, char)], c: char) -> bool {
    ranges
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Adds `pc` and what it reaches without consuming to `set`; whether a
/// `Match` is among them.
fn add(prog: &Program, set: &mut SparseSet, stack: &mut Vec<usize>, pc: usize, at: At) -> bool {
    stack.clear();
    stack.push(pc);
    while let Some(pc) = stack.pop() {
        if set.contains(pc) {
            continue;
        }
        set.insert(pc);
        match prog.insts.get(pc) {
            Some(Inst::Match) => return true,
            Some(Inst::Jump(to)) => stack.push(*to),
            Some(Inst::Split(a, b)) => {
                stack.push(*b);
                stack.push(*a);
            }
            Some(Inst::Look(look)) => {
                if holds(*look, at) {
                    stack.push(pc + 1);
                }
            }
            Some(Inst::Class(_)) | None => {}
        }
    }
    false
}

/// Whether `prog` matches anywhere in `text`.
pub fn is_match(prog: &Program, text: &str) -> bool {
    let n = prog.insts.len();
    let mut current = SparseSet::new(n);
    let mut next = SparseSet::new(n);
    let mut stack = Vec::new();
    let mut prev = None;
    let anchored = matches!(prog.insts.first(), Some(Inst::Look(Look::Start)));
    let mut chars = text.chars().peekable();
    loop {
        let c = chars.next();
        let at = At { prev, next: c };
        // A pattern anchored at the start begins only there.
        if (prev.is_none() || !anchored) && add(prog, &mut current, &mut stack, 0, at) {
            return true;
        }
        let Some(c) = c else { return false };
        if anchored && current.dense.is_empty() {
            return false;
        }
        let after = At { prev: Some(c), next: chars.peek().copied() };
        for &pc in &current.dense {
            if let Some(Inst::Class(k)) = prog.insts.get(pc) {
                if prog.classes.get(*k).is_some_and(|r| in_class(r, c))
                    && add(prog, &mut next, &mut stack, pc + 1, after)
                {
                    return true;
                }
            }
        }
        std::mem::swap(&mut current, &mut next);
        next.clear();
        prev = Some(c);
    }
}

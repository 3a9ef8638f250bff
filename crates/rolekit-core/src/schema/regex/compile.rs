//! [`Node`]s → a Thompson NFA program for the [Pike VM](super::vm).

use super::parse::{Look, Node};
use super::Error;

/// The most instructions a program may have (counted repetitions expand).
const SIZE_LIMIT: usize = 200_000;

/// One instruction.
#[derive(Clone, Debug)]
pub enum Inst {
    /// Consume one character in `classes[i]`, go on at the next instruction.
    Class(usize),
    /// Go on at both.
    Split(usize, usize),
    /// Go on there.
    Jump(usize),
    /// Go on at the next instruction if the assertion holds.
    Look(Look),
    /// A match.
    Match,
}

/// A compiled pattern: starts at instruction 0.
#[derive(Clone, Debug)]
pub struct Program {
    pub insts: Vec<Inst>,
    pub classes: Vec<Box<[(char, char)]>>,
}

/// The program of `node`, or an error when it would be too big.
pub fn compile(node: &Node) -> Result<Program, Error> {
    let mut c = Compiler { prog: Program { insts: Vec::new(), classes: Vec::new() } };
    c.node(node)?;
    c.push(Inst::Match)?;
    Ok(c.prog)
}

struct Compiler {
    prog: Program,
}

impl Compiler {
    fn push(&mut self, inst: Inst) -> Result<usize, Error> {
        if self.prog.insts.len() >= SIZE_LIMIT {
            return Err(Error::new("compiled pattern exceeds the size limit"));
        }
        self.prog.insts.push(inst);
        Ok(self.prog.insts.len() - 1)
    }

    fn next(&self) -> usize {
        self.prog.insts.len()
    }

    fn patch(&mut self, at: usize, inst: Inst) {
        if let Some(slot) = self.prog.insts.get_mut(at) {
            *slot = inst;
        }
    }

    fn node(&mut self, node: &Node) -> Result<(), Error> {
        match node {
            Node::Empty => {}
            Node::Class(ranges) => {
                self.prog.classes.push(ranges.clone().into_boxed_slice());
                self.push(Inst::Class(self.prog.classes.len() - 1))?;
            }
            Node::Look(look) => {
                self.push(Inst::Look(*look))?;
            }
            Node::Concat(nodes) => {
                for n in nodes {
                    self.node(n)?;
                }
            }
            Node::Alt(nodes) => {
                // split L1, next; L1: a; jump end; next: split L2, ...; last
                let mut jumps = Vec::new();
                for (i, n) in nodes.iter().enumerate() {
                    if i + 1 == nodes.len() {
                        self.node(n)?;
                    } else {
                        let split = self.push(Inst::Split(0, 0))?;
                        self.node(n)?;
                        jumps.push(self.push(Inst::Jump(0))?);
                        let after = self.next();
                        self.patch(split, Inst::Split(split + 1, after));
                    }
                }
                let end = self.next();
                for j in jumps {
                    self.patch(j, Inst::Jump(end));
                }
            }
            Node::Repeat { node, min, max: None } if *min > 0 => {
                // node{min-1}, then L: node; split L, end (one copy for `+`).
                for _ in 1..*min {
                    self.node(node)?;
                }
                let start = self.next();
                self.node(node)?;
                let split = self.push(Inst::Split(start, 0))?;
                self.patch(split, Inst::Split(start, split + 1));
            }
            Node::Repeat { node, min, max } => {
                for _ in 0..*min {
                    self.node(node)?;
                }
                match max {
                    None => {
                        // L: split body, end; body; jump L
                        let split = self.push(Inst::Split(0, 0))?;
                        self.node(node)?;
                        self.push(Inst::Jump(split))?;
                        let end = self.next();
                        self.patch(split, Inst::Split(split + 1, end));
                    }
                    Some(max) => {
                        // (body (body ...)?)? : each split skips to the end.
                        let mut splits = Vec::new();
                        for _ in *min..*max {
                            splits.push(self.push(Inst::Split(0, 0))?);
                            self.node(node)?;
                        }
                        let end = self.next();
                        for s in splits {
                            self.patch(s, Inst::Split(s + 1, end));
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

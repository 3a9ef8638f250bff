//! Editor features computed in the core: completion, hover, symbols, folding,
//! selection ranges, code actions. Adapters only convert positions and types.

//! Stable sorting with one compiled copy of the sort algorithm.
//!
//! `slice::sort_by` and its kin compile the whole standard sort (about
//! 3.5 KB of WebAssembly) once for every element type and comparison: some
//! thirty copies in the language server's WASM module. These functions sort
//! a permutation of indices instead, with the comparison behind `dyn`, so
//! the sort itself is compiled once and each caller adds a small wrapper.
//! The result is `sort_by`'s: stable, O(n log n) comparisons, plus one
//! vector of indices and at most n swaps. For the lists sorted here
//! (diagnostics, edits, symbols, names), that costs nothing measurable.

use std::cmp::Ordering;

/// Sorts `v` by `compare`, keeping equal elements in order (as `slice::sort_by`).
pub fn sort_by<T>(v: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = {
        let items: &[T] = v;
        sorted_indices(items.len(), &mut |a, b| compare(&items[a], &items[b]))
    };
    permute(v, order);
}

/// Sorts `v` by the key `key` gives each element, keeping equal keys in order
/// (as `slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` in ascending order (as `slice::sort`).
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// `0..len` ordered by `compare` (stable): the one instance of the standard sort.
#[inline(never)]
fn sorted_indices(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Moves `v[order[i]]` to `v[i]` for every `i`, one cycle of the permutation
/// at a time; `order` marks each placed position as its own index.
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn keeps_equal_elements_in_order() {
        let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (0, 'e')];
        sort_by_key(&mut v, |p| p.0);
        assert_eq!(v, [(0, 'e'), (1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')]);
    }

    #[test]
    fn sorts_short_and_empty_slices() {
        let mut empty: Vec<u8> = Vec::new();
        sort(&mut empty);
        assert!(empty.is_empty());
        let mut one = vec![7];
        sort(&mut one);
        assert_eq!(one, [7]);
        let mut two = vec!["b".to_string(), "a".to_string()];
        sort(&mut two);
        assert_eq!(two, ["a", "b"]);
    }

    proptest! {
        /// The same order as the standard library's stable sort, element for element.
        #[test]
        fn matches_the_standard_stable_sort(v in proptest::collection::vec((0u8..8, any::<u16>()), 0..200)) {
            let mut ours = v.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std_order = v;
            std_order.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, std_order);
        }
    }
}

//! [`SmallSet`]: the sets an entity holds (names, sources, ...), as sorted vectors.
//!
//! A corpus of a million talks holds millions of tiny sets, most with one element and most of
//! an entity's sets empty. A `BTreeSet` allocates a node of eleven slots for its first element
//! (~300 bytes for `String`s); a sorted vector allocates one slot. The vector is a
//! [`ThinVec`]: one pointer (length and capacity live in its allocation), so an empty set is 8
//! bytes, not a `Vec`'s 24; an entity holds eleven sets. Iteration order is the same (sorted),
//! so output does not change.

use std::borrow::Borrow;

use thin_vec::ThinVec;

/// A set kept as a sorted vector without duplicates, allocated to fit (one slot for one
/// element), behind one pointer. Inserting in order (as notes are read, path by path) is
/// amortized O(1); merging two sets is linear. (Keeping one element inline was measured: entities hold mostly empty
/// sets, which it makes larger, and the total grew.)
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SmallSet<T>(ThinVec<T>);

impl<T> Default for SmallSet<T> {
    fn default() -> Self {
        Self(ThinVec::new())
    }
}

impl<T: Ord> SmallSet<T> {
    /// An empty set (no allocation).
    pub const fn new() -> Self {
        Self(ThinVec::new())
    }

    /// Adds `value`; false when it was there already.
    pub fn insert(&mut self, value: T) -> bool {
        // Fast path: values mostly come in order.
        let at = match self.0.last() {
            None => 0,
            Some(last) if *last < value => self.0.len(),
            _ => match self.0.binary_search(&value) {
                Ok(_) => return false,
                Err(i) => i,
            },
        };
        if self.0.capacity() == 0 {
            self.0.reserve_exact(1);
        }
        self.0.insert(at, value);
        true
    }

    /// Whether `value` is in the set.
    pub fn contains<Q: Ord + ?Sized>(&self, value: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        self.0.binary_search_by(|x| x.borrow().cmp(value)).is_ok()
    }

    /// The elements, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    /// The smallest element.
    pub fn first(&self) -> Option<&T> {
        self.0.first()
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The elements as a sorted slice.
    pub fn as_slice(&self) -> &[T] {
        &self.0
    }

    /// Changes every element with `f`, which must keep them distinct and in order (adding a
    /// constant to an index does).
    pub(crate) fn map_in_order(&mut self, f: impl Fn(&mut T)) {
        self.0.iter_mut().for_each(f);
        debug_assert!(self.0.is_sorted_by(|a, b| a < b));
    }
}

impl<T: Ord> Extend<T> for SmallSet<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        let mut iter = iter.into_iter();
        let Some(first) = iter.next() else { return };
        let Some(second) = iter.next() else {
            self.insert(first);
            return;
        };
        self.0.extend([first, second]);
        self.0.extend(iter);
        // Both runs are sorted when merging two sets: the stable sort merges them in linear time.
        self.0.sort();
        self.0.dedup();
        self.0.shrink_to_fit();
    }
}

impl<T: Ord> FromIterator<T> for SmallSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut s = Self::new();
        s.extend(iter);
        s
    }
}

impl<T> IntoIterator for SmallSet<T> {
    type Item = T;
    type IntoIter = thin_vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a SmallSet<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<T: Ord, const N: usize> From<[T; N]> for SmallSet<T> {
    fn from(values: [T; N]) -> Self {
        values.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn behaves_like_a_btreeset(a in prop::collection::vec(0u8..20, 0..30), b in prop::collection::vec(0u8..20, 0..30)) {
            let mut s: SmallSet<u8> = SmallSet::new();
            let mut t = std::collections::BTreeSet::new();
            for x in &a {
                prop_assert_eq!(s.insert(*x), t.insert(*x));
            }
            s.extend(b.iter().copied());
            t.extend(b.iter().copied());
            prop_assert_eq!(s.iter().collect::<Vec<_>>(), t.iter().collect::<Vec<_>>());
            prop_assert_eq!(s.len(), t.len());
            for x in 0..20 {
                prop_assert_eq!(s.contains(&x), t.contains(&x));
            }
            // One representation per set: built in another order, it is equal.
            let mut r: SmallSet<u8> = b.iter().rev().copied().collect();
            for x in a.iter().rev() {
                r.insert(*x);
            }
            prop_assert_eq!(&r, &s);
        }
    }
}

//! A map and a set kept as vectors sorted by key. A profile holds a handful of years, ids and
//! scores: binary search over a short vector is as fast as a B-tree, and far less code in the
//! browser build than the B-tree of every key and value type. A long list from a document is
//! built in one sort ([`SortedSet::from_vec`]), never by inserting its entries one by one,
//! which moves the vector's tail each time.

use std::borrow::Borrow;
use std::ops::RangeInclusive;

/// A map iterated in key order, like `BTreeMap`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SortedMap<K, V>(Vec<(K, V)>);

impl<K, V> Default for SortedMap<K, V> {
    fn default() -> Self {
        SortedMap(Vec::new())
    }
}

impl<K: Ord, V> SortedMap<K, V> {
    fn find<Q: Ord + ?Sized>(&self, key: &Q) -> Result<usize, usize>
    where
        K: Borrow<Q>,
    {
        self.0.binary_search_by(|(k, _)| k.borrow().cmp(key))
    }

    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|i| &self.0[i].1)
    }

    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.find(key).is_ok()
    }

    /// Sets the value of `key`, returning the one it replaces.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }

    /// Takes out the entry of `key`, returning its value.
    pub fn remove<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|i| self.0.remove(i).1)
    }

    /// The value of `key`, inserting the default first if there is none.
    pub fn get_or_default(&mut self, key: K) -> &mut V
    where
        V: Default,
    {
        let i = match self.find(&key) {
            Ok(i) => i,
            Err(i) => {
                self.0.insert(i, (key, V::default()));
                i
            }
        };
        &mut self.0[i].1
    }

    /// The entries whose keys lie in `range`, in key order.
    pub fn range(&self, range: RangeInclusive<K>) -> impl Iterator<Item = (&K, &V)> {
        let start = self.find(range.start()).unwrap_or_else(|i| i);
        self.0[start..]
            .iter()
            .take_while(move |(k, _)| k <= range.end())
            .map(|(k, v)| (k, v))
    }
}

impl<K, V> SortedMap<K, V> {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &K> {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.0.iter_mut().map(|(_, v)| v)
    }
}

impl<'a, K, V> IntoIterator for &'a SortedMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (K, V)>, fn(&'a (K, V)) -> (&'a K, &'a V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

/// Collected as a `BTreeMap` is: in one sort, the last value of a repeated key kept.
impl<K: Ord, V> FromIterator<(K, V)> for SortedMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(items: I) -> Self {
        let mut v: Vec<(K, V)> = items.into_iter().collect();
        crate::sort_by(&mut v, |a, b| a.0 > b.0);
        let mut out: Vec<(K, V)> = Vec::with_capacity(v.len());
        for (k, value) in v {
            match out.last_mut() {
                Some(last) if last.0 == k => last.1 = value,
                _ => out.push((k, value)),
            }
        }
        SortedMap(out)
    }
}

impl<K: Ord + Borrow<Q>, V, Q: Ord + ?Sized> std::ops::Index<&Q> for SortedMap<K, V> {
    type Output = V;

    fn index(&self, key: &Q) -> &V {
        self.get(key).expect("no entry for the key")
    }
}

/// A set iterated in order, like `BTreeSet`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SortedSet<T>(Vec<T>);

impl<T> Default for SortedSet<T> {
    fn default() -> Self {
        SortedSet(Vec::new())
    }
}

impl<T: Ord> SortedSet<T> {
    /// The set of the values in `v`, each once: one sort, then the repeats dropped.
    pub fn from_vec(mut v: Vec<T>) -> Self {
        crate::sort_by(&mut v, |a, b| a > b);
        v.dedup();
        SortedSet(v)
    }

    pub fn contains<Q: Ord + ?Sized>(&self, value: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        self.0.binary_search_by(|v| v.borrow().cmp(value)).is_ok()
    }

    /// Adds `value`, returning false if it was already present.
    pub fn insert(&mut self, value: T) -> bool {
        match self.0.binary_search(&value) {
            Ok(_) => false,
            Err(i) => {
                self.0.insert(i, value);
                true
            }
        }
    }
}

impl<T> SortedSet<T> {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }
}

impl<'a, T> IntoIterator for &'a SortedSet<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_keeps_key_order_and_replaces() {
        let mut m = SortedMap::default();
        assert_eq!(m.insert(2024, 'a'), None);
        assert_eq!(m.insert(2022, 'b'), None);
        assert_eq!(m.insert(2023, 'c'), None);
        assert_eq!(m.insert(2024, 'd'), Some('a'));
        *m.get_or_default(2021) = 'e';
        assert_eq!(
            m.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
            [2021, 2022, 2023, 2024]
        );
        assert_eq!(m.get(&2024), Some(&'d'));
        assert_eq!(m.get(&2020), None);
        let mid: Vec<_> = m.range(2022..=2023).map(|(_, v)| *v).collect();
        assert_eq!(mid, ['b', 'c']);
        assert_eq!(m.range(2025..=2030).count(), 0);
        assert_eq!(m.range(2000..=2021).count(), 1);
    }

    #[test]
    fn set_is_sorted_without_duplicates() {
        let mut s = SortedSet::default();
        assert!(s.insert("N6".to_string()));
        assert!(s.insert("N5".to_string()));
        assert!(!s.insert("N6".to_string()));
        assert!(s.contains("N5"));
        assert!(!s.contains("N7"));
        assert_eq!(s.iter().collect::<Vec<_>>(), ["N5", "N6"]);
        let built = SortedSet::from_vec(["N6", "N5", "N6", "N1"].map(String::from).to_vec());
        assert_eq!(built.iter().collect::<Vec<_>>(), ["N1", "N5", "N6"]);
    }
}

//! Word shingles: hashes of runs of consecutive words, the groups of
//! positions where the same run occurs, and similarity of two word sequences
//! measured on their shingles.

use rustc_hash::FxHashMap;

use super::normalize::hash_ids;

/// No group.
pub const NONE: u32 = u32::MAX;

/// The positions of every k-gram that occurs at least twice.
#[derive(Clone, Debug, Default)]
pub struct Groups {
    /// For each position, the group of the k-gram starting there, or [`NONE`]
    /// (no k-gram fits in the segment, or it occurs once).
    pub gid: Vec<u32>,
    /// Group `g`'s positions are `pos[offsets[g]..offsets[g + 1]]`.
    offsets: Vec<u32>,
    pos: Vec<u32>,
}

impl Groups {
    /// Number of groups.
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Group `g`'s positions, ascending. Groups are numbered in the order of
    /// their first position.
    pub fn positions(&self, g: usize) -> &[u32] {
        &self.pos[self.offsets[g] as usize..self.offsets[g + 1] as usize]
    }
}

/// Groups the k-grams of a word stream. `ids[i]` is word `i`;
/// `starts(i)` tells whether a segment starts at word `i` (`i >= 1`): a
/// k-gram is the `k` words from a position when they lie in one segment.
/// Linear time: k-grams seen once (most of them) are screened out by two
/// bit sets, and only the others probe a hash table, which so stays a
/// fraction of the stream's size.
pub fn kgram_groups(ids: &[u64], starts: impl Fn(usize) -> bool, k: usize) -> Groups {
    let n = ids.len();
    // Each position's k-gram that may repeat, numbered in order of first
    // position; renumbered below, in place, to the groups kept.
    let mut gid: Vec<u32> = vec![NONE; n];
    let mut count: Vec<u32> = Vec::new();
    let mut index: FxHashMap<u64, u32> = FxHashMap::default();
    if k > 0 && n >= k {
        let hash_at = |i: usize| hash_ids(ids[i..i + k].iter().copied());
        let screen = RepeatScreen::new(n - k + 1, kgram_positions(n, k, &starts).map(hash_at));
        for i in kgram_positions(n, k, &starts) {
            let h = hash_at(i);
            if !screen.may_repeat(h) {
                continue; // seen once: no group
            }
            let id = *index.entry(h).or_insert_with(|| {
                count.push(0);
                (count.len() - 1) as u32
            });
            count[id as usize] += 1;
            gid[i] = id;
        }
    }
    drop(index);
    // Keep those seen twice or more, renumbered densely.
    let mut dense: Vec<u32> = vec![NONE; count.len()];
    let mut offsets: Vec<u32> = vec![0];
    for (id, &c) in count.iter().enumerate() {
        if c >= 2 {
            dense[id] = (offsets.len() - 1) as u32;
            let last = offsets[offsets.len() - 1];
            offsets.push(last + c);
        }
    }
    let mut fill: Vec<u32> = offsets[..offsets.len() - 1].to_vec();
    let mut pos: Vec<u32> = vec![0; offsets[offsets.len() - 1] as usize];
    for (i, slot) in gid.iter_mut().enumerate() {
        if *slot == NONE {
            continue;
        }
        let g = dense[*slot as usize];
        *slot = g;
        if g == NONE {
            continue;
        }
        pos[fill[g as usize] as usize] = i as u32;
        fill[g as usize] += 1;
    }
    Groups { gid, offsets, pos }
}

/// The positions of `n` whose `k` words lie in one segment (see
/// [`kgram_groups`]), in order.
fn kgram_positions(
    n: usize,
    k: usize,
    starts: &impl Fn(usize) -> bool,
) -> impl Iterator<Item = usize> + '_ {
    let mut a = 0;
    let segments = std::iter::from_fn(move || {
        if a >= n {
            return None;
        }
        let mut b = a + 1;
        while b < n && !starts(b) {
            b += 1;
        }
        let segment = (a, b);
        a = b;
        Some(segment)
    });
    segments.flat_map(move |(a, b)| a..(b + 1).saturating_sub(k).max(a))
}

/// Which hashes of a stream may occur more than once: every one that does,
/// and a few that collide with another's bit. Two bit sets (seen once, seen
/// again) of about eight bits per hash (at most 2^27 bits), so that on a
/// long document they stay a fraction of the stream and in cache, while a
/// hash seen once collides with another's bit about one time in eight.
pub struct RepeatScreen {
    shift: u32,
    again: Vec<u64>,
}

impl RepeatScreen {
    /// The screen of `hashes`, about `n` of them.
    pub fn new(n: usize, hashes: impl IntoIterator<Item = u64>) -> RepeatScreen {
        let bits = n
            .saturating_mul(8)
            .clamp(1 << 10, 1 << 27)
            .next_power_of_two();
        let mut screen = RepeatScreen {
            shift: 64 - bits.trailing_zeros(),
            again: vec![0u64; bits / 64],
        };
        let mut once = vec![0u64; bits / 64];
        for h in hashes {
            let (w, bit) = screen.slot(h);
            if once[w] & bit != 0 {
                screen.again[w] |= bit;
            } else {
                once[w] |= bit;
            }
        }
        screen
    }

    /// Whether `h` may occur more than once (it surely does not if not).
    pub fn may_repeat(&self, h: u64) -> bool {
        let (w, bit) = self.slot(h);
        self.again[w] & bit != 0
    }

    /// The word and bit of a hash (its top bits after one more multiply).
    fn slot(&self, h: u64) -> (usize, u64) {
        let b = (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize;
        (b / 64, 1u64 << (b % 64))
    }
}

/// The distinct shingles of `w` words of a sequence, sorted. A sequence
/// shorter than `w` gives one shingle of all its words.
pub fn shingle_set(ids: &[u64], w: usize) -> Vec<u64> {
    let mut out: Vec<u64> = if ids.len() <= w {
        vec![hash_ids(ids.iter().copied())]
    } else {
        ids.windows(w)
            .map(|win| hash_ids(win.iter().copied()))
            .collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// The features two sentences are compared on: their words (1-shingles) and
/// their word pairs (2-shingles), sorted and distinct. Words make the
/// measure forgive a dropped word or a swap; pairs keep it sensitive to
/// order, so that two sentences on one topic in different words score low.
pub fn features(ids: &[u64]) -> Vec<u64> {
    let mut out = Vec::with_capacity(2 * ids.len());
    features_into(ids, &mut out);
    out
}

/// [`features`], appended to `out`.
pub fn features_into(ids: &[u64], out: &mut Vec<u64>) {
    let start = out.len();
    out.extend(ids.iter().map(|&i| i.rotate_left(17) ^ 0x9e37));
    out.extend(ids.windows(2).map(|w| hash_ids([w[0], w[1]])));
    let mine = &mut out[start..];
    mine.sort_unstable();
    // Dedup in place within the appended part.
    let mut kept = 0;
    for i in 0..mine.len() {
        if i == 0 || mine[i] != mine[kept - 1] {
            mine[kept] = mine[i];
            kept += 1;
        }
    }
    out.truncate(start + kept);
}

/// Size of the intersection of two sorted, distinct lists.
pub fn intersection(a: &[u64], b: &[u64]) -> usize {
    shared_unless(a, b, |_| false).unwrap_or(0)
}

/// The intersection's size, counted in one merge of the two lists; every
/// few steps `give_up` is asked with the most it could still come to, and
/// `None` is returned if it says so.
fn shared_unless(a: &[u64], b: &[u64], give_up: impl Fn(usize) -> bool) -> Option<usize> {
    let (mut i, mut j, mut n) = (0, 0, 0);
    let mut step = 0u32;
    while i < a.len() && j < b.len() {
        step += 1;
        if step.is_multiple_of(8) && give_up(n + (a.len() - i).min(b.len() - j)) {
            return None;
        }
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    Some(n)
}

/// Jaccard similarity of two sets of sizes `a` and `b` with `shared`
/// elements in common (0 for two empty sets). It grows with `shared`, so a
/// bound on `shared` bounds it.
pub fn jaccard_of(a: usize, b: usize, shared: usize) -> f32 {
    let union = a + b - shared;
    if union == 0 {
        0.0
    } else {
        shared as f32 / union as f32
    }
}

/// [`jaccard`] of two sorted, distinct lists when it is at least
/// `threshold`; `None` as soon as the rest of the lists cannot bring it
/// there (the result, when given, is exactly [`jaccard`]'s).
pub fn jaccard_at_least(a: &[u64], b: &[u64], threshold: f32) -> Option<f32> {
    let score = |shared: usize| jaccard_of(a.len(), b.len(), shared);
    let s = score(shared_unless(a, b, |most| score(most) < threshold)?);
    (s >= threshold).then_some(s)
}

/// Jaccard similarity of two sorted, distinct lists: shared / all.
pub fn jaccard(a: &[u64], b: &[u64]) -> f32 {
    jaccard_of(a.len(), b.len(), intersection(a, b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::xorshift;

    #[test]
    fn groups_hold_repeated_kgrams_within_segments() {
        // a b c x a b c, with a segment break before the second "c".
        let ids = [1, 2, 3, 9, 1, 2, 3];
        let seg = |i: usize| i == 6;
        let g = kgram_groups(&ids, seg, 2);
        assert_eq!(g.len(), 1);
        assert_eq!(g.positions(0), [0, 4]);
        assert_eq!(g.gid[0], 0);
        assert_eq!(g.gid[1], NONE);
        let g = kgram_groups(&ids, |_| false, 2);
        assert_eq!((g.positions(0), g.positions(1)), (&[0, 4][..], &[1, 5][..]));
        assert!(kgram_groups(&ids, seg, 9).is_empty());
    }

    #[test]
    fn screened_groups_equal_groups_counted_in_full() {
        // A long stream with many k-grams seen once (bit collisions in the
        // screen) and some repeated: the groups must be exactly those of a
        // plain count of every k-gram.
        let mut next = xorshift(11);
        let n = 20_000;
        let ids: Vec<u64> = (0..n).map(|_| next() % 40).collect();
        let seg: Vec<u32> = (0..n as u32).map(|i| i / 50).collect();
        for k in [1, 2, 3, 4] {
            let g = kgram_groups(&ids, |i| seg[i] != seg[i - 1], k);
            let mut all: std::collections::BTreeMap<u64, Vec<u32>> = Default::default();
            for i in 0..=n - k {
                if seg[i] == seg[i + k - 1] {
                    let h = hash_ids(ids[i..i + k].iter().copied());
                    all.entry(h).or_default().push(i as u32);
                }
            }
            let mut want: Vec<Vec<u32>> = all.into_values().filter(|p| p.len() >= 2).collect();
            want.sort();
            let got: Vec<Vec<u32>> = (0..g.len()).map(|i| g.positions(i).to_vec()).collect();
            assert_eq!(got, want, "k = {k}");
            for (i, p) in got.iter().enumerate() {
                assert!(p.iter().all(|&q| g.gid[q as usize] == i as u32));
            }
        }
    }

    #[test]
    fn similarity_forgives_a_drop_and_a_swap_but_not_new_words() {
        let a: Vec<u64> = (1..=16).collect();
        let mut b = a.clone();
        b.remove(5);
        b.swap(9, 10);
        let s = jaccard(&features(&a), &features(&b));
        assert!(s > 0.7, "{s}");
        let c: Vec<u64> = (1..=8).chain(100..108).collect();
        let s2 = jaccard(&features(&a), &features(&c));
        assert!(s2 < 0.45, "{s2}");
        assert_eq!(jaccard(&features(&a), &features(&a)), 1.0);
    }

    #[test]
    fn jaccard_at_least_agrees_with_jaccard() {
        // Pseudo-random sorted lists with varied overlap.
        let mut next = xorshift(7);
        for _ in 0..2000 {
            let n = (next() % 60) as usize;
            let m = (next() % 60) as usize;
            let mut a: Vec<u64> = (0..n).map(|_| next() % 80).collect();
            let mut b: Vec<u64> = (0..m).map(|_| next() % 80).collect();
            a.sort_unstable();
            a.dedup();
            b.sort_unstable();
            b.dedup();
            for t in [0.0, 0.3, 0.55, 0.8, 1.0] {
                let j = jaccard(&a, &b);
                assert_eq!(
                    jaccard_at_least(&a, &b, t),
                    (j >= t).then_some(j),
                    "{a:?} {b:?} {t}"
                );
            }
        }
    }
}

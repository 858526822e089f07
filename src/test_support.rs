//! Deterministic pseudo-random input for unit tests, most of which compare
//! a fast implementation with a plain one kept in the test.

/// A small deterministic generator for the property tests.
pub(crate) struct Rng(pub(crate) u64);
impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub(crate) fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

/// A random scalar value, mostly from ranges that matter here.
pub(crate) fn random_char(rng: &mut Rng) -> char {
    const RANGES: &[(u32, u32)] = &[
        (0x00, 0x7f),
        (0x80, 0x2ff),
        (0x300, 0x36f),
        (0x590, 0x6ff),
        (0x900, 0x97f),
        (0x2000, 0x206f),
        (0x3000, 0x303f),
        (0x4e00, 0x4eff),
        (0xff00, 0xffef),
        (0x1f300, 0x1faff),
        (0x0, 0x10ffff),
    ];
    let (lo, hi) = RANGES[(rng.next() % RANGES.len() as u64) as usize];
    let v = lo + (rng.next() % u64::from(hi - lo + 1)) as u32;
    char::from_u32(v).unwrap_or('\u{fffd}')
}

/// A random text of fewer than `max_pieces` pieces, each one of
/// `pieces` or (one time in eight) a random character.
pub(crate) fn random_text(rng: &mut Rng, pieces: &[&str], max_pieces: u64) -> String {
    let n = rng.next() % max_pieces;
    let mut s = String::new();
    for _ in 0..n {
        if rng.next().is_multiple_of(8) {
            s.push(random_char(rng));
        } else {
            s.push_str(rng.pick(pieces));
        }
    }
    s
}

/// `n` texts of fewer than `max_pieces` pieces each, every piece one of
/// `pieces` (nothing else).
pub(crate) fn texts_of(rng: &mut Rng, pieces: &[&str], max_pieces: u64, n: usize) -> Vec<String> {
    (0..n)
        .map(|_| {
            let len = rng.next() % max_pieces;
            (0..len).map(|_| rng.pick(pieces)).collect()
        })
        .collect()
}

/// [`texts_of`] with the characters of `alphabet` as the pieces.
pub(crate) fn texts_of_chars(rng: &mut Rng, alphabet: &str, max_len: u64, n: usize) -> Vec<String> {
    let chars: Vec<String> = alphabet.chars().map(String::from).collect();
    let pieces: Vec<&str> = chars.iter().map(String::as_str).collect();
    texts_of(rng, &pieces, max_len, n)
}

/// [`Rng::next`] as a closure.
pub(crate) fn xorshift(seed: u64) -> impl FnMut() -> u64 {
    let mut rng = Rng(seed);
    move || rng.next()
}

//! Characters as the text scanners see them: classes (white space, letter,
//! digit, case) read from a table for ASCII, from the `char` methods for
//! the rest, and a character at a byte offset without decoding ASCII.
//! Shared by the word splitters that read every byte of a document (the
//! repeat rules' words, the claims tokenizer, the word count).

/// `char::is_whitespace`.
pub(crate) const WS: u8 = 1;
/// `char::is_alphabetic`.
pub(crate) const ALPHA: u8 = 1 << 1;
/// Numeric: alphanumeric and not alphabetic (an ASCII digit, say).
pub(crate) const DIGIT: u8 = 1 << 2;
/// `char::is_uppercase`.
pub(crate) const UPPER: u8 = 1 << 3;
/// `char::is_lowercase`.
pub(crate) const LOWER: u8 = 1 << 4;
/// An ASCII lower-case letter.
pub(crate) const ASCII_LOWER: u8 = 1 << 5;
/// `char::is_alphanumeric`.
pub(crate) const ALNUM: u8 = ALPHA | DIGIT;

/// The classes of each ASCII character (other characters' classes
/// [`classes`] works out).
pub(crate) static ASCII: [u8; 128] = ascii_classes();

/// Whether a byte is an ASCII letter or digit ([`ALNUM`] of [`ASCII`], as a
/// `bool` for every byte value: the test the word splitters' inner loops
/// make on every byte).
pub(crate) static ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 128 {
        t[i] = ASCII[i] & ALNUM != 0;
        i += 1;
    }
    t
};

const fn ascii_classes() -> [u8; 128] {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        t[i] = if matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') {
            WS
        } else if c.is_ascii_uppercase() {
            ALPHA | UPPER
        } else if c.is_ascii_lowercase() {
            ALPHA | LOWER | ASCII_LOWER
        } else if c.is_ascii_digit() {
            DIGIT
        } else {
            0
        };
        i += 1;
    }
    t
}

/// The classes of a character.
#[inline]
pub(crate) fn classes(c: char) -> u8 {
    if c.is_ascii() {
        return ASCII[c as usize];
    }
    let mut v = 0;
    if c.is_whitespace() {
        v |= WS;
    }
    if c.is_alphabetic() {
        v |= ALPHA;
    } else if c.is_numeric() {
        v |= DIGIT;
    }
    if c.is_uppercase() {
        v |= UPPER;
    }
    if c.is_lowercase() {
        v |= LOWER;
    }
    v
}

/// The character at byte `i` of `text` (a character boundary) and its
/// length; ASCII without decoding.
#[inline]
pub(crate) fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii() {
        return Some((char::from(b), 1));
    }
    let c = text.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_class_table_says_what_the_char_methods_say() {
        for c in (0u8..128).map(char::from) {
            let k = classes(c);
            assert_eq!(k & WS != 0, c.is_whitespace(), "{c:?}");
            assert_eq!(k & ALPHA != 0, c.is_alphabetic(), "{c:?}");
            assert_eq!(k & ALNUM != 0, c.is_alphanumeric(), "{c:?}");
            assert_eq!(k & UPPER != 0, c.is_uppercase(), "{c:?}");
            assert_eq!(k & LOWER != 0, c.is_lowercase(), "{c:?}");
            assert_eq!(k & ASCII_LOWER != 0, c.is_ascii_lowercase(), "{c:?}");
        }
        for b in 0..=255u8 {
            assert_eq!(ASCII_ALNUM[b as usize], b.is_ascii_alphanumeric(), "{b}");
        }
    }
}

//! Stage 1: normalise raw text for matching, keeping a byte map back to the original.
//!
//! What changes: NFC composition (NFD input), Ð/ð (U+00D0/U+00F0) to Đ/đ, word-segmentation
//! underscores to spaces, every dash and minus to `-`, odd spaces to ` `, zero-width characters
//! dropped, HTML character references decoded (`&#x002F;` → `/`), and old-style tone placement at a
//! word's end made modern (`uỷ` → `ủy`, `hoá` → `hóa`). Every byte of the normalised text maps to
//! the byte in the original where its source character began, so offsets found on the normalised
//! text can be reported against the input as it was.
//!
//! ```
//! let n = vncite::normalize::normalize("Nghị_quyết số 02 – NQ/TU");
//! assert_eq!(n.text, "Nghị quyết số 02 - NQ/TU");
//! let (s, e) = n.to_original(n.text.find("02").unwrap(), n.text.len());
//! assert_eq!(&"Nghị_quyết số 02 – NQ/TU"[s..e], "02 – NQ/TU");
//! ```

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::UnicodeNormalization;

/// Normalised text plus the map from its bytes to the original's.
#[derive(Debug, Clone)]
pub struct NormText {
    /// The normalised text.
    pub text: String,
    /// The original byte offset of every normalised byte (and of `text.len()`: the original
    /// length). Empty when the text needed no change (offsets are the same).
    map: OffsetMap,
}

/// Where each normalised byte came from, as runs: most of a text is copied as it is, so a run of
/// bytes copied one for one is one entry instead of eight bytes a byte.
#[derive(Debug, Clone, Default)]
struct OffsetMap {
    /// (first normalised byte, its original offset, whether the run is copied one for one;
    /// otherwise every byte of the run maps to that same offset), in order
    runs: Vec<(usize, usize, bool)>,
}

impl OffsetMap {
    /// Normalised bytes from `at` on come from `orig` on, one for one (`copied`) or all from
    /// `orig` (a replaced character).
    fn push(&mut self, at: usize, orig: usize, copied: bool) {
        if let Some(&(n, o, c)) = self.runs.last() {
            if c && copied && o + (at - n) == orig {
                return;
            }
        }
        self.runs.push((at, orig, copied));
    }

    /// Forgets the bytes from `len` on.
    fn truncate(&mut self, len: usize) {
        while self.runs.last().is_some_and(|r| r.0 >= len) {
            self.runs.pop();
        }
    }

    /// The run holding normalised byte `i`.
    fn run(&self, i: usize) -> Option<usize> {
        self.runs.partition_point(|r| r.0 <= i).checked_sub(1)
    }

    /// The original offset of normalised byte `i`.
    fn get(&self, i: usize) -> usize {
        self.run(i).map_or(0, |k| {
            let (n, o, copied) = self.runs[k];
            if copied {
                o + (i - n)
            } else {
                o
            }
        })
    }
}

impl NormText {
    /// The text as it is, offsets unchanged.
    pub fn unchanged(input: &str) -> NormText {
        NormText { text: input.to_string(), map: OffsetMap::default() }
    }

    /// Maps a normalised byte range to the original byte range it came from.
    pub fn to_original(&self, start: usize, end: usize) -> (usize, usize) {
        if self.map.runs.is_empty() {
            let (s, e) = (start.min(self.text.len()), end.min(self.text.len()));
            return (s, e.max(s));
        }
        let len = self.text.len();
        let s = if start <= len { self.map.get(start) } else { 0 };
        // The end is exclusive: take the start of the unit that follows the last byte.
        let e = if end == 0 {
            0
        } else {
            // The first byte after `end` that starts a later source unit.
            let end = end.min(len);
            let last = self.map.get(end - 1);
            let mut i = end;
            while i < len && self.map.get(i) == last {
                // a run of one source character is passed whole
                i = match self.map.run(i) {
                    Some(k) if !self.map.runs[k].2 => self.map.runs.get(k + 1).map_or(len, |r| r.0),
                    _ => i + 1,
                };
            }
            self.map.get(i.min(len))
        };
        (s, e.max(s))
    }
}

fn map_char(c: char) -> Option<char> {
    Some(match c {
        'Ð' => 'Đ',
        'ð' => 'đ',
        '_' => ' ',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' | '\u{FE58}'
        | '\u{FE63}' | '\u{FF0D}' => '-',
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => ' ',
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{00AD}' | '\u{2060}' => return None,
        '\u{2044}' | '\u{FF0F}' | '\u{2215}' => '/',
        c => c,
    })
}

/// Decodes an HTML character reference at the start of `s` (which begins with `&`).
/// Returns the character and the reference's byte length.
fn html_entity(s: &str) -> Option<(char, usize)> {
    let end = s.bytes().take(12).position(|b| b == b';')?;
    let body = &s[1..end];
    let c = if let Some(hex) = body.strip_prefix("#x").or_else(|| body.strip_prefix("#X")) {
        char::from_u32(u32::from_str_radix(hex, 16).ok()?)?
    } else if let Some(dec) = body.strip_prefix('#') {
        char::from_u32(dec.parse().ok()?)?
    } else {
        match body {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => ' ',
            "ndash" | "mdash" => '-',
            _ => return None,
        }
    };
    Some((c, end + 1))
}

/// Old-style tone placement (`oà`, `uỷ`) → modern (`òa`, `ủy`), for a pair at a word's end.
static MODERN_TONES: once_cell::sync::Lazy<std::collections::HashMap<(char, char), (char, char)>> =
    once_cell::sync::Lazy::new(|| {
        let mut m = std::collections::HashMap::new();
        for (old, new) in [
            ("oà", "òa"),
            ("oá", "óa"),
            ("oả", "ỏa"),
            ("oã", "õa"),
            ("oạ", "ọa"),
            ("oè", "òe"),
            ("oé", "óe"),
            ("oẻ", "ỏe"),
            ("oẽ", "õe"),
            ("oẹ", "ọe"),
            ("uỳ", "ùy"),
            ("uý", "úy"),
            ("uỷ", "ủy"),
            ("uỹ", "ũy"),
            ("uỵ", "ụy"),
        ] {
            let pair = |s: &str| {
                let mut c = s.chars();
                (c.next().unwrap_or(' '), c.next().unwrap_or(' '))
            };
            let up = |c: char| c.to_uppercase().next().unwrap_or(c);
            let (o1, o2) = pair(old);
            let (n1, n2) = pair(new);
            m.insert((o1, o2), (n1, n2));
            m.insert((up(o1), o2), (up(n1), n2));
            m.insert((up(o1), up(o2)), (up(n1), up(n2)));
        }
        m
    });

/// `s` with old-style tone placement at each word's end (`Khánh Hòa` → `Khánh Hoà`): the inverse
/// of what `normalize` does, for matching names in text that has not been normalised.
///
/// ```
/// assert_eq!(vncite::normalize::old_tones("Bình Thủy, Khánh Hòa"), "Bình Thuỷ, Khánh Hoà");
/// ```
pub fn old_tones(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = chars.clone();
    for i in 1..chars.len() {
        let word_end = chars.get(i + 1).is_none_or(|c| !c.is_alphabetic());
        let after_q = i >= 2 && matches!(chars[i - 2], 'q' | 'Q');
        if !word_end || after_q {
            continue;
        }
        if let Some((&(o1, o2), _)) = MODERN_TONES.iter().find(|(_, &new)| new == (chars[i - 1], chars[i])) {
            out[i - 1] = o1;
            out[i] = o2;
        }
    }
    out.into_iter().collect()
}

/// Whether `input` has anything `normalize` would change. Most news text has not, and then the
/// text is used as it is (a fast scan instead of a rebuild).
pub fn needs_normalizing(input: &str) -> bool {
    let mut prev = ' ';
    for c in input.chars() {
        let special = match c {
            '_' | '&' => true,
            c if c.is_ascii() => false,
            // precomposed Vietnamese letters: only an old-style tone pair needs work
            '\u{1EA0}'..='\u{1EF9}' | 'À'..='ÿ' if c != 'ð' && c != 'Ð' && c != '\u{00A0}' && c != '\u{00AD}' => {
                matches!(prev, 'o' | 'u' | 'O' | 'U') && MODERN_TONES.contains_key(&(prev, c))
            }
            c => {
                map_char(c) != Some(c)
                    || canonical_combining_class(c) != 0
                    || (matches!(prev, 'o' | 'u' | 'O' | 'U') && MODERN_TONES.contains_key(&(prev, c)))
            }
        };
        if special {
            return true;
        }
        prev = c;
    }
    false
}

/// Normalises `input` for matching, or takes it as it is when nothing would change.
pub fn normalize(input: &str) -> NormText {
    if !needs_normalizing(input) {
        return NormText::unchanged(input);
    }
    normalize_full(input)
}

/// Whether `c` after `prev` is copied as it is: ASCII but '&' and '_', or a precomposed Latin
/// letter (but Ð and ð, and a toned vowel that may end an old-style pair with `prev`).
fn kept(prev: char, c: char) -> bool {
    match c {
        '&' | '_' => false,
        c if c.is_ascii() => true,
        'Ð' | 'ð' => false,
        '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' => {
            !(matches!(prev, 'o' | 'u' | 'O' | 'U') && MODERN_TONES.contains_key(&(prev, c)))
        }
        _ => false,
    }
}

/// The character at byte `i` of `s` (a character boundary), if any.
fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|r| r.chars().next())
}

/// Normalises `input` for matching. See the module docs for what changes.
fn normalize_full(input: &str) -> NormText {
    let mut n = Normalizer {
        input,
        text: String::with_capacity(input.len()),
        map: OffsetMap::default(),
        cluster: String::new(),
        prev2: ' ',
        prev: ' ',
        prev_at: 0,
        i: 0,
    };
    while let Some(c) = char_at(input, n.i) {
        if n.copy_run(c) || n.entity(c) || n.stray_mark(c) {
            continue;
        }
        if let Some(m) = n.one(c) {
            n.retone(m);
        }
    }
    n.map.push(n.text.len(), input.len(), false);
    NormText { text: n.text, map: n.map }
}

/// One normalisation under way: the text written so far and its offset map, where the input is
/// read, and the last two characters written (and where the last starts), for tone placement.
struct Normalizer<'a> {
    input: &'a str,
    text: String,
    map: OffsetMap,
    /// A character and its combining marks, reused.
    cluster: String,
    prev2: char,
    prev: char,
    prev_at: usize,
    /// Where the input is read.
    i: usize,
}

impl Normalizer<'_> {
    /// Most of a text: a run of characters kept as they are (ASCII and precomposed letters),
    /// copied at once, but for its last character when a combining mark follows and up to a letter
    /// that may end an old-style tone pair. Whether anything was copied.
    fn copy_run(&mut self, c: char) -> bool {
        if !kept(self.prev, c) {
            return false;
        }
        let (input, i) = (self.input, self.i);
        let (mut j, mut last, mut p) = (i, i, self.prev);
        while let Some(n) = char_at(input, j) {
            if !kept(p, n) {
                if is_mark(n) {
                    j = last;
                }
                break;
            }
            (last, p) = (j, n);
            j += n.len_utf8();
        }
        if j <= i {
            return false;
        }
        self.map.push(self.text.len(), i, true);
        self.text.push_str(&input[i..j]);
        let mut tail = input[i..j].chars().rev();
        let (last, before) = (tail.next().unwrap_or(' '), tail.next());
        (self.prev2, self.prev) = (before.unwrap_or(self.prev), last);
        self.prev_at = self.text.len() - last.len_utf8();
        self.i = j;
        true
    }

    /// An HTML character reference, decoded. Whether there was one.
    fn entity(&mut self, c: char) -> bool {
        if c != '&' {
            return false;
        }
        let Some((e, len)) = html_entity(&self.input[self.i..]) else { return false };
        if let Some(m) = map_char(e) {
            self.map.push(self.text.len(), self.i, false);
            self.text.push(m);
            (self.prev2, self.prev, self.prev_at) = (self.prev, m, self.text.len() - m.len_utf8());
        }
        // the reference is ASCII: its end is a character boundary
        self.i += len;
        true
    }

    /// A combining mark cut off from its letter (by a dropped zero-width character, say):
    /// composed with the last character written, as a second pass would. Whether it was.
    fn stray_mark(&mut self, c: char) -> bool {
        if !is_mark(c) {
            return false;
        }
        let last = self.text.chars().next_back();
        let Some((l, x)) = last.and_then(|l| unicode_normalization::char::compose(l, c).map(|x| (l, x))) else {
            return false;
        };
        let from = self.text.len() - l.len_utf8();
        let origin = self.map.get(from);
        self.text.truncate(from);
        self.map.truncate(from);
        self.map.push(from, origin, false);
        self.text.push(x);
        (self.prev, self.prev_at) = (x, from);
        self.i += c.len_utf8();
        true
    }

    /// One character (with the combining marks after it, composed), mapped; the last character
    /// written, if any (a dropped character carries no marks: they go to the letter before it).
    fn one(&mut self, c: char) -> Option<char> {
        let input = self.input;
        let at = self.i;
        self.i += c.len_utf8();
        let combining_next = map_char(c).is_some() && char_at(input, self.i).is_some_and(is_mark);
        let mut last = None;
        if combining_next {
            self.cluster.clear();
            self.cluster.push(c);
            while let Some(n) = char_at(input, self.i).filter(|&n| is_mark(n)) {
                self.cluster.push(n);
                self.i += n.len_utf8();
            }
            for x in self.cluster.nfc() {
                if let Some(m) = map_char(x) {
                    self.map.push(self.text.len(), at, false);
                    self.text.push(m);
                    last = Some(m);
                }
            }
        } else if let Some(m) = map_char(c) {
            // a character kept as it is maps one for one, like ASCII
            self.map.push(self.text.len(), at, m == c);
            self.text.push(m);
            last = Some(m);
        }
        last
    }

    /// After writing `m`: an old-style tone at a word's end ("uỷ", "hoà") moves to the first vowel.
    fn retone(&mut self, m: char) {
        let (prev, prev2, prev_at) = (self.prev, self.prev2, self.prev_at);
        // every toned letter of the table is outside ASCII: most letters after an o or u are not
        let pair = if !m.is_ascii() && matches!(prev, 'o' | 'u' | 'O' | 'U') && !matches!(prev2, 'q' | 'Q') {
            MODERN_TONES.get(&(prev, m))
        } else {
            None
        };
        if let Some(&(x, y)) = pair {
            let word_end = char_at(self.input, self.i).is_none_or(|n| !n.is_alphabetic());
            if word_end && x.len_utf8() + y.len_utf8() == prev.len_utf8() + m.len_utf8() {
                // the pair's bytes keep their origins in order: the vowel's (one byte: o or u),
                // then the toned letter's for the rest, so a range ending inside the pair takes
                // all of it
                let (o_prev, o_m) = (self.map.get(prev_at), self.map.get(prev_at + prev.len_utf8()));
                self.map.truncate(prev_at);
                self.map.push(prev_at, o_prev, false);
                self.map.push(prev_at + prev.len_utf8(), o_m, false);
                self.text.truncate(prev_at);
                self.text.push(x);
                self.text.push(y);
            }
        }
        let at = self.text.len() - self.text.chars().next_back().map_or(0, char::len_utf8);
        (self.prev2, self.prev, self.prev_at) = (prev, self.text.chars().next_back().unwrap_or(m), at);
    }
}

/// A combining mark (checked by range first: Vietnamese letters are not marks).
fn is_mark(c: char) -> bool {
    c >= '\u{0300}' && !('\u{1EA0}'..='\u{1EF9}').contains(&c) && canonical_combining_class(c) != 0
}

/// Lower-cases and strips diacritics (đ → d): for comparing names regardless of spelling.
pub fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| canonical_combining_class(*c) == 0)
        .map(|c| match c {
            'Đ' | 'đ' | 'Ð' | 'ð' => 'd',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(input: &str, needle: &str) -> String {
        let n = normalize(input);
        let s = n.text.find(needle).expect("needle in normalised text");
        let (a, b) = n.to_original(s, s + needle.len());
        input[a..b].to_string()
    }

    #[test]
    fn eth_becomes_d_stroke() {
        assert_eq!(normalize("Ðảng ủy ðã").text, "Đảng ủy đã");
    }

    #[test]
    fn nfd_is_composed_and_offsets_map_back() {
        let nfd: String = "Nghị quyết số 04-NQ/TU".nfd().collect();
        let n = normalize(&nfd);
        assert_eq!(n.text, "Nghị quyết số 04-NQ/TU");
        assert_eq!(roundtrip(&nfd, "quyết"), "quyết".nfd().collect::<String>());
    }

    #[test]
    fn a_mark_after_a_precomposed_letter_is_composed_with_it() {
        // 'ê' (U+00EA) then a combining acute: half-decomposed text, as some editors write it
        assert_eq!(normalize("Nghị quyê\u{301}t Tỉnh ủy").text, "Nghị quyết Tỉnh ủy");
        assert_eq!(roundtrip("Nghị quyê\u{301}t Tỉnh ủy", "quyết"), "quyê\u{301}t");
    }

    #[test]
    fn moved_tones_map_back_to_the_whole_pair() {
        assert_eq!(roundtrip("Thành uỷ Bắc Ninh", "ủy"), "uỷ");
        assert_eq!(roundtrip("tỉnh Khánh Hoà.", "Khánh Hòa"), "Khánh Hoà");
        // a range ending inside the moved pair takes all of it
        assert_eq!(roundtrip("tỉnh Khánh Hoà.", "Khánh Hò"), "Khánh Hoà");
        assert_eq!(roundtrip("Ngày 5/3 — Thành uỷ", "5/3 - Thành"), "5/3 — Thành");
    }

    #[test]
    fn tokenized_underscores_and_dashes() {
        let n = normalize("Nghị_quyết số 18 – NQ / TW — x");
        assert_eq!(n.text, "Nghị quyết số 18 - NQ / TW - x");
        assert_eq!(roundtrip("a 21 – NQ/TW b", "21 - NQ/TW"), "21 – NQ/TW");
    }

    #[test]
    fn html_entities_decode_and_map() {
        let src = "Quy định 20-QĐ&#x002F;TW nay";
        assert_eq!(normalize(src).text, "Quy định 20-QĐ/TW nay");
        assert_eq!(roundtrip(src, "20-QĐ/TW"), "20-QĐ&#x002F;TW");
    }

    #[test]
    fn old_tone_placement_at_word_end() {
        assert_eq!(normalize("Tỉnh uỷ Thanh Hoá, khoá XVI").text, "Tỉnh ủy Thanh Hóa, khóa XVI");
        // not at a word end, or after q: unchanged
        assert_eq!(normalize("Hoàng quý").text, "Hoàng quý");
    }

    #[test]
    fn zero_width_dropped() {
        assert_eq!(normalize("02\u{200B}-NQ/TU").text, "02-NQ/TU");
        assert_eq!(roundtrip("x 02\u{200B}-NQ/TU y", "02-NQ/TU"), "02\u{200B}-NQ/TU");
    }

    #[test]
    fn idempotent() {
        for s in ["Ðảng uỷ", "a_b – c", "Nghị quyết", "&amp;&#47;"] {
            let once = normalize(s).text;
            // entities decode once; a decoded `&` stays
            if !s.contains('&') {
                assert_eq!(normalize(&once).text, once);
            }
        }
    }

    #[test]
    fn clean_text_is_taken_as_it_is() {
        let s = "Nghị quyết số 02-NQ/TU của Tỉnh ủy";
        assert!(!needs_normalizing(s));
        let n = normalize(s);
        assert_eq!(n.text, s);
        assert_eq!(n.to_original(3, 10), (3, 10));
        assert!(needs_normalizing("Tỉnh uỷ"));
        assert!(needs_normalizing("a_b"));
        assert!(needs_normalizing("Ðảng"));
    }

    #[test]
    fn fold_strips_marks() {
        assert_eq!(fold("Đảng Ủy Hòa"), "dang uy hoa");
    }
}

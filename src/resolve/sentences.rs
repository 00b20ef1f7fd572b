//! Where sentences start and end, for reading a reference's context.

/// Where sentences start and end, for reading a reference's context: computed once per text, so
/// that the bounds of each reference cost a binary search, not a scan of its whole sentence (a
/// long sentence dense with references would make that quadratic).
pub(super) struct SentenceBreaks {
    /// Positions a sentence may start at: after a line break, ';', '!', '?', or a full stop and a space.
    starts: Vec<usize>,
    /// Positions a sentence ends at: a line break, ';', or '.', '!', '?' before white space.
    ends: Vec<usize>,
    len: usize,
}

impl SentenceBreaks {
    pub(super) fn new(t: &str) -> SentenceBreaks {
        let b = t.as_bytes();
        // a full stop after an abbreviation ("TP. HCM", "Q. 1", "ThS. Nguyễn") does not end a sentence
        let ends_sentence = |dot: usize| -> bool {
            let word_start =
                t[..dot].char_indices().rev().find(|(_, c)| !c.is_alphanumeric()).map_or(0, |(i, c)| i + c.len_utf8());
            let word = &t[word_start..dot];
            let single_capital = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            !(crate::relate::sentences::ABBREVIATIONS.contains(&word) || single_capital)
        };
        let mut starts = Vec::new();
        let mut ends = Vec::new();
        for (i, &c) in b.iter().enumerate() {
            match c {
                b'\n' | b';' => {
                    ends.push(i);
                    starts.push(i + 1);
                }
                b'!' | b'?' => {
                    if b.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()) {
                        ends.push(i);
                    }
                    starts.push(i + 1);
                }
                b'.' if b.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()) && ends_sentence(i) => ends.push(i),
                b' ' if i >= 1
                    && matches!(b[i - 1], b'.' | b'!' | b'?')
                    && (b[i - 1] != b'.' || ends_sentence(i - 1)) =>
                {
                    starts.push(i + 1)
                }
                _ => {}
            }
        }
        starts.dedup();
        SentenceBreaks { starts, ends, len: b.len() }
    }

    /// The sentence around `pos`: from the last start at or before it to the first end at or after it.
    pub(super) fn bounds(&self, pos: usize) -> (usize, usize) {
        let pos = pos.min(self.len);
        let s = self.starts.partition_point(|&x| x <= pos).checked_sub(1).map_or(0, |i| self.starts[i]);
        let e = self.ends.get(self.ends.partition_point(|&x| x < pos)).copied().unwrap_or(self.len);
        (s, e)
    }
}

/// Where the line holding byte `at` of `t` starts, looked for at most `within` bytes back: `None`
/// when it starts further back (the look stays bounded, so reading every reference stays linear).
pub(super) fn line_start(t: &str, at: usize, within: usize) -> Option<usize> {
    let from = t.floor_char_boundary(at.saturating_sub(within));
    match t[from..at].rfind('\n') {
        Some(i) => Some(from + i + 1),
        None => (from == 0).then_some(0),
    }
}

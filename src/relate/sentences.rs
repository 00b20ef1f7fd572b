//! Sentences for relation reading: where a full stop ends one, and where a line break does not.
//!
//! Official texts and the pages that copy them are often wrapped by hand ("… của Ban\nThường vụ
//! Tỉnh ủy …", "CHƯƠNG TRÌNH SỐ 47-CTR/TU …\nCỦA TỈNH ỦY VỀ THỰC HIỆN …"), so a line break ends a
//! sentence only where the line before could end one. Semicolons do not end a sentence: lists of
//! documents run across them ("thay thế Chỉ thị số 35 …; Kết luận số 118 …").

/// Abbreviations whose full stop does not end a sentence ("TP. Hà Nội", "ThS. Nguyễn"); the
/// resolver's sentence bounds read the same list.
pub(crate) const ABBREVIATIONS: &[&str] =
    &["TP", "Tp", "TX", "TT", "ThS", "TS", "PGS", "GS", "Th", "St", "Mr", "BS", "V/v", "Q"];

/// The sentences of `t` as byte ranges, in order, covering every non-blank stretch once.
///
/// ```
/// use vncite::relate::sentences;
/// let t = "Ban Thường vụ đã ban hành Kế hoạch số 5 của Ban\nThường vụ. Kế hoạch nêu rõ.\n- Một";
/// let s: Vec<&str> = sentences(t).into_iter().map(|(a, b)| &t[a..b]).collect();
/// assert_eq!(s, ["Ban Thường vụ đã ban hành Kế hoạch số 5 của Ban\nThường vụ.", "Kế hoạch nêu rõ.", "- Một"]);
/// ```
pub fn sentences(t: &str) -> Vec<(usize, usize)> {
    let b = t.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let end = match c {
            b'.' | b'!' | b'?' if full_stop(t, i) => Some(i + 1),
            b'\n' if !soft_wrap(t, i) => Some(i),
            _ => None,
        };
        if let Some(e) = end {
            push(t, &mut out, start, e);
            start = e;
        }
        i += 1;
    }
    push(t, &mut out, start, b.len());
    out
}

/// `t` with every line break that wraps a sentence ("… của Ban\nThường vụ …") made a space: the
/// same length, so offsets into one are offsets into the other. Resolution reads a reference's
/// context (date, body, place) in it.
///
/// ```
/// assert_eq!(vncite::relate::unwrap_lines("của Ban\nThường vụ.\nHết"), "của Ban Thường vụ.\nHết");
/// ```
pub fn unwrap_lines(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut from = 0;
    for i in memchr::memchr_iter(b'\n', t.as_bytes()) {
        if soft_wrap(t, i) {
            out.push_str(&t[from..i]);
            out.push(' ');
            from = i + 1;
        }
    }
    out.push_str(&t[from..]);
    out
}

fn push(t: &str, out: &mut Vec<(usize, usize)>, s: usize, e: usize) {
    let piece = &t[s..e];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push((s + lead, e - trail));
    }
}

/// Does the '.', '!' or '?' at `i` end a sentence? Only before white space (or the end) that is
/// not followed by a lower-case word or a digit ("1.11. 2011"), and not after an abbreviation or
/// a single capital ("Q. 1").
fn full_stop(t: &str, i: usize) -> bool {
    let b = t.as_bytes();
    if b.get(i + 1).is_some_and(|n| !n.is_ascii_whitespace()) {
        return false;
    }
    let next = t[i + 1..].trim_start_matches([' ', '\t']).chars().next();
    if next.is_some_and(|c| c.is_lowercase() || c.is_ascii_digit()) {
        return false;
    }
    if b[i] != b'.' {
        return true;
    }
    let word_start = t[..i]
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric() && *c != '/')
        .map_or(0, |(j, c)| j + c.len_utf8());
    let word = &t[word_start..i];
    let single_capital = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    // "1. Mục tiêu", "II. Nhiệm vụ": the number of an item at a line's start
    // (looked for back to the line's start over white space only, not through the whole line)
    let line_head = t[..word_start].chars().rev().find(|&c| c == '\n' || !c.is_whitespace()).is_none_or(|c| c == '\n');
    let numbering = line_head && word.chars().all(|c| c.is_ascii_digit() || matches!(c, 'I' | 'V' | 'X'));
    !(ABBREVIATIONS.contains(&word) || single_capital || numbering)
}

/// Is the line break at `i` a wrap inside a sentence? The line before must be able to go on (no
/// closing punctuation, not a table cell or heading mark) and the next line must not start an
/// item; then it goes on when the next line starts in lower case or with a digit, when both lines
/// are in capitals (a heading wrapped over lines), or when the line before is long (hand-wrapped
/// prose).
fn soft_wrap(t: &str, i: usize) -> bool {
    let line_start = t[..i].rfind('\n').map_or(0, |j| j + 1);
    let prev = t[line_start..i].trim();
    let next_end = t[i + 1..].find('\n').map_or(t.len(), |j| i + 1 + j);
    let next = t[i + 1..next_end].trim();
    if prev.is_empty() || next.is_empty() {
        return false;
    }
    if prev.ends_with(['.', '!', '?', ':', ';', '|']) || prev.starts_with(['#', '|']) {
        return false;
    }
    if starts_item(next) {
        return false;
    }
    let first = next.chars().next().unwrap_or(' ');
    let capitals = |s: &str| s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase);
    let last_word = prev.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    first.is_lowercase()
        || first.is_ascii_digit()
        || (capitals(prev) && capitals(next))
        || prev.chars().count() >= 60
        || CANNOT_END.contains(&last_word)
}

/// Words a sentence cannot end on: prepositions, classifiers and the first syllables of the
/// names of bodies and documents ("của Ban\nThường vụ", "Chỉ\nthị số").
const CANNOT_END: &[&str] = &[
    "của", "và", "về", "số", "ngày", "tại", "các", "với", "cho", "theo", "đến", "trong", "tháng", "năm", "là", "để",
    "nhằm", "do", "thực", "Ban", "Bộ", "Nghị", "Chỉ", "Kết", "Quy", "Kế", "Chương", "Hướng", "Thông", "Tỉnh", "Thành",
    "Huyện", "Đảng", "Trung", "Hội", "Ủy", "Uỷ", "Chính", "hành", "vụ", "ban", "bộ",
];

/// Does a line start a list item or a heading: "-", "+", "*", "•", "#", "|", "1.", "2)", "a)", "I-"?
fn starts_item(line: &str) -> bool {
    if line.starts_with(['-', '+', '*', '•', '#', '|', '>']) {
        return true;
    }
    let head: String = line.chars().take_while(|c| c.is_alphanumeric()).collect();
    let mut after = line[head.len()..].chars();
    let numbered = !head.is_empty()
        && (head.chars().all(|c| c.is_ascii_digit())
            || head.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
            || (head.chars().count() == 1 && head.chars().all(char::is_lowercase)));
    // "1. ", "2) ", "II- " start items; "27-CTr/TU" and "3.5" go on a sentence
    numbered && matches!(after.next(), Some('.' | ')' | '-')) && after.next().is_none_or(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        sentences(t).into_iter().map(|(a, b)| &t[a..b]).collect()
    }

    #[test]
    fn hand_wrapped_prose_is_one_sentence() {
        let t = "Ngày 5/3, Ban Thường vụ Huyện ủy đã ban hành Kế hoạch số 12-KH/HU về việc\nthực hiện Chỉ thị số 3 của Tỉnh ủy.";
        assert_eq!(split(t).len(), 1);
        let t = "Chương trình hành động số 10-CTr/TU ngày 13/8/2025 của Ban Thường vụ Tỉnh ủy\nThực hiện nhiệm vụ.";
        assert_eq!(split(t).len(), 1, "a long line before goes on");
    }

    #[test]
    fn headings_in_capitals_wrap_but_end_before_prose() {
        let t = "KẾ HOẠCH SỐ 7-KH/TU NGÀY 2 THÁNG 3 NĂM 2024\nCỦA TỈNH ỦY VỀ THỰC HIỆN NGHỊ QUYẾT SỐ 9-NQ/TW\nMục đích";
        assert_eq!(
            split(t),
            ["KẾ HOẠCH SỐ 7-KH/TU NGÀY 2 THÁNG 3 NĂM 2024\nCỦA TỈNH ỦY VỀ THỰC HIỆN NGHỊ QUYẾT SỐ 9-NQ/TW", "Mục đích"]
        );
    }

    #[test]
    fn items_and_closed_lines_end_sentences() {
        let t = "Chương trình số\n27-CTr/TU của Tỉnh ủy thực hiện Nghị quyết số\n21-NQ/TW.";
        assert_eq!(split(t).len(), 1, "a symbol at a line's start is no numbered item");
        let t = "Các căn cứ sau:\n- Căn cứ Điều lệ Đảng;\n- Căn cứ Quy định số 3-QĐ/TW\n1. Mục tiêu";
        assert_eq!(
            split(t),
            ["Các căn cứ sau:", "- Căn cứ Điều lệ Đảng;", "- Căn cứ Quy định số 3-QĐ/TW", "1. Mục tiêu"]
        );
    }

    #[test]
    fn stops_after_abbreviations_dates_and_lower_case_do_not_end() {
        let t = "Thành ủy TP. Hồ Chí Minh họp ngày 1.11. 2011 tại Q. 1 và thông qua Nghị quyết. Sau đó giải tán.";
        assert_eq!(
            split(t),
            ["Thành ủy TP. Hồ Chí Minh họp ngày 1.11. 2011 tại Q. 1 và thông qua Nghị quyết.", "Sau đó giải tán."]
        );
    }

    #[test]
    fn semicolons_do_not_end_a_sentence() {
        assert_eq!(split("thay thế Chỉ thị số 3; Kết luận số 8 về việc bổ sung.").len(), 1);
    }
}

//! The document's own facts: its title, its published date, the date its header gives it, and
//! whether a reference is the text's own document ("Số: 06-HD/UBKTTW").

use super::dates::{date_at_start, iso_date, ymd};
use crate::model::{Document, Form, Meta, RawRef};
use crate::normalize::fold;
use once_cell::sync::Lazy;
use regex::Regex;

/// The first `n` characters of `s` (a slice: no character is copied one by one).
fn first_chars(s: &str, n: usize) -> &str {
    &s[..s.char_indices().nth(n).map_or(s.len(), |(i, _)| i)]
}

/// Short windows of `head` around each weekday ("thứ ", "chủ nhật", any case) that has a '/' within
/// the next 24 bytes: where a "Thứ hai, 12/3/2018 - 08:15" line can be. Found from the slashes
/// (fewer than "thứ", a common word): a weekday with a '/' in its next 24 bytes ends before it.
fn published_windows(head: &str) -> impl Iterator<Item = &str> {
    const WEEKDAYS: [&[u8]; 5] =
        ["hứ ".as_bytes(), "HỨ ".as_bytes(), "hủ nhật".as_bytes(), "hủ Nhật".as_bytes(), "HỦ NHẬT".as_bytes()];
    let b = head.as_bytes();
    let mut at: Vec<usize> = Vec::new();
    // every position is tried once, in order: windows of nearby slashes overlap
    let mut tried = 0;
    for slash in memchr::memchr_iter(b'/', b) {
        for i in slash.saturating_sub(23).max(tried)..slash {
            if WEEKDAYS.iter().any(|w| b[i..].starts_with(w)) {
                at.push(i);
            }
        }
        tried = slash;
    }
    at.into_iter().map(move |i| &head[head.floor_char_boundary(i.saturating_sub(16))..head.floor_char_boundary(i + 64)])
}

static PUBLISHED: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)(?:(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ nhật),?\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*-\s*\d{1,2}[:h]\d{2}'?|\d{1,2}:\d{2}\s*-\s*(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ nhật),?\s*(\d{1,2})/(\d{1,2})/(\d{4}))",
    )
    .expect("published regex")
});

static SELF_HEAD: Lazy<Regex> = Lazy::new(|| Regex::new(r"(?i)^\s*số\s*:?\s*$").expect("self regex"));

/// A document's own header date: "Hà Nội, ngày 18 tháng 12 năm 2018".
static HEADER_DATE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?m)^[\s*_|]*\p{Lu}[\p{L} .-]{1,30}?,\s*(ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})")
        .expect("header regex")
});

/// The title: the record's or page's own, else the text's first line (at most 160 characters).
pub(super) fn title(doc: &Document) -> String {
    match doc.meta.get("title").or(doc.meta.get("html_title")) {
        Some(serde_json::Value::String(t)) if !t.trim().is_empty() => first_chars(t.trim(), 160).to_string(),
        _ => doc
            .text
            .lines()
            .map(|l| l.trim().trim_start_matches('\u{FEFF}').trim())
            .find(|l| !l.is_empty())
            .map(|l| first_chars(l, 160).to_string())
            .unwrap_or_default(),
    }
}

/// The published date a news page prints near its head: "Thứ hai, 12/3/2018 - 08:15".
pub(super) fn published_in(t: &str) -> Option<String> {
    let head = &t[..t.floor_char_boundary(4000)];
    // the pattern needs a weekday with a slashed date close by: the regex runs only on a
    // short window around each weekday that has a '/' after it ("thứ" is a common word)
    published_windows(head).find_map(|w| PUBLISHED.captures(w)).and_then(|c| {
        let g = |i: usize| c.get(i).map(|m| m.as_str());
        let (d, m, y) = if g(1).is_some() { (g(1)?, g(2)?, g(3)?) } else { (g(4)?, g(5)?, g(6)?) };
        date_at_start(&format!("{d}/{m}/{y}")).map(|x| x.0)
    })
}

/// A record's or page's own published date (`published`, `date`, `published_date`).
pub(super) fn published_in_meta(meta: &Meta) -> Option<String> {
    ["published", "date", "published_date"].iter().find_map(|k| match meta.get(k) {
        Some(serde_json::Value::String(s)) => date_at_start(&s.replace('-', "/"))
            .map(|x| x.0)
            // "2021-03-05T10:00": the date part, when it is one
            .or_else(|| iso_date(s)),
        _ => None,
    })
}

/// The date a document's header gives it: "Hà Nội, ngày 18 tháng 12 năm 2018".
pub(super) fn header_date(t: &str) -> Option<String> {
    let head = &t[..t.floor_char_boundary(3000)];
    // most heads spell no date: a cheap look for one spares them the header pattern
    if !spells_a_date(head) {
        return None;
    }
    HEADER_DATE.captures(head).and_then(|c| date_at_start(c.get(1)?.as_str())).map(|x| x.0)
}

/// A page about one day of the year ("Ngày 16 tháng 4 là ngày thứ 106 trong mỗi năm …", as
/// encyclopedias open them): its day and month. Its events are lines that open with their year.
pub(super) fn day_page(t: &str) -> Option<(String, String)> {
    static DAY_PAGE: Lazy<Regex> = Lazy::new(|| {
        Regex::new(r"(?i)^\s*(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s+là\s+ngày\s+thứ\s+\d{1,3}\b")
            .expect("day page regex")
    });
    let c = DAY_PAGE.captures(&t[..t.floor_char_boundary(200)])?;
    Some((c.get(1)?.as_str().to_string(), c.get(2)?.as_str().to_string()))
}

/// On a day page, the date of an event on the line that holds byte `at`: "1951 – Ban Chấp hành
/// Trung ương ban hành Nghị quyết số 09" on the page of 16 April is 1951-04-16.
pub(super) fn day_page_date(t: &str, (day, month): &(String, String), at: usize) -> Option<String> {
    // an event line is short: the look back is bounded, so a page of one long line stays linear
    let line = &t[super::sentences::line_start(t, at, 1024)?..at];
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = line.get(digits..)?.trim_start();
    (digits == 4 && rest.starts_with(['–', '-', '—'])).then(|| ymd(day, month, &line[..4])).flatten()
}

/// Whether `head` holds "ngày D tháng M năm Y" (spaces and digits of any script, any number of
/// them): what every header date has, looked for from each "ngày".
fn spells_a_date(head: &str) -> bool {
    static NGAY: Lazy<memchr::memmem::Finder> = Lazy::new(|| memchr::memmem::Finder::new("ngày"));
    // skips a run of at least one character that `f` takes; None when there is none
    fn run(s: &str, f: fn(char) -> bool) -> Option<&str> {
        let rest = s.trim_start_matches(f);
        (rest.len() < s.len()).then_some(rest)
    }
    let number_then = |s: &str, word: &str| -> Option<usize> {
        let s = run(run(s, char::is_whitespace)?, char::is_numeric)?;
        let s = run(s, char::is_whitespace)?.strip_prefix(word)?;
        Some(head.len() - s.len())
    };
    NGAY.find_iter(head.as_bytes()).any(|i| {
        let at = |j: usize| head.get(j..);
        (|| {
            let j = number_then(at(i + "ngày".len())?, "tháng")?;
            let k = number_then(at(j)?, "năm")?;
            run(run(at(k)?, char::is_whitespace)?, char::is_numeric).map(|_| ())
        })()
        .is_some()
    })
}

/// Is this mention the text's own document? Its symbol heads a line after "Số:" ("Số: 06-HD/UBKTTW"),
/// or stands in a first line written in capitals ("KẾ HOẠCH SỐ 115-KH/TU …"), or a page announces
/// it as what follows ("toàn văn Quy định số 144 như sau"). Windows are bounded: a long line costs
/// no more per mention.
pub(super) fn own_document(t: &str, raw: &RawRef) -> bool {
    let from = t.floor_char_boundary(raw.start.saturating_sub(120));
    let before = crate::analyze::work::read(&t[from..raw.start]);
    if announced(before) {
        return true;
    }
    if raw.form != Form::Symbol {
        return false;
    }
    let line_start = before.rfind('\n').map(|i| from + i + 1);
    if SELF_HEAD.is_match(&t[line_start.unwrap_or(from)..raw.start]) && (line_start.is_some() || from == 0) {
        return true;
    }
    // the first line: nothing but capitals in it
    let to = t.floor_char_boundary((raw.end + 400).min(t.len()));
    let line_end = t[raw.end..to].find('\n').map(|i| raw.end + i);
    from == 0 && line_start.is_none() && !t[..line_end.unwrap_or(to)].chars().any(char::is_lowercase)
}

/// Whether `before` ends announcing what follows: "toàn văn" (full text), in any case or
/// spelling, then spaces or a colon. Folding is a character at a time, so the end of `before` is
/// folded alone, unless trimming would reach past it.
fn announced(before: &str) -> bool {
    const WORDS: &str = "toan van";
    let ends = |s: &str| {
        let folded = fold(s);
        let trimmed = folded.trim_end().trim_end_matches(':').trim_end();
        (trimmed.len() >= WORDS.len() || s.len() == before.len()).then(|| trimmed.ends_with(WORDS))
    };
    ends(&before[before.floor_char_boundary(before.len().saturating_sub(32))..])
        .unwrap_or_else(|| ends(before) == Some(true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_dates_are_looked_for_only_where_one_is_spelled() {
        assert!(spells_a_date("Hà Nội, ngày 18 tháng 12 năm 2018"));
        assert!(spells_a_date("x ngày  5\u{a0}tháng 1\nnăm 2020"));
        assert!(!spells_a_date("ngày 18/12/2018, tháng 12 năm 2018"));
        assert!(!spells_a_date("ngày tháng năm"));
        assert_eq!(header_date("Hà Nội, ngày 18 tháng 12 năm 2018\nQuyết định").as_deref(), Some("2018-12-18"));
        assert_eq!(header_date("Hà Nội, ngày 18/12/2018\nQuyết định"), None);
    }

    #[test]
    fn events_of_a_day_page_take_its_day() {
        let t = "Ngày 3 tháng 2 là ngày thứ 34 trong năm.\n== Sự kiện ==\n1930 – Hội nghị hợp nhất.\n2021 — Tỉnh ủy ban hành Kế hoạch số 5-KH/TU.\nNăm 2022 ban hành Kế hoạch số 6-KH/TU.";
        let page = day_page(t).expect("a day page");
        assert_eq!(page, ("3".to_string(), "2".to_string()));
        let at = |s: &str| t.find(s).expect("in the text");
        assert_eq!(day_page_date(t, &page, at("5-KH")).as_deref(), Some("2021-02-03"));
        assert_eq!(day_page_date(t, &page, at("6-KH")), None);
        // a day the month lacks in that year is no date
        assert_eq!(day_page_date("2023 – x", &("29".into(), "2".into()), 8), None);
        assert_eq!(day_page("Hôm nay, ngày 3 tháng 2 là ngày thứ ba."), None);
        assert_eq!(day_page("Kế hoạch số 5-KH/TU ngày 3 tháng 2"), None);
    }

    #[test]
    fn full_text_announced_before_a_symbol() {
        for b in ["Toàn văn:", "xem TOÀN VĂN", "toàn văn  :  ", "Tòa\u{300}n văn", "toàn văn  ::  \n"] {
            assert!(announced(b), "{b:?}");
        }
        for b in ["toàn văn bản", "văn", "", "toàn văn.", "toàn văn:     x"] {
            assert!(!announced(b), "{b:?}");
        }
        // trimming may reach past the end that is folded alone
        assert!(announced(&format!("toàn văn{}", " ".repeat(100))));
    }

    #[test]
    fn published_windows_are_those_of_every_weekday_with_a_slash_after() {
        let head = "Thứ hai, 12/3/2018 - 08:15 thứ ba thứ tư 1/2 CHỦ NHẬT/ hủ nhật x  x  x  x  x  x  x  x 5/6 thứ  /";
        let b = head.as_bytes();
        // every occurrence of every weekday, kept when a '/' follows within 24 bytes
        let mut want: Vec<usize> = (0..b.len())
            .filter(|&i| {
                ["hứ ", "HỨ ", "hủ nhật", "hủ Nhật", "HỦ NHẬT"].iter().any(|w| b[i..].starts_with(w.as_bytes()))
            })
            .filter(|&i| b[i..(i + 24).min(b.len())].contains(&b'/'))
            .collect();
        want.sort_unstable();
        let want: Vec<&str> = want
            .into_iter()
            .map(|i| &head[head.floor_char_boundary(i.saturating_sub(16))..head.floor_char_boundary(i + 64)])
            .collect();
        assert_eq!(published_windows(head).collect::<Vec<_>>(), want);
        assert_eq!(want.len(), 5);
    }
}

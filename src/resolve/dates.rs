//! Dates and committee terms as Vietnamese text writes them.
//!
//! ```
//! use vncite::resolve::dates::{date_at_start, roman_term};
//! assert_eq!(date_at_start("ngày 21/1/2021 của").map(|d| d.0), Some("2021-01-21".to_string()));
//! assert_eq!(date_at_start(", ngày 19 tháng 8 năm 2009").map(|d| d.0), Some("2009-08-19".to_string()));
//! assert_eq!(roman_term("13").as_deref(), Some("XIII"));
//! ```

use once_cell::sync::Lazy;
use regex::Regex;

/// A date at the start of a string (after optional spaces, commas, an opening bracket and
/// "ngày"): numeric with `/`, `-` or `.` separators, or "ngày D tháng M năm Y".
static DATE_START: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"^[\s,(\[]*(?:(?:[Nn]gày|NGÀY)\s*)?(?:(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})|(\d{1,2})\s+(?:tháng|THÁNG)\s+(\d{1,2})\s*(?:năm|NĂM|,|/)\s*(\d{4}))",
    )
    .expect("date regex")
});

/// Any date in a string, with "ngày" required for the numeric forms to avoid scores and ratios.
static DATE_ANY: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?:[Nn]gày|NGÀY)\s*(?:(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})|(\d{1,2})\s+(?:tháng|THÁNG)\s+(\d{1,2})\s*(?:năm|NĂM|,|/)\s*(\d{4}))",
    )
    .expect("date regex")
});

static TERM: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)(?-u:\b)kh(?:óa|oá|oa)\s*(?:thứ\s+)?([IVXLC]+|\d{1,2})(?-u:\b)").expect("term regex")
});

pub(super) fn ymd(d: &str, m: &str, y: &str) -> Option<String> {
    let (d, m, y): (u32, u32, i32) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
    // a day the month has: "30/2/2022" is no date
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    let valid = (1..=days).contains(&d) && (1..=12).contains(&m) && (1930..=2100).contains(&y);
    valid.then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn from_caps(c: &regex::Captures) -> Option<String> {
    let g = |i| c.get(i).map_or("", |m| m.as_str());
    if c.get(1).is_some() {
        ymd(g(1), g(2), g(3))
    } else {
        ymd(g(4), g(5), g(6))
    }
}

/// An ISO date at the start of `s` ("2021-03-05", "2021-03-05T10:00"), checked: `YYYY-MM-DD`.
///
/// ```
/// assert_eq!(vncite::resolve::dates::iso_date("2021-03-05T10:00").as_deref(), Some("2021-03-05"));
/// assert_eq!(vncite::resolve::dates::iso_date("2021-0ễễ"), None);
/// assert_eq!(vncite::resolve::dates::iso_date("2022-02-30"), None);
/// ```
pub fn iso_date(s: &str) -> Option<String> {
    let d = s.get(..10)?;
    let b = d.as_bytes();
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    ymd(d.get(8..10)?, d.get(5..7)?, d.get(..4)?)
}

/// A date at the very start of `s`: returns (`YYYY-MM-DD`, bytes consumed).
pub fn date_at_start(s: &str) -> Option<(String, usize)> {
    let c = DATE_START.captures(s)?;
    Some((from_caps(&c)?, c.get(0)?.end()))
}

/// A chronology's date heading its line: "5/4/1988: Bộ Chính trị ra …", "12-3-2021 – …":
/// (`YYYY-MM-DD`, where its colon or dash ends).
///
/// ```
/// use vncite::resolve::dates::timeline_date;
/// assert_eq!(timeline_date("5/4/1988: Bộ Chính trị ra "), Some(("1988-04-05".to_string(), 9)));
/// assert_eq!(timeline_date("5/4/1988 Bộ Chính trị"), None);
/// assert_eq!(timeline_date("Sáng 5/4/1988: x"), None);
/// ```
pub fn timeline_date(s: &str) -> Option<(String, usize)> {
    static LINE_DATE: Lazy<Regex> = Lazy::new(|| {
        Regex::new(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*[:–—]").expect("timeline date regex")
    });
    let c = LINE_DATE.captures(s)?;
    Some((ymd(c.get(1)?.as_str(), c.get(2)?.as_str(), c.get(3)?.as_str())?, c.get(0)?.end()))
}

/// `s` when it is a date in figures and nothing else: "06/11/2025", "6-11-2025", "6.11.2025".
///
/// ```
/// use vncite::resolve::dates::numeric_date;
/// assert_eq!(numeric_date("06/11/2025").as_deref(), Some("2025-11-06"));
/// assert_eq!(numeric_date("06/11/2025 x"), None);
/// assert_eq!(numeric_date("31/11/2025"), None);
/// ```
pub fn numeric_date(s: &str) -> Option<String> {
    let mut parts = s.split(['/', '-', '.']);
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    let figures =
        |p: &str, n: std::ops::RangeInclusive<usize>| n.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    (parts.next().is_none() && figures(d, 1..=2) && figures(m, 1..=2) && figures(y, 4..=4))
        .then(|| ymd(d, m, y))
        .flatten()
}

/// Every "ngày …" date in `s`: (start, end, `YYYY-MM-DD`).
pub fn dates_in(s: &str) -> Vec<(usize, usize, String)> {
    DATE_ANY
        .captures_iter(s)
        .filter_map(|c| {
            let m = c.get(0)?;
            Some((m.start(), m.end(), from_caps(&c)?))
        })
        .collect()
}

/// A term ("khóa XVI", "khoá 13") in `s`: (start, end, Roman numeral).
pub fn terms_in(s: &str) -> Vec<(usize, usize, String)> {
    TERM.captures_iter(s)
        .filter_map(|c| {
            let m = c.get(0)?;
            Some((m.start(), m.end(), roman_term(c.get(1)?.as_str())?))
        })
        .collect()
}

/// Normalises a term to upper-case Roman numerals: "13" → "XIII", "xii" → "XII".
pub fn roman_term(t: &str) -> Option<String> {
    let t = t.trim();
    let n: u32 = if let Ok(n) = t.parse() { n } else { from_roman(&t.to_uppercase())? };
    (1..=30).contains(&n).then(|| to_roman(n))
}

fn from_roman(s: &str) -> Option<u32> {
    let val = |c| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        _ => None,
    };
    let v: Vec<u32> = s.chars().map(val).collect::<Option<_>>()?;
    let mut total = 0;
    for (i, &x) in v.iter().enumerate() {
        if v.get(i + 1).is_some_and(|&n| n > x) {
            total -= x as i64;
        } else {
            total += x as i64;
        }
    }
    u32::try_from(total).ok().filter(|&n| n > 0)
}

/// 13 → "XIII".
fn to_roman(mut n: u32) -> String {
    let table = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
    let mut s = String::new();
    for (v, r) in table {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// The year of a `YYYY-MM-DD` date.
pub fn year_of(date: &str) -> Option<i32> {
    date.get(..4)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_and_impossible_days() {
        assert_eq!(date_at_start(" NGÀY 6 THÁNG 6 NĂM 2023 CỦA").map(|d| d.0).as_deref(), Some("2023-06-06"));
        assert_eq!(dates_in("SỐ 9 NGÀY 17 THÁNG 11 NĂM 2022")[0].2, "2022-11-17");
        assert_eq!(date_at_start("ngày 30/2/2022"), None);
        assert_eq!(date_at_start("ngày 31/4/2022"), None);
        assert_eq!(date_at_start("ngày 29/2/2024").map(|d| d.0).as_deref(), Some("2024-02-29"));
        assert_eq!(date_at_start("ngày 29/2/2023"), None);
    }

    #[test]
    fn numeric_forms() {
        for (s, want) in [
            ("ngày 21/1/2021", "2021-01-21"),
            (", ngày 17/11/2022 Hội nghị", "2022-11-17"),
            (" ngày 25-10-2017", "2017-10-25"),
            ("ngày 4.7.2007", "2007-07-04"),
            ("(ngày 17-01-2018)", "2018-01-17"),
            ("ngày 01/11/ 2011", "2011-11-01"),
            ("ngày18 tháng 3 năm 2010", "2010-03-18"),
            ("ngày 19 tháng 8 năm 2009", "2009-08-19"),
            ("25-10-2017", "2017-10-25"),
        ] {
            assert_eq!(date_at_start(s).map(|d| d.0).as_deref(), Some(want), "{s}");
        }
    }

    #[test]
    fn not_dates() {
        assert_eq!(date_at_start("ngày 45/13/2021"), None);
        assert_eq!(date_at_start("về việc"), None);
        assert_eq!(date_at_start("ngày 9/5 vừa qua"), None);
    }

    #[test]
    fn dates_anywhere() {
        let d = dates_in("Ngày 04/6/2020, Bộ Chính trị ban hành");
        assert_eq!(d[0].2, "2020-06-04");
    }

    #[test]
    fn terms() {
        assert_eq!(terms_in("BTV Tỉnh ủy Hà Tĩnh khóa XVI")[0].2, "XVI");
        assert_eq!(terms_in("(khoá 13)")[0].2, "XIII");
        assert_eq!(terms_in("Khóa xii")[0].2, "XII");
        assert!(terms_in("khóa học").is_empty());
        assert_eq!(roman_term("IX").as_deref(), Some("IX"));
    }

    #[test]
    fn terms_from_dates() {
        let t = crate::tables::Tables::embedded();
        assert_eq!(t.national_term("2022-11-17").as_deref(), Some("XIII"));
        assert_eq!(t.national_term("2013-10-25").as_deref(), Some("XI"));
        assert_eq!(t.national_term("2016-01-19").as_deref(), Some("XI"));
        assert_eq!(t.national_term("1950-05-05").as_deref(), Some("I"));
    }
}

//! HTML to text: the visible text with every byte offset kept (markup blanked, not removed),
//! scripts and styles dropped, the title and a published date kept.

/// HTML to text with every offset kept: markup, scripts and styles become spaces (block tags a
/// line break), so a byte offset in the text is the same byte in the file; character references
/// stay and are decoded by normalisation. Also returns `<title>` and a published-date meta.
pub fn html_text(html: &str) -> (String, Option<String>, Option<String>) {
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len());
    let mut title = None;
    let mut title_sought = false;
    let mut published = None;
    let mut i = 0;
    let blank = |s: &str, out: &mut String, newline: bool| {
        let mut first = true;
        for c in s.chars() {
            let fill = if first && newline { '\n' } else { ' ' };
            first = false;
            for _ in 0..c.len_utf8() {
                out.push(fill);
            }
        }
    };
    while i < html.len() {
        let Some(lt) = html[i..].find('<').map(|x| x + i) else {
            out.push_str(&html[i..]);
            break;
        };
        out.push_str(&html[i..lt]);
        let rest = &lower[lt..];
        // the element's end: comments, script and style bodies, or the tag itself (unclosed: to the end)
        let end = if rest.starts_with("<!--") {
            rest.find("-->").map_or(html.len(), |e| lt + e + 3)
        } else if rest.starts_with("<script") || rest.starts_with("<style") {
            let close = if rest.starts_with("<script") { "</script" } else { "</style" };
            rest.find(close).map_or(html.len(), |e| lower[lt + e..].find('>').map_or(html.len(), |g| lt + e + g + 1))
        } else {
            rest.find('>').map_or(html.len(), |e| lt + e + 1)
        };
        let tag = &lower[lt..end];
        // the first title only: looking for the close of every one would read the rest of the
        // page once per "<title" (quadratic on a page of them)
        if !title_sought && tag.starts_with("<title") {
            title_sought = true;
            if let Some(close) = lower[end..].find("</title") {
                title = Some(html[end..end + close].trim().to_string());
            }
        }
        if tag.starts_with("<meta") && published.is_none() {
            let is_date = ["article:published_time", "pubdate", "publishdate", "date", "dc.date"]
                .iter()
                .any(|k| tag.contains(&format!("\"{k}\"")) || tag.contains(&format!("'{k}'")));
            if is_date {
                if let Some(c) = tag.find("content=") {
                    let v = &html[lt + c + 8..end];
                    let v = v.trim_start_matches(['"', '\'']);
                    let date: String = v.chars().take(10).collect();
                    if date.len() == 10 && date.as_bytes()[4] == b'-' {
                        published = Some(date);
                    }
                }
            }
        }
        let block =
            ["<p", "<br", "<div", "<li", "<h1", "<h2", "<h3", "<h4", "<tr", "</p", "</div", "<title", "</title"]
                .iter()
                .any(|b| tag.starts_with(b));
        blank(&html[lt..end], &mut out, block);
        i = end;
    }
    (out, title, published)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_keeps_offsets_and_drops_scripts() {
        let html = "<html><head><title>Tin &amp; bài</title><meta property=\"article:published_time\" content=\"2019-05-30T08:00\"><script>var s = '02-NQ/TU';</script></head><body><p>Thực hiện Nghị quyết số 02-NQ/TU</p></body></html>";
        let (t, title, published) = html_text(html);
        assert_eq!(t.len(), html.len());
        assert_eq!(title.as_deref(), Some("Tin &amp; bài"));
        assert_eq!(published.as_deref(), Some("2019-05-30"));
        assert_eq!(t.matches("02-NQ/TU").count(), 1);
        let at = t.find("02-NQ/TU").expect("symbol");
        assert_eq!(&html[at..at + 8], "02-NQ/TU");
        assert!(!t.contains("<p>"));
    }

    #[test]
    fn html_unclosed_and_nested() {
        let (t, _, _) = html_text("<div><div><p>a<b>b</p><script>x");
        assert!(t.contains('a') && t.contains('b') && !t.contains('x'));
    }
}

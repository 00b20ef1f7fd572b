//! Annotated texts: each input as an HTML page with every mention highlighted, coloured by system
//! and level, titled with its resolution (and candidates when ambiguous), and linked to its node in
//! the explorer (`graph.html#node=…`).
//!
//! - [`Mark`]: one highlight — byte range in the input, classes, title, link.
//! - [`marks`]: a document's marks from its analysis and the node each mention landed on.
//! - [`text_page`] for texts and records, [`html_page`] for HTML inputs, which keep their markup:
//!   highlights are inserted at the original byte offsets, split where a tag falls inside a
//!   mention, never inside a tag, comment, `<title>`, `<script>`, `<style>` or `<textarea>`; the
//!   page's own scripts and remote resources are blocked by a Content-Security-Policy.
//! - [`page_name`]: the page's file name for a document (readable, unique by a hash).

use crate::corpus::{InputOptions, Kind};
use crate::export::table::xml_escape as esc;
use crate::model::DocAnalysis;
use crate::resolve::Resolver;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One highlight.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// Start byte in the input.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// CSS classes: `m party central`.
    pub class: String,
    /// The resolution, for the tooltip.
    pub title: String,
    /// The explorer's node, when the mention has one.
    pub href: Option<String>,
}

/// Percent-encodes everything but unreserved characters (for `#node=` fragments), as
/// JavaScript's `encodeURIComponent` does, so the explorer's `decodeURIComponent` gets the id back.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The page's file name: up to 60 letters, digits and dashes from the source, then a hash of it.
pub fn page_name(source: &str) -> String {
    let base = source.rsplit(['/', '\\']).next().unwrap_or(source);
    let mut slug: String = base
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    slug.truncate(60);
    // FNV-1a: the same name on every run and machine
    let hash = source.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    format!("{}{:016x}.html", if slug.is_empty() { String::new() } else { slug + "-" }, hash)
}

/// The marks of a document: one per mention, in text order, overlapping ones dropped. `node_of`
/// gives the node a mention (by its byte range) landed on; `explorer` is graph.html's address as
/// seen from the page.
pub fn marks(a: &DocAnalysis, node_of: impl Fn(usize, usize) -> Option<String>, explorer: &str) -> Vec<Mark> {
    let mut out: Vec<Mark> = Vec::new();
    let mut ms: Vec<&crate::model::Mention> = a.mentions.iter().collect();
    ms.sort_by_key(|m| (m.start, m.end));
    for m in ms {
        if out.last().is_some_and(|l| m.start < l.end) || m.start >= m.end {
            continue;
        }
        let mut title = format!("{} {}", m.type_name, m.symbol());
        let facts: Vec<String> = [
            Some(format!("{} {}", m.system.as_str(), m.level)),
            m.body.clone(),
            m.date.clone().map(|d| format!("dated {d}")),
            m.term.clone().map(|t| format!("term {t}")),
            m.province.clone(),
            m.title.clone(),
        ]
        .into_iter()
        .flatten()
        .collect();
        title.push_str(" — ");
        title.push_str(&facts.join(" · "));
        if !m.candidates.is_empty() {
            title.push_str(&format!("\nambiguous; candidates: {}", m.candidates.join(", ")));
        }
        let node = node_of(m.start, m.end);
        if node.is_none() {
            title.push_str("\n(no node in the graph)");
        }
        out.push(Mark {
            start: m.start,
            end: m.end,
            class: format!(
                "m {} {}{}",
                m.system.as_str(),
                m.level,
                if m.candidates.is_empty() { "" } else { " ambiguous" }
            ),
            title,
            href: node.map(|n| format!("{explorer}#node={}", encode_component(&n))),
        });
    }
    out
}

const STYLE: &str =
    "a.m{color:inherit;text-decoration:none;border-radius:3px;padding:0 1px;border-bottom:2px solid #555}\
a.m.party.central{background:#f4a582}a.m.party.provincial{background:#92c5de}a.m.party.district{background:#d1e5f0}\
a.m.party.grassroots{background:#fddbc7}a.m.state{background:#e0e0e0;border-bottom-style:dashed}\
a.m.ambiguous{outline:1px dotted #b2182b}a.m:hover{outline:2px solid #333}\
.vncite-legend span{padding:0 4px;margin-right:6px;border-radius:3px}";

/// The CSP of every page: no script runs, nothing is fetched.
const CSP: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">";

fn legend(explorer: &str, n: usize) -> String {
    format!(
        "<p class=\"vncite-legend\">{n} references · <span style=\"background:#f4a582\">central</span><span style=\"background:#92c5de\">provincial</span>\
         <span style=\"background:#d1e5f0\">district</span><span style=\"background:#fddbc7\">grassroots</span>\
         <span style=\"background:#e0e0e0\">state</span> · hover for the resolution, click for the node in the \
         <a href=\"{}\">explorer</a></p>",
        esc(explorer)
    )
}

fn open_mark(m: &Mark) -> String {
    format!(
        "<a class=\"{}\" data-start=\"{}\" data-end=\"{}\" title=\"{}\"{}>",
        esc(&m.class),
        m.start,
        m.end,
        esc(&m.title),
        m.href.as_ref().map(|h| format!(" href=\"{}\"", esc(h))).unwrap_or_default()
    )
}

/// A text (or a record's text field) as a page: the text escaped, in a `<pre>`, with its marks.
pub fn text_page(title: &str, source: &str, text: &str, marks: &[Mark], explorer: &str) -> String {
    let mut body = String::with_capacity(text.len() + marks.len() * 200);
    let mut pos = 0;
    for m in marks {
        if m.start < pos || m.end > text.len() || !text.is_char_boundary(m.start) || !text.is_char_boundary(m.end) {
            continue;
        }
        body.push_str(&esc(&text[pos..m.start]));
        body.push_str(&open_mark(m));
        body.push_str(&esc(&text[m.start..m.end]));
        body.push_str("</a>");
        pos = m.end;
    }
    body.push_str(&esc(&text[pos..]));
    format!(
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n{CSP}\n<title>{}</title>\n<style>{STYLE}\
         body{{font-family:\"DejaVu Sans\",Helvetica,Arial,sans-serif;margin:1.5em auto;max-width:60em;padding:0 1em}}\
         pre{{white-space:pre-wrap;font-family:inherit;line-height:1.6}}</style>\n</head>\n<body>\n<h1>{}</h1>\n<p>{}</p>\n{}\n<pre class=\"text\">{body}</pre>\n</body>\n</html>\n",
        esc(title),
        esc(title),
        esc(source),
        legend(explorer, marks.len())
    )
}

/// Byte ranges of `html` where no mark may go: tags, comments, and the contents of `title`,
/// `script`, `style` and `textarea` (text there is not rendered as markup).
fn closed_ranges(html: &str) -> Vec<(usize, usize)> {
    let b = html.as_bytes();
    let lower = |i: usize, n: usize| b.get(i..i + n).map(|s| s.to_ascii_lowercase());
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', b.get(i..).unwrap_or_default()) {
        let at = i + off;
        if b[at..].starts_with(b"<!--") {
            let end = memchr::memmem::find(&b[at + 4..], b"-->").map_or(b.len(), |e| at + 4 + e + 3);
            out.push((at, end));
            i = end;
            continue;
        }
        let tag_end = memchr::memchr(b'>', &b[at..]).map_or(b.len(), |e| at + e + 1);
        out.push((at, tag_end));
        i = tag_end;
        for name in ["title", "script", "style", "textarea"] {
            if lower(at + 1, name.len()).as_deref() == Some(name.as_bytes())
                && b.get(at + 1 + name.len()).is_none_or(|c| !c.is_ascii_alphanumeric())
            {
                let close = format!("</{name}");
                let rest = b[tag_end.min(b.len())..].to_ascii_lowercase();
                let end = memchr::memmem::find(&rest, close.as_bytes()).map_or(b.len(), |e| tag_end + e);
                out.push((tag_end, end));
                i = end;
            }
        }
    }
    out
}

/// An HTML input as a page: its own markup kept, the marks inserted at the original byte offsets
/// and split around any tag inside a mention; a CSP, the style and a legend added.
pub fn html_page(original: &str, marks: &[Mark], explorer: &str) -> String {
    let closed = closed_ranges(original);
    let inside = |p: usize| {
        let k = closed.partition_point(|&(s, _)| s <= p);
        k > 0 && p < closed[k - 1].1
    };
    let mut body = String::with_capacity(original.len() + marks.len() * 200);
    let mut pos = 0;
    for m in marks {
        let ok = m.start >= pos
            && m.end <= original.len()
            && original.is_char_boundary(m.start)
            && original.is_char_boundary(m.end)
            && !inside(m.start);
        if !ok {
            continue;
        }
        body.push_str(&original[pos..m.start]);
        // the mention's text runs, each wrapped; tags between them copied as they are
        let mut seg = m.start;
        let mut k = closed.partition_point(|&(s, _)| s < m.start);
        let mut end = m.end;
        while seg < end {
            let next_tag = closed.get(k).filter(|&&(s, _)| s < end).copied();
            let run_end = next_tag.map_or(end, |(s, _)| s);
            if run_end > seg {
                body.push_str(&open_mark(m));
                body.push_str(&original[seg..run_end]);
                body.push_str("</a>");
            }
            match next_tag {
                Some((s, e)) => {
                    let e = e.min(original.len());
                    body.push_str(&original[s..e]);
                    seg = e;
                    end = end.max(e);
                    k += 1;
                }
                None => seg = run_end,
            }
        }
        pos = seg.max(m.end);
    }
    body.push_str(original.get(pos..).unwrap_or_default());
    let head = format!("<meta charset=\"utf-8\">{CSP}<style>{STYLE}</style>");
    let bar = format!(
        "<div style=\"position:sticky;bottom:0;background:#fff;border-top:1px solid #999;padding:4px;font:13px sans-serif\">{}</div>",
        legend(explorer, marks.len())
    );
    // after a doctype, so the page keeps its mode; the bar before </body> (or at the end)
    let doctype_end = {
        let t = body.trim_start_matches('\u{feff}').trim_start();
        let skipped = body.len() - t.len();
        if t.get(..9).is_some_and(|d| d.eq_ignore_ascii_case("<!doctype")) {
            t.find('>').map_or(0, |e| skipped + e + 1)
        } else {
            0
        }
    };
    body.insert_str(doctype_end, &head);
    match body.to_ascii_lowercase().rfind("</body") {
        Some(i) => body.insert_str(i, &bar),
        None => body.push_str(&bar),
    }
    body
}

/// What annotating a corpus gave.
#[derive(Debug, Default)]
pub struct Annotated {
    /// Document node id (`doc:` + source) → page file name, for each page written.
    pub pages: BTreeMap<String, String>,
    /// Problems met, each naming its file (and line).
    pub warnings: Vec<crate::warning::Warning>,
    /// Inputs that could not be read.
    pub skipped: usize,
}

/// Reads `inputs` one document at a time, and for every document that mentions something hands
/// `write` its page name and page. `node_of(source, start, end)` is the node a mention landed on;
/// `explorer` is graph.html as seen from the pages. HTML files are read again from disk so that
/// their markup is kept (compressed ones are shown as text).
pub fn annotate_corpus(
    resolver: &Resolver,
    inputs: &[PathBuf],
    opts: &InputOptions,
    node_of: &dyn Fn(&str, usize, usize) -> Option<String>,
    explorer: &str,
    mut write: impl FnMut(&str, &str) -> crate::export::Result<()>,
) -> crate::export::Result<Annotated> {
    let mut out = Annotated::default();
    let (files, skipped) = crate::corpus::list_inputs(inputs, &opts.ext, &mut out.warnings);
    out.skipped = skipped;
    let mut failed: Option<crate::export::Error> = None;
    let mut warnings = Vec::new();
    let mut parse_warnings = Vec::new();
    let mut item_skips = 0;
    out.skipped += crate::corpus::stream(
        &files,
        opts,
        |item| {
            if failed.is_some() {
                return;
            }
            let parsed = crate::corpus::finish(item, opts);
            parse_warnings.extend(parsed.warnings);
            item_skips += usize::from(parsed.skipped);
            let Some(doc) = parsed.doc else { return };
            let a = crate::analyze_guarded(resolver, &doc);
            if a.mentions.is_empty() {
                return;
            }
            let ms = marks(&a, |s, e| node_of(&a.source, s, e), explorer);
            let path = Path::new(&doc.source);
            let original = (crate::corpus::kind_of(path) == Some(Kind::Html)
                && !doc.source.ends_with(".gz")
                && !doc.source.ends_with(".zst"))
            .then(|| std::fs::read(path).ok())
            .flatten()
            .map(|b| String::from_utf8_lossy(&b).into_owned());
            let html = match original {
                Some(o) => html_page(&o, &ms, explorer),
                None => text_page(&a.title, &a.source, &doc.text, &ms, explorer),
            };
            let name = page_name(&a.source);
            match write(&name, &html) {
                Ok(()) => {
                    out.pages.entry(format!("doc:{}", a.source)).or_insert(name);
                }
                Err(e) => failed = Some(e),
            }
        },
        |w| warnings.push(w),
    );
    out.warnings.extend(warnings);
    out.warnings.extend(parse_warnings);
    out.skipped += item_skips;
    match failed {
        Some(e) => Err(e),
        None => Ok(out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize) -> Mark {
        Mark {
            start,
            end,
            class: "m party central".into(),
            title: "NQ <21>".into(),
            href: Some("../graph.html#node=x".into()),
        }
    }

    #[test]
    fn text_pages_escape_and_mark_the_exact_bytes() {
        let text = "Theo <Nghị quyết 21> & khác";
        let s = text.find("Nghị").expect("at");
        let e = s + "Nghị quyết 21".len();
        let page = text_page("t", "a.txt", text, &[mark(s, e)], "../graph.html");
        assert!(page.contains("Theo &lt;<a class=\"m party central\""));
        assert!(page.contains(">Nghị quyết 21</a>&gt; &amp; khác"));
        assert!(page.contains("title=\"NQ &lt;21&gt;\""));
        // a range inside a character is left unmarked, never a panic
        // "Ngh" then "ị", two bytes: s + 4 is inside it
        let page = text_page("t", "a.txt", text, &[mark(s + 4, e)], "../graph.html");
        assert!(!page.contains("data-start"));
    }

    #[test]
    fn html_pages_keep_tags_whole_and_never_mark_inside_them() {
        let html = "<!DOCTYPE html><html><head><title>Nghị quyết 21</title></head><body><p>Thực hiện Nghị quyết <b>số 21</b>-NQ/TW nay.</p></body></html>";
        let s = html.rfind("Nghị").expect("mention");
        let e = html.find("-NQ/TW").expect("end") + "-NQ/TW".len();
        let t = html.find("<title>").expect("title") + 7;
        let page = html_page(html, &[mark(t, t + 5), mark(s, e)], "../graph.html");
        assert!(page.starts_with("<!DOCTYPE html><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\""));
        assert!(page.contains("<title>Nghị quyết 21</title>"), "nothing marked in the title: {page}");
        assert!(page.contains(">Nghị quyết </a><b><a class"), "{page}");
        assert!(page.contains(">số 21</a></b><a class"), "{page}");
        assert!(page.contains(">-NQ/TW</a> nay."), "{page}");
        assert_eq!(page.matches("<a class").count(), 3);
        assert!(page.contains("</div></body></html>"));
    }

    #[test]
    fn page_names_are_readable_and_distinct() {
        assert!(page_name("corpus/dev/Bài 1.txt").starts_with("b-i-1-txt-"));
        assert_ne!(page_name("a/x.txt"), page_name("b/x.txt"));
        assert!(page_name("../../etc/passwd").starts_with("passwd-"));
        assert_eq!(encode_component("party:02-NQ/TU@Sơn La#2021"), "party%3A02-NQ%2FTU%40S%C6%A1n%20La%232021");
    }
}

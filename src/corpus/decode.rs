//! Bytes to text: UTF-8 (invalid sequences replaced, the first reported), UTF-16 with a BOM, and
//! the pre-Unicode Vietnamese encodings recognised (and refused) by name.

use super::{Warning, WarningKind};
use std::io::{BufRead, Read};

/// Decodes bytes: UTF-16 when a BOM says so, else UTF-8 (a BOM kept, so offsets stay those of the file). Invalid sequences are
/// replaced and reported once with the byte offset of the first.
pub fn decode(bytes: Vec<u8>, name: &str, warnings: &mut Vec<Warning>) -> String {
    let mut utf16 = |be: bool| {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| {
                if be {
                    u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])
                } else {
                    u16::from_le_bytes([c[0], *c.get(1).unwrap_or(&0)])
                }
            })
            .collect();
        String::from_utf16(&units).unwrap_or_else(|_| {
            warnings.push(Warning::at(
                name,
                None,
                WarningKind::InvalidEncoding,
                "invalid UTF-16; decoded with replacement characters",
            ));
            String::from_utf16_lossy(&units)
        })
    };
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return utf16(false);
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return utf16(true);
    }
    // a UTF-8 byte-order mark stays: offsets count the file's bytes (normalising drops it)
    // simdutf8 checks an order of magnitude faster than std on Vietnamese text; copying the
    // checked bytes is cheaper still than std's own check
    if let Ok(s) = simdutf8::basic::from_utf8(&bytes) {
        return s.to_owned();
    }
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            warnings.push(Warning::at(
                name,
                None,
                WarningKind::InvalidEncoding,
                format!("invalid UTF-8 at byte {at}; decoded with replacement characters"),
            ));
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    }
}

/// Recognises the pre-Unicode Vietnamese encodings by words every political text has, read as
/// Windows-1252 bytes: TCVN3 (ABC) writes "Đảng" as `§¶ng` and "Nghị" as `NghÞ`; VNI writes them
/// as `Ñaûng` and `Nghò`.
pub fn legacy_encoding(bytes: &[u8]) -> Option<&'static str> {
    let latin1: String = bytes.iter().map(|&b| b as char).collect();
    let count = |words: &[&str]| words.iter().map(|w| latin1.matches(w).count()).sum::<usize>();
    // byte strings of the signature words in each encoding (as Latin-1 characters)
    let tcvn3 =
        count(&["\u{a7}\u{b6}ng", "Ngh\u{de}", "quy\u{d5}t", "t\u{d8}nh", "\u{f1}y ban", "Trung \u{ad}\u{ac}ng"]);
    let vni = count(&["\u{d1}a\u{fb}ng", "Ngh\u{f2}", "quye\u{e1}t", "t\u{e6}nh", "Trung \u{f6}\u{f4}ng"]);
    match (tcvn3, vni) {
        (t, v) if t >= 2 && t >= v => Some("TCVN3 (ABC)"),
        (_, v) if v >= 2 => Some("VNI"),
        _ => None,
    }
}

/// A reader of UTF-8: the input as it is, or decoded from UTF-16 when it starts with a UTF-16
/// byte-order mark.
pub(super) fn utf16_to_utf8<R: BufRead + 'static>(mut reader: R) -> Box<dyn Read> {
    let head = reader.fill_buf().unwrap_or(&[]);
    let be = match head {
        [0xFF, 0xFE, ..] => false,
        [0xFE, 0xFF, ..] => true,
        _ => return Box::new(reader),
    };
    reader.consume(2);
    Box::new(Utf16Reader { inner: reader, be, out: Vec::new(), at: 0, carry: Vec::new() })
}

/// Decodes UTF-16 to UTF-8 as it is read (unpaired surrogates become U+FFFD).
struct Utf16Reader<R> {
    inner: R,
    be: bool,
    out: Vec<u8>,
    at: usize,
    /// Bytes not decoded yet: an odd byte, or a high surrogate waiting for its pair.
    carry: Vec<u8>,
}

impl<R: BufRead> Read for Utf16Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.at >= self.out.len() {
            self.out.clear();
            self.at = 0;
            let chunk = self.inner.fill_buf()?;
            let end = chunk.is_empty();
            let mut bytes = std::mem::take(&mut self.carry);
            bytes.extend_from_slice(chunk);
            let n = chunk.len();
            self.inner.consume(n);
            if end && bytes.is_empty() {
                return Ok(0);
            }
            let unit =
                |c: &[u8]| if self.be { u16::from_be_bytes([c[0], c[1]]) } else { u16::from_le_bytes([c[0], c[1]]) };
            let mut whole = bytes.len() / 2 * 2;
            // a high surrogate at the end waits for its pair in the next chunk
            if !end && whole >= 2 && (0xD800..0xDC00).contains(&unit(&bytes[whole - 2..whole])) {
                whole -= 2;
            }
            let units: Vec<u16> = bytes[..whole].chunks_exact(2).map(unit).collect();
            self.carry = bytes[whole..].to_vec();
            if end {
                // an odd byte at the very end is no character
                self.carry.clear();
            }
            self.out = char::decode_utf16(units).map(|r| r.unwrap_or('\u{FFFD}')).collect::<String>().into_bytes();
            if end && self.out.is_empty() {
                return Ok(0);
            }
        }
        let n = buf.len().min(self.out.len() - self.at);
        buf[..n].copy_from_slice(&self.out[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_lossy_with_offset() {
        let mut w = Vec::new();
        let s = decode(b"ab\xffcd".to_vec(), "x.txt", &mut w);
        assert_eq!(s, "ab\u{FFFD}cd");
        assert!(w[0].message.contains("byte 2") && w[0].kind == WarningKind::InvalidEncoding);
    }

    #[test]
    fn legacy_encodings_are_named() {
        // "Nghị quyết của Đảng" in TCVN3 and in VNI, as the bytes a legacy file holds
        let tcvn3: Vec<u8> = "NghÞ quyÕt cña §¶ng, §¶ng bé tØnh".chars().map(|c| c as u32 as u8).collect();
        let vni: Vec<u8> = "Nghò quyeát cuûa Ñaûng, Ñaûng boä tænh".chars().map(|c| c as u32 as u8).collect();
        assert_eq!(legacy_encoding(&tcvn3), Some("TCVN3 (ABC)"));
        assert_eq!(legacy_encoding(&vni), Some("VNI"));
        assert_eq!(legacy_encoding("Nghị quyết".as_bytes()), None);
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Nghị quyết".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        assert_eq!(decode(bytes, "x", &mut Vec::new()), "Nghị quyết");
    }
}

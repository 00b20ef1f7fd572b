//! Expanding the inputs: directories walked recursively in sorted order, each entered once (by
//! device and inode: a symlink loop ends), regular files only, files vncite does not read named.

use super::{kind_of, Warning, WarningKind};
use std::path::{Path, PathBuf};

/// What a directory walk has seen: the directories entered (by device and inode, so that a
/// symlink loop is entered once) and the files of kinds it does not read.
#[derive(Default)]
struct Walk {
    /// Further extensions read as text (`--ext md,json`), lower case, without the dot.
    extra: Vec<String>,
    seen: std::collections::HashSet<(u64, u64)>,
    ignored: Vec<PathBuf>,
    /// Entries that could hold text but were not read (an unreadable directory, a FIFO).
    skipped: usize,
}

/// A directory's identity: device and inode where the platform has them, else its canonical path.
fn dir_id(md: &std::fs::Metadata, p: &Path) -> (u64, u64) {
    #[cfg(unix)]
    {
        let _ = p;
        use std::os::unix::fs::MetadataExt;
        (md.dev(), md.ino())
    }
    #[cfg(not(unix))]
    {
        use std::hash::{Hash, Hasher};
        let _ = md;
        let mut h = std::collections::hash_map::DefaultHasher::new();
        std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf()).hash(&mut h);
        (0, h.finish())
    }
}

/// Is `p` of an extension `--ext` added (`notes.md`, `a.json.gz`)?
fn extra_kind(p: &Path, extra: &[String]) -> bool {
    let name = p.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    let name = name.strip_suffix(".gz").or_else(|| name.strip_suffix(".zst")).unwrap_or(&name);
    name.rsplit_once('.').is_some_and(|(_, ext)| extra.iter().any(|e| e == ext))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, warnings: &mut Vec<Warning>, w: &mut Walk) {
    match std::fs::metadata(dir) {
        Ok(md) if !w.seen.insert(dir_id(&md, dir)) => {
            warnings.push(Warning::at(
                dir.display().to_string(),
                None,
                WarningKind::DirectoryAgain,
                "a directory already read (a symlink loop?); not read again",
            ));
            return;
        }
        _ => {}
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            warnings.push(Warning::at(
                dir.display().to_string(),
                None,
                WarningKind::UnreadableDirectory,
                format!("cannot read directory: {e}; skipped"),
            ));
            w.skipped += 1;
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        // followed through symlinks: a broken link is opened, and reported, like any unreadable file
        let md = std::fs::metadata(&p);
        if md.as_ref().is_ok_and(|m| m.is_dir()) {
            walk(&p, out, warnings, w);
        } else if kind_of(&p).is_none() && !extra_kind(&p, &w.extra) {
            w.ignored.push(p);
        } else if md.as_ref().is_ok_and(|m| !m.is_file()) {
            // a FIFO would block the build forever, a device never end
            warnings.push(Warning::at(
                p.display().to_string(),
                None,
                WarningKind::NotRegularFile,
                "not a regular file (a FIFO, socket or device); skipped",
            ));
            w.skipped += 1;
        } else {
            out.push(p);
        }
    }
}

/// Expands the inputs: directories recursively (sorted), files as given, `-` for stdin. Files in
/// directories that are neither of a kind vncite reads nor of an extension in `extra` (read as
/// text) are named in one warning per input. Returns the files and how many entries were skipped
/// (unreadable directories, FIFOs, devices).
pub fn list_inputs(inputs: &[PathBuf], extra: &[String], warnings: &mut Vec<Warning>) -> (Vec<PathBuf>, usize) {
    let mut files = Vec::new();
    let mut skipped = 0;
    for input in inputs {
        if input.as_os_str() != "-" && input.is_dir() {
            let mut w = Walk {
                extra: extra.iter().map(|e| e.trim_start_matches('.').to_lowercase()).collect(),
                ..Default::default()
            };
            walk(input, &mut files, warnings, &mut w);
            skipped += w.skipped;
            if !w.ignored.is_empty() {
                let some: Vec<String> = w.ignored.iter().take(3).map(|p| p.display().to_string()).collect();
                warnings.push(Warning::at(
                    input.display().to_string(),
                    None,
                    WarningKind::FilesNotRead,
                    format!(
                        "{} files not read (only .txt, .html, .htm, .jsonl, .ndjson, also .gz/.zst; --ext adds more): {}{}",
                        w.ignored.len(),
                        some.join(", "),
                        if w.ignored.len() > 3 { ", …" } else { "" }
                    ),
                ));
            }
        } else {
            files.push(input.clone());
        }
    }
    (files, skipped)
}

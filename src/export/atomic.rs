//! Outputs written atomically: a temporary file beside the destination, created exclusively, then
//! renamed into place; a set of outputs ([`Staged`]) replaced together or not at all; temporary
//! files removed on failure and on a signal ([`remove_pending`]).

use crate::export::error::{Context, Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes to `path` atomically through a buffered writer: a temporary file beside it, then a rename.
pub fn write_atomic_with(path: &Path, fill: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    stage_with(path, fill)?.commit()
}

/// Temporary files not yet renamed into place: removed on SIGINT/SIGTERM ([`remove_pending`]).
/// Every creation, rename and removal of one happens under this lock, so a signal handler that
/// takes it sees every temporary file there is.
static PENDING: std::sync::Mutex<Vec<std::path::PathBuf>> = std::sync::Mutex::new(Vec::new());
/// Set once the run is being stopped: no temporary file is created after.
static STOPPING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn pending() -> std::sync::MutexGuard<'static, Vec<std::path::PathBuf>> {
    PENDING.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Removes every temporary file not yet renamed into place and stops more from being made; for a
/// signal handler, which then exits. Returns the lock, held, so that nothing is created or renamed
/// until the process is gone.
pub fn remove_pending() -> std::sync::MutexGuard<'static, Vec<std::path::PathBuf>> {
    STOPPING.store(true, std::sync::atomic::Ordering::SeqCst);
    let mut p = pending();
    for f in p.drain(..) {
        let _ = std::fs::remove_file(f);
    }
    p
}

/// An output written to its temporary file, waiting to be renamed into place: so that a set of
/// outputs is replaced together or not at all. Dropped without [`Staged::commit`], the temporary
/// file is removed.
#[must_use]
pub struct Staged {
    tmp: std::path::PathBuf,
    path: std::path::PathBuf,
    done: bool,
}

impl Staged {
    /// Renames the output into place.
    pub fn commit(mut self) -> Result<()> {
        self.done = true;
        let mut p = pending();
        p.retain(|f| *f != self.tmp);
        std::fs::rename(&self.tmp, &self.path).with_context(|| {
            let _ = std::fs::remove_file(&self.tmp);
            format!("renaming {} to {}", self.tmp.display(), self.path.display())
        })
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.done {
            let mut p = pending();
            p.retain(|f| *f != self.tmp);
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Writes `path`'s content to a temporary file beside it and returns it staged, not yet in place.
pub fn stage_with(path: &Path, fill: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<Staged> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "out".into());
    // created exclusively under a name nobody can plant a link at in advance: a file or symlink
    // already there is never opened, and another name is tried
    let (tmp, f) = {
        let mut p = pending();
        if STOPPING.load(std::sync::atomic::Ordering::SeqCst) {
            return Err(Error::msg(format!("stopping: {} not written", path.display())));
        }
        let (tmp, f) = create_temp(dir, &name)?;
        p.push(tmp.clone());
        (tmp, f)
    };
    let staged = Staged { tmp, path: path.to_path_buf(), done: false };
    let mut w = std::io::BufWriter::with_capacity(1 << 20, f);
    fill(&mut w).with_context(|| format!("writing {}", staged.tmp.display()))?;
    let f = w.into_inner().map_err(|e| Error::msg(format!("writing {}: {}", staged.tmp.display(), e.error())))?;
    f.sync_all().ok();
    Ok(staged)
}

/// Stages `bytes` for `path` (see [`stage_with`]).
pub fn stage(path: &Path, bytes: &[u8]) -> Result<Staged> {
    stage_with(path, |w| Ok(w.write_all(bytes)?))
}

/// Creates `.NAME.tmp-PID-N` in `dir` exclusively (`O_EXCL`: an existing file or symlink fails),
/// with N from the clock and a counter, trying again on a name that exists.
fn create_temp(dir: &Path, name: &str) -> Result<(std::path::PathBuf, std::fs::File)> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let clock = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64);
    let mut last = None;
    for _ in 0..64 {
        let n = clock ^ COUNTER.fetch_add(1, Ordering::Relaxed).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let tmp = dir.join(format!(".{name}.tmp-{}-{n:016x}", std::process::id()));
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e).with_context(|| format!("creating {}", tmp.display())),
        }
    }
    Err(Error::msg(format!("creating a temporary file in {}: {:?}", dir.display(), last)))
}

/// Writes `bytes` to `path` atomically: a temporary file beside it, then a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, |w| Ok(w.write_all(bytes)?))
}

/// The input directory `output` lies inside, if any: an output there would be read back as input
/// next time (and its files are ours to replace). Both are compared as the filesystem resolves
/// them — symlinks followed, `..` applied — so `x/../in/out` and `link-to-in/out` are inside `in`
/// and `in/../sibling` is not.
pub fn input_holding<'a>(output: &Path, inputs: &'a [PathBuf]) -> Option<&'a PathBuf> {
    let out = resolved(output);
    inputs.iter().filter(|i| i.as_os_str() != "-" && i.is_dir()).find(|i| out.starts_with(resolved(i)))
}

/// `p` as the filesystem would resolve it, also when it does not exist yet: its longest existing
/// ancestor canonicalised (symlinks and `..` resolved), the rest applied by name.
fn resolved(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut base = abs.as_path();
    let mut rest = Vec::new();
    let canon = loop {
        if let Ok(c) = std::fs::canonicalize(base) {
            break c;
        }
        match (base.parent(), base.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                base = parent;
            }
            // "x/.." ends in a component with no name: step over it by name below
            (Some(parent), None) => {
                rest.push("..".into());
                base = parent;
            }
            (None, _) => break base.to_path_buf(),
        }
    };
    let mut out = canon;
    for c in rest.iter().rev() {
        if c == ".." {
            out.pop();
        } else if c != "." {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("f.txt");
        write_atomic(&p, b"one").expect("write");
        write_atomic(&p, b"two").expect("write");
        assert_eq!(std::fs::read_to_string(&p).expect("read"), "two");
        assert_eq!(std::fs::read_dir(dir.path()).expect("ls").count(), 1);
    }
}

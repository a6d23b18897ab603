//! Writes that a crash or a concurrent run cannot tear: each file is written to a
//! temporary file beside it and renamed over it, so a reader (or a kill -9) sees the
//! old or the new version; the folder is synced once per run, not once per file.

use crate::error::{Error, Result};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Temporary files start with this; any left in a claims folder were left by a killed run.
const TEMP_PREFIX: &str = ".claimdiff-";
const TEMP_SUFFIX: &str = ".tmp";

/// An advisory lock on a folder, held until dropped: two claimdiff runs never
/// write the same claims folder at once.
#[derive(Debug)]
pub struct Lock {
    _dir: File,
}

/// Locks `dir` (created if missing), waiting for another run to finish, then
/// removes the temporary files killed runs left there.
pub fn lock(dir: &Path) -> Result<Lock> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, &e))?;
    let handle = File::open(dir).map_err(|e| Error::io(dir, &e))?;
    if handle.try_lock().is_err() {
        eprintln!(
            "claimdiff: waiting for another claimdiff run to finish with {}",
            dir.display()
        );
        handle.lock().map_err(|e| {
            Error::io(dir, &e).with_hint("another claimdiff run may hold this folder")
        })?;
    }
    clean_temp_files(dir);
    Ok(Lock { _dir: handle })
}

/// Removes temporary files of killed runs; call only while holding the lock.
fn clean_temp_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        // `.tmpXXXXXX` is what earlier versions left.
        let ours = (name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX))
            || (name.starts_with(".tmp") && name.len() == 10);
        if ours && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// A file written beside its target, not yet in place.
pub struct Pending {
    tmp: tempfile::NamedTempFile,
    target: PathBuf,
}

/// Writes `bytes` to a temporary file in `target`'s folder, with the target's mode
/// when it exists, else the mode the umask gives a new file.
pub fn write_temp(target: &Path, bytes: &[u8]) -> Result<Pending> {
    write_temp_with(target, |out| out.write_all(bytes))
}

/// Like [`write_temp`], with the bytes written by `write` as it makes them, so a
/// large output is never held whole.
pub fn write_temp_with(
    target: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<Pending> {
    let dir = parent(target);
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Created as 0666 less the umask, like any file a program writes.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(|e| Error::io(target, &e).with_hint("check the folder exists and is writable"))?;
    if let Ok(meta) = std::fs::metadata(target) {
        let _ = tmp.as_file().set_permissions(meta.permissions());
    }
    // The message names the file the user asked for, not the temporary one.
    let mut out = std::io::BufWriter::new(tmp.as_file_mut());
    write(&mut out)
        .and_then(|()| out.flush())
        .map_err(|e| Error::io(target, &e))?;
    drop(out);
    Ok(Pending {
        tmp,
        target: target.to_path_buf(),
    })
}

impl Pending {
    /// Flushes the bytes to disk (for a single file, where one fsync is cheap).
    pub fn sync(&self) -> Result<()> {
        self.tmp
            .as_file()
            .sync_all()
            .map_err(|e| Error::io(&self.target, &e))
    }

    /// Swaps the file with its target in one step and returns the bytes the target
    /// held, so a caller can tell whether someone wrote it after it was last read.
    /// `None` when the swap is not possible (no target yet, or a file system or
    /// platform without it): the file is then renamed over the target.
    pub fn exchange(self) -> Result<Option<Vec<u8>>> {
        #[cfg(target_os = "linux")]
        {
            if rename2(self.tmp.path(), &self.target, libc::RENAME_EXCHANGE) == Some(0) {
                // The temporary path now holds what the target held; dropping
                // `tmp` removes it.
                let before =
                    std::fs::read(self.tmp.path()).map_err(|e| Error::io(&self.target, &e))?;
                return Ok(Some(before));
            }
        }
        self.persist().map(|()| None)
    }

    /// Puts the file in place only if its target does not exist, in one step:
    /// `false` (and the file discarded) when someone created the target since it
    /// was found missing. One rename instead of a read, a failed swap and a rename,
    /// for the first extraction of a folder.
    pub fn place_new(self) -> Result<bool> {
        #[cfg(target_os = "linux")]
        {
            if let Some(rc) = rename2(self.tmp.path(), &self.target, libc::RENAME_NOREPLACE) {
                if rc == 0 {
                    // Moved: nothing is left at the temporary path to remove.
                    let _ = self.tmp.into_temp_path().keep();
                    return Ok(true);
                }
                if std::io::Error::last_os_error().kind() == std::io::ErrorKind::AlreadyExists {
                    return Ok(false);
                }
            }
        }
        // A file system or platform without it: look, then rename.
        if self.target.exists() {
            return Ok(false);
        }
        self.persist().map(|()| true)
    }

    /// Renames the file over its target.
    pub fn persist(self) -> Result<()> {
        let target = self.target;
        self.tmp
            .persist(&target)
            .map(|_| ())
            .map_err(|e| Error::io(&target, &e.error))
    }
}

/// Writes `bytes` as a new file at `target`, only if no file is there, in one
/// step: `false` (nothing written) when one is. On Linux the bytes go to a file
/// with no name (`O_TMPFILE`) that is then linked in place: a kill before the
/// link leaves nothing behind, and the file system makes one entry instead of a
/// temporary one and a rename (a first `extract` makes one file per source).
/// Elsewhere, or where the file system cannot, through [`write_temp`] and
/// [`Pending::place_new`].
pub fn write_new(target: &Path, bytes: &[u8]) -> Result<bool> {
    #[cfg(target_os = "linux")]
    if let Some(placed) = unnamed::write_new(target, bytes) {
        return Ok(placed);
    }
    write_temp(target, bytes)?.place_new()
}

/// Files made without a name and linked in place (Linux's `O_TMPFILE`).
#[cfg(target_os = "linux")]
mod unnamed {
    use std::io::Write;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::OpenOptionsExt;
    use std::os::unix::io::AsRawFd;
    use std::path::Path;

    /// `Some(true)` when written and linked at `target`, `Some(false)` when a
    /// file is there already; `None` when this way is not open (no `O_TMPFILE`
    /// on the file system, no `/proc`, any error): the caller then writes a
    /// named temporary file, whose errors it reports.
    pub fn write_new(target: &Path, bytes: &[u8]) -> Option<bool> {
        let dir = super::parent(target);
        // Created as 0666 less the umask, like any file a program writes.
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .mode(0o666)
            .custom_flags(libc::O_TMPFILE)
            .open(dir)
            .ok()?;
        file.write_all(bytes).ok()?;
        let from = std::ffi::CString::new(format!("/proc/self/fd/{}", file.as_raw_fd())).ok()?;
        let to = std::ffi::CString::new(target.as_os_str().as_bytes()).ok()?;
        // SAFETY: both are valid NUL-terminated paths that live across the call.
        let rc = unsafe {
            libc::linkat(
                libc::AT_FDCWD,
                from.as_ptr(),
                libc::AT_FDCWD,
                to.as_ptr(),
                libc::AT_SYMLINK_FOLLOW,
            )
        };
        if rc == 0 {
            return Some(true);
        }
        match std::io::Error::last_os_error().kind() {
            std::io::ErrorKind::AlreadyExists => Some(false),
            _ => None,
        }
    }
}

/// Makes the renames in `dir` durable.
pub fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::io(dir, &e))?;
    Ok(())
}

/// Writes one file atomically (`-o` outputs, baselines): synced, renamed, the
/// folder synced.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, |out| out.write_all(bytes))
}

/// Like [`write_atomic`], with the bytes written by `write` as it makes them.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let pending = write_temp_with(path, write)?;
    pending.sync()?;
    pending.persist()?;
    sync_dir(parent(path))
}

fn parent(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// `renameat2(from, to, flags)`: its return code, or `None` when a path cannot
/// be given to the system (an inner NUL byte).
#[cfg(target_os = "linux")]
fn rename2(from: &Path, to: &Path, flags: libc::c_uint) -> Option<libc::c_int> {
    use std::os::unix::ffi::OsStrExt;
    let from = std::ffi::CString::new(from.as_os_str().as_bytes()).ok()?;
    let to = std::ffi::CString::new(to.as_os_str().as_bytes()).ok()?;
    // SAFETY: both are valid NUL-terminated paths that live across the call.
    Some(unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            from.as_ptr(),
            libc::AT_FDCWD,
            to.as_ptr(),
            flags,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names in a folder, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut all: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        all.sort();
        all
    }

    #[test]
    fn a_new_file_is_written_only_where_none_is_and_leaves_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.toml");
        assert!(write_new(&target, b"first").unwrap());
        assert_eq!(std::fs::read(&target).unwrap(), b"first");
        // A file is there now: it is left as it is.
        assert!(!write_new(&target, b"second").unwrap());
        assert_eq!(std::fs::read(&target).unwrap(), b"first");
        assert_eq!(names(dir.path()), ["a.toml"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // As any new file a program writes: 0666 less the umask.
            let named = dir.path().join("named");
            std::fs::write(&named, b"").unwrap();
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&target), mode(&named));
        }
    }
}

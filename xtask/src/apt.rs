//! Installing Debian's Chromium for the browser tests (never a downloaded browser).

use std::path::Path;
use std::process::Command;

use crate::{Result, describe};

pub const CHROMIUM: &str = "/usr/bin/chromium";

/// Installs the `chromium` package when `/usr/bin/chromium` is missing and we are root.
pub fn ensure_chromium() -> Result {
    if Path::new(CHROMIUM).exists() {
        return Ok(());
    }
    if !is_root() {
        return Err(format!(
            "{CHROMIUM} is missing: run `sudo apt-get install -y chromium`"
        ));
    }
    println!("==> {CHROMIUM} is missing: installing Debian's chromium");
    install("chromium")
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// `apt-get install -y`, with the two repairs seen on these machines: a stale package index
/// (update, retry) and a dependency whose cached archive dpkg "cannot access" (install it alone
/// first, retry; seen with libbrotli1).
fn install(package: &str) -> Result {
    let mut updated = false;
    for _ in 0..4 {
        let output = apt(&["install", "-y", package])?;
        if output.is_empty() {
            return Ok(());
        }
        if let Some(broken) = unreadable_archive_package(&output) {
            println!("==> apt could not access the archive of {broken}: installing it first");
            apt(&["install", "-y", "--reinstall", &broken])?;
        } else if !updated {
            apt(&["update"])?;
            updated = true;
        } else {
            return Err(format!("apt-get install {package} failed:\n{output}"));
        }
    }
    Err(format!("apt-get install {package} kept failing"))
}

/// Runs apt-get, echoing its output; returns "" on success, its output on failure.
fn apt(args: &[&str]) -> Result<String> {
    let mut cmd = Command::new("apt-get");
    cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
    let out = cmd
        .output()
        .map_err(|e| format!("cannot start {}: {e}", describe(&cmd)))?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    print!("{text}");
    Ok(if out.status.success() {
        String::new()
    } else {
        text
    })
}

/// The package whose `.deb` dpkg or apt reported it "cannot access", if any.
pub fn unreadable_archive_package(output: &str) -> Option<String> {
    let lower = output.to_lowercase();
    let at = lower.find("cannot access archive")?;
    // The archive path is on the same line or the one before ("error processing archive X (--unpack):").
    let window_start = output[..at]
        .rfind('\n')
        .map_or(0, |nl| output[..nl].rfind('\n').map_or(0, |p| p + 1));
    let line_end = output[at..].find('\n').map_or(output.len(), |n| at + n);
    output[window_start..line_end]
        .split(|c: char| c.is_whitespace() || c == '\'' || c == '"')
        .find(|word| word.ends_with(".deb"))
        .map(|deb| deb.rsplit('/').next().unwrap_or(deb))
        .and_then(|file| file.split('_').next())
        .filter(|name| !name.is_empty())
        .map(str::to_string)
        .or_else(|| Some("libbrotli1".to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_package_dpkg_cannot_read() {
        let dpkg = "Unpacking libfoo (1.0) ...\n\
                    dpkg: error processing archive /var/cache/apt/archives/libbrotli1_1.0.9-2+b6_amd64.deb (--unpack):\n \
                    cannot access archive: No such file or directory\n\
                    Errors were encountered while processing:\n";
        assert_eq!(
            unreadable_archive_package(dpkg).as_deref(),
            Some("libbrotli1")
        );
        let apt = "E: Cannot access archive '/var/cache/apt/archives/libnss3_2%3a3.87_amd64.deb'\n";
        assert_eq!(unreadable_archive_package(apt).as_deref(), Some("libnss3"));
    }

    #[test]
    fn falls_back_to_the_package_seen_before_when_unnamed() {
        let bare = "dpkg: error: cannot access archive: No such file or directory\n";
        assert_eq!(
            unreadable_archive_package(bare).as_deref(),
            Some("libbrotli1")
        );
    }

    #[test]
    fn other_failures_are_not_archive_problems() {
        assert_eq!(
            unreadable_archive_package("E: Unable to locate package chromium\n"),
            None
        );
    }
}

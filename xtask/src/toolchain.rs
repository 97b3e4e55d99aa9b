//! The wasm32 target the front-ends compile for. `rust-toolchain.toml` lists it, but rustup
//! only adds it on its own when auto-install is on; machines with `RUSTUP_AUTO_INSTALL=0` need
//! it added explicitly (from rustup's own distribution server, like the toolchain itself).

use std::path::Path;
use std::process::Command;

use crate::{Result, Workspace, run_checked};

/// The target the browser apps are built for.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Adds the wasm32 target to the pinned toolchain when its standard library is missing.
pub fn ensure_wasm_target(ws: &Workspace) -> Result {
    let sysroot = Command::new("rustc")
        .args(["--print", "sysroot"])
        .current_dir(&ws.root)
        .output()
        .map_err(|e| format!("cannot run rustc: {e}"))?;
    let sysroot = String::from_utf8_lossy(&sysroot.stdout).trim().to_owned();
    if has_target(Path::new(&sysroot)) {
        return Ok(());
    }
    println!("==> adding the {WASM_TARGET} target to the toolchain (rustup)");
    run_checked(
        Command::new("rustup")
            .args(["target", "add", WASM_TARGET])
            .current_dir(&ws.root),
    )
}

fn has_target(sysroot: &Path) -> bool {
    sysroot
        .join("lib/rustlib")
        .join(WASM_TARGET)
        .join("lib")
        .is_dir()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sysroot_without_the_target_is_noticed() {
        let dir = std::env::temp_dir().join(format!("ned-sysroot-{}", std::process::id()));
        assert!(!has_target(&dir));
        std::fs::create_dir_all(dir.join("lib/rustlib/wasm32-unknown-unknown/lib")).unwrap();
        assert!(has_target(&dir));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

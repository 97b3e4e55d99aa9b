//! NED developer tasks: `cargo xtask <build|run|seed|test|lint>`.
//!
//! Plain `std::process::Command` on purpose: every step is a command a developer could type.

mod apt;
mod compress;
mod dist;
mod html;
mod run;
mod suites;
mod toolchain;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// Error type of every task: a message for the developer.
pub type Result<T = ()> = std::result::Result<T, String>;

const USAGE: &str = "\
usage: cargo xtask <command>

  build            build the three front-ends into dist/ (wasm, JS glue, index.html, DSFR, .gz/.br)
  run [--port N]   build, then start ned-api with demo data on 127.0.0.1:N (default 8080)
  seed             migrate and seed demo data into NED_DATABASE_URL (default sqlite://ned.db)
  test             cargo tests (SQLite, then PostgreSQL if NED_TEST_POSTGRES_URL), then browser tests
  lint             cargo fmt --check, clippy -D warnings (native, and wasm32 for the front-ends)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("build") => dist::build(&Workspace::locate()).map(|_| ()),
        Some("run") => {
            run::parse_port(&args[1..]).and_then(|port| run::run(&Workspace::locate(), port))
        }
        Some("seed") => run::seed(&Workspace::locate()),
        Some("test") => suites::test(&Workspace::locate()),
        Some("lint") => lint(&Workspace::locate()),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(USAGE.to_string()),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Where the repository and cargo's target directory are.
pub struct Workspace {
    pub root: PathBuf,
    pub target: PathBuf,
}

impl Workspace {
    fn locate() -> Workspace {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("xtask lives in the workspace root")
            .to_path_buf();
        let target = target_dir(&root);
        Workspace { root, target }
    }

    /// A `cargo` command run from the workspace root.
    pub fn cargo(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
        cmd.args(args).current_dir(&self.root);
        cmd
    }

    /// The built `ned-api` debug binary.
    pub fn api_bin(&self) -> PathBuf {
        self.target.join("debug").join("ned-api")
    }

    pub fn dist(&self) -> PathBuf {
        self.root.join("dist")
    }
}

/// Asks cargo, so CARGO_TARGET_DIR and `build.target-dir` in config are both honoured.
fn target_dir(root: &Path) -> PathBuf {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .current_dir(root)
        .output();
    out.ok()
        .filter(|o| o.status.success())
        .and_then(|o| json_string_field(&String::from_utf8_lossy(&o.stdout), "target_directory"))
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
}

/// Reads one string field from JSON without a JSON parser; enough for cargo's plain paths.
fn json_string_field(json: &str, field: &str) -> Option<String> {
    let key = format!("\"{field}\":\"");
    let start = json.find(&key)? + key.len();
    let end = json[start..].find('"')?;
    Some(json[start..start + end].replace("\\\\", "\\"))
}

/// Runs a command to completion, failing with its description if it does not succeed.
pub fn run_checked(cmd: &mut Command) -> Result {
    let status = cmd
        .status()
        .map_err(|e| format!("cannot start {}: {e}", describe(cmd)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(cmd)))
    }
}

/// The command line as a developer would type it.
pub fn describe(cmd: &Command) -> String {
    std::iter::once(cmd.get_program())
        .chain(cmd.get_args())
        .map(|s| s.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Makes sure `dir/node_modules` holds `marker`, running `npm ci` there if it does not.
pub fn npm_ci_if_missing(dir: &Path, marker: &str) -> Result {
    if dir.join("node_modules").join(marker).exists() {
        return Ok(());
    }
    println!("==> npm ci in {}", dir.display());
    run_checked(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(dir)
            // Playwright must never fetch its own browsers: we use Debian's Chromium.
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"),
    )
}

fn lint(ws: &Workspace) -> Result {
    toolchain::ensure_wasm_target(ws)?;
    run_checked(&mut ws.cargo(&["fmt", "--all", "--", "--check"]))?;
    run_checked(&mut ws.cargo(&["clippy", "--all-targets", "--", "-D", "warnings"]))?;
    // The browser crates are not default members: lint them for the only target they run on.
    let mut wasm = vec![
        "clippy",
        "--target",
        toolchain::WASM_TARGET,
        "-p",
        "frontend-kit",
    ];
    for app in &html::APPS {
        wasm.extend(["-p", app.package]);
    }
    wasm.extend(["--", "-D", "warnings"]);
    run_checked(&mut ws.cargo(&wasm))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_target_directory_from_cargo_metadata() {
        let json = r#"{"packages":[],"target_directory":"/work/main/target","version":1}"#;
        assert_eq!(
            json_string_field(json, "target_directory").as_deref(),
            Some("/work/main/target")
        );
        assert_eq!(json_string_field(json, "workspace_root"), None);
    }
}

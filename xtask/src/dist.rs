//! `cargo xtask build`: the three front-ends, ready to serve, in `dist/`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::compress::{self, Sizes, human_size};
use crate::html::{self, APPS, App};
use crate::toolchain::WASM_TARGET;
use crate::{Result, Workspace, npm_ci_if_missing, run_checked};

const PROFILE: &str = "wasm-release";

/// What the apps use from `@gouvfr/dsfr/dist`: the rest (sources, legacy builds, maps) is not served.
const DSFR_FILES: &[&str] = &[
    "dsfr.min.css",
    "dsfr.module.min.js",
    "utility/icons/icons.min.css",
];
const DSFR_DIRS: &[&str] = &["fonts", "icons", "favicon"];

/// Builds every app and returns the `dist/` directory.
pub fn build(ws: &Workspace) -> Result<PathBuf> {
    let started = Instant::now();
    // Before the long compile, so a missing design system fails fast.
    let dsfr = dsfr_staged(ws)?;
    crate::toolchain::ensure_wasm_target(ws)?;

    println!("==> compiling the front-ends for {WASM_TARGET} (profile {PROFILE})");
    let mut args = vec!["build", "--profile", PROFILE, "--target", WASM_TARGET];
    for app in &APPS {
        args.extend(["-p", app.package]);
    }
    run_checked(&mut ws.cargo(&args))?;

    let ned_css = ws.root.join("frontend-kit/style/ned.css");
    let ned_css = ned_css.is_file().then_some(ned_css);
    let dist = ws.dist();
    let wasm_dir = ws.target.join(WASM_TARGET).join(PROFILE);
    let cache = ws.target.join("xtask").join("compressed");

    println!("==> wasm-bindgen, assets and compression");
    let reports: Vec<Result<(App, Sizes, Sizes)>> = std::thread::scope(|scope| {
        let jobs: Vec<_> = APPS
            .iter()
            .map(|app| {
                let (dist, dsfr, wasm_dir, ned_css) = (&dist, &dsfr, &wasm_dir, &ned_css);
                let cache = cache.join(app.dir);
                scope.spawn(move || {
                    package_app(app, wasm_dir, dist, dsfr, ned_css.as_deref(), &cache)
                })
            })
            .collect();
        jobs.into_iter()
            .map(|j| j.join().expect("packaging thread panicked"))
            .collect()
    });
    for report in reports {
        let (app, wasm, js) = report?;
        print_sizes(&app, &wasm, &js);
    }
    println!("\nbuilt {} in {:.0?}", dist.display(), started.elapsed());
    Ok(dist)
}

/// Produces `dist/<app>/` and returns the wasm and JS glue sizes.
fn package_app(
    app: &App,
    wasm_dir: &Path,
    dist: &Path,
    dsfr: &Path,
    ned_css: Option<&Path>,
    cache: &Path,
) -> Result<(App, Sizes, Sizes)> {
    let out = dist.join(app.dir);
    if out.exists() {
        std::fs::remove_dir_all(&out).map_err(|e| format!("cleaning {}: {e}", out.display()))?;
    }
    std::fs::create_dir_all(&out).map_err(|e| format!("creating {}: {e}", out.display()))?;

    let input = wasm_dir.join(format!("{}.wasm", app.package));
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&input)
        .out_name(&app.stem())
        .web(true)
        .and_then(|b| {
            b.remove_name_section(true)
                .remove_producers_section(true)
                // Also passed explicitly by app.js; this keeps `init()` usable on its own.
                .omit_default_module_path(false)
                .typescript(false)
                .generate(&out)
        })
        .map_err(|e| format!("wasm-bindgen on {}: {e:#}", input.display()))?;

    write(&out.join("app.js"), &html::bootstrap_js(app))?;
    write(
        &out.join("index.html"),
        &html::index_html(app, ned_css.is_some()),
    )?;
    if let Some(css) = ned_css {
        copy_file(css, &out.join("ned.css"))?;
    }

    // Compress what we produced; the staged DSFR copy is already compressed.
    let mut wasm = None;
    let mut js = None;
    for file in walk(&out)? {
        if !compress::is_compressible(&file) {
            continue;
        }
        let sizes = compress::write_siblings(&file, Some(cache))?;
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name == format!("{}_bg.wasm", app.stem()) {
            wasm = Some(sizes);
        } else if name == format!("{}.js", app.stem()) {
            js = Some(sizes);
        }
    }
    copy_tree(dsfr, &out.join("dsfr"))?;
    let missing = || {
        format!(
            "wasm-bindgen wrote no {} output in {}",
            app.stem(),
            out.display()
        )
    };
    Ok((*app, wasm.ok_or_else(missing)?, js.ok_or_else(missing)?))
}

/// The DSFR subset, compressed once per DSFR version and reused by every app and build.
fn dsfr_staged(ws: &Workspace) -> Result<PathBuf> {
    let kit = ws.root.join("frontend-kit");
    let package = kit.join("node_modules/@gouvfr/dsfr");
    if let Err(e) = npm_ci_if_missing(&kit, "@gouvfr/dsfr/dist/dsfr.min.css") {
        return Err(format!(
            "{e}\n\nThe design system (@gouvfr/dsfr) could not be installed in frontend-kit/.\n\
             Since 1.15, its install script refuses to run until its terms of use \
             (doc/legal/cgu.md inside the package: `npm pack @gouvfr/dsfr` to read it; also on systeme-de-design.gouv.fr) are \
             accepted: either a committed frontend-kit/.dsfr.yml containing `accept-license: <cgu version>` \
             or DSFR_ACCEPT_LICENSE=1 in the environment. That acceptance is the project's decision."
        ));
    }
    let version = std::fs::read_to_string(package.join("package.json"))
        .ok()
        .and_then(|json| crate::json_string_field(&json.replace(": ", ":"), "version"))
        .unwrap_or_else(|| "unknown".into());
    let staged = ws.target.join("xtask").join(format!("dsfr-{version}"));
    // Beside the folder, not in it: the folder is copied whole into every app.
    let done = ws
        .target
        .join("xtask")
        .join(format!("dsfr-{version}.complete"));
    if done.exists() {
        return Ok(staged);
    }
    println!("==> staging DSFR {version} (compressed once, reused afterwards)");
    if staged.exists() {
        std::fs::remove_dir_all(&staged)
            .map_err(|e| format!("cleaning {}: {e}", staged.display()))?;
    }
    let src = package.join("dist");
    for file in DSFR_FILES {
        copy_file(&src.join(file), &staged.join(file))?;
    }
    for dir in DSFR_DIRS {
        copy_tree(&src.join(dir), &staged.join(dir))?;
    }
    for file in walk(&staged)? {
        if compress::is_compressible(&file) {
            compress::write_siblings(&file, None)?;
        }
    }
    write(&done, &version)?;
    Ok(staged)
}

fn print_sizes(app: &App, wasm: &Sizes, js: &Sizes) {
    println!(
        "\n{} → dist/{} (served at {})",
        app.package, app.dir, app.base
    );
    println!("  {:<6} {:>11} {:>11} {:>11}", "", "raw", "gzip", "brotli");
    for (label, s) in [("WASM", wasm), ("JS", js)] {
        println!(
            "  {:<6} {:>11} {:>11} {:>11}",
            label,
            human_size(s.raw),
            human_size(s.gzip),
            human_size(s.brotli)
        );
    }
}

/// Every regular file under `dir`, skipping source maps and READMEs nobody is served.
fn walk(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| format!("reading {}: {e}", d.display()))?;
        for entry in entries {
            let path = entry
                .map_err(|e| format!("reading {}: {e}", d.display()))?
                .path();
            if path.is_dir() {
                pending.push(path);
            } else if !is_unserved(&path) {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

fn is_unserved(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    name.ends_with(".map") || name == "README.md"
}

fn copy_tree(from: &Path, to: &Path) -> Result {
    for file in walk(from)? {
        let rel = file.strip_prefix(from).expect("walk stays under its root");
        copy_file(&file, &to.join(rel))?;
    }
    Ok(())
}

fn copy_file(from: &Path, to: &Path) -> Result {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("creating {}: {e}", parent.display()))?;
    }
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("copying {} to {}: {e}", from.display(), to.display()))
}

fn write(path: &Path, text: &str) -> Result {
    std::fs::write(path, text).map_err(|e| format!("writing {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_maps_and_readmes_are_not_shipped() {
        assert!(is_unserved(Path::new("dsfr/dsfr.min.css.map")));
        assert!(is_unserved(Path::new("dsfr/icons/README.md")));
        assert!(!is_unserved(Path::new("dsfr/icons/system/close-line.svg")));
    }

    #[test]
    fn copies_a_tree_without_unserved_files() {
        let base = std::env::temp_dir().join(format!("xtask-copy-{}", std::process::id()));
        let (from, to) = (base.join("from"), base.join("to"));
        std::fs::create_dir_all(from.join("icons/system")).unwrap();
        std::fs::write(from.join("icons/system/close.svg"), "<svg/>").unwrap();
        std::fs::write(from.join("icons/README.md"), "docs").unwrap();
        copy_tree(&from, &to).unwrap();
        assert!(to.join("icons/system/close.svg").is_file());
        assert!(!to.join("icons/README.md").exists());
        std::fs::remove_dir_all(&base).unwrap();
    }
}

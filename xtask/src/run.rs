//! `cargo xtask run` and `cargo xtask seed`: the real binary with demo data.

use std::net::{TcpStream, ToSocketAddrs};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::{Result, Workspace, dist, run_checked};

const DEFAULT_BIND: &str = "127.0.0.1:8080";

/// Demo sign-ins, as seeded by the API (docs/contract.md).
const DEMO_SIGN_INS: [&str; 5] = [
    "proches   /          marie.martin@example.fr / Parloir-Demo-2026",
    "détenus   /detenu/   terminal code VALMONT-DEMO (or STAUBIN-DEMO), then 10001 / 2468",
    "agents    /agent/    admin.valmont / Agent-Demo-2026 (same password for admin.national,",
    "                     parloirs.valmont, cantine.valmont, comptes.valmont, greffe.valmont,",
    "                     sante.valmont, enseignant.valmont, admin.saint-aubin)",
];

/// `--port N` → `Some(N)`; nothing → `None`.
pub fn parse_port(args: &[String]) -> Result<Option<u16>> {
    match args {
        [] => Ok(None),
        [flag, port] if flag == "--port" => port
            .parse()
            .map(Some)
            .map_err(|_| format!("--port wants a port number, not {port:?}")),
        _ => Err(format!("usage: cargo xtask run [--port N], got {args:?}")),
    }
}

/// The listen address: `--port` wins over `NED_BIND`, which wins over the default.
pub fn bind_address(port: Option<u16>, env_bind: Option<String>) -> String {
    match (port, env_bind) {
        (Some(port), _) => format!("127.0.0.1:{port}"),
        (None, Some(bind)) if !bind.is_empty() => bind,
        _ => DEFAULT_BIND.to_string(),
    }
}

/// The address a browser on this machine should use for `bind`.
pub fn browser_origin(bind: &str) -> String {
    let local = bind
        .replace("0.0.0.0", "127.0.0.1")
        .replace("[::]", "[::1]");
    format!("http://{local}")
}

pub fn run(ws: &Workspace, port: Option<u16>) -> Result {
    let dist = dist::build(ws)?;
    build_api(ws)?;
    let bind = bind_address(port, std::env::var("NED_BIND").ok());
    // Links in e-mails (address confirmation) must lead to this very instance.
    let public_url = std::env::var("NED_PUBLIC_URL").unwrap_or_else(|_| browser_origin(&bind));
    let mut child = Command::new(ws.api_bin())
        .current_dir(&ws.root)
        .env("NED_DEMO_DATA", "true")
        .env("NED_STATIC_DIR", &dist)
        .env("NED_BIND", &bind)
        .env("NED_PUBLIC_URL", public_url)
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", ws.api_bin().display()))?;

    if wait_for_port(&bind, Duration::from_secs(60)) {
        let origin = browser_origin(&bind);
        println!(
            "\nNED is running (Ctrl-C to stop):\n  \
             {origin}/          portail des proches\n  \
             {origin}/detenu/   portail des personnes détenues\n  \
             {origin}/agent/    console des agents\n\nDemo sign-ins:"
        );
        for line in DEMO_SIGN_INS {
            println!("  {line}");
        }
        println!();
    } else if child.try_wait().ok().flatten().is_none() {
        println!("ned-api has not opened {bind} after 60 s; still waiting on it");
    }
    let status = child
        .wait()
        .map_err(|e| format!("waiting for ned-api: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("ned-api stopped ({status})"))
    }
}

pub fn seed(ws: &Workspace) -> Result {
    build_api(ws)?;
    run_checked(Command::new(ws.api_bin()).arg("seed").current_dir(&ws.root))
}

pub fn build_api(ws: &Workspace) -> Result {
    println!("==> building ned-api");
    run_checked(&mut ws.cargo(&["build", "-p", "api"]))
}

fn wait_for_port(bind: &str, limit: Duration) -> bool {
    let Some(addr) = browser_origin(bind)
        .trim_start_matches("http://")
        .to_socket_addrs()
        .ok()
        .and_then(|mut a| a.next())
    else {
        return false;
    };
    let started = Instant::now();
    while started.elapsed() < limit {
        if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn port_flag_is_optional_and_checked() {
        assert_eq!(parse_port(&[]), Ok(None));
        assert_eq!(parse_port(&args(&["--port", "9000"])), Ok(Some(9000)));
        assert!(parse_port(&args(&["--port", "neuf"])).is_err());
        assert!(parse_port(&args(&["--port"])).is_err());
        assert!(parse_port(&args(&["9000"])).is_err());
    }

    #[test]
    fn port_flag_beats_environment_beats_default() {
        let env = Some("0.0.0.0:3000".to_string());
        assert_eq!(bind_address(Some(9000), env.clone()), "127.0.0.1:9000");
        assert_eq!(bind_address(None, env), "0.0.0.0:3000");
        assert_eq!(bind_address(None, None), "127.0.0.1:8080");
        assert_eq!(bind_address(None, Some(String::new())), "127.0.0.1:8080");
    }

    #[test]
    fn wildcard_binds_are_shown_as_loopback() {
        assert_eq!(browser_origin("0.0.0.0:8080"), "http://127.0.0.1:8080");
        assert_eq!(browser_origin("[::]:8080"), "http://[::1]:8080");
        assert_eq!(browser_origin("127.0.0.1:9000"), "http://127.0.0.1:9000");
    }
}

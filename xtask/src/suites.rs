//! `cargo xtask test`: every suite, then one recap; fails if any suite failed.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::{Result, Workspace, apt, describe, dist, npm_ci_if_missing, run};

/// How one suite ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Passed,
    Failed,
    Skipped,
}

struct Outcome {
    suite: &'static str,
    verdict: Verdict,
    duration: Duration,
    summary: String,
}

/// The browser crates, whose unit tests run natively beside the server's.
const FRONT_ENDS: [&str; 4] = [
    "frontend-kit",
    "frontend-public",
    "frontend-detainee",
    "frontend-agent",
];

pub fn test(ws: &Workspace) -> Result {
    let mut outcomes = Vec::new();

    // Plain `cargo test` runs the native default-members (api, shared-types, xtask); all of
    // their test binaries, even after a failure, so the recap counts everything.
    let mut sqlite = ws.cargo(&["test", "--no-fail-fast"]);
    sqlite.env_remove("NED_TEST_BACKEND");
    outcomes.push(suite("cargo test (SQLite)", sqlite, cargo_summary));

    // The front-ends' pure logic (the tablet's offline queue…), compiled natively.
    let mut apps = ws.cargo(&["test", "--no-fail-fast"]);
    for app in FRONT_ENDS {
        apps.args(["-p", app]);
    }
    outcomes.push(suite("cargo test (front-end logic)", apps, cargo_summary));

    match std::env::var("NED_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => {
            let mut pg = ws.cargo(&["test", "--no-fail-fast", "-p", "api"]);
            pg.env("NED_TEST_BACKEND", "postgres");
            outcomes.push(suite("cargo test -p api (PostgreSQL)", pg, cargo_summary));
        }
        _ => outcomes.push(Outcome {
            suite: "cargo test -p api (PostgreSQL)",
            verdict: Verdict::Skipped,
            duration: Duration::ZERO,
            summary: "NED_TEST_POSTGRES_URL is not set".into(),
        }),
    }

    let started = Instant::now();
    match prepare_browser_tests(ws) {
        Ok(cmd) => outcomes.push(suite(
            "browser (Playwright, Chromium)",
            cmd,
            playwright_summary,
        )),
        Err(e) => outcomes.push(Outcome {
            suite: "browser (Playwright, Chromium)",
            verdict: Verdict::Failed,
            duration: started.elapsed(),
            summary: format!("not run: {}", e.lines().next().unwrap_or_default()),
        }),
    }

    print_recap(&outcomes);
    let failed = outcomes
        .iter()
        .filter(|o| o.verdict == Verdict::Failed)
        .count();
    if failed == 0 {
        Ok(())
    } else {
        Err(format!("{failed} test suite(s) failed"))
    }
}

/// Builds what the browser tests drive and returns the Playwright command.
fn prepare_browser_tests(ws: &Workspace) -> Result<Command> {
    let dist = dist::build(ws).inspect_err(|e| eprintln!("\nxtask: {e}"))?;
    run::build_api(ws)?;
    apt::ensure_chromium()?;
    let e2e = ws.root.join("e2e");
    npm_ci_if_missing(&e2e, "@playwright/test/package.json")?;
    let mut cmd = Command::new("npx");
    cmd.args(["playwright", "test"])
        .current_dir(&e2e)
        .env("NED_API_BIN", ws.api_bin())
        .env("NED_DIST", dist)
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    Ok(cmd)
}

/// Runs one suite, echoing its output and keeping the lines `summarise` picks out.
fn suite(name: &'static str, mut cmd: Command, summarise: fn(&[String]) -> String) -> Outcome {
    println!("\n==> {name}: {}", describe(&cmd));
    let started = Instant::now();
    let mut lines = Vec::new();
    let status = cmd.stdout(Stdio::piped()).spawn().and_then(|mut child| {
        let stdout = child.stdout.take().expect("stdout is piped");
        for line in BufReader::new(stdout)
            .lines()
            .map_while(std::io::Result::ok)
        {
            println!("{line}");
            lines.push(line);
        }
        child.wait()
    });
    let duration = started.elapsed();
    let (verdict, summary) = match status {
        Ok(s) if s.success() => (Verdict::Passed, summarise(&lines)),
        Ok(s) => (Verdict::Failed, format!("{} ({s})", summarise(&lines))),
        Err(e) => (Verdict::Failed, format!("cannot start: {e}")),
    };
    println!("--> {name}: {summary}");
    Outcome {
        suite: name,
        verdict,
        duration,
        summary,
    }
}

/// Totals over every `test result:` line libtest prints (one per test binary).
fn cargo_summary(lines: &[String]) -> String {
    let (mut passed, mut failed, mut ignored, mut binaries) = (0u64, 0u64, 0u64, 0u64);
    for line in lines
        .iter()
        .filter_map(|l| l.trim().strip_prefix("test result:"))
    {
        binaries += 1;
        for part in line.split([';', '.']) {
            let mut words = part.split_whitespace();
            if let (Some(n), Some(what)) = (words.next(), words.next()) {
                let n: u64 = n.parse().unwrap_or(0);
                match what {
                    "passed" => passed += n,
                    "failed" => failed += n,
                    "ignored" => ignored += n,
                    _ => {}
                }
            }
        }
    }
    if binaries == 0 {
        return "no test results (did it compile?)".into();
    }
    format!("{passed} passed, {failed} failed, {ignored} ignored ({binaries} test binaries)")
}

/// Playwright's closing counts ("12 passed (1.2m)", "1 failed", "2 flaky", …).
fn playwright_summary(lines: &[String]) -> String {
    const WORDS: &[&str] = &[
        "passed",
        "failed",
        "flaky",
        "skipped",
        "did not run",
        "interrupted",
    ];
    let counts: Vec<&str> = lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| {
            let mut split = l.splitn(2, ' ');
            let number = split
                .next()
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
            number
                && split
                    .next()
                    .is_some_and(|rest| WORDS.iter().any(|w| rest.starts_with(w)))
        })
        .collect();
    if counts.is_empty() {
        "no Playwright summary".into()
    } else {
        counts.join(", ")
    }
}

fn print_recap(outcomes: &[Outcome]) {
    println!(
        "\n{:<32} {:<8} {:>10}  summary",
        "suite", "result", "duration"
    );
    for o in outcomes {
        let verdict = match o.verdict {
            Verdict::Passed => "passed",
            Verdict::Failed => "FAILED",
            Verdict::Skipped => "skipped",
        };
        let duration = if o.verdict == Verdict::Skipped {
            "-".into()
        } else {
            human_duration(o.duration)
        };
        println!(
            "{:<32} {:<8} {:>10}  {}",
            o.suite, verdict, duration, o.summary
        );
    }
}

/// `4.2 s` under a minute, `3 min 07 s` above.
fn human_duration(d: Duration) -> String {
    let secs = d.as_secs();
    if secs < 60 {
        format!("{:.1} s", d.as_secs_f64())
    } else {
        format!("{} min {:02} s", secs / 60, secs % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_string).collect()
    }

    #[test]
    fn adds_up_every_test_binary() {
        let out = lines(
            "running 3 tests\n\
             test result: ok. 3 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s\n\
             \n\
             test result: FAILED. 10 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out; finished in 1.20s\n",
        );
        assert_eq!(
            cargo_summary(&out),
            "13 passed, 2 failed, 1 ignored (2 test binaries)"
        );
        assert_eq!(cargo_summary(&[]), "no test results (did it compile?)");
    }

    #[test]
    fn keeps_playwright_closing_counts_only() {
        let out = lines(
            "Running 14 tests using 1 worker\n\
             \x20 ✓  1 [public] › public.spec.ts:10:5 › sign in (2.1s)\n\
             \x20 1 failed\n\
             \x20   [agent] › agent.spec.ts:30:5 › enrolment\n\
             \x20 1 flaky\n\
             \x20 12 passed (1.2m)\n",
        );
        assert_eq!(
            playwright_summary(&out),
            "1 failed, 1 flaky, 12 passed (1.2m)"
        );
        assert_eq!(
            playwright_summary(&lines("Error: no tests found")),
            "no Playwright summary"
        );
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(human_duration(Duration::from_millis(4_240)), "4.2 s");
        assert_eq!(human_duration(Duration::from_secs(187)), "3 min 07 s");
    }
}

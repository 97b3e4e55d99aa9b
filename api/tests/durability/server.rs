//! The server, its database and its files, all removed at the end whatever happens.

use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::client::Client;

/// Time for the server to migrate, seed the demo world and answer its health check.
const STARTUP_LIMIT: Duration = Duration::from_secs(60);

/// A directory of this run: the static files the server serves, its log, the SQLite file.
pub struct Workdir {
    path: PathBuf,
}

impl Workdir {
    pub fn new() -> Self {
        let id = uuid::Uuid::new_v4().simple().to_string();
        let path = std::env::temp_dir().join(format!("ned-durability-{id}"));
        for app in ["public", "detainee", "agent"] {
            let d = path.join("static").join(app);
            std::fs::create_dir_all(&d).expect("static dir");
            std::fs::write(
                d.join("index.html"),
                format!("<!doctype html><title>{app}</title>"),
            )
            .expect("index.html");
        }
        Self { path }
    }

    fn log(&self) -> PathBuf {
        self.path.join("server.log")
    }

    /// The end of the server's log, for failure messages.
    fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(self.log()).unwrap_or_default();
        let start = log.len().saturating_sub(4_000);
        let start = (start..log.len())
            .find(|i| log.is_char_boundary(*i))
            .unwrap_or(log.len());
        log[start..].to_string()
    }
}

impl Drop for Workdir {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("server log (end):\n{}", self.log_tail());
        }
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// A fresh database: a SQLite file in the work directory, or a new PostgreSQL database
/// dropped at the end.
pub struct Database {
    pub url: String,
    postgres: Option<(String, String)>,
}

impl Database {
    pub async fn fresh(workdir: &Workdir) -> Self {
        if std::env::var("NED_TEST_BACKEND").as_deref() != Ok("postgres") {
            let path = workdir.path.join("ned.db");
            return Self {
                url: format!("sqlite://{}", path.display()),
                postgres: None,
            };
        }
        let admin_url = std::env::var("NED_TEST_POSTGRES_URL")
            .expect("NED_TEST_BACKEND=postgres needs NED_TEST_POSTGRES_URL");
        let name = format!("ned_test_{}", uuid::Uuid::new_v4().simple());
        use sqlx::Connection;
        let mut c = sqlx::PgConnection::connect(&admin_url)
            .await
            .expect("postgres admin connection");
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut c)
            .await
            .expect("create database");
        let base = admin_url
            .rsplit_once('/')
            .map(|(b, _)| b)
            .unwrap_or(&admin_url);
        Self {
            url: format!("{base}/{name}"),
            postgres: Some((admin_url.clone(), name)),
        }
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        let Some((admin_url, name)) = self.postgres.clone() else {
            return; // the SQLite file goes with the work directory
        };
        // Drop cannot await: a short-lived runtime on another thread removes the database.
        let _ = std::thread::spawn(move || {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            rt.block_on(async {
                use sqlx::Connection;
                if let Ok(mut c) = sqlx::PgConnection::connect(&admin_url).await {
                    let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .execute(&mut c)
                        .await;
                }
            });
        })
        .join();
    }
}

/// The real `ned-api serve`, killed when dropped.
pub struct Server {
    pub child: Arc<Mutex<Child>>,
    pub addr: SocketAddr,
}

impl Server {
    /// Starts the server on a free loopback port and waits until its health check answers 200.
    pub async fn start(workdir: &Workdir, database_url: &str) -> Self {
        let addr = {
            let probe = TcpListener::bind("127.0.0.1:0").expect("a free port");
            probe.local_addr().expect("its address")
        };
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(workdir.log())
            .expect("server log");
        let child = Command::new(env!("CARGO_BIN_EXE_ned-api"))
            .arg("serve")
            .env_clear()
            .env("NED_DATABASE_URL", database_url)
            .env("NED_DEMO_DATA", "true")
            .env("NED_BIND", addr.to_string())
            .env("NED_STATIC_DIR", workdir.path.join("static"))
            .env("NED_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("server log"))
            .stderr(log)
            .spawn()
            .expect("start ned-api serve");
        let server = Self {
            child: Arc::new(Mutex::new(child)),
            addr,
        };
        server.wait_until_healthy(workdir).await;
        server
    }

    async fn wait_until_healthy(&self, workdir: &Workdir) {
        let deadline = Instant::now() + STARTUP_LIMIT;
        let client = Client::new(self.addr);
        loop {
            let exited = lock(&self.child).try_wait().expect("server status");
            if let Some(status) = exited {
                panic!(
                    "ned-api stopped ({status}) before it was ready:\n{}",
                    workdir.log_tail()
                );
            }
            if let Ok(r) = client.get("/api/health").await
                && r.status == 200
            {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "ned-api did not answer its health check within {STARTUP_LIMIT:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub fn kill(&self) {
        kill(&self.child);
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        kill(&self.child);
    }
}

fn lock(child: &Mutex<Child>) -> std::sync::MutexGuard<'_, Child> {
    child
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// SIGKILL (on Unix): no shutdown, no flush, no answer to the requests in flight. Killing a
/// dead server again does nothing.
pub fn kill(child: &Mutex<Child>) {
    let mut child = lock(child);
    let _ = child.kill();
    let _ = child.wait();
}

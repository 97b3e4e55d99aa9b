//! `ned-api [serve]` runs the server; `ned-api seed` migrates and seeds the demo data;
//! `ned-api verify-audit` checks every audit chain and reports each (non-zero exit on any
//! break); `ned-api verify-ledger` checks that every account agrees with its ledger.

use std::net::SocketAddr;
use std::process::ExitCode;

use api::{Config, audit, db::Db, seed};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    init_tracing();
    let command = std::env::args().nth(1).unwrap_or_else(|| "serve".into());
    let result = match command.as_str() {
        "serve" => serve().await,
        "seed" => seed_demo().await,
        "verify-audit" => verify_audit().await,
        "verify-ledger" => verify_ledger().await,
        other => Err(format!(
            "unknown command {other:?}: use serve, seed, verify-audit or verify-ledger"
        )
        .into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e}");
            eprintln!("ned-api: {e}");
            ExitCode::FAILURE
        }
    }
}

type AnyError = Box<dyn std::error::Error + Send + Sync>;

fn init_tracing() {
    let filter = EnvFilter::try_from_env("NED_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    if std::env::var("NED_LOG_FORMAT").as_deref() == Ok("json") {
        builder.json().init();
    } else {
        builder.init();
    }
}

async fn serve() -> Result<(), AnyError> {
    let config = Config::from_env()?;
    let bind = config.bind;
    let state = api::init(config).await?;
    tracing::info!(%bind, backend = state.db.backend.name(), "NED API listening");
    tokio::spawn(sweep_expired_sessions(state.db.clone()));
    tokio::spawn(expire_waitlist_offers(state.db.clone()));
    tokio::spawn(generate_slots_ahead(state.db.clone()));
    tokio::spawn(queue_visit_reminders(state.db.clone()));
    tokio::spawn(close_canteen_windows(state.db.clone()));
    tokio::spawn(api::outbox::sender::run(state.clone()));
    let listener = tokio::net::TcpListener::bind(bind).await?;
    let app = api::router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    Ok(())
}

/// Ctrl-C, or SIGTERM from a service manager: finish the requests in flight, then stop.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

/// Passes on waiting-list offers whose time ran out, every 30 seconds. Safe with several
/// instances: each expiry is claimed by a conditional update.
async fn expire_waitlist_offers(db: Db) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(30));
    loop {
        tick.tick().await;
        if let Err(e) = api::visits::waitlist::expire_offers(&db).await {
            tracing::warn!("waiting-list offers: {e}");
        }
    }
}

/// Locks canteen windows at their close and opens the next ones, every 30 seconds. Safe with
/// several instances: a window is locked by a conditional update, once.
async fn close_canteen_windows(db: Db) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(30));
    loop {
        tick.tick().await;
        match api::canteen::windows::run_due(&db).await {
            Ok(0) => {}
            Ok(n) => tracing::info!("canteen: {n} ordering windows closed"),
            Err(e) => tracing::warn!("canteen windows: {e}"),
        }
    }
}

/// Generates visit slots ahead of each booking window, at start and then hourly.
async fn generate_slots_ahead(db: Db) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        tick.tick().await;
        if let Err(e) = api::visits::setup::generate_ahead(&db).await {
            tracing::warn!("slot generation: {e}");
        }
    }
}

/// Queues the day-before reminders every 15 minutes (each one is sent once: dedupe key).
async fn queue_visit_reminders(db: Db) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(900));
    loop {
        tick.tick().await;
        if let Err(e) = api::visits::reminders::queue_due(&db).await {
            tracing::warn!("visit reminders: {e}");
        }
    }
}

/// Deletes expired sessions every ten minutes. Safe with several instances: a plain DELETE.
async fn sweep_expired_sessions(db: Db) {
    use tower_sessions::session_store::ExpiredDeletion;
    let store = api::sessions::DbSessionStore::new(db);
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(600));
    loop {
        tick.tick().await;
        if let Err(e) = store.delete_expired().await {
            tracing::warn!("session sweep: {e}");
        }
    }
}

async fn seed_demo() -> Result<(), AnyError> {
    let config = Config::from_env()?;
    audit::key::install(config.audit_key.resolve(true)?)?;
    let db = Db::connect(&config.database_url).await?;
    if seed::demo::seed_if_empty(&db).await? {
        println!("Demo data seeded into {}", config.database_url);
    } else {
        println!("{} already holds data: nothing seeded", config.database_url);
    }
    Ok(())
}

/// Checks every chain and prints one line for each; fails when any is broken or truncated.
async fn verify_audit() -> Result<(), AnyError> {
    let config = Config::from_env()?;
    // The key must exist already: a new one would make every chain look rewritten.
    audit::key::install(config.audit_key.resolve(false)?)?;
    let db = Db::connect(&config.database_url).await?;
    let reports = audit::check_all(&db).await?;
    let mut failed = 0;
    for report in &reports {
        println!("{}: {}", report.chain, audit::describe(&report.status));
        if !report.status.is_intact() {
            failed += 1;
        }
    }
    if failed == 0 {
        println!("audit: {} chains intact", reports.len());
        Ok(())
    } else {
        Err(format!(
            "{failed} of {} audit chains failed verification",
            reports.len()
        )
        .into())
    }
}

async fn verify_ledger() -> Result<(), AnyError> {
    let config = Config::from_env()?;
    let db = Db::connect(&config.database_url).await?;
    let found = api::accounts::invariant::violations(&db).await?;
    if found.is_empty() {
        println!("ledger: every account agrees with its entries and its placed orders");
        return Ok(());
    }
    for line in &found {
        println!("{line}");
    }
    Err(format!("{} disagreements in the ledger", found.len()).into())
}

//! Every state change leaves an audit event, in a chain that detects tampering.

use serde_json::json;
use sqlx::Row;

use crate::harness::{TestApp, backend_is_postgres};

async fn actions(app: &TestApp) -> Vec<(String, Option<String>)> {
    sqlx::query("SELECT action, establishment_id FROM audit_events ORDER BY chain, seq")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap()
        .iter()
        .map(|r| {
            (
                r.try_get("action").unwrap(),
                r.try_get("establishment_id").unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn state_changes_are_audited_with_their_establishment() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let mut admin = app.agent("admin.valmont").await;
    admin
        .post(
            &format!("/api/agent/establishments/{valmont}/terminals"),
            json!({"location": "Cellule C-12"}),
        )
        .await;
    admin.delete("/api/agent/session").await;
    app.client()
        .post(
            "/api/public/session",
            json!({"email": "marie.martin@example.fr", "password": "faux"}),
        )
        .await;
    let got = actions(&app).await;
    for expected in [
        "agent.signed_in",
        "agent.signed_out",
        "visitor.sign_in_failed",
        "demo.seeded",
    ] {
        assert!(
            got.iter().any(|(a, _)| a == expected),
            "{expected} missing from {got:?}"
        );
    }
    assert!(got.contains(&("terminal.code_issued".into(), Some(valmont))));
    api::audit::verify_all(&app.state.db)
        .await
        .expect("chains intact");
}

/// What someone with the database's owner rights does first: removes the triggers that keep the
/// log append-only, so that the chain itself has to catch what follows.
async fn drop_audit_triggers(app: &TestApp) {
    let statements: &[&str] = if backend_is_postgres() {
        &[
            "DROP TRIGGER audit_events_no_change ON audit_events",
            "DROP TRIGGER audit_chains_forward_only ON audit_chains",
        ]
    } else {
        &[
            "DROP TRIGGER audit_events_no_update",
            "DROP TRIGGER audit_events_no_delete",
            "DROP TRIGGER audit_chains_no_rewind",
            "DROP TRIGGER audit_chains_no_delete",
        ]
    };
    for statement in statements {
        sqlx::query(statement)
            .execute(&app.state.db.pool)
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn the_database_refuses_to_change_or_delete_audit_events() {
    let app = TestApp::new().await;
    app.agent("admin.valmont").await;
    let before = app.count("audit_events").await;
    let db = &app.state.db.pool;
    let update = sqlx::query(
        "UPDATE audit_events SET actor_id = 'someone-else' WHERE action = 'agent.signed_in'",
    )
    .execute(db)
    .await;
    assert!(update.is_err(), "UPDATE of an audit event accepted");
    let delete = sqlx::query("DELETE FROM audit_events WHERE action = 'agent.signed_in'")
        .execute(db)
        .await;
    assert!(delete.is_err(), "DELETE of an audit event accepted");
    let delete_all = sqlx::query("DELETE FROM audit_events").execute(db).await;
    assert!(delete_all.is_err(), "DELETE of the whole log accepted");
    if backend_is_postgres() {
        let truncate = sqlx::query("TRUNCATE audit_events").execute(db).await;
        assert!(truncate.is_err(), "TRUNCATE of the log accepted");
    }
    // Nor can a chain's head be wound back or removed to hide a truncation.
    let rewind = sqlx::query("UPDATE audit_chains SET seq = seq - 1")
        .execute(db)
        .await;
    assert!(rewind.is_err(), "a chain head was wound back");
    let drop_head = sqlx::query("DELETE FROM audit_chains").execute(db).await;
    assert!(drop_head.is_err(), "a chain head was deleted");
    assert_eq!(app.count("audit_events").await, before);
    let signed_in: i64 = sqlx::query(
        "SELECT COUNT(*) AS n FROM audit_events WHERE action = 'agent.signed_in' \
         AND actor_id <> 'someone-else'",
    )
    .fetch_one(db)
    .await
    .unwrap()
    .try_get("n")
    .unwrap();
    assert_eq!(signed_in, 1);
    api::audit::verify_all(&app.state.db)
        .await
        .expect("chains intact");
}

#[tokio::test]
async fn editing_an_event_is_detected() {
    let app = TestApp::new().await;
    app.agent("admin.valmont").await;
    app.agent("admin.national").await;
    api::audit::verify_all(&app.state.db)
        .await
        .expect("intact before");
    drop_audit_triggers(&app).await;
    sqlx::query(
        "UPDATE audit_events SET actor_id = 'someone-else' WHERE action = 'agent.signed_in'",
    )
    .execute(&app.state.db.pool)
    .await
    .unwrap();
    assert!(api::audit::verify_all(&app.state.db).await.is_err());
}

#[tokio::test]
async fn concurrent_writes_keep_the_chain_linear() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let admin = app.agent("admin.valmont").await;
    let path = format!("/api/agent/establishments/{valmont}/terminals");
    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let mut c = admin.clone();
            let path = path.clone();
            tokio::spawn(async move {
                c.post(&path, json!({"location": format!("Cellule {i}")}))
                    .await
                    .status
            })
        })
        .collect();
    for t in tasks {
        assert_eq!(t.await.unwrap(), axum::http::StatusCode::CREATED);
    }
    let n: i64 =
        sqlx::query("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'terminal.code_issued'")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap()
            .try_get("n")
            .unwrap();
    assert_eq!(n, 20);
    api::audit::verify_all(&app.state.db)
        .await
        .expect("chain intact after concurrent writes");
}

/// The chain holding the most events, with its length.
async fn longest_chain(app: &TestApp) -> (String, i64) {
    let row = sqlx::query(
        "SELECT chain, CAST(COUNT(*) AS BIGINT) AS n FROM audit_events GROUP BY chain \
         ORDER BY COUNT(*) DESC, chain LIMIT 1",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    (row.try_get("chain").unwrap(), row.try_get("n").unwrap())
}

#[tokio::test]
async fn deleting_the_newest_events_is_caught_as_a_truncation() {
    let app = TestApp::new().await;
    app.agent("admin.valmont").await;
    app.agent("admin.national").await;
    let (chain, n) = longest_chain(&app).await;
    assert!(n >= 3, "{chain} has {n} events");
    drop_audit_triggers(&app).await;
    // The newest two events go; what remains still links up from the genesis.
    sqlx::query("DELETE FROM audit_events WHERE chain = $1 AND seq > $2")
        .bind(&chain)
        .bind(n - 2)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let reports = api::audit::check_all(&app.state.db).await.unwrap();
    let mine = reports.iter().find(|r| r.chain == chain).expect("reported");
    assert_eq!(
        mine.status,
        api::audit::ChainStatus::Truncated {
            head: n,
            found: n - 2
        }
    );
    assert!(
        reports
            .iter()
            .filter(|r| r.chain != chain)
            .all(|r| r.status.is_intact()),
        "{reports:?}"
    );
    let err = api::audit::verify_all(&app.state.db).await.unwrap_err();
    assert!(
        err.to_string()
            .contains(&format!("truncated: head says {n}, found {}", n - 2)),
        "{err}"
    );
}

#[derive(sqlx::FromRow)]
struct StoredEvent {
    id: String,
    seq: i64,
    at: i64,
    actor_kind: String,
    actor_id: Option<String>,
    action: String,
    establishment_id: Option<String>,
    target: Option<String>,
    source_ip: Option<String>,
    hash: String,
}

/// What a forger who can write to the database does after editing an event: rehashes the
/// chain from that event (`from`) on with `key` (not the server's) and moves the head to match, so that
/// every link and the head agree. Triggers must be dropped first.
async fn rehash_chain(app: &TestApp, chain: &str, from: i64, key: &api::audit::AuditKey) {
    let db = &app.state.db.pool;
    let events: Vec<StoredEvent> = sqlx::query_as(
        "SELECT id, seq, at, actor_kind, actor_id, action, establishment_id, target, source_ip, \
         hash FROM audit_events WHERE chain = $1 ORDER BY seq",
    )
    .bind(chain)
    .fetch_all(db)
    .await
    .unwrap();
    let mut prev = api::audit::GENESIS.to_owned();
    for e in &events {
        if e.seq < from {
            prev = e.hash.clone();
            continue;
        }
        let fields = api::audit::Fields {
            chain,
            seq: e.seq,
            at: e.at,
            actor_kind: &e.actor_kind,
            actor_id: e.actor_id.as_deref(),
            action: &e.action,
            establishment_id: e.establishment_id.as_deref(),
            target: e.target.as_deref(),
            source_ip: e.source_ip.as_deref(),
        };
        let hash = api::audit::event_hash(key, &prev, &fields);
        sqlx::query("UPDATE audit_events SET prev_hash = $1, hash = $2 WHERE id = $3")
            .bind(&prev)
            .bind(&hash)
            .bind(&e.id)
            .execute(db)
            .await
            .unwrap();
        prev = hash;
    }
    sqlx::query("UPDATE audit_chains SET seq = $1, last_hash = $2 WHERE chain = $3")
        .bind(events.len() as i64)
        .bind(&prev)
        .bind(chain)
        .execute(db)
        .await
        .unwrap();
}

/// Edits the first `agent.signed_in` of `chain` to name someone else; returns its seq.
async fn forge_sign_in(app: &TestApp, chain: &str) -> i64 {
    let seq: i64 = sqlx::query(
        "SELECT MIN(seq) AS seq FROM audit_events WHERE chain = $1 AND action = 'agent.signed_in'",
    )
    .bind(chain)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap()
    .try_get("seq")
    .unwrap();
    sqlx::query("UPDATE audit_events SET actor_id = 'someone-else' WHERE chain = $1 AND seq = $2")
        .bind(chain)
        .bind(seq)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    seq
}

/// The chain an event with `action` was written to.
async fn chain_of(app: &TestApp, action: &str) -> String {
    sqlx::query("SELECT chain FROM audit_events WHERE action = $1 ORDER BY chain LIMIT 1")
        .bind(action)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
        .try_get("chain")
        .unwrap()
}

#[tokio::test]
async fn a_chain_rehashed_without_the_server_key_is_caught() {
    let app = TestApp::new().await;
    app.agent("admin.valmont").await;
    let chain = chain_of(&app, "agent.signed_in").await;
    drop_audit_triggers(&app).await;
    let seq = forge_sign_in(&app, &chain).await;
    let guessed = api::audit::AuditKey::from_bytes(vec![0x42; 32]).unwrap();
    rehash_chain(&app, &chain, seq, &guessed).await;
    let reports = api::audit::check_all(&app.state.db).await.unwrap();
    let forged = reports.iter().find(|r| r.chain == chain).expect("reported");
    // Every link and the head agree, but the edited event's hash is not the server key's.
    assert_eq!(forged.status, api::audit::ChainStatus::Broken { seq });
    // The same forgery done with the server's key would pass: the key is what protects.
    rehash_chain(&app, &chain, seq, api::audit::key::installed().unwrap()).await;
    let reports = api::audit::check_all(&app.state.db).await.unwrap();
    assert!(reports.iter().all(|r| r.status.is_intact()), "{reports:?}");
}

/// Runs `ned-api verify-audit` on the app's database with the tests' audit key; returns its
/// success and what it printed.
fn verify_audit_command(app: &TestApp) -> (bool, String) {
    let key_file = std::env::temp_dir().join("ned-test-audit.key");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ned-api"))
        .arg("verify-audit")
        .env_clear()
        .env("NED_DATABASE_URL", app.database_url())
        .env("NED_AUDIT_KEY_FILE", &key_file)
        .env("NED_LOG", "warn")
        .output()
        .expect("run ned-api verify-audit");
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), printed)
}

#[tokio::test]
async fn verify_audit_reports_every_chain_and_fails_on_any_break() {
    let app = TestApp::new().await;
    // Events on three chains: the national one (sign-ins) and two establishments'.
    for (agent, establishment) in [
        ("admin.valmont", "valmont"),
        ("admin.national", "saint-aubin"),
    ] {
        let id = app.establishment_id(establishment).await;
        let r = app
            .agent(agent)
            .await
            .post(
                &format!("/api/agent/establishments/{id}/terminals"),
                json!({"location": "Cellule A-1"}),
            )
            .await;
        assert_eq!(r.status, axum::http::StatusCode::CREATED, "{:?}", r.json);
    }
    let chains: Vec<String> = api::audit::check_all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.chain)
        .collect();
    assert!(chains.len() >= 3, "{chains:?}");
    let (ok, printed) = verify_audit_command(&app);
    assert!(ok, "{printed}");
    for chain in &chains {
        assert!(printed.contains(&format!("{chain}: ok, ")), "{printed}");
    }

    // Two chains tampered with through a connection that dropped the triggers: an event edited
    // in one (and rehashed without the key), the newest events cut from another.
    let edited = chain_of(&app, "agent.signed_in").await;
    let cut = chains
        .iter()
        .find(|c| **c != edited)
        .expect("another chain")
        .clone();
    drop_audit_triggers(&app).await;
    let seq = forge_sign_in(&app, &edited).await;
    let guessed = api::audit::AuditKey::from_bytes(vec![0x42; 32]).unwrap();
    rehash_chain(&app, &edited, seq, &guessed).await;
    let cut_head: i64 = sqlx::query("SELECT seq FROM audit_chains WHERE chain = $1")
        .bind(&cut)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
        .try_get("seq")
        .unwrap();
    assert!(cut_head >= 1, "{cut} is empty");
    sqlx::query("DELETE FROM audit_events WHERE chain = $1 AND seq > $2")
        .bind(&cut)
        .bind(cut_head - 1)
        .execute(&app.state.db.pool)
        .await
        .unwrap();

    let (ok, printed) = verify_audit_command(&app);
    assert!(!ok, "verify-audit passed a tampered log:\n{printed}");
    assert!(
        printed.contains(&format!("{edited}: broken at seq {seq}")),
        "{printed}"
    );
    assert!(
        printed.contains(&format!(
            "{cut}: truncated: head says {cut_head}, found {}",
            cut_head - 1
        )),
        "{printed}"
    );
    // The others are still reported, and intact.
    for chain in chains.iter().filter(|c| **c != edited && **c != cut) {
        assert!(printed.contains(&format!("{chain}: ok, ")), "{printed}");
    }
    assert!(printed.contains("2 of "), "{printed}");
}

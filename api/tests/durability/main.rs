//! Durability: the real `ned-api` server is killed with SIGKILL in the middle of a burst of
//! money operations (an officer's credits, canteen orders placed, changed and cancelled from
//! tablets), then started again on the same database; three times, each kill falling right
//! after a different kind of success was answered (a credit, an order placed, an order changed
//! or cancelled), while a few dozen other requests are in flight.
//!
//! After each restart: every success the server answered is in the database exactly as
//! answered; every request left without an answer is there whole or not at all; retrying it
//! with its idempotency key posts nothing twice; no order is without lines, no operation
//! without entries; `ned-api verify-ledger` and `ned-api verify-audit` pass.
//!
//! Runs on SQLite by default (a file in WAL mode with `synchronous = NORMAL`: a committed
//! transaction survives the death of the process, which is what this proves, not a power loss)
//! and on PostgreSQL with `NED_TEST_BACKEND=postgres NED_TEST_POSTGRES_URL=…`. Loopback only.
//!
//! The files: `server.rs` (the database, the process, its start and its kill), `client.rs` (the
//! simulated clients' HTTP), `burst.rs` (the workers and the kill trigger) with `credits.rs`
//! and `orders.rs` (what each kind of worker does and records), `checks.rs` (what is checked
//! after each restart), `stored.rs` (reading what the database holds).

mod burst;
mod checks;
mod client;
mod credits;
mod orders;
mod server;
mod stored;

use std::net::SocketAddr;
use std::time::Duration;

use api::db::Db;
use serde_json::json;

use burst::{KillAfter, burst};
use checks::{check_books, check_burst, retry_unanswered};
use client::Client;
use server::{Database, Server, Workdir};

/// The whole scenario, every start of the server included, must end within this.
const SCENARIO_LIMIT: Duration = Duration::from_secs(180);
/// Demo detainees of Valmont who order (registration numbers from 10001).
const DETAINEES: usize = 6;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_killed_server_keeps_every_answered_operation_and_its_books_balanced() {
    tokio::time::timeout(SCENARIO_LIMIT, scenario())
        .await
        .expect("the durability scenario ends within its time limit");
}

async fn scenario() {
    let workdir = Workdir::new();
    let database = Database::fresh(&workdir).await;
    let mut server = Server::start(&workdir, &database.url).await;

    // Sign-ins and the products each detainee may buy, once: the sessions live in the
    // database, so the same cookies keep working across the restarts, as a tablet's would.
    let mut officer = Client::new(server.addr);
    let r = officer
        .post(
            "/api/agent/session",
            json!({"login": "comptes.valmont", "password": "Agent-Demo-2026"}),
        )
        .await
        .expect("officer sign-in answered");
    assert_eq!(r.status, 200, "the accounts officer signs in: {}", r.text);
    let mut detainees = Vec::new();
    for n in 0..DETAINEES {
        detainees.push(Detainee::sign_in(server.addr, &format!("{}", 10001 + n)).await);
    }
    let establishment = detainees[0].establishment_id.clone();
    let db = Db::connect(&database.url)
        .await
        .expect("the test reads the database");

    let mut report = Vec::new();
    for (round, trigger) in [KillAfter::Credit, KillAfter::Place, KillAfter::Change]
        .into_iter()
        .enumerate()
    {
        let burst = burst(
            round,
            trigger,
            &server,
            &officer,
            &detainees,
            &establishment,
        )
        .await;
        // The same database, a new process; the clients follow it to its new port.
        server = Server::start(&workdir, &database.url).await;
        officer.addr = server.addr;
        for d in &mut detainees {
            d.client.addr = server.addr;
        }
        let committed = check_burst(&db, &burst, &detainees).await;
        retry_unanswered(&db, &burst, &officer, &detainees, &establishment).await;
        check_books(&db, &database.url).await;
        report.push(format!(
            "kill {} ({trigger:?}): {} answers, {} credits posted, {} orders placed, {} requests \
             cut short of which {committed} had committed",
            round + 1,
            burst.answered,
            burst.posted(),
            burst.placed(),
            burst.lost()
        ));
    }
    db.pool.close().await;
    eprintln!("durability:\n  {}", report.join("\n  "));
    drop(server);
}

/// A detainee on an enrolled tablet, signed in.
#[derive(Clone)]
pub struct Detainee {
    pub number: String,
    pub id: String,
    establishment_id: String,
    /// The tablet: its terminal credential and the detainee's session.
    pub client: Client,
    /// Cheap products this detainee may buy: id and price.
    pub products: Vec<(String, i64)>,
}

impl Detainee {
    /// Enrols a terminal with the demo code and signs in with the demo PIN.
    async fn sign_in(addr: SocketAddr, number: &str) -> Self {
        let client = Client::new(addr);
        let r = client
            .post("/api/detainee/terminal", json!({"code": "VALMONT-DEMO"}))
            .await
            .expect("enrolment answered");
        assert_eq!(r.status, 200, "terminal enrolment: {}", r.text);
        let me = client
            .post(
                "/api/detainee/session",
                json!({"registration_number": number, "pin": "2468"}),
            )
            .await
            .expect("sign-in answered");
        assert_eq!(me.status, 200, "detainee {number} signs in: {}", me.text);
        let catalogue = client
            .get("/api/detainee/canteen/catalogue")
            .await
            .expect("catalogue answered");
        assert_eq!(catalogue.status, 200, "catalogue: {}", catalogue.text);
        let mut products: Vec<(String, i64)> = catalogue.json["products"]
            .as_array()
            .expect("products")
            .iter()
            .filter(|p| p["max_per_order"].as_i64().unwrap_or(0) >= 2)
            .filter_map(|p| Some((p["id"].as_str()?.to_string(), p["price_cents"].as_i64()?)))
            .filter(|(_, price)| *price <= 400)
            .collect();
        products.sort_by_key(|(_, price)| *price);
        products.truncate(6);
        assert!(products.len() >= 3, "cheap products for {number}");
        Self {
            number: number.to_string(),
            id: me.json["id"].as_str().expect("detainee id").to_string(),
            establishment_id: me.json["establishment"]["id"]
                .as_str()
                .expect("establishment id")
                .to_string(),
            client,
            products,
        }
    }
}

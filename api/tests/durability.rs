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

use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use api::db::Db;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::Notify;

/// The whole scenario, every start of the server included, must end within this.
const SCENARIO_LIMIT: Duration = Duration::from_secs(180);
/// Time for the server to migrate, seed the demo world and answer its health check.
const STARTUP_LIMIT: Duration = Duration::from_secs(60);
/// Time for one burst to reach its kill point.
const BURST_LIMIT: Duration = Duration::from_secs(60);
/// One request's limit; a live server on loopback answers in milliseconds.
const REQUEST_LIMIT: Duration = Duration::from_secs(20);
/// Demo detainees of Valmont who order (registration numbers from 10001).
const DETAINEES: usize = 6;
/// Workers posting credits, each one request after the other.
const CREDIT_WORKERS: usize = 6;
const CREDITS_PER_WORKER: usize = 25;
/// Workers ordering (three per detainee, in the detainee's session), each one request after
/// the other: place, change, every other order cancel.
const ORDER_WORKERS: usize = 18;
const ORDERS_PER_WORKER: usize = 4;
/// Answers a burst gets before its kill point, a third of them to orders.
const KILL_AFTER_ANSWERS: usize = 80;
const KILL_AFTER_ORDER_ANSWERS: usize = 25;

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
        retry_unanswered(&db, &burst, &mut officer, &mut detainees, &establishment).await;
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

/// What one burst did, as its clients saw it.
struct Burst {
    credits: Vec<CreditRecord>,
    chains: Vec<OrderChain>,
    answered: usize,
}

impl Burst {
    fn posted(&self) -> usize {
        self.credits
            .iter()
            .filter(|c| matches!(c.outcome, CreditOutcome::Posted(_)))
            .count()
    }

    fn placed(&self) -> usize {
        self.chains.iter().filter(|c| c.order_id.is_some()).count()
    }

    fn lost(&self) -> usize {
        self.credits
            .iter()
            .filter(|c| matches!(c.outcome, CreditOutcome::Lost))
            .count()
            + self.chains.iter().filter(|c| c.lost.is_some()).count()
    }
}

/// Fires the burst at `server`, which a worker kills the moment it is answered the success
/// that `trigger` names (once enough answers came), and collects what every worker saw.
async fn burst(
    round: usize,
    trigger: KillAfter,
    server: &Server,
    officer: &Client,
    detainees: &[Detainee],
    establishment: &str,
) -> Burst {
    let detainees = Arc::new(detainees.to_vec());
    let progress = Arc::new(Progress::new(trigger, server.child.clone()));
    let mut credit_tasks = Vec::new();
    for w in 0..CREDIT_WORKERS {
        credit_tasks.push(tokio::spawn(credit_worker(
            round,
            officer.clone(),
            w,
            establishment.to_string(),
            detainees.clone(),
            progress.clone(),
        )));
    }
    let mut order_tasks = Vec::new();
    for w in 0..ORDER_WORKERS {
        order_tasks.push(tokio::spawn(order_worker(
            round,
            w,
            detainees.clone(),
            progress.clone(),
        )));
    }
    let killed = tokio::time::timeout(BURST_LIMIT, progress.killed_now.notified()).await;
    // Whatever happened, the server is dead before the workers are awaited.
    server.kill();
    assert!(
        killed.is_ok(),
        "burst {}: no {trigger:?} kill within {BURST_LIMIT:?} ({} answers)",
        round + 1,
        progress.answered.load(Ordering::SeqCst)
    );
    let mut burst = Burst {
        credits: Vec::new(),
        chains: Vec::new(),
        answered: progress.answered.load(Ordering::SeqCst),
    };
    for t in credit_tasks {
        burst.credits.extend(t.await.expect("credit worker"));
    }
    for t in order_tasks {
        burst.chains.extend(t.await.expect("order worker"));
    }
    let unexpected: Vec<&String> = burst
        .credits
        .iter()
        .filter_map(|c| match &c.outcome {
            CreditOutcome::Unexpected(why) => Some(why),
            _ => None,
        })
        .chain(burst.chains.iter().flat_map(|c| c.unexpected.iter()))
        .collect();
    assert!(
        unexpected.is_empty(),
        "burst {}: answers it should never get: {unexpected:#?}",
        round + 1
    );
    assert!(
        burst.posted() > 0 && burst.placed() > 0,
        "burst {}: credits posted ({}) and orders placed ({}) before the kill",
        round + 1,
        burst.posted(),
        burst.placed()
    );
    assert!(
        burst.lost() > 0,
        "burst {}: the kill left requests without an answer",
        round + 1
    );
    burst
}

/// After the restart: every answered success is in the database as answered, every request
/// cut short is there whole or not at all. Returns how many cut-short requests had committed.
async fn check_burst(db: &Db, burst: &Burst, detainees: &[Detainee]) -> usize {
    let mut committed = 0;
    for c in &burst.credits {
        let detainee_id = &detainees[c.detainee].id;
        let found = operation_by_key(db, detainee_id, &c.key).await;
        match (&c.outcome, &found) {
            (CreditOutcome::Posted(id), Some((found_id, sum))) => {
                assert_eq!(found_id, id, "credit {} answered 201 has its id", c.key);
                assert_eq!(*sum, c.amount, "credit {} answered 201 is whole", c.key);
            }
            (CreditOutcome::Posted(id), None) => panic!(
                "credit {} (operation {id}, {} cents) was answered 201 and is not in the database",
                c.key, c.amount
            ),
            (CreditOutcome::Lost, Some((_, sum))) => {
                assert_eq!(
                    *sum, c.amount,
                    "unanswered credit {} is half-written",
                    c.key
                );
                committed += 1;
            }
            _ => {}
        }
    }
    // Every order is in the state of its last answered step, or of the step the kill cut short.
    for chain in &burst.chains {
        let detainee_id = &detainees[chain.detainee].id;
        let found = order_by_key(db, detainee_id, &chain.key).await;
        if let (Some(id), Some((found_id, _))) = (&chain.order_id, &found) {
            assert_eq!(found_id, id, "order {} answered 201 has its id", chain.key);
        }
        let state = found.map(|(_, s)| s);
        let as_answered = state == chain.answered;
        let as_cut = chain
            .lost
            .as_ref()
            .is_some_and(|cut| state.as_ref() == Some(cut));
        assert!(
            as_answered || as_cut,
            "order {} of detainee {} is {state:?} in the database; last answer: {:?}; step cut \
             short by the kill: {:?}",
            chain.key,
            detainees[chain.detainee].number,
            chain.answered,
            chain.lost
        );
        if as_cut && !as_answered {
            committed += 1;
        }
    }
    committed
}

/// Sends again, with the same idempotency keys, every credit and order placement that got no
/// answer, as a client would: what had committed is answered again (200, same id), the rest is
/// done now (or refused), and nothing is posted twice.
async fn retry_unanswered(
    db: &Db,
    burst: &Burst,
    officer: &mut Client,
    detainees: &mut [Detainee],
    establishment: &str,
) {
    for c in burst
        .credits
        .iter()
        .filter(|c| matches!(c.outcome, CreditOutcome::Lost))
    {
        let detainee_id = detainees[c.detainee].id.clone();
        let before = operation_by_key(db, &detainee_id, &c.key).await;
        let r = officer
            .post(
                &format!(
                    "/api/agent/establishments/{establishment}/accounts/{detainee_id}/credits"
                ),
                credit_body(c.amount, &c.key, c.kind),
            )
            .await
            .expect("a retried credit is answered");
        match before {
            Some((id, _)) => {
                assert_eq!(
                    r.status, 200,
                    "retry of committed credit {}: {}",
                    c.key, r.text
                );
                assert_eq!(r.json["operation_id"], id.as_str(), "retry of {}", c.key);
            }
            None => assert_eq!(r.status, 201, "retry of lost credit {}: {}", c.key, r.text),
        }
        let after = operation_by_key(db, &detainee_id, &c.key).await;
        assert_eq!(
            after.map(|(_, sum)| sum),
            Some(c.amount),
            "credit {} posted once, whole",
            c.key
        );
    }
    for chain in burst.chains.iter().filter(|c| c.order_id.is_none()) {
        let Some(cut) = &chain.lost else { continue };
        let detainee = &mut detainees[chain.detainee];
        let before = order_by_key(db, &detainee.id, &chain.key).await;
        let mut body = cut.body();
        body["idempotency_key"] = json!(chain.key);
        let r = detainee
            .client
            .post("/api/detainee/canteen/orders", body)
            .await
            .expect("a retried order is answered");
        match before {
            Some((id, _)) => {
                assert_eq!(
                    r.status, 200,
                    "retry of committed order {}: {}",
                    chain.key, r.text
                );
                assert_eq!(r.json["order"]["id"], id.as_str(), "retry of {}", chain.key);
            }
            None => assert!(
                r.status == 201 || r.status == 409,
                "retry of lost order {}: {} {}",
                chain.key,
                r.status,
                r.text
            ),
        }
        let orders: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM canteen_orders WHERE detainee_id = $1 AND idempotency_key = $2",
        )
        .bind(&detainee.id)
        .bind(&chain.key)
        .fetch_one(&db.pool)
        .await
        .expect("count an order");
        assert!(orders <= 1, "order {} placed twice", chain.key);
    }
}

/// Nothing half-written anywhere, and the operator's tools agree.
async fn check_books(db: &Db, url: &str) {
    let orders_without_lines = count(
        db,
        "SELECT COUNT(*) FROM canteen_orders o WHERE NOT EXISTS \
         (SELECT 1 FROM canteen_order_lines l WHERE l.order_id = o.id)",
    )
    .await;
    assert_eq!(orders_without_lines, 0, "orders without lines");
    let operations_without_entries = count(
        db,
        "SELECT COUNT(*) FROM account_operations op WHERE NOT EXISTS \
         (SELECT 1 FROM ledger_entries e WHERE e.operation_id = op.id)",
    )
    .await;
    assert_eq!(operations_without_entries, 0, "operations without entries");
    let orders_off_their_lines = count(
        db,
        "SELECT COUNT(*) FROM canteen_orders o WHERE o.idempotency_key LIKE 'dur-%' AND \
         o.total_cents <> (SELECT CAST(COALESCE(SUM(l.quantity * l.unit_price_cents), 0) AS BIGINT) \
         FROM canteen_order_lines l WHERE l.order_id = o.id)",
    )
    .await;
    assert_eq!(
        orders_off_their_lines, 0,
        "orders whose total is not their lines'"
    );
    for check in ["verify-ledger", "verify-audit"] {
        let out = Command::new(env!("CARGO_BIN_EXE_ned-api"))
            .arg(check)
            .env_clear()
            .env("NED_DATABASE_URL", url)
            .env("NED_LOG", "warn")
            .output()
            .expect("run the check");
        assert!(
            out.status.success(),
            "ned-api {check} after the crash: {}\n{}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let violations = api::accounts::invariant::violations(db)
        .await
        .expect("ledger check");
    assert!(violations.is_empty(), "ledger invariant: {violations:#?}");
}

// ---------------------------------------------------------------------------------------------
// The burst

/// The success right after which the server is killed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KillAfter {
    Credit,
    Place,
    /// An order changed or cancelled.
    Change,
}

/// Answers counted during a burst, and the kill, done by the worker that got the triggering
/// answer the moment it got it, so that the operation answered last is the most exposed.
struct Progress {
    trigger: KillAfter,
    server: Arc<Mutex<Child>>,
    answered: AtomicUsize,
    order_answers: AtomicUsize,
    killed: AtomicBool,
    killed_now: Notify,
}

impl Progress {
    fn new(trigger: KillAfter, server: Arc<Mutex<Child>>) -> Self {
        Self {
            trigger,
            server,
            answered: AtomicUsize::new(0),
            order_answers: AtomicUsize::new(0),
            killed: AtomicBool::new(false),
            killed_now: Notify::new(),
        }
    }

    /// Counts an answer; `success` names the success it was, if it was one.
    fn answered(&self, order: bool, success: Option<KillAfter>) {
        let orders = if order {
            self.order_answers.fetch_add(1, Ordering::SeqCst) + 1
        } else {
            self.order_answers.load(Ordering::SeqCst)
        };
        let all = self.answered.fetch_add(1, Ordering::SeqCst) + 1;
        if success == Some(self.trigger)
            && all >= KILL_AFTER_ANSWERS
            && orders >= KILL_AFTER_ORDER_ANSWERS
            && !self.killed.swap(true, Ordering::SeqCst)
        {
            kill(&self.server);
            self.killed_now.notify_one();
        }
    }
}

#[derive(Clone)]
struct Detainee {
    number: String,
    id: String,
    establishment_id: String,
    client: Client,
    /// Cheap products this detainee may buy: id and price.
    products: Vec<(String, i64)>,
}

impl Detainee {
    /// Enrols a terminal with the demo code and signs in with the demo PIN.
    async fn sign_in(addr: SocketAddr, number: &str) -> Self {
        let mut client = Client::new(addr);
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

#[derive(Clone, Copy)]
enum Kind {
    Allowance,
    Wages,
    FamilyTransfer,
}

fn credit_body(amount: i64, key: &str, kind: Kind) -> Value {
    let kind = match kind {
        Kind::Allowance => "allowance",
        Kind::Wages => "wages",
        Kind::FamilyTransfer => "family_transfer",
    };
    json!({"kind": kind, "amount_cents": amount, "label": "", "idempotency_key": key})
}

enum CreditOutcome {
    /// Answered 201 with this operation id.
    Posted(String),
    /// Sent, never answered: the server died.
    Lost,
    /// Anything else, a failure of the test.
    Unexpected(String),
}

struct CreditRecord {
    detainee: usize,
    key: String,
    amount: i64,
    kind: Kind,
    outcome: CreditOutcome,
}

/// Credits to the detainees in turn, one after the other, until the server stops answering.
async fn credit_worker(
    round: usize,
    mut officer: Client,
    w: usize,
    establishment: String,
    detainees: Arc<Vec<Detainee>>,
    progress: Arc<Progress>,
) -> Vec<CreditRecord> {
    let mut records = Vec::new();
    for i in 0..CREDITS_PER_WORKER {
        let detainee = (w + i) % detainees.len();
        let amount = 500 + ((w * 37 + i * 113) % 40) as i64 * 100;
        let kind = [Kind::Allowance, Kind::Wages, Kind::FamilyTransfer][(w + i) % 3];
        let key = format!("dur-{round}-credit-{w}-{i}");
        let url = format!(
            "/api/agent/establishments/{establishment}/accounts/{}/credits",
            detainees[detainee].id
        );
        let answer = officer.post(&url, credit_body(amount, &key, kind)).await;
        let outcome = match answer {
            Err(_) => CreditOutcome::Lost,
            Ok(r) if r.status == 201 => match r.json["operation_id"].as_str() {
                Some(id) => CreditOutcome::Posted(id.to_string()),
                None => CreditOutcome::Unexpected(format!("{key}: 201 without an id: {}", r.text)),
            },
            Ok(r) => CreditOutcome::Unexpected(format!("{key}: {} {}", r.status, r.text)),
        };
        let stop = !matches!(outcome, CreditOutcome::Posted(_));
        match outcome {
            CreditOutcome::Posted(_) => progress.answered(false, Some(KillAfter::Credit)),
            CreditOutcome::Unexpected(_) => progress.answered(false, None),
            CreditOutcome::Lost => {}
        }
        records.push(CreditRecord {
            detainee,
            key,
            amount,
            kind,
            outcome,
        });
        if stop {
            break;
        }
    }
    records
}

/// What an order looks like in the database: status, total, lines (product, quantity, price).
#[derive(Debug, Clone, PartialEq, Eq)]
struct OrderState {
    status: String,
    total: i64,
    lines: Vec<(String, i64, i64)>,
}

impl OrderState {
    fn placed(products: &[(String, i64)], picks: &[(usize, i64)]) -> Self {
        let mut lines: Vec<(String, i64, i64)> = picks
            .iter()
            .map(|&(i, q)| (products[i].0.clone(), q, products[i].1))
            .collect();
        lines.sort();
        Self {
            status: "placed".into(),
            total: lines.iter().map(|(_, q, p)| q * p).sum(),
            lines,
        }
    }

    fn body(&self) -> Value {
        let lines: Vec<Value> = self
            .lines
            .iter()
            .map(|(p, q, _)| json!({"product_id": p, "quantity": q}))
            .collect();
        json!({ "lines": lines })
    }
}

/// One order's life in the burst.
struct OrderChain {
    detainee: usize,
    key: String,
    /// Its id, once placing it was answered 201.
    order_id: Option<String>,
    /// The state after the last answered step (None: not placed).
    answered: Option<OrderState>,
    /// The state the step cut short by the kill would have left (None: nothing cut short).
    lost: Option<OrderState>,
    unexpected: Vec<String>,
}

/// A step after placing: new lines, or the cancel (from whatever the lines then are).
enum Change {
    Lines(OrderState),
    Cancel,
}

/// What became of one step.
enum Step {
    Done(Value),
    /// A refusal that changes nothing (not enough money, the week closed).
    Refused,
    Lost,
    Unexpected(String),
}

async fn step(
    client: &mut Client,
    progress: &Progress,
    method: &str,
    path: &str,
    body: Option<Value>,
    success: (u16, KillAfter),
) -> Step {
    match client.send(method, path, body.as_ref()).await {
        Err(_) => Step::Lost,
        Ok(r) if r.status == success.0 => {
            progress.answered(true, Some(success.1));
            Step::Done(r.json)
        }
        Ok(r) => {
            progress.answered(true, None);
            if r.status == 409 {
                Step::Refused
            } else {
                Step::Unexpected(format!("{method} {path}: {} {}", r.status, r.text))
            }
        }
    }
}

/// Orders for one detainee (several workers share each detainee's session, as a tablet sending
/// again would): place, change, and every other one cancel, until the server stops answering.
async fn order_worker(
    round: usize,
    w: usize,
    detainees: Arc<Vec<Detainee>>,
    progress: Arc<Progress>,
) -> Vec<OrderChain> {
    let detainee = w % detainees.len();
    let mut client = detainees[detainee].client.clone();
    let products = &detainees[detainee].products;
    let n = products.len();
    let mut chains = Vec::new();
    for c in 0..ORDERS_PER_WORKER {
        let (a, b, d) = ((w + c) % n, (w + c + 1) % n, (w + c + 2) % n);
        let key = format!("dur-{round}-order-{w}-{c}");
        let mut chain = OrderChain {
            detainee,
            key: key.clone(),
            order_id: None,
            answered: None,
            lost: None,
            unexpected: Vec::new(),
        };
        let placing = OrderState::placed(products, &[(a, 1), (b, 1)]);
        let mut body = placing.body();
        body["idempotency_key"] = json!(key);
        let place = step(
            &mut client,
            &progress,
            "POST",
            "/api/detainee/canteen/orders",
            Some(body),
            (201, KillAfter::Place),
        )
        .await;
        let mut changes = Vec::new();
        match place {
            Step::Done(json) => match json["order"]["id"].as_str() {
                Some(id) => {
                    chain.order_id = Some(id.to_string());
                    if json["order"]["total_cents"].as_i64() != Some(placing.total) {
                        chain
                            .unexpected
                            .push(format!("{key}: placed at another total: {json}"));
                    }
                    chain.answered = Some(placing);
                    changes.push(Change::Lines(match c % 3 {
                        0 => OrderState::placed(products, &[(a, 2)]),
                        1 => OrderState::placed(products, &[(a, 1), (b, 2), (d, 1)]),
                        _ => OrderState::placed(products, &[(b, 1), (d, 2)]),
                    }));
                    if c % 2 == 0 {
                        changes.push(Change::Cancel);
                    }
                }
                None => chain.unexpected.push(format!("{key}: 201 without an id")),
            },
            Step::Refused => {}
            Step::Lost => {
                chain.lost = Some(placing);
                chains.push(chain);
                return chains;
            }
            Step::Unexpected(why) => chain.unexpected.push(why),
        }
        for change in changes {
            let (Some(id), Some(current)) = (&chain.order_id, chain.answered.clone()) else {
                break;
            };
            let path = format!("/api/detainee/canteen/orders/{id}");
            let (method, path, body, next) = match change {
                Change::Lines(next) => ("PUT", path, Some(next.body()), next),
                Change::Cancel => (
                    "POST",
                    format!("{path}/cancel"),
                    None,
                    OrderState {
                        status: "cancelled".into(),
                        ..current
                    },
                ),
            };
            let success = (200, KillAfter::Change);
            match step(&mut client, &progress, method, &path, body, success).await {
                Step::Done(_) => chain.answered = Some(next),
                Step::Refused => {}
                Step::Lost => {
                    chain.lost = Some(next);
                    chains.push(chain);
                    return chains;
                }
                Step::Unexpected(why) => {
                    chain.unexpected.push(why);
                    break;
                }
            }
        }
        let stop = !chain.unexpected.is_empty();
        chains.push(chain);
        if stop {
            break;
        }
    }
    chains
}

// ---------------------------------------------------------------------------------------------
// Reading the database

async fn count(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&db.pool)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// The operation posted under `key` for this detainee: its id and the sum of its entries.
async fn operation_by_key(db: &Db, detainee_id: &str, key: &str) -> Option<(String, i64)> {
    let id: Option<String> = sqlx::query_scalar(
        "SELECT id FROM account_operations WHERE detainee_id = $1 AND idempotency_key = $2",
    )
    .bind(detainee_id)
    .bind(key)
    .fetch_optional(&db.pool)
    .await
    .expect("read an operation");
    let id = id?;
    let sum: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(amount_cents), 0) AS BIGINT) FROM ledger_entries \
         WHERE operation_id = $1",
    )
    .bind(&id)
    .fetch_one(&db.pool)
    .await
    .expect("sum an operation's entries");
    Some((id, sum))
}

/// The order placed under `key` for this detainee: its id and state.
async fn order_by_key(db: &Db, detainee_id: &str, key: &str) -> Option<(String, OrderState)> {
    use sqlx::Row;
    let row = sqlx::query(
        "SELECT id, status, total_cents FROM canteen_orders \
         WHERE detainee_id = $1 AND idempotency_key = $2",
    )
    .bind(detainee_id)
    .bind(key)
    .fetch_optional(&db.pool)
    .await
    .expect("read an order")?;
    let id: String = row.try_get("id").expect("id");
    let mut lines = Vec::new();
    for l in sqlx::query(
        "SELECT product_id, quantity, unit_price_cents FROM canteen_order_lines \
         WHERE order_id = $1",
    )
    .bind(&id)
    .fetch_all(&db.pool)
    .await
    .expect("read an order's lines")
    {
        lines.push((
            l.try_get("product_id").expect("product_id"),
            l.try_get("quantity").expect("quantity"),
            l.try_get("unit_price_cents").expect("unit_price_cents"),
        ));
    }
    lines.sort();
    let state = OrderState {
        status: row.try_get("status").expect("status"),
        total: row.try_get("total_cents").expect("total_cents"),
        lines,
    };
    Some((id, state))
}

// ---------------------------------------------------------------------------------------------
// The server, its database and its files, all removed at the end whatever happens

/// A directory of this run: the static files the server serves, its log, the SQLite file.
struct Workdir {
    path: PathBuf,
}

impl Workdir {
    fn new() -> Self {
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
struct Database {
    url: String,
    postgres: Option<(String, String)>,
}

impl Database {
    async fn fresh(workdir: &Workdir) -> Self {
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
struct Server {
    child: Arc<Mutex<Child>>,
    addr: SocketAddr,
}

impl Server {
    /// Starts the server on a free loopback port and waits until its health check answers 200.
    async fn start(workdir: &Workdir, database_url: &str) -> Self {
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
        loop {
            let exited = lock(&self.child).try_wait().expect("server status");
            if let Some(status) = exited {
                panic!(
                    "ned-api stopped ({status}) before it was ready:\n{}",
                    workdir.log_tail()
                );
            }
            if let Ok(r) = Client::new(self.addr).get("/api/health").await
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

    fn kill(&self) {
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
fn kill(child: &Mutex<Child>) {
    let mut child = lock(child);
    let _ = child.kill();
    let _ = child.wait();
}

// ---------------------------------------------------------------------------------------------
// A small HTTP/1.1 client over loopback: one connection per request, cookies kept like a
// browser's, same-origin fetch metadata on every request.

#[derive(Clone)]
struct Client {
    addr: SocketAddr,
    /// Name, value, path.
    cookies: Vec<(String, String, String)>,
}

#[derive(Debug)]
struct Answer {
    status: u16,
    json: Value,
    text: String,
}

impl Client {
    fn new(addr: SocketAddr) -> Self {
        Self {
            addr,
            cookies: Vec::new(),
        }
    }

    async fn get(&mut self, path: &str) -> Result<Answer, String> {
        self.send("GET", path, None).await
    }

    async fn post(&mut self, path: &str, body: Value) -> Result<Answer, String> {
        self.send("POST", path, Some(&body)).await
    }

    /// The answer, or why there was none (the server is gone, or it took too long).
    async fn send(
        &mut self,
        method: &str,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Answer, String> {
        tokio::time::timeout(REQUEST_LIMIT, self.exchange(method, path, body))
            .await
            .map_err(|_| format!("no answer within {REQUEST_LIMIT:?}"))?
    }

    async fn exchange(
        &mut self,
        method: &str,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Answer, String> {
        let body = body.map(Value::to_string).unwrap_or_default();
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nhost: {}\r\nconnection: close\r\n\
             accept: application/json\r\nsec-fetch-site: same-origin\r\ncontent-length: {}\r\n",
            self.addr,
            body.len()
        );
        if !body.is_empty() {
            head.push_str("content-type: application/json\r\n");
        }
        let cookies: Vec<String> = self
            .cookies
            .iter()
            .filter(|(_, _, p)| path.starts_with(p.as_str()))
            .map(|(n, v, _)| format!("{n}={v}"))
            .collect();
        if !cookies.is_empty() {
            head.push_str(&format!("cookie: {}\r\n", cookies.join("; ")));
        }
        head.push_str("\r\n");
        let mut stream = TcpStream::connect(self.addr)
            .await
            .map_err(|e| format!("connect: {e}"))?;
        stream
            .write_all(format!("{head}{body}").as_bytes())
            .await
            .map_err(|e| format!("send: {e}"))?;
        let mut raw = Vec::new();
        stream
            .read_to_end(&mut raw)
            .await
            .map_err(|e| format!("receive: {e}"))?;
        let (status, headers, body) = parse_response(&raw)?;
        for (name, value) in &headers {
            if name == "set-cookie" {
                self.store_cookie(value);
            }
        }
        let text = String::from_utf8_lossy(&body).into_owned();
        let json = serde_json::from_slice(&body).unwrap_or(Value::Null);
        Ok(Answer { status, json, text })
    }

    fn store_cookie(&mut self, set_cookie: &str) {
        let mut parts = set_cookie.split(';');
        let Some((name, value)) = parts.next().and_then(|p| p.trim().split_once('=')) else {
            return;
        };
        let mut path = "/".to_string();
        let mut expired = false;
        for attr in parts.map(str::trim) {
            if let Some(p) = attr.strip_prefix("Path=") {
                path = p.to_string();
            }
            if attr == "Max-Age=0" || attr.starts_with("Expires=Thu, 01 Jan 1970") {
                expired = true;
            }
        }
        self.cookies.retain(|(n, _, _)| n != name);
        if !expired {
            self.cookies
                .push((name.to_string(), value.to_string(), path));
        }
    }
}

type Parsed = (u16, Vec<(String, String)>, Vec<u8>);

/// Status, headers (lower-case names) and body of a complete response; an error for a
/// response cut short, which is how a killed server's answers look.
fn parse_response(raw: &[u8]) -> Result<Parsed, String> {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| format!("incomplete response ({} bytes)", raw.len()))?;
    let head = std::str::from_utf8(&raw[..end]).map_err(|e| format!("head: {e}"))?;
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("bad status line in {head:?}"))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let rest = &raw[end + 4..];
    let body = if header("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        dechunk(rest)?
    } else if let Some(len) = header("content-length") {
        let len: usize = len.parse().map_err(|e| format!("content-length: {e}"))?;
        rest.get(..len)
            .ok_or_else(|| format!("body cut short ({} of {len} bytes)", rest.len()))?
            .to_vec()
    } else {
        rest.to_vec()
    };
    Ok((status, headers, body))
}

fn dechunk(mut rest: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    loop {
        let line_end = rest
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or("chunked body cut short")?;
        let size = std::str::from_utf8(&rest[..line_end])
            .ok()
            .and_then(|s| usize::from_str_radix(s.split(';').next()?.trim(), 16).ok())
            .ok_or("bad chunk size")?;
        rest = &rest[line_end + 2..];
        if size == 0 {
            return Ok(out);
        }
        let chunk = rest.get(..size).ok_or("chunk cut short")?;
        out.extend_from_slice(chunk);
        rest = rest.get(size + 2..).ok_or("chunk cut short")?;
    }
}

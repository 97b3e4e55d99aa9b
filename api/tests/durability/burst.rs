//! The burst: credit and order workers firing at the server until it dies, the answers they
//! count, and the kill, done by the worker that got the triggering answer.

use std::process::Child;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Notify;

use crate::Detainee;
use crate::client::Client;
use crate::credits::{CreditOutcome, CreditRecord, credit_worker};
use crate::orders::{OrderChain, order_worker};
use crate::server::{self, Server};

/// Time for one burst to reach its kill point.
const BURST_LIMIT: Duration = Duration::from_secs(60);
/// Workers posting credits, each one request after the other.
const CREDIT_WORKERS: usize = 6;
/// Workers ordering (three per detainee, in the detainee's session), each one request after
/// the other: place, change, every other order cancel.
const ORDER_WORKERS: usize = 18;
/// Answers a burst gets before its kill point, a third of them to orders.
const KILL_AFTER_ANSWERS: usize = 80;
const KILL_AFTER_ORDER_ANSWERS: usize = 25;

/// What one burst did, as its clients saw it.
pub struct Burst {
    pub credits: Vec<CreditRecord>,
    pub chains: Vec<OrderChain>,
    pub answered: usize,
}

impl Burst {
    pub fn posted(&self) -> usize {
        self.credits
            .iter()
            .filter(|c| matches!(c.outcome, CreditOutcome::Posted(_)))
            .count()
    }

    pub fn placed(&self) -> usize {
        self.chains.iter().filter(|c| c.order_id.is_some()).count()
    }

    pub fn lost(&self) -> usize {
        self.credits
            .iter()
            .filter(|c| matches!(c.outcome, CreditOutcome::Lost))
            .count()
            + self.chains.iter().filter(|c| c.lost.is_some()).count()
    }
}

/// Fires the burst at `server`, which a worker kills the moment it is answered the success
/// that `trigger` names (once enough answers came), and collects what every worker saw.
pub async fn burst(
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

/// The success right after which the server is killed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KillAfter {
    Credit,
    Place,
    /// An order changed or cancelled.
    Change,
}

/// Answers counted during a burst, and the kill, done by the worker that got the triggering
/// answer the moment it got it, so that the operation answered last is the most exposed.
pub struct Progress {
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
    pub fn answered(&self, order: bool, success: Option<KillAfter>) {
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
            server::kill(&self.server);
            self.killed_now.notify_one();
        }
    }
}

//! The order workers: a detainee's orders placed, changed and cancelled from the tablet, and
//! the state each order should be in.

use std::sync::Arc;

use reqwest::Method;
use serde_json::{Value, json};

use crate::Detainee;
use crate::burst::{KillAfter, Progress};
use crate::client::Client;

/// Orders each worker places (then changes, every other one cancels), one request after the
/// other, if the server lives that long.
const ORDERS_PER_WORKER: usize = 4;

/// What an order looks like in the database: status, total, lines (product, quantity, price).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderState {
    pub status: String,
    pub total: i64,
    pub lines: Vec<(String, i64, i64)>,
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

    pub fn body(&self) -> Value {
        let lines: Vec<Value> = self
            .lines
            .iter()
            .map(|(p, q, _)| json!({"product_id": p, "quantity": q}))
            .collect();
        json!({ "lines": lines })
    }
}

/// One order's life in the burst.
pub struct OrderChain {
    /// Index of the detainee ordering.
    pub detainee: usize,
    pub key: String,
    /// Its id, once placing it was answered 201.
    pub order_id: Option<String>,
    /// The state after the last answered step (None: not placed).
    pub answered: Option<OrderState>,
    /// The state the step cut short by the kill would have left (None: nothing cut short).
    pub lost: Option<OrderState>,
    /// Answers the test should never get.
    pub unexpected: Vec<String>,
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
    client: &Client,
    progress: &Progress,
    method: Method,
    path: &str,
    body: Option<Value>,
    success: (u16, KillAfter),
) -> Step {
    match client.send(method.clone(), path, body.as_ref()).await {
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
pub async fn order_worker(
    round: usize,
    w: usize,
    detainees: Arc<Vec<Detainee>>,
    progress: Arc<Progress>,
) -> Vec<OrderChain> {
    let detainee = w % detainees.len();
    let client = detainees[detainee].client.clone();
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
            &client,
            &progress,
            Method::POST,
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
                Change::Lines(next) => (Method::PUT, path, Some(next.body()), next),
                Change::Cancel => (
                    Method::POST,
                    format!("{path}/cancel"),
                    None,
                    OrderState {
                        status: "cancelled".into(),
                        ..current
                    },
                ),
            };
            let success = (200, KillAfter::Change);
            match step(&client, &progress, method, &path, body, success).await {
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

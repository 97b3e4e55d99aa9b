//! The outbox: messages commit with the change that causes them, are never duplicated, are
//! delivered by exactly one sender, and are readable in the console by visits managers only.

use std::collections::HashSet;

use api::outbox::sender::{self, AfterFailure, Delivery};
use api::outbox::{self, Attachment, Channel, MAX_ATTEMPTS, MessageKind, NewMessage};
use axum::http::StatusCode;
use sqlx::Row;

use crate::harness::TestApp;

fn message<'a>(establishment_id: Option<&'a str>, recipient: &'a str) -> NewMessage<'a> {
    NewMessage {
        establishment_id,
        channel: Channel::Email,
        recipient,
        kind: MessageKind::BookingConfirmed,
        subject: "Votre parloir est confirmé",
        body: "Bonjour,\nvotre parloir du 12 mars à 14 h est confirmé.",
        attachment: Some(Attachment {
            name: "parloir.ics",
            content: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
        }),
        dedupe_key: None,
    }
}

async fn enqueue(app: &TestApp, msg: NewMessage<'_>) {
    let mut tx = app.state.db.begin().await.expect("begin");
    outbox::enqueue(&mut tx, msg).await.expect("enqueue");
    tx.commit().await.expect("commit");
}

#[tokio::test]
async fn a_rolled_back_change_sends_nothing() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let mut tx = app.state.db.begin().await.expect("begin");
    outbox::enqueue(&mut tx, message(Some(&valmont), "marie.martin@example.fr"))
        .await
        .expect("enqueue");
    tx.rollback().await.expect("rollback");
    assert_eq!(app.count("outbox").await, 0);
}

#[tokio::test]
async fn a_job_that_runs_twice_queues_one_message() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let key = "reminder:booking-1";
    for _ in 0..2 {
        enqueue(
            &app,
            NewMessage {
                kind: MessageKind::VisitReminder,
                dedupe_key: Some(key),
                ..message(Some(&valmont), "marie.martin@example.fr")
            },
        )
        .await;
    }
    // Without a key, two messages are two messages.
    enqueue(&app, message(Some(&valmont), "marie.martin@example.fr")).await;
    enqueue(&app, message(Some(&valmont), "marie.martin@example.fr")).await;
    assert_eq!(app.count("outbox").await, 3);
}

#[tokio::test]
async fn two_senders_never_claim_the_same_message() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    for i in 0..30 {
        let recipient = format!("proche{i}@example.fr");
        enqueue(&app, message(Some(&valmont), &recipient)).await;
    }
    let now = api::db::now();
    let mut tasks = Vec::new();
    for _ in 0..4 {
        let db = app.state.db.clone();
        tasks.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            loop {
                let batch = sender::claim(&db, &[Channel::Email], now, 4)
                    .await
                    .expect("claim");
                if batch.is_empty() {
                    return mine;
                }
                mine.extend(batch.into_iter().map(|c| c.id));
            }
        }));
    }
    let mut seen = HashSet::new();
    let mut total = 0;
    for t in tasks {
        for id in t.await.expect("task") {
            total += 1;
            assert!(seen.insert(id.clone()), "{id} claimed twice");
        }
    }
    assert_eq!(total, 30, "every message claimed once");
    // While the leases run, nobody gets them again; once they expire, they are claimable.
    let again = sender::claim(&app.state.db, &[Channel::Email], now + 1, 100).await;
    assert!(again.expect("claim").is_empty());
    let later = now + sender::LEASE_SECONDS + 1;
    let again = sender::claim(&app.state.db, &[Channel::Email], later, 100).await;
    assert_eq!(again.expect("claim").len(), 30);
}

#[tokio::test]
async fn failures_back_off_then_give_up_and_sent_messages_stay_sent() {
    let app = TestApp::new().await;
    let db = &app.state.db;
    let valmont = app.establishment_id("valmont").await;
    enqueue(&app, message(Some(&valmont), "marie.martin@example.fr")).await;
    let mut now = api::db::now();
    for _ in 0..MAX_ATTEMPTS {
        let claimed = sender::claim(db, &[Channel::Email], now, 10)
            .await
            .expect("claim");
        assert_eq!(claimed.len(), 1);
        let outcome = sender::after_failure(claimed[0].attempts, false, now);
        sender::record_failure(db, &claimed[0].id, outcome, "SMTP : connexion refusée")
            .await
            .expect("failure");
        if let AfterFailure::Retry { at, .. } = outcome {
            // Not before the backoff has passed.
            let early = sender::claim(db, &[Channel::Email], at - 1, 10).await;
            assert!(early.expect("claim").is_empty());
            now = at + 1;
        }
    }
    let given_up = sender::claim(db, &[Channel::Email], now + 86_400, 10).await;
    assert!(given_up.expect("claim").is_empty(), "failed for good");
    let mut admin = app.agent("admin.national").await;
    let r = admin.get("/api/agent/outbox").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json[0]["status"], "failed");
    assert_eq!(r.json[0]["attempts"], MAX_ATTEMPTS);
    assert_eq!(r.json[0]["note"], "SMTP : connexion refusée");

    enqueue(&app, message(Some(&valmont), "jean.martin@example.fr")).await;
    let claimed = sender::claim(db, &[Channel::Email], now, 10)
        .await
        .expect("claim");
    assert_eq!(claimed.len(), 1);
    sender::mark_sent(db, &claimed[0].id, now, None)
        .await
        .expect("sent");
    let later = now + sender::LEASE_SECONDS * 10;
    let again = sender::claim(db, &[Channel::Email], later, 10).await;
    assert!(again.expect("claim").is_empty(), "sent once only");
}

#[tokio::test]
async fn without_smtp_messages_stay_pending_for_the_console() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    enqueue(&app, message(Some(&valmont), "marie.martin@example.fr")).await;
    enqueue(
        &app,
        NewMessage {
            channel: Channel::Sms,
            recipient: "+33612345678",
            attachment: None,
            ..message(Some(&valmont), "")
        },
    )
    .await;
    assert!(app.state.config.smtp_url.is_none());
    let delivery = Delivery::from_config(&app.state.config).expect("delivery");
    let delivered = sender::deliver_pending(&app.state.db, &delivery).await;
    assert_eq!(delivered.expect("pass"), 0);
    let rows = sqlx::query("SELECT sent_at, attempts, lease_until FROM outbox")
        .fetch_all(&app.state.db.pool)
        .await
        .expect("rows");
    for r in &rows {
        assert_eq!(
            r.try_get::<Option<i64>, _>("sent_at").expect("sent_at"),
            None
        );
        assert_eq!(r.try_get::<i64, _>("attempts").expect("attempts"), 0);
        assert_eq!(
            r.try_get::<Option<i64>, _>("lease_until").expect("lease"),
            None
        );
    }
    let mut officer = app.agent("parloirs.valmont").await;
    let r = officer.get("/api/agent/outbox").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let list = r.json.as_array().expect("list");
    assert_eq!(list.len(), 2);
    for m in list {
        assert_eq!(m["status"], "pending");
        assert_eq!(m["held"], true);
    }
    let email = list
        .iter()
        .find(|m| m["channel"] == "email")
        .expect("email");
    assert_eq!(email["kind"], "booking_confirmed");
    assert_eq!(email["attachment_name"], "parloir.ics");
    assert!(
        email["body"]
            .as_str()
            .is_some_and(|b| b.contains("12 mars"))
    );
}

#[tokio::test]
async fn sms_are_logged_and_marked_sent_when_asked() {
    let app = TestApp::with_env(&[("NED_SMS_LOG_ONLY", "true")]).await;
    let valmont = app.establishment_id("valmont").await;
    enqueue(
        &app,
        NewMessage {
            channel: Channel::Sms,
            recipient: "+33612345678",
            attachment: None,
            ..message(Some(&valmont), "")
        },
    )
    .await;
    enqueue(&app, message(Some(&valmont), "marie.martin@example.fr")).await;
    let delivery = Delivery::from_config(&app.state.config).expect("delivery");
    let delivered = sender::deliver_pending(&app.state.db, &delivery).await;
    assert_eq!(delivered.expect("pass"), 1);
    let mut officer = app.agent("parloirs.valmont").await;
    let r = officer.get("/api/agent/outbox").await;
    let list = r.json.as_array().expect("list");
    let sms = list.iter().find(|m| m["channel"] == "sms").expect("sms");
    assert_eq!(sms["status"], "sent");
    assert_eq!(sms["note"], sender::SMS_LOGGED_NOTE);
    let email = list
        .iter()
        .find(|m| m["channel"] == "email")
        .expect("email");
    assert_eq!(email["status"], "pending");
    assert_eq!(email["held"], true);
}

#[tokio::test]
async fn the_console_shows_each_agent_only_their_establishments() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let saint_aubin = app.establishment_id("saint-aubin").await;
    enqueue(&app, message(Some(&valmont), "a.valmont@example.fr")).await;
    enqueue(&app, message(Some(&saint_aubin), "b.staubin@example.fr")).await;
    enqueue(
        &app,
        NewMessage {
            kind: MessageKind::EmailConfirmation,
            attachment: None,
            ..message(None, "c.compte@example.fr")
        },
    )
    .await;
    let recipients = |json: &serde_json::Value| -> Vec<String> {
        json.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|m| m["recipient"].as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };

    let mut officer = app.agent("parloirs.valmont").await;
    let r = officer.get("/api/agent/outbox").await;
    assert_eq!(recipients(&r.json), ["a.valmont@example.fr"]);
    let r = officer
        .get(&format!("/api/agent/outbox?establishment_id={valmont}"))
        .await;
    assert_eq!(recipients(&r.json), ["a.valmont@example.fr"]);
    let r = officer
        .get(&format!("/api/agent/outbox?establishment_id={saint_aubin}"))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.is_problem());

    let mut teacher = app.agent("enseignant.valmont").await;
    for path in [
        "/api/agent/outbox".to_string(),
        format!("/api/agent/outbox?establishment_id={valmont}"),
    ] {
        let r = teacher.get(&path).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}");
    }

    // Newest first; account messages (no establishment) for national administrators only.
    let mut national = app.agent("admin.national").await;
    let r = national.get("/api/agent/outbox").await;
    assert_eq!(
        recipients(&r.json),
        [
            "c.compte@example.fr",
            "b.staubin@example.fr",
            "a.valmont@example.fr"
        ]
    );
    let r = national.get("/api/agent/outbox?limit=1").await;
    assert_eq!(recipients(&r.json), ["c.compte@example.fr"]);
    for bad in ["0", "201", "beaucoup"] {
        let r = national
            .get(&format!("/api/agent/outbox?limit={bad}"))
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "limit={bad}");
        assert!(r.is_problem());
    }
}

/// A one-connection-at-a-time SMTP server on localhost that records each message's DATA and
/// answers RCPT with `rcpt_reply`.
async fn fake_smtp(
    rcpt_reply: &'static str,
) -> (u16, tokio::sync::mpsc::UnboundedReceiver<String>) {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let (sent, received) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let (read, mut write) = socket.into_split();
            let mut lines = BufReader::new(read).lines();
            let _ = write.write_all(b"220 fake ESMTP\r\n").await;
            let mut data: Option<String> = None;
            while let Ok(Some(line)) = lines.next_line().await {
                if let Some(d) = data.as_mut() {
                    if line == "." {
                        let _ = sent.send(std::mem::take(d));
                        data = None;
                        let _ = write.write_all(b"250 queued\r\n").await;
                    } else {
                        d.push_str(&line);
                        d.push('\n');
                    }
                    continue;
                }
                let verb = line.get(..4).unwrap_or_default().to_ascii_uppercase();
                let reply = match verb.as_str() {
                    "EHLO" | "HELO" => "250 fake\r\n",
                    "RCPT" => rcpt_reply,
                    "DATA" => {
                        data = Some(String::new());
                        "354 go on\r\n"
                    }
                    "QUIT" => "221 bye\r\n",
                    _ => "250 ok\r\n",
                };
                let _ = write.write_all(reply.as_bytes()).await;
                if verb == "QUIT" {
                    break;
                }
            }
        }
    });
    (port, received)
}

#[tokio::test]
async fn with_smtp_a_confirmation_is_sent_with_its_calendar_file() {
    let (port, mut received) = fake_smtp("250 ok\r\n").await;
    let url = format!("smtp://127.0.0.1:{port}");
    let app = TestApp::with_env(&[("NED_SMTP_URL", url.as_str())]).await;
    let valmont = app.establishment_id("valmont").await;
    enqueue(&app, message(Some(&valmont), "marie.martin@example.fr")).await;
    let delivery = Delivery::from_config(&app.state.config).expect("delivery");
    let delivered = sender::deliver_pending(&app.state.db, &delivery).await;
    assert_eq!(delivered.expect("pass"), 1);
    let data = received.recv().await.expect("one e-mail");
    assert!(data.contains("To: marie.martin@example.fr"), "{data}");
    assert!(data.contains("text/calendar"), "{data}");
    assert!(data.contains("parloir.ics"), "{data}");
    let mut officer = app.agent("parloirs.valmont").await;
    let r = officer.get("/api/agent/outbox").await;
    assert_eq!(r.json[0]["status"], "sent");
    assert_eq!(r.json[0]["held"], false);
    // A second pass sends nothing more.
    let again = sender::deliver_pending(&app.state.db, &delivery).await;
    assert_eq!(again.expect("pass"), 0);
}

#[tokio::test]
async fn a_refused_e_mail_is_retried_later() {
    let (port, _received) = fake_smtp("451 try again later\r\n").await;
    let url = format!("smtp://127.0.0.1:{port}");
    let app = TestApp::with_env(&[("NED_SMTP_URL", url.as_str())]).await;
    let valmont = app.establishment_id("valmont").await;
    enqueue(&app, message(Some(&valmont), "marie.martin@example.fr")).await;
    let delivery = Delivery::from_config(&app.state.config).expect("delivery");
    let delivered = sender::deliver_pending(&app.state.db, &delivery).await;
    assert_eq!(delivered.expect("pass"), 0);
    let mut officer = app.agent("parloirs.valmont").await;
    let r = officer.get("/api/agent/outbox").await;
    assert_eq!(r.json[0]["status"], "pending");
    assert_eq!(r.json[0]["held"], false);
    assert_eq!(r.json[0]["attempts"], 1);
    assert!(
        r.json[0]["note"]
            .as_str()
            .is_some_and(|n| n.contains("SMTP"))
    );
    // Backing off: an immediate second pass does not retry.
    let again = sender::deliver_pending(&app.state.db, &delivery).await;
    assert_eq!(again.expect("pass"), 0);
    let r = officer.get("/api/agent/outbox").await;
    assert_eq!(r.json[0]["attempts"], 1);
}

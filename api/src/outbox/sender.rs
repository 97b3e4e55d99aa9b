//! The job that delivers the outbox: e-mail over SMTP when `NED_SMTP_URL` is set; SMS only
//! logged (`NED_SMS_LOG_ONLY`) since no gateway exists. Several API instances may run it at
//! once: each message is leased to one of them before it is sent.
//!
//! Without `NED_SMTP_URL` (development) e-mails are never claimed: they stay pending, readable in
//! the console. Likewise SMS without `NED_SMS_LOG_ONLY`, until a gateway is wired in.

use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sqlx::Row;
use sqlx::any::AnyRow;

use super::{Channel, MAX_ATTEMPTS, ics};
use crate::config::Config;
use crate::db::{Backend, Db, now};
use crate::state::AppState;

/// How long a claimed message is reserved to one instance. Longer than a batch can take to send
/// (SMTP timeout × batch size), so a slow send is never picked up and sent again by another one.
pub const LEASE_SECONDS: i64 = 300;

/// Messages claimed at a time.
pub const BATCH: i64 = 10;

/// Per-command SMTP timeout, keeping a batch well inside its lease.
const SMTP_TIMEOUT: Duration = Duration::from_secs(20);

/// Longest wait between two attempts.
const MAX_BACKOFF_SECONDS: i64 = 3600;

/// Stored with an SMS marked sent without a gateway, so the console says what happened.
pub const SMS_LOGGED_NOTE: &str =
    "SMS non envoyé : aucune passerelle SMS, message seulement journalisé (NED_SMS_LOG_ONLY).";

/// What this instance does with a message of a given channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    SendEmail,
    /// Log it and mark it sent (there is no SMS gateway).
    LogSms,
    /// Leave it pending: nothing here can deliver it.
    Hold,
}

/// The action for `channel` given what is configured.
pub fn action(channel: Channel, smtp_configured: bool, sms_log_only: bool) -> Action {
    match channel {
        Channel::Email if smtp_configured => Action::SendEmail,
        Channel::Sms if sms_log_only => Action::LogSms,
        _ => Action::Hold,
    }
}

/// The action for `channel` under this configuration.
pub fn action_for(config: &Config, channel: Channel) -> Action {
    action(channel, config.smtp_url.is_some(), config.sms_log_only)
}

/// The channels worth claiming: those not held.
pub fn claimable_channels(smtp_configured: bool, sms_log_only: bool) -> Vec<Channel> {
    [Channel::Email, Channel::Sms]
        .into_iter()
        .filter(|c| action(*c, smtp_configured, sms_log_only) != Action::Hold)
        .collect()
}

/// Seconds to wait after the `attempts`-th failure: one minute, doubling, at most an hour.
pub fn backoff_seconds(attempts: i64) -> i64 {
    let doublings = attempts.clamp(1, 30) - 1;
    (60_i64 << doublings).min(MAX_BACKOFF_SECONDS)
}

/// What becomes of a message after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterFailure {
    /// Try again once `at` (Unix seconds) has passed.
    Retry { attempts: i64, at: i64 },
    /// Stop: the message is failed for good.
    GiveUp { attempts: i64 },
}

/// Decides retry or give-up after a failure. `permanent` failures (a message that can never be
/// built, e.g. an invalid address) give up at once.
pub fn after_failure(previous_attempts: i64, permanent: bool, now: i64) -> AfterFailure {
    let attempts = previous_attempts + 1;
    if permanent || attempts >= MAX_ATTEMPTS {
        AfterFailure::GiveUp {
            attempts: attempts.max(MAX_ATTEMPTS),
        }
    } else {
        AfterFailure::Retry {
            attempts,
            at: now + backoff_seconds(attempts),
        }
    }
}

/// A message leased to this instance for delivery.
#[derive(Debug, Clone)]
pub struct Claimed {
    pub id: String,
    pub channel: Channel,
    pub recipient: String,
    pub kind: String,
    pub subject: String,
    pub body: String,
    pub attachment_name: Option<String>,
    pub attachment: Option<String>,
    pub attempts: i64,
}

impl Claimed {
    fn from_row(row: &AnyRow) -> Result<Option<Self>, sqlx::Error> {
        let channel: String = row.try_get("channel")?;
        let Some(channel) = Channel::from_code(&channel) else {
            return Ok(None);
        };
        Ok(Some(Self {
            id: row.try_get("id")?,
            channel,
            recipient: row.try_get("recipient")?,
            kind: row.try_get("kind")?,
            subject: row.try_get("subject")?,
            body: row.try_get("body")?,
            attachment_name: row.try_get("attachment_name")?,
            attachment: row.try_get("attachment")?,
            attempts: row.try_get("attempts")?,
        }))
    }
}

const CLAIM_COLUMNS: &str =
    "id, channel, recipient, kind, subject, body, attachment_name, attachment, attempts";

/// Leases up to `limit` deliverable messages of `channels` to the caller, oldest first. Two
/// callers, on any number of instances, never get the same message while its lease runs.
pub async fn claim(
    db: &Db,
    channels: &[Channel],
    now: i64,
    limit: i64,
) -> Result<Vec<Claimed>, sqlx::Error> {
    if channels.is_empty() {
        return Ok(Vec::new());
    }
    // $1 = now, $2 = max attempts, $3 = limit, then one placeholder per channel.
    let channel_list = (0..channels.len())
        .map(|i| format!("${}", i + 4))
        .collect::<Vec<_>>()
        .join(", ");
    let lock = match db.backend {
        Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    let select = format!(
        "SELECT {CLAIM_COLUMNS} FROM outbox \
         WHERE sent_at IS NULL AND attempts < $2 AND (lease_until IS NULL OR lease_until < $1) \
           AND channel IN ({channel_list}) \
         ORDER BY created_at, id LIMIT $3{lock}"
    );
    let mut query = sqlx::query(&select)
        .bind(now)
        .bind(MAX_ATTEMPTS)
        .bind(limit);
    for c in channels {
        query = query.bind(c.code());
    }
    let lease_until = now + LEASE_SECONDS;
    let mut claimed = Vec::new();
    match db.backend {
        Backend::Postgres => {
            // Rows locked by another claimer are skipped, not waited for; the lease written
            // here keeps them ours after the commit releases the locks.
            let mut tx = db.pool.begin().await?;
            let rows = query.fetch_all(&mut *tx).await?;
            for row in &rows {
                if let Some(c) = Claimed::from_row(row)? {
                    sqlx::query("UPDATE outbox SET lease_until = $2 WHERE id = $1")
                        .bind(&c.id)
                        .bind(lease_until)
                        .execute(&mut *tx)
                        .await?;
                    claimed.push(c);
                }
            }
            tx.commit().await?;
        }
        Backend::Sqlite => {
            // No row locks: the candidates are read freely, then each is taken by a conditional
            // update that only one claimer can win.
            let rows = query.fetch_all(&db.pool).await?;
            for row in &rows {
                let Some(c) = Claimed::from_row(row)? else {
                    continue;
                };
                let won = sqlx::query(
                    "UPDATE outbox SET lease_until = $2 WHERE id = $1 \
                     AND (lease_until IS NULL OR lease_until < $3) AND sent_at IS NULL \
                     AND attempts < $4",
                )
                .bind(&c.id)
                .bind(lease_until)
                .bind(now)
                .bind(MAX_ATTEMPTS)
                .execute(&db.pool)
                .await?
                .rows_affected()
                    == 1;
                if won {
                    claimed.push(c);
                }
            }
        }
    }
    Ok(claimed)
}

/// Marks a message delivered, with an optional note shown in the console.
pub async fn mark_sent(db: &Db, id: &str, now: i64, note: Option<&str>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE outbox SET sent_at = $2, lease_until = NULL, last_error = $3 WHERE id = $1",
    )
    .bind(id)
    .bind(now)
    .bind(note)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Records a failed attempt: the lease becomes the time before which it is not retried.
pub async fn record_failure(
    db: &Db,
    id: &str,
    outcome: AfterFailure,
    error: &str,
) -> Result<(), sqlx::Error> {
    let (attempts, retry_at) = match outcome {
        AfterFailure::Retry { attempts, at } => (attempts, Some(at)),
        AfterFailure::GiveUp { attempts } => (attempts, None),
    };
    let error: String = error.chars().take(500).collect();
    sqlx::query("UPDATE outbox SET attempts = $2, lease_until = $3, last_error = $4 WHERE id = $1")
        .bind(id)
        .bind(attempts)
        .bind(retry_at)
        .bind(error)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// The e-mail for a claimed message: plain text, with its attachment (`.ics` as
/// `text/calendar`). An error means the message can never be built (e.g. invalid address).
pub fn build_email(from: &Mailbox, msg: &Claimed) -> Result<Message, String> {
    let to: Mailbox = msg
        .recipient
        .parse()
        .map_err(|e| format!("adresse du destinataire invalide : {e}"))?;
    let builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(msg.subject.clone());
    let text = SinglePart::plain(msg.body.clone());
    let built = match (&msg.attachment_name, &msg.attachment) {
        (Some(name), Some(content)) => {
            let content_type = if name.ends_with(".ics") {
                ContentType::parse(ics::CONTENT_TYPE).map_err(|e| e.to_string())?
            } else {
                ContentType::TEXT_PLAIN
            };
            let file = Attachment::new(name.clone()).body(content.clone(), content_type);
            builder.multipart(MultiPart::mixed().singlepart(text).singlepart(file))
        }
        _ => builder.singlepart(text),
    };
    built.map_err(|e| format!("message invalide : {e}"))
}

/// What the job needs to deliver: the SMTP transport (if any) and the sender address.
pub struct Delivery {
    smtp: Option<AsyncSmtpTransport<Tokio1Executor>>,
    from: Mailbox,
    sms_log_only: bool,
}

impl Delivery {
    /// Builds the SMTP transport from the configuration (no connection is made yet).
    pub fn from_config(config: &Config) -> Result<Self, String> {
        let smtp = match &config.smtp_url {
            None => None,
            Some(url) => Some(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    // The URL may hold a password: report the error, never the value.
                    .map_err(|e| format!("NED_SMTP_URL: {e}"))?
                    .timeout(Some(SMTP_TIMEOUT))
                    .build(),
            ),
        };
        Ok(Self {
            smtp,
            from: config.mail_from.clone(),
            sms_log_only: config.sms_log_only,
        })
    }

    fn channels(&self) -> Vec<Channel> {
        claimable_channels(self.smtp.is_some(), self.sms_log_only)
    }

    /// Delivers one message; `Err((message, permanent))` on failure.
    async fn deliver(&self, msg: &Claimed) -> Result<Option<&'static str>, (String, bool)> {
        match action(msg.channel, self.smtp.is_some(), self.sms_log_only) {
            Action::SendEmail => {
                let Some(smtp) = &self.smtp else {
                    return Err(("aucun serveur SMTP configuré".into(), false));
                };
                let email = build_email(&self.from, msg).map_err(|e| (e, true))?;
                // SMTP refusals (5xx) are retried like any failure: they may come from the
                // server's configuration (authentication) rather than from this message.
                smtp.send(email)
                    .await
                    .map(|_| None)
                    .map_err(|e| (format!("SMTP : {e}"), false))
            }
            Action::LogSms => {
                // The text is in the outbox for the console; the log names the message only,
                // keeping phone numbers out of the logs.
                tracing::info!(id = %msg.id, kind = %msg.kind, "SMS logged only: no SMS gateway");
                Ok(Some(SMS_LOGGED_NOTE))
            }
            Action::Hold => Err(("canal non pris en charge par cette instance".into(), false)),
        }
    }
}

/// One pass: claims and delivers batches until none is left. Returns how many were delivered.
pub async fn deliver_pending(db: &Db, delivery: &Delivery) -> Result<usize, sqlx::Error> {
    let channels = delivery.channels();
    let mut delivered = 0;
    loop {
        let batch = claim(db, &channels, now(), BATCH).await?;
        let full = batch.len() as i64 == BATCH;
        for msg in &batch {
            match delivery.deliver(msg).await {
                Ok(note) => {
                    mark_sent(db, &msg.id, now(), note).await?;
                    delivered += 1;
                }
                Err((error, permanent)) => {
                    let outcome = after_failure(msg.attempts, permanent, now());
                    tracing::warn!(id = %msg.id, kind = %msg.kind, ?outcome, "outbox: {error}");
                    record_failure(db, &msg.id, outcome, &error).await?;
                }
            }
        }
        if !full {
            return Ok(delivered);
        }
    }
}

/// The sender loop, every `NED_OUTBOX_INTERVAL_SECONDS`. Returns at once when nothing can be
/// delivered here (development: messages stay in the outbox for the console).
pub async fn run(state: AppState) {
    let AppState { db, config } = state;
    let delivery = match Delivery::from_config(&config) {
        Ok(d) => d,
        Err(e) => {
            tracing::error!("outbox sender not started: {e}");
            return;
        }
    };
    if delivery.smtp.is_none() {
        tracing::info!("NED_SMTP_URL not set: e-mails stay in the outbox, readable in the console");
    }
    if delivery.channels().is_empty() {
        return;
    }
    // tokio's interval panics on a zero period.
    let period = Duration::from_secs(config.outbox_interval_seconds.max(1));
    let mut tick = tokio::time::interval(period);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if let Err(e) = deliver_pending(&db, &delivery).await {
            tracing::warn!("outbox sender: {e}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claimed(attachment: Option<(&str, &str)>) -> Claimed {
        Claimed {
            id: "m1".into(),
            channel: Channel::Email,
            recipient: "marie.martin@example.fr".into(),
            kind: "booking_confirmed".into(),
            subject: "Votre parloir du 12 mars est confirmé".into(),
            body: "Bonjour Marie,\nvotre parloir est confirmé.".into(),
            attachment_name: attachment.map(|a| a.0.to_string()),
            attachment: attachment.map(|a| a.1.to_string()),
            attempts: 0,
        }
    }

    fn from() -> Mailbox {
        "NED <ne-pas-repondre@ned.invalid>"
            .parse()
            .expect("mailbox")
    }

    #[test]
    fn only_configured_channels_are_delivered() {
        assert_eq!(action(Channel::Email, false, false), Action::Hold);
        assert_eq!(action(Channel::Email, true, false), Action::SendEmail);
        assert_eq!(action(Channel::Sms, true, false), Action::Hold);
        assert_eq!(action(Channel::Sms, false, true), Action::LogSms);
        assert!(claimable_channels(false, false).is_empty());
        assert_eq!(claimable_channels(true, false), vec![Channel::Email]);
        assert_eq!(
            claimable_channels(true, true),
            vec![Channel::Email, Channel::Sms]
        );
    }

    #[test]
    fn backoff_doubles_from_a_minute_up_to_an_hour() {
        assert_eq!(backoff_seconds(1), 60);
        assert_eq!(backoff_seconds(2), 120);
        assert_eq!(backoff_seconds(3), 240);
        assert_eq!(backoff_seconds(7), 3600);
        assert_eq!(backoff_seconds(1000), 3600);
        assert_eq!(backoff_seconds(0), 60);
    }

    #[test]
    fn failures_retry_then_give_up() {
        assert_eq!(
            after_failure(0, false, 1000),
            AfterFailure::Retry {
                attempts: 1,
                at: 1060
            }
        );
        assert_eq!(
            after_failure(MAX_ATTEMPTS - 2, false, 0),
            AfterFailure::Retry {
                attempts: MAX_ATTEMPTS - 1,
                at: backoff_seconds(MAX_ATTEMPTS - 1)
            }
        );
        assert_eq!(
            after_failure(MAX_ATTEMPTS - 1, false, 0),
            AfterFailure::GiveUp {
                attempts: MAX_ATTEMPTS
            }
        );
        assert_eq!(
            after_failure(0, true, 0),
            AfterFailure::GiveUp {
                attempts: MAX_ATTEMPTS
            }
        );
    }

    #[test]
    fn a_confirmation_carries_its_calendar_file() {
        let email = build_email(
            &from(),
            &claimed(Some((
                "parloir.ics",
                "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
            ))),
        )
        .expect("email");
        let raw = String::from_utf8_lossy(&email.formatted()).into_owned();
        assert!(raw.contains("multipart/mixed"));
        assert!(raw.contains("Content-Type: text/calendar; charset=utf-8; method=PUBLISH"));
        assert!(raw.contains("filename=\"parloir.ics\""));
        assert!(raw.contains("To: marie.martin@example.fr"));
    }

    #[test]
    fn a_plain_message_is_one_text_part() {
        let email = build_email(&from(), &claimed(None)).expect("email");
        let raw = String::from_utf8_lossy(&email.formatted()).into_owned();
        assert!(raw.contains("Content-Type: text/plain; charset=utf-8"));
        assert!(!raw.contains("multipart"));
    }

    fn config(smtp_url: &str) -> Config {
        let url = smtp_url.to_string();
        Config::from_lookup(|k| (k == "NED_SMTP_URL").then(|| url.clone())).expect("config")
    }

    #[test]
    fn smtp_urls_build_a_transport_without_connecting() {
        for url in [
            "smtp://localhost:2525",
            "smtp://mail.example.fr?tls=required",
            "smtps://ned:s3cret@mail.example.fr:465",
        ] {
            let delivery = Delivery::from_config(&config(url));
            assert!(delivery.is_ok_and(|d| d.smtp.is_some()), "{url}");
        }
        let Err(e) =
            Delivery::from_config(&config("smtp://ned:s3cret@mail.example.fr?tls=peut-etre"))
        else {
            panic!("unknown tls mode accepted");
        };
        assert!(!e.contains("s3cret"), "{e}");
        let e =
            Config::from_lookup(|k| (k == "NED_SMTP_URL").then(|| "http://ned:s3cret@x".into()));
        assert!(e.is_err_and(|e| !e.to_string().contains("s3cret")));
    }

    #[test]
    fn an_invalid_address_cannot_be_built() {
        let mut msg = claimed(None);
        msg.recipient = "pas une adresse".into();
        assert!(build_email(&from(), &msg).is_err());
    }
}

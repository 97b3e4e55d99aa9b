//! The outbox of messages to visitors (e-mail, SMS). Code that books, cancels or reminds writes a
//! row with [`enqueue`] in its own transaction, so the change and its message commit together or
//! not at all; the [`sender`] job delivers the rows later, and the console lists them
//! ([`routes`]), which is where they are read in development, when nothing is sent.

pub mod ics;
pub mod routes;
pub mod sender;

pub use routes::router;
pub use shared_types::outbox::{Channel, MessageKind, MessageStatus};

use crate::db::{Tx, new_id, now};
use crate::error::{ApiError, ApiResult};

/// The sender gives up on a message after this many failed attempts.
pub const MAX_ATTEMPTS: i64 = 8;

/// A file attached to a message (the visit's `.ics`).
#[derive(Debug, Clone, Copy)]
pub struct Attachment<'a> {
    /// File name shown to the recipient, e.g. `parloir.ics`.
    pub name: &'a str,
    /// Text content; sent as `text/calendar` when the name ends in `.ics`.
    pub content: &'a str,
}

/// A message to put in the outbox.
#[derive(Debug, Clone, Copy)]
pub struct NewMessage<'a> {
    /// The establishment the message is about (who may read it in the console); None for
    /// messages about the account only (e-mail confirmation), readable by national admins.
    pub establishment_id: Option<&'a str>,
    pub channel: Channel,
    /// An e-mail address or a phone number, depending on the channel.
    pub recipient: &'a str,
    pub kind: MessageKind,
    pub subject: &'a str,
    /// Plain French text.
    pub body: &'a str,
    pub attachment: Option<Attachment<'a>>,
    /// When set, a second message with the same key is silently dropped (a job that runs twice
    /// does not send twice), e.g. `reminder:{booking_id}`.
    pub dedupe_key: Option<&'a str>,
}

/// Puts a message in the outbox inside the caller's transaction; a duplicate `dedupe_key` is a
/// no-op. Fails with 500 on a message no sender could deliver (empty recipient or subject).
pub async fn enqueue(tx: &mut Tx, msg: NewMessage<'_>) -> ApiResult<()> {
    let recipient = msg.recipient.trim();
    if recipient.is_empty() || msg.subject.trim().is_empty() {
        // A caller bug, not the visitor's: they never type these directly into the outbox.
        return Err(ApiError::Internal(format!(
            "outbox: {} message without recipient or subject",
            msg.kind.code()
        )));
    }
    sqlx::query(
        "INSERT INTO outbox (id, establishment_id, channel, recipient, kind, subject, body, \
         attachment_name, attachment, dedupe_key, created_at, attempts) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0) \
         ON CONFLICT (dedupe_key) DO NOTHING",
    )
    .bind(new_id())
    .bind(msg.establishment_id)
    .bind(msg.channel.code())
    .bind(recipient)
    .bind(msg.kind.code())
    .bind(msg.subject)
    .bind(msg.body)
    .bind(msg.attachment.map(|a| a.name))
    .bind(msg.attachment.map(|a| a.content))
    .bind(msg.dedupe_key)
    .bind(now())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Where a stored message stands, from its columns.
pub fn status(sent_at: Option<i64>, attempts: i64) -> MessageStatus {
    if sent_at.is_some() {
        MessageStatus::Sent
    } else if attempts >= MAX_ATTEMPTS {
        MessageStatus::Failed
    } else {
        MessageStatus::Pending
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_follows_sent_and_attempts() {
        assert_eq!(status(None, 0), MessageStatus::Pending);
        assert_eq!(status(None, MAX_ATTEMPTS - 1), MessageStatus::Pending);
        assert_eq!(status(None, MAX_ATTEMPTS), MessageStatus::Failed);
        assert_eq!(status(Some(1), 3), MessageStatus::Sent);
    }
}

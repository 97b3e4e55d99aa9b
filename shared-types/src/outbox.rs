//! Messages to visitors (e-mail, SMS) as the console lists them from the outbox.

use serde::{Deserialize, Serialize};

/// How a message reaches its recipient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Email,
    Sms,
}

impl Channel {
    /// Stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Sms => "sms",
        }
    }

    /// Parses a database code.
    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Email, Self::Sms]
            .into_iter()
            .find(|c| c.code() == code)
    }
}

/// Why a message is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MessageKind {
    BookingConfirmed,
    BookingCancelled,
    BookingChanged,
    VisitReminder,
    WaitlistOffer,
    EmailConfirmation,
}

impl MessageKind {
    const ALL: [Self; 6] = [
        Self::BookingConfirmed,
        Self::BookingCancelled,
        Self::BookingChanged,
        Self::VisitReminder,
        Self::WaitlistOffer,
        Self::EmailConfirmation,
    ];

    /// Stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Self::BookingConfirmed => "booking_confirmed",
            Self::BookingCancelled => "booking_cancelled",
            Self::BookingChanged => "booking_changed",
            Self::VisitReminder => "visit_reminder",
            Self::WaitlistOffer => "waitlist_offer",
            Self::EmailConfirmation => "email_confirmation",
        }
    }

    /// Parses a database code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// Where a message stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MessageStatus {
    /// Not sent yet: waiting for the sender, or for a retry after a failure.
    Pending,
    Sent,
    /// The sender gave up (too many failures, or a permanent refusal).
    Failed,
}

/// A message of the outbox, as listed in the console.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutboxMessage {
    pub id: String,
    pub establishment_id: Option<String>,
    pub channel: Channel,
    pub recipient: String,
    pub kind: MessageKind,
    pub subject: String,
    /// Plain French text.
    pub body: String,
    /// File name of the attachment (the visit's `.ics`), if any.
    pub attachment_name: Option<String>,
    pub attachment: Option<String>,
    pub status: MessageStatus,
    /// Pending only because this instance sends nothing on this channel (development without
    /// `NED_SMTP_URL`, or SMS without a gateway): the console is where to read it.
    pub held: bool,
    pub attempts: i64,
    /// The last delivery error, or why a message counts as sent without being delivered (an
    /// SMS only logged for want of a gateway).
    pub note: Option<String>,
    /// Unix seconds, UTC.
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for k in MessageKind::ALL {
            assert_eq!(MessageKind::from_code(k.code()), Some(k));
        }
        assert_eq!(Channel::from_code("sms"), Some(Channel::Sms));
        assert_eq!(Channel::from_code("fax"), None);
    }
}

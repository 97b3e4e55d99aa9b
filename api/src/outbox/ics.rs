//! The `.ics` calendar file (RFC 5545) attached to visit confirmations, so that a relative can
//! put the visit in their phone's calendar in one tap.

use time::OffsetDateTime;

/// What the calendar entry of a visit says. Times are Unix seconds, UTC.
#[derive(Debug, Clone)]
pub struct VisitEvent<'a> {
    /// Stable across changes of the same booking, so calendars update the entry in place.
    pub uid: &'a str,
    /// Raised on every change of the booking; calendars keep the highest.
    pub sequence: i64,
    /// When this version of the entry was made.
    pub stamp: i64,
    pub start: i64,
    pub end: i64,
    pub summary: &'a str,
    pub location: &'a str,
    pub description: &'a str,
    /// A cancelled visit: calendars that know the entry mark it cancelled.
    pub cancelled: bool,
}

/// The MIME type to attach the file with.
pub const CONTENT_TYPE: &str = "text/calendar; charset=utf-8; method=PUBLISH";

/// A complete VCALENDAR with one VEVENT, CRLF line endings, folded at 75 octets.
pub fn visit_event(event: &VisitEvent<'_>) -> String {
    let status = if event.cancelled {
        "CANCELLED"
    } else {
        "CONFIRMED"
    };
    let lines = [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//NED//Parloirs//FR".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}", escape_text(event.uid)),
        format!("SEQUENCE:{}", event.sequence.max(0)),
        format!("DTSTAMP:{}", utc(event.stamp)),
        format!("DTSTART:{}", utc(event.start)),
        format!("DTEND:{}", utc(event.end.max(event.start))),
        format!("SUMMARY:{}", escape_text(event.summary)),
        format!("LOCATION:{}", escape_text(event.location)),
        format!("DESCRIPTION:{}", escape_text(event.description)),
        format!("STATUS:{status}"),
        "TRANSP:OPAQUE".to_string(),
        "END:VEVENT".to_string(),
        "END:VCALENDAR".to_string(),
    ];
    let mut out = String::new();
    for line in &lines {
        out.push_str(&fold(line));
        out.push_str("\r\n");
    }
    out
}

/// `YYYYMMDDTHHMMSSZ` for Unix seconds; out-of-range values (not a real visit) give the epoch.
pub fn utc(seconds: i64) -> String {
    let t = OffsetDateTime::from_unix_timestamp(seconds).unwrap_or(OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Escapes a TEXT value: backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11).
pub fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            // Other control characters are not allowed in TEXT; they carry nothing for a reader.
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line so no physical line exceeds 75 octets, never splitting a UTF-8
/// character; continuation lines start with one space (RFC 5545 §3.1).
pub fn fold(line: &str) -> String {
    const LIMIT: usize = 75;
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > LIMIT {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event() -> VisitEvent<'static> {
        VisitEvent {
            uid: "0190-booking@ned",
            sequence: 0,
            stamp: 1_767_225_600,
            start: 1_767_261_600,
            end: 1_767_265_200,
            summary: "Parloir – Maison d'arrêt de Valmont",
            location: "12, rue des Lilas; Valmont",
            description: "Présentez-vous 30 minutes avant.\nPièce d'identité obligatoire.",
            cancelled: false,
        }
    }

    #[test]
    fn times_are_utc_basic_format() {
        assert_eq!(utc(0), "19700101T000000Z");
        // 2026-01-01 10:00:00 UTC
        assert_eq!(utc(1_767_261_600), "20260101T100000Z");
        assert_eq!(utc(1_767_261_600 + 3_599), "20260101T105959Z");
        assert_eq!(utc(i64::MAX), "19700101T000000Z");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape_text(r"a\b;c,d"), r"a\\b\;c\,d");
        assert_eq!(
            escape_text("ligne 1\nligne 2\r\nligne 3"),
            r"ligne 1\nligne 2\nligne 3"
        );
        assert_eq!(escape_text("tab\there"), "tabhere");
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let line = format!("DESCRIPTION:{}", "é".repeat(100));
        let folded = fold(&line);
        for physical in folded.split("\r\n") {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        assert!(folded.split("\r\n").skip(1).all(|l| l.starts_with(' ')));
        // Unfolding (remove CRLF + one space) gives the line back.
        assert_eq!(folded.replace("\r\n ", ""), line);
        assert_eq!(fold("SUMMARY:court"), "SUMMARY:court");
        let exactly = "X".repeat(75);
        assert_eq!(fold(&exactly), exactly);
        assert_eq!(fold(&"X".repeat(76)), format!("{}\r\n X", "X".repeat(75)));
    }

    #[test]
    fn a_visit_is_one_event_with_crlf_lines() {
        let ics = visit_event(&event());
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        assert!(!ics.replace("\r\n", "").contains('\n'), "bare LF");
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1);
        assert!(ics.contains("\r\nUID:0190-booking@ned\r\n"));
        assert!(ics.contains("\r\nDTSTAMP:20260101T000000Z\r\n"));
        assert!(ics.contains("\r\nDTSTART:20260101T100000Z\r\n"));
        assert!(ics.contains("\r\nDTEND:20260101T110000Z\r\n"));
        assert!(ics.contains("\r\nLOCATION:12\\, rue des Lilas\\; Valmont\r\n"));
        assert!(ics.contains("\r\nSTATUS:CONFIRMED\r\n"));
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains(
            "DESCRIPTION:Présentez-vous 30 minutes avant.\\nPièce d'identité obligatoire."
        ));
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75);
        }
    }

    #[test]
    fn a_cancelled_visit_says_so() {
        let ics = visit_event(&VisitEvent {
            cancelled: true,
            sequence: 2,
            ..event()
        });
        assert!(ics.contains("\r\nSTATUS:CANCELLED\r\n"));
        assert!(ics.contains("\r\nSEQUENCE:2\r\n"));
    }
}

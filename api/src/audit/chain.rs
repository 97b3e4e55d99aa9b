//! The hash chain over audit events, as pure functions.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::key::AuditKey;

/// The `prev_hash` of a chain's first event.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The hashed content of one event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields<'a> {
    pub chain: &'a str,
    pub seq: i64,
    pub at: i64,
    pub actor_kind: &'a str,
    pub actor_id: Option<&'a str>,
    pub action: &'a str,
    pub establishment_id: Option<&'a str>,
    pub target: Option<&'a str>,
    pub source_ip: Option<&'a str>,
}

/// HMAC-SHA256, keyed with the audit key, over the previous hash and the fields, encoded as a
/// JSON array so that no two different events share an encoding. Without the key nobody can
/// compute the hash of an event they changed.
pub fn event_hash(key: &AuditKey, prev: &str, f: &Fields<'_>) -> String {
    let encoded = serde_json::json!([
        prev,
        f.chain,
        f.seq,
        f.at,
        f.actor_kind,
        f.actor_id,
        f.action,
        f.establishment_id,
        f.target,
        f.source_ip
    ])
    .to_string();
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key.bytes())
        .expect("HMAC accepts keys of any length");
    mac.update(encoded.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// A chain's head as `audit::record` keeps it in `audit_chains`: the seq and hash of its last
/// event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Head<'a> {
    pub seq: i64,
    pub hash: &'a str,
}

/// What the check of one chain found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainStatus {
    /// Every event links to the one before, its hash matches, and the last one is the head.
    Intact { events: i64 },
    /// Event `seq` is missing, edited, or does not link to the one before (or, past the head,
    /// was added outside the log).
    Broken { seq: i64 },
    /// The events stop at `found` while the head says `head`: the newest ones were removed.
    Truncated { head: i64, found: i64 },
}

impl ChainStatus {
    /// Whether the chain passed.
    pub fn is_intact(&self) -> bool {
        matches!(self, Self::Intact { .. })
    }
}

/// Checks one chain's events in `seq` order: each links to the previous, its hash matches, and
/// the last one is the stored `head` (so removing the newest events is caught too).
pub fn verify<'a>(
    key: &AuditKey,
    events: impl IntoIterator<Item = (Fields<'a>, &'a str, &'a str)>,
    head: Head<'_>,
) -> ChainStatus {
    let mut last_hash = GENESIS.to_owned();
    let mut found = 0;
    for (expected_seq, (fields, prev, hash)) in (1..).zip(events) {
        if fields.seq != expected_seq || prev != last_hash || event_hash(key, prev, &fields) != hash
        {
            return ChainStatus::Broken { seq: expected_seq };
        }
        last_hash = hash.to_owned();
        found = expected_seq;
    }
    if found < head.seq {
        ChainStatus::Truncated {
            head: head.seq,
            found,
        }
    } else if found > head.seq {
        ChainStatus::Broken { seq: head.seq + 1 }
    } else if last_hash != head.hash {
        ChainStatus::Broken { seq: found }
    } else {
        ChainStatus::Intact { events: found }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(seq: i64, action: &str) -> Fields<'_> {
        Fields {
            chain: "national",
            seq,
            at: 1_700_000_000 + seq,
            actor_kind: "agent",
            actor_id: Some("a1"),
            action,
            establishment_id: None,
            target: None,
            source_ip: Some("10.0.0.1"),
        }
    }

    fn key() -> AuditKey {
        AuditKey::from_bytes(vec![7; 32]).unwrap()
    }

    /// A chain of `actions`, as (fields, prev, hash) with owned hashes.
    fn chain(actions: &[&'static str]) -> Vec<(Fields<'static>, String, String)> {
        let mut prev = GENESIS.to_owned();
        let mut out = Vec::new();
        for (seq, action) in (1..).zip(actions) {
            let f = fields(seq, action);
            let hash = event_hash(&key(), &prev, &f);
            out.push((f, prev.clone(), hash.clone()));
            prev = hash;
        }
        out
    }

    fn check(events: &[(Fields<'static>, String, String)], head: Head<'_>) -> ChainStatus {
        verify(
            &key(),
            events
                .iter()
                .map(|(f, p, h)| (f.clone(), p.as_str(), h.as_str())),
            head,
        )
    }

    const ACTIONS: [&str; 4] = [
        "agent.signed_in",
        "terminal.created",
        "request.sealed_opened",
        "agent.signed_out",
    ];

    #[test]
    fn an_intact_chain_ends_at_its_head() {
        let events = chain(&ACTIONS);
        let head = Head {
            seq: 4,
            hash: &events[3].2,
        };
        assert_eq!(check(&events, head), ChainStatus::Intact { events: 4 });
        let empty = Head {
            seq: 0,
            hash: GENESIS,
        };
        assert_eq!(check(&[], empty), ChainStatus::Intact { events: 0 });
    }

    #[test]
    fn an_edited_or_missing_event_breaks_the_chain() {
        let events = chain(&ACTIONS);
        let head_hash = events[3].2.clone();
        let head = Head {
            seq: 4,
            hash: &head_hash,
        };
        let mut edited = events.clone();
        edited[1].0.action = "terminal.revoked";
        assert_eq!(check(&edited, head), ChainStatus::Broken { seq: 2 });
        let mut gap = events.clone();
        gap.remove(1);
        assert_eq!(check(&gap, head), ChainStatus::Broken { seq: 2 });
        let first_gone = events[1..].to_vec();
        assert_eq!(check(&first_gone, head), ChainStatus::Broken { seq: 1 });
    }

    #[test]
    fn removing_the_newest_events_is_a_truncation() {
        let events = chain(&ACTIONS);
        let head = Head {
            seq: 4,
            hash: &events[3].2,
        };
        // The opening of the sealed request and the sign-out are gone: what is left still
        // links up, but it stops short of the head.
        assert_eq!(
            check(&events[..2], head),
            ChainStatus::Truncated { head: 4, found: 2 }
        );
        assert_eq!(
            check(&[], head),
            ChainStatus::Truncated { head: 4, found: 0 }
        );
    }

    #[test]
    fn a_head_that_does_not_match_the_last_event_is_a_break() {
        let events = chain(&ACTIONS);
        let other = event_hash(&key(), GENESIS, &fields(4, "agent.signed_out"));
        let wrong_hash = Head {
            seq: 4,
            hash: &other,
        };
        assert_eq!(check(&events, wrong_hash), ChainStatus::Broken { seq: 4 });
        // Events past the head were not written by the log.
        let behind = Head {
            seq: 3,
            hash: &events[2].2,
        };
        assert_eq!(check(&events, behind), ChainStatus::Broken { seq: 4 });
    }

    #[test]
    fn a_chain_rehashed_without_the_key_does_not_verify() {
        let events = chain(&ACTIONS);
        // Event 2 changed, then it and every later event rehashed so that the links hold: once
        // with plain SHA-256 (the old, unkeyed scheme), once with a guessed key.
        let unkeyed = |prev: &str, f: &Fields<'_>| {
            use sha2::Digest;
            let encoded = serde_json::json!([
                prev,
                f.chain,
                f.seq,
                f.at,
                f.actor_kind,
                f.actor_id,
                f.action,
                f.establishment_id,
                f.target,
                f.source_ip
            ])
            .to_string();
            hex::encode(Sha256::digest(encoded.as_bytes()))
        };
        let guessed = AuditKey::from_bytes(vec![8; 32]).unwrap();
        let keyed = |prev: &str, f: &Fields<'_>| event_hash(&guessed, prev, f);
        type Rehash<'r> = &'r dyn Fn(&str, &Fields<'_>) -> String;
        let rehashers: [Rehash<'_>; 2] = [&unkeyed, &keyed];
        for rehash in rehashers {
            let mut forged = events.clone();
            forged[1].0.actor_id = Some("someone-else");
            for i in 1..forged.len() {
                let prev = forged[i - 1].2.clone();
                let hash = rehash(&prev, &forged[i].0);
                forged[i].1 = prev;
                forged[i].2 = hash;
            }
            let head = Head {
                seq: 4,
                hash: &forged[3].2,
            };
            assert_eq!(check(&forged, head), ChainStatus::Broken { seq: 2 });
        }
    }
}

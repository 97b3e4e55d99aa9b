//! The hash chain over audit events, as pure functions.

use sha2::{Digest, Sha256};

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

/// SHA-256 over the previous hash and the fields, encoded as a JSON array so that no two
/// different events share an encoding.
pub fn event_hash(prev: &str, f: &Fields<'_>) -> String {
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
}

/// Checks one chain's events in `seq` order: each links to the previous and its hash matches.
/// Returns the `seq` of the first broken event.
pub fn verify<'a>(
    events: impl IntoIterator<Item = (Fields<'a>, &'a str, &'a str)>,
) -> Result<(), i64> {
    let mut expected_prev = GENESIS.to_owned();
    for (expected_seq, (fields, prev, hash)) in (1..).zip(events) {
        if fields.seq != expected_seq || prev != expected_prev || event_hash(prev, &fields) != hash
        {
            return Err(fields.seq);
        }
        expected_prev = hash.to_owned();
    }
    Ok(())
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

    #[test]
    fn an_edited_event_breaks_the_chain() {
        let h1 = event_hash(GENESIS, &fields(1, "agent.signed_in"));
        let h2 = event_hash(&h1, &fields(2, "terminal.created"));
        let ok = vec![
            (fields(1, "agent.signed_in"), GENESIS, h1.as_str()),
            (fields(2, "terminal.created"), h1.as_str(), h2.as_str()),
        ];
        assert_eq!(verify(ok), Ok(()));
        let edited = vec![
            (fields(1, "agent.signed_out"), GENESIS, h1.as_str()),
            (fields(2, "terminal.created"), h1.as_str(), h2.as_str()),
        ];
        assert_eq!(verify(edited), Err(1));
        let deleted = vec![(fields(2, "terminal.created"), h1.as_str(), h2.as_str())];
        assert_eq!(verify(deleted), Err(2));
    }
}

//! A request's states (`status` and the `contested` flag) and who moves them.

use super::{code, table};
use crate::refusals::Refusal;
use crate::requests::{Action, Facts, LastAnswer, RequestStatus, decide};

/// The actions, as the columns read them, with who makes them.
const ACTIONS: [(&str, Action); 9] = [
    ("open (service)", Action::Open),
    ("assign (service)", Action::Assign),
    ("answer (handler)", Action::Answer { supervisor: false }),
    ("answer (supervisor)", Action::Answer { supervisor: true }),
    ("note (service)", Action::Note),
    ("close (handler)", Action::Close { supervisor: false }),
    ("close (supervisor)", Action::Close { supervisor: true }),
    ("follow-up (detainee)", Action::FollowUp),
    ("contest (detainee)", Action::Contest),
];

fn state(status: RequestStatus, contested: bool) -> String {
    if contested {
        format!("{} contested", code(status.code()))
    } else {
        code(status.code())
    }
}

fn cell(facts: Facts, action: Action) -> String {
    match decide(facts, action) {
        Ok((s, c)) if (s, c) == (facts.status, facts.contested) => "=".into(),
        Ok((s, c)) => format!("→ {}", state(s, c)),
        Err(r) => code(r.refusal.code()),
    }
}

pub(super) fn section() -> String {
    let mut rows = Vec::new();
    for status in RequestStatus::ALL {
        for contested in [false, true] {
            // The latest answer as it would be in such a thread: none before an answer; a
            // contested request's answer was contested, by someone else than the one acting.
            let answered =
                contested || matches!(status, RequestStatus::Answered | RequestStatus::Closed);
            let facts = Facts {
                status: *status,
                contested,
                last_answer: answered.then_some(LastAnswer {
                    contested,
                    by_actor: false,
                }),
            };
            // A contest puts the request back in progress; answering or closing ends it.
            if contested && *status != RequestStatus::InProgress {
                continue;
            }
            let mut row = vec![state(*status, contested)];
            row.extend(ACTIONS.iter().map(|(_, a)| cell(facts, *a)));
            rows.push(row);
        }
    }
    let mut head = vec!["state"];
    head.extend(ACTIONS.iter().map(|(name, _)| *name));
    let mut out = String::from(
        "## Requests (`requests.status`, `contested`, written under `version`)\n\n\
         `requests::decide` on what was loaded (status, contest flag, the latest answer). \
         \"=\" keeps the state (a message is added). The service's agents act within their \
         service (health requests: health staff only); a supervisor holds \
         `SuperviseRequests`. One contest per answer; whoever wrote the contested answer can \
         neither answer nor close the contest (",
    );
    let own = decide(
        Facts {
            status: RequestStatus::InProgress,
            contested: true,
            last_answer: Some(LastAnswer {
                contested: true,
                by_actor: true,
            }),
        },
        Action::Close { supervisor: true },
    );
    out.push_str(&match own {
        Err(r) => code(r.refusal.code()),
        Ok(_) => "allowed".into(),
    });
    out.push_str("). A write that finds another version is refused with `request.changed`.\n\n");
    out.push_str(&table(&head, &rows));
    out.push('\n');
    out
}

//! How a request moves: one pure function for every transition (`decide`, on what was loaded
//! about the request and who acts), and the median used by the dashboard.

use super::{MessageKind, RequestStatus as S};
use crate::refusals::requests::Requests;

/// Something done to a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// An agent of the service opens it.
    Open,
    /// Assigned to an agent.
    Assign,
    /// The service answers. While contested, only a supervisor may.
    Answer { supervisor: bool },
    /// An internal note.
    Note,
    /// Closed. While contested, only a supervisor may.
    Close { supervisor: bool },
    /// The detainee writes again.
    FollowUp,
    /// The detainee contests the answer.
    Contest,
}

/// Why a transition is refused: the code the apps switch on, and what to tell the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused {
    pub refusal: Requests,
    pub detail: &'static str,
}

impl Refused {
    const fn new(refusal: Requests, detail: &'static str) -> Self {
        Self { refusal, detail }
    }
}

const CLOSED: Refused = Refused::new(Requests::Closed, "Cette demande est close.");
const CLOSED_WRITE_NEW: Refused = Refused::new(
    Requests::Closed,
    "Cette demande est close : écrivez une nouvelle demande.",
);
const SUPERVISOR: Refused = Refused::new(
    Requests::SupervisorNeeded,
    "Cette réponse est contestée : c'est à un responsable de répondre ou de clore.",
);
const ALREADY_CONTESTED: Refused = Refused::new(
    Requests::AlreadyContested,
    "Vous avez déjà contesté cette réponse : une réponse ne se conteste qu'une fois.",
);
const NO_ANSWER: Refused = Refused::new(
    Requests::NoAnswer,
    "Le service n'a pas encore répondu : il n'y a pas de réponse à contester.",
);
const OWN_ANSWER: Refused = Refused::new(
    Requests::OwnAnswerContested,
    "Vous avez écrit la réponse contestée : un autre responsable doit traiter la contestation.",
);

/// The status and contest flag after `action`, from the status alone, or why it is refused.
/// [`decide`] adds what the thread says (which answer, contested already, written by whom).
pub fn next_status(status: S, contested: bool, action: Action) -> Result<(S, bool), Refused> {
    match action {
        Action::Open if status == S::Sent => Ok((S::Received, contested)),
        Action::Open | Action::Note => Ok((status, contested)),
        Action::Assign if status == S::Closed => Err(CLOSED),
        Action::Assign if status == S::Answered => Ok((status, contested)),
        Action::Assign => Ok((S::InProgress, contested)),
        Action::Answer { .. } | Action::Close { .. } if status == S::Closed => Err(CLOSED),
        Action::Answer { supervisor: false } | Action::Close { supervisor: false } if contested => {
            Err(SUPERVISOR)
        }
        Action::Answer { .. } => Ok((S::Answered, false)),
        Action::Close { .. } => Ok((S::Closed, false)),
        Action::FollowUp if status == S::Closed => Err(CLOSED_WRITE_NEW),
        Action::FollowUp if status == S::Answered => Ok((S::InProgress, contested)),
        Action::FollowUp => Ok((status, contested)),
        Action::Contest if contested => Err(ALREADY_CONTESTED),
        Action::Contest if matches!(status, S::Answered | S::Closed) => Ok((S::InProgress, true)),
        Action::Contest => Err(NO_ANSWER),
    }
}

/// The service's latest answer on a request, as the rules need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LastAnswer {
    /// A contest of this answer was written already.
    pub contested: bool,
    /// The one now acting wrote it.
    pub by_actor: bool,
}

/// What was loaded about a request before acting on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    pub status: S,
    pub contested: bool,
    /// The latest answer of the service, if it answered at all.
    pub last_answer: Option<LastAnswer>,
}

/// The latest answer of a thread (its messages oldest first, `(kind, written by the actor)`),
/// and whether a contest followed it.
pub fn last_answer(thread: &[(MessageKind, bool)]) -> Option<LastAnswer> {
    let at = thread
        .iter()
        .rposition(|(k, _)| *k == MessageKind::Answer)?;
    Some(LastAnswer {
        contested: thread[at + 1..]
            .iter()
            .any(|(k, _)| *k == MessageKind::Contest),
        by_actor: thread[at].1,
    })
}

/// The status and contest flag after `action`, or why it is refused. One contest per answer;
/// whoever wrote the contested answer can neither answer nor close the contest.
pub fn decide(facts: Facts, action: Action) -> Result<(S, bool), Refused> {
    match action {
        Action::Contest => match facts.last_answer {
            None => Err(NO_ANSWER),
            Some(a) if a.contested => Err(ALREADY_CONTESTED),
            Some(_) => next_status(facts.status, facts.contested, action),
        },
        Action::Answer { .. } | Action::Close { .. }
            if facts.contested
                && facts.status != S::Closed
                && facts.last_answer.is_some_and(|a| a.by_actor) =>
        {
            Err(OWN_ANSWER)
        }
        _ => next_status(facts.status, facts.contested, action),
    }
}

/// The median of some durations (the middle one; the mean of the two middle ones when even).
pub fn median(values: &mut [i64]) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_marks_a_new_request_received_once() {
        assert_eq!(
            next_status(S::Sent, false, Action::Open),
            Ok((S::Received, false))
        );
        assert_eq!(
            next_status(S::Answered, false, Action::Open),
            Ok((S::Answered, false))
        );
    }

    #[test]
    fn answering_then_a_follow_up_puts_it_back_in_progress() {
        let (s, c) = next_status(S::Received, false, Action::Answer { supervisor: false }).unwrap();
        assert_eq!(s, S::Answered);
        assert_eq!(
            next_status(s, c, Action::FollowUp),
            Ok((S::InProgress, false))
        );
    }

    #[test]
    fn nothing_but_notes_and_contests_on_a_closed_request() {
        for action in [
            Action::Assign,
            Action::Answer { supervisor: true },
            Action::Close { supervisor: true },
            Action::FollowUp,
        ] {
            assert!(next_status(S::Closed, false, action).is_err(), "{action:?}");
        }
        assert_eq!(
            next_status(S::Closed, false, Action::Note),
            Ok((S::Closed, false))
        );
        assert_eq!(
            next_status(S::Closed, false, Action::Contest),
            Ok((S::InProgress, true))
        );
    }

    #[test]
    fn a_contest_needs_an_answer_and_goes_to_a_supervisor() {
        assert!(next_status(S::Sent, false, Action::Contest).is_err());
        assert!(next_status(S::InProgress, false, Action::Contest).is_err());
        let (s, c) = next_status(S::Answered, false, Action::Contest).unwrap();
        assert!(c);
        assert!(next_status(s, c, Action::Contest).is_err());
        assert!(next_status(s, c, Action::Answer { supervisor: false }).is_err());
        assert!(next_status(s, c, Action::Close { supervisor: false }).is_err());
        assert_eq!(
            next_status(s, c, Action::Answer { supervisor: true }),
            Ok((S::Answered, false))
        );
    }

    #[test]
    fn assigning_starts_the_work_but_does_not_reopen_an_answer() {
        assert_eq!(
            next_status(S::Sent, false, Action::Assign),
            Ok((S::InProgress, false))
        );
        assert_eq!(
            next_status(S::Answered, false, Action::Assign),
            Ok((S::Answered, false))
        );
    }

    fn facts(status: S, contested: bool, last_answer: Option<(bool, bool)>) -> Facts {
        Facts {
            status,
            contested,
            last_answer: last_answer.map(|(contested, by_actor)| LastAnswer {
                contested,
                by_actor,
            }),
        }
    }

    #[test]
    fn an_answer_is_contested_once_even_after_the_contest_was_closed() {
        let answered = facts(S::Answered, false, Some((false, false)));
        let (s, c) = decide(answered, Action::Contest).unwrap();
        assert_eq!((s, c), (S::InProgress, true));
        // A supervisor closes the contest without a new answer: the same answer stays contested.
        let (s, c) = decide(
            facts(s, c, Some((true, false))),
            Action::Close { supervisor: true },
        )
        .unwrap();
        assert_eq!(
            decide(facts(s, c, Some((true, false))), Action::Contest)
                .unwrap_err()
                .refusal,
            Requests::AlreadyContested
        );
        // A new answer may be contested once again.
        assert_eq!(
            decide(
                facts(S::Answered, false, Some((false, false))),
                Action::Contest
            ),
            Ok((S::InProgress, true))
        );
    }

    #[test]
    fn no_contest_without_an_answer() {
        for status in [S::Sent, S::Received, S::InProgress, S::Closed] {
            assert_eq!(
                decide(facts(status, false, None), Action::Contest)
                    .unwrap_err()
                    .refusal,
                Requests::NoAnswer,
                "{status:?}"
            );
        }
    }

    #[test]
    fn whoever_wrote_the_contested_answer_cannot_settle_the_contest() {
        let mine = facts(S::InProgress, true, Some((true, true)));
        for action in [
            Action::Answer { supervisor: true },
            Action::Close { supervisor: true },
            Action::Answer { supervisor: false },
        ] {
            assert_eq!(
                decide(mine, action).unwrap_err().refusal,
                Requests::OwnAnswerContested,
                "{action:?}"
            );
        }
        // Notes and assignment stay open to the author: the contest goes to someone else.
        assert!(decide(mine, Action::Note).is_ok());
        assert!(decide(mine, Action::Assign).is_ok());
        let someone_elses = facts(S::InProgress, true, Some((true, false)));
        assert_eq!(
            decide(someone_elses, Action::Close { supervisor: true }),
            Ok((S::Closed, false))
        );
        assert_eq!(
            decide(someone_elses, Action::Answer { supervisor: false })
                .unwrap_err()
                .refusal,
            Requests::SupervisorNeeded
        );
        // Without a contest, the author answers again as usual.
        assert!(
            decide(
                facts(S::InProgress, false, Some((false, true))),
                Action::Answer { supervisor: false }
            )
            .is_ok()
        );
    }

    #[test]
    fn the_last_answer_is_read_from_the_thread() {
        use MessageKind as K;
        assert_eq!(last_answer(&[(K::Request, false)]), None);
        let thread = [
            (K::Request, false),
            (K::Answer, true),
            (K::Contest, false),
            (K::Answer, false),
            (K::Note, true),
        ];
        assert_eq!(
            last_answer(&thread),
            Some(LastAnswer {
                contested: false,
                by_actor: false
            })
        );
        assert_eq!(
            last_answer(&thread[..3]),
            Some(LastAnswer {
                contested: true,
                by_actor: true
            })
        );
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [5, 1, 9]), Some(5));
        assert_eq!(median(&mut [4, 1, 10, 2]), Some(3));
    }
}

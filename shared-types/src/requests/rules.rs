//! How a request moves: one pure function for every transition, and the median used by the
//! dashboard.

use super::RequestStatus as S;

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

/// The status and contest flag after `action`, or why it is refused (French, for the user).
pub fn next_status(status: S, contested: bool, action: Action) -> Result<(S, bool), &'static str> {
    const CLOSED: &str = "Cette demande est close.";
    const SUPERVISOR: &str =
        "Cette réponse est contestée : c'est à un responsable de répondre ou de clore.";
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
        Action::FollowUp if status == S::Closed => {
            Err("Cette demande est close : écrivez une nouvelle demande.")
        }
        Action::FollowUp if status == S::Answered => Ok((S::InProgress, contested)),
        Action::FollowUp => Ok((status, contested)),
        Action::Contest if contested => Err("Vous avez déjà contesté cette réponse."),
        Action::Contest if matches!(status, S::Answered | S::Closed) => Ok((S::InProgress, true)),
        Action::Contest => Err("Il n'y a pas encore de réponse à contester."),
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

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [5, 1, 9]), Some(5));
        assert_eq!(median(&mut [4, 1, 10, 2]), Some(3));
    }
}

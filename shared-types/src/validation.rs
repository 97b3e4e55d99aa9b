//! Input rules, run by the browser apps before sending and by the API before writing.

use crate::problem::{ErrorCode, FieldError};

/// Shortest password a visitor or agent may choose (ANSSI / CNIL guidance: 12 characters).
pub const PASSWORD_MIN: usize = 12;
/// Longest password accepted, to bound hashing work.
pub const PASSWORD_MAX: usize = 128;
/// Longest e-mail address (RFC 5321 path limit).
pub const EMAIL_MAX: usize = 254;
/// Longest person name.
pub const NAME_MAX: usize = 100;
/// A detainee's PIN: digits only, this many.
pub const PIN_LEN: std::ops::RangeInclusive<usize> = 4..=8;

/// Collects field errors for one request.
#[derive(Debug, Default)]
pub struct Errors(pub Vec<FieldError>);

impl Errors {
    /// Records an error on `field`.
    pub fn add(&mut self, field: &str, code: ErrorCode) {
        self.0.push(FieldError::new(field, code));
    }

    /// `Ok` when nothing was recorded.
    pub fn finish(self) -> Result<(), Vec<FieldError>> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }
}

/// Checks an e-mail address: one `@`, something before, a dotted domain after, no spaces.
pub fn email(errors: &mut Errors, field: &str, value: &str) {
    let value = value.trim();
    if value.is_empty() {
        return errors.add(field, ErrorCode::Required);
    }
    if value.len() > EMAIL_MAX {
        return errors.add(field, ErrorCode::TooLong);
    }
    let valid = match value.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !value.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if !valid {
        errors.add(field, ErrorCode::InvalidEmail);
    }
}

/// Checks a new password's length.
pub fn new_password(errors: &mut Errors, field: &str, value: &str) {
    let len = value.chars().count();
    if len == 0 {
        errors.add(field, ErrorCode::Required);
    } else if len < PASSWORD_MIN {
        errors.add(field, ErrorCode::TooShort);
    } else if len > PASSWORD_MAX {
        errors.add(field, ErrorCode::TooLong);
    }
}

/// Checks a required free-text field with a maximum length.
pub fn required_text(errors: &mut Errors, field: &str, value: &str, max: usize) {
    let value = value.trim();
    if value.is_empty() {
        errors.add(field, ErrorCode::Required);
    } else if value.chars().count() > max {
        errors.add(field, ErrorCode::TooLong);
    }
}

/// Checks a detainee PIN: digits only, 4 to 8 of them.
pub fn pin(errors: &mut Errors, field: &str, value: &str) {
    if value.is_empty() {
        errors.add(field, ErrorCode::Required);
    } else if !value.chars().all(|c| c.is_ascii_digit()) || !PIN_LEN.contains(&value.len()) {
        errors.add(field, ErrorCode::InvalidFormat);
    }
}

/// Checks a prison registration number (numéro d'écrou): 1 to 12 letters or digits.
pub fn registration_number(errors: &mut Errors, field: &str, value: &str) {
    let value = value.trim();
    if value.is_empty() {
        errors.add(field, ErrorCode::Required);
    } else if value.len() > 12 || !value.chars().all(|c| c.is_ascii_alphanumeric()) {
        errors.add(field, ErrorCode::InvalidFormat);
    }
}

/// Normalises an enrolment code as typed on a tablet: upper case, no spaces or dashes.
pub fn normalise_code(value: &str) -> String {
    value
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(f: impl FnOnce(&mut Errors)) -> Vec<ErrorCode> {
        let mut e = Errors::default();
        f(&mut e);
        e.0.into_iter().map(|e| e.code).collect()
    }

    #[test]
    fn emails() {
        assert!(codes(|e| email(e, "email", "marie.dupont@example.fr")).is_empty());
        assert_eq!(codes(|e| email(e, "email", "  ")), [ErrorCode::Required]);
        for bad in [
            "marie",
            "marie@",
            "@example.fr",
            "a@b",
            "a b@c.fr",
            "a@b@c.fr",
            "a@.fr",
        ] {
            assert_eq!(
                codes(|e| email(e, "email", bad)),
                [ErrorCode::InvalidEmail],
                "{bad}"
            );
        }
    }

    #[test]
    fn passwords_need_twelve_characters() {
        assert_eq!(
            codes(|e| new_password(e, "p", "court")),
            [ErrorCode::TooShort]
        );
        assert!(codes(|e| new_password(e, "p", "assez-long-123")).is_empty());
        assert_eq!(
            codes(|e| new_password(e, "p", &"x".repeat(129))),
            [ErrorCode::TooLong]
        );
    }

    #[test]
    fn pins_are_four_to_eight_digits() {
        assert!(codes(|e| pin(e, "pin", "1234")).is_empty());
        assert_eq!(codes(|e| pin(e, "pin", "12a4")), [ErrorCode::InvalidFormat]);
        assert_eq!(codes(|e| pin(e, "pin", "123")), [ErrorCode::InvalidFormat]);
        assert_eq!(codes(|e| pin(e, "pin", "")), [ErrorCode::Required]);
    }

    #[test]
    fn enrolment_codes_are_forgiving_to_type() {
        assert_eq!(normalise_code(" ab12-cd34 "), "AB12CD34");
    }
}

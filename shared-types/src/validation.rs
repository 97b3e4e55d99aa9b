//! Input rules, run by the browser apps before sending and by the API before writing.

use crate::date::Date;
use crate::problem::{ErrorCode, FieldError};

/// Shortest password a visitor or agent may choose (ANSSI / CNIL guidance: 12 characters).
pub const PASSWORD_MIN: usize = 12;
/// Longest password accepted, to bound hashing work.
pub const PASSWORD_MAX: usize = 128;
/// Longest e-mail address (RFC 5321 path limit).
pub const EMAIL_MAX: usize = 254;
/// Longest person name.
pub const NAME_MAX: usize = 100;
/// Longest phone number accepted as typed, separators included.
pub const PHONE_MAX: usize = 30;
/// Oldest plausible age, in years, for a date of birth.
pub const AGE_MAX: i32 = 120;
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

    /// Records an error on `field` with a message more precise than the code's default one.
    pub fn add_message(&mut self, field: &str, code: ErrorCode, message: &str) {
        self.0.push(FieldError {
            field: field.into(),
            code,
            message: message.into(),
        });
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

/// Checks a date of birth (`YYYY-MM-DD`): a real day, not after `today`, at most
/// [`AGE_MAX`] years before it.
pub fn birth_date(errors: &mut Errors, field: &str, value: &str, today: Date) {
    if value.trim().is_empty() {
        return errors.add(field, ErrorCode::Required);
    }
    match Date::parse(value) {
        None => errors.add_message(
            field,
            ErrorCode::InvalidFormat,
            "Saisissez une date qui existe, au format AAAA-MM-JJ.",
        ),
        Some(date) if date > today => errors.add_message(
            field,
            ErrorCode::InvalidFormat,
            "La date de naissance ne peut pas être dans le futur.",
        ),
        Some(date) if date.age_on(today) > AGE_MAX => errors.add_message(
            field,
            ErrorCode::InvalidFormat,
            "Vérifiez l'année de naissance.",
        ),
        Some(_) => {}
    }
}

/// Checks a phone number: French (`06 12 34 56 78`) or international (`+32 470 12 34 56`).
pub fn phone(errors: &mut Errors, field: &str, value: &str) {
    if value.trim().is_empty() {
        errors.add(field, ErrorCode::Required);
    } else if normalise_phone(value).is_none() {
        errors.add_message(
            field,
            ErrorCode::InvalidFormat,
            "Saisissez un numéro de téléphone, par exemple 06 12 34 56 78 ou +32 470 12 34 56.",
        );
    }
}

/// A phone number in international form (`+33612345678`) from what a person typed: a French
/// number of ten digits starting with 0, or an international one starting with `+` or `00`;
/// spaces, dots, dashes, brackets and the `(0)` some write after the country code are allowed.
pub fn normalise_phone(value: &str) -> Option<String> {
    let value = value.trim();
    if value.chars().count() > PHONE_MAX {
        return None;
    }
    let value = value.replace("(0)", "");
    let mut digits = String::new();
    let mut plus = false;
    for c in value.chars() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if digits.is_empty() && !plus => plus = true,
            ' ' | '.' | '-' | '(' | ')' | '/' => {}
            _ => return None,
        }
    }
    let international = if plus {
        digits
    } else if let Some(rest) = digits.strip_prefix("00") {
        rest.to_owned()
    } else if digits.len() == 10 && digits.starts_with('0') {
        format!("33{}", &digits[1..])
    } else {
        return None;
    };
    // E.164: a country code that does not start with 0, fifteen digits at most; fewer than
    // eight cannot reach anyone.
    if !(8..=15).contains(&international.len()) || international.starts_with('0') {
        return None;
    }
    if let Some(national) = international.strip_prefix("33")
        && (national.len() != 9 || national.starts_with('0'))
    {
        return None;
    }
    Some(format!("+{international}"))
}

/// How to show a stored phone number: French numbers as French people write them
/// (`06 12 34 56 78`), others as stored.
pub fn display_phone(e164: &str) -> String {
    match e164.strip_prefix("+33") {
        Some(national) if national.len() == 9 && national.chars().all(|c| c.is_ascii_digit()) => {
            let digits = format!("0{national}");
            digits
                .as_bytes()
                .chunks(2)
                .map(|pair| String::from_utf8_lossy(pair).into_owned())
                .collect::<Vec<_>>()
                .join(" ")
        }
        _ => e164.to_owned(),
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
    fn birth_dates_are_real_past_and_plausible() {
        let today = Date::parse("2026-03-10").unwrap();
        let check = |v: &str| codes(|e| birth_date(e, "birth_date", v, today));
        assert!(check("1975-04-18").is_empty());
        assert!(check("2026-03-10").is_empty(), "born today is possible");
        assert_eq!(check(""), [ErrorCode::Required]);
        for bad in [
            "2026-03-11",
            "2030-01-01",
            "1975-02-30",
            "18/04/1975",
            "1899-12-31",
        ] {
            assert_eq!(check(bad), [ErrorCode::InvalidFormat], "{bad}");
        }
        let mut e = Errors::default();
        birth_date(&mut e, "birth_date", "2027-01-01", today);
        assert!(e.0[0].message.contains("futur"));
    }

    #[test]
    fn phones_french_and_international() {
        for (typed, stored) in [
            ("06 12 34 56 78", "+33612345678"),
            ("06.12.34.56.78", "+33612345678"),
            ("0140000000", "+33140000000"),
            ("+33 6 12 34 56 78", "+33612345678"),
            ("+33 (0)6 12 34 56 78", "+33612345678"),
            ("0033612345678", "+33612345678"),
            ("+32 470 12 34 56", "+32470123456"),
            ("+1 (555) 010-9999", "+15550109999"),
        ] {
            assert_eq!(normalise_phone(typed).as_deref(), Some(stored), "{typed}");
        }
        for bad in [
            "12345",
            "0612345678 9",
            "6 12 34 56 78",
            "+33 06 12 34 56 78",
            "+33 6 12 34 56",
            "06-12-34-56-7a",
            "++33612345678",
            "+0612345678",
            "0012",
            "+1234567890123456",
            "06 12 34 56 78 ext",
        ] {
            assert_eq!(normalise_phone(bad), None, "{bad}");
        }
        assert!(codes(|e| phone(e, "phone", "06 12 34 56 78")).is_empty());
        assert_eq!(codes(|e| phone(e, "phone", " ")), [ErrorCode::Required]);
        assert_eq!(
            codes(|e| phone(e, "phone", "pas un numéro")),
            [ErrorCode::InvalidFormat]
        );
    }

    #[test]
    fn phones_are_shown_the_french_way() {
        assert_eq!(display_phone("+33612345678"), "06 12 34 56 78");
        assert_eq!(display_phone("+32470123456"), "+32470123456");
    }

    #[test]
    fn enrolment_codes_are_forgiving_to_type() {
        assert_eq!(normalise_code(" ab12-cd34 "), "AB12CD34");
    }
}

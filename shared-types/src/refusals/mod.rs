//! Why the API refused a command: a machine-readable `code` in every problem document
//! (`order.not_placed`, `window.closed`, `visit.minor_alone`, …). The apps switch on the code,
//! never on the French `detail`. One enum per domain, each code with what it means; the list of
//! every code is what `docs/transitions.md` is checked against.

pub mod accounts;
pub mod canteen;
pub mod common;
pub mod requests;
pub mod visits;

/// A refusal code of one domain.
pub trait Refusal: Copy {
    /// The stable code, e.g. `order.not_placed`.
    fn code(self) -> &'static str;
    /// What it means, in French, for the documentation.
    fn meaning(self) -> &'static str;
}

/// Declares a domain's refusal enum: `Variant => "code", "meaning"`.
macro_rules! refusals {
    ($(#[$meta:meta])* pub enum $name:ident {
        $($(#[$vmeta:meta])* $variant:ident => $code:literal, $meaning:literal),+ $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every code of the domain.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The refusal a problem's code names, if it is one of this domain's.
            pub fn from_code(code: &str) -> Option<Self> {
                match code {
                    $($code => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl $crate::refusals::Refusal for $name {
            fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }
            fn meaning(self) -> &'static str {
                match self {
                    $($name::$variant => $meaning),+
                }
            }
        }
    };
}

pub(crate) use refusals;

/// Every refusal code of every domain, with its meaning: (domain, code, meaning).
pub fn all() -> Vec<(&'static str, &'static str, &'static str)> {
    fn of<R: Refusal>(
        domain: &'static str,
        all: &[R],
    ) -> Vec<(&'static str, &'static str, &'static str)> {
        all.iter()
            .map(|r| (domain, r.code(), r.meaning()))
            .collect()
    }
    let mut v = of("common", common::Common::ALL);
    v.extend(of("accounts", accounts::Accounts::ALL));
    v.extend(of("canteen", canteen::Canteen::ALL));
    v.extend(of("requests", requests::Requests::ALL));
    v.extend(of("visits", visits::Visits::ALL));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_dotted_and_round_trip() {
        let all = all();
        let mut seen = std::collections::BTreeSet::new();
        for (domain, code, meaning) in &all {
            assert!(seen.insert(*code), "{code} is declared twice");
            assert!(
                code.contains('.'),
                "{code} names its object: `object.reason`"
            );
            assert!(
                code.bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'.' || b == b'_'),
                "{code}: lower case, dots and underscores only"
            );
            assert!(!meaning.is_empty(), "{domain} {code} says what it means");
        }
        assert_eq!(
            canteen::Canteen::from_code(canteen::Canteen::OrderNotPlaced.code()),
            Some(canteen::Canteen::OrderNotPlaced)
        );
    }
}

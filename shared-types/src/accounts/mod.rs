//! The detainee's account (compte nominatif): its three parts, the ledger, and how incoming
//! money is split between the parts.

use serde::{Deserialize, Serialize};

use crate::FieldError;
use crate::codes::coded_enum;
use crate::problem::ErrorCode;
use crate::validation::{self, Errors};

mod reversal;
pub use reversal::{OperationState, check_correction, reversal_of};

/// Largest single credit or correction an officer may post: 10,000 €.
pub const MAX_MOVEMENT_CENTS: i64 = 1_000_000;

coded_enum! {
    /// The three parts of a detainee's account.
    pub enum Part {
        /// Disponible: what the detainee may spend (canteen, phone, …).
        Available => "available",
        /// Parties civiles: kept for victims' compensation and maintenance creditors.
        CivilParties => "civil_parties",
        /// Pécule de libération: savings handed over on release.
        Savings => "savings",
    }
}

coded_enum! {
    /// Money coming in, as posted by the accounts officer.
    pub enum IncomeKind {
        /// Mandat: money sent by family or friends.
        FamilyTransfer => "family_transfer",
        /// Rémunération du travail: wages for work in detention.
        Wages => "wages",
        /// Aide aux personnes sans ressources suffisantes.
        Allowance => "allowance",
    }
}

coded_enum! {
    /// What a ledger entry records.
    pub enum EntryKind {
        FamilyTransfer => "family_transfer",
        Wages => "wages",
        Allowance => "allowance",
        CanteenPurchase => "canteen_purchase",
        CanteenRefund => "canteen_refund",
        Correction => "correction",
        /// The exact opposite of an income operation, posted once.
        Reversal => "reversal",
    }
}

impl From<IncomeKind> for EntryKind {
    fn from(kind: IncomeKind) -> Self {
        match kind {
            IncomeKind::FamilyTransfer => Self::FamilyTransfer,
            IncomeKind::Wages => Self::Wages,
            IncomeKind::Allowance => Self::Allowance,
        }
    }
}

/// How incoming money is split. Rates are in basis points (1 % = 100).
///
/// The civil-parties part takes a rising share of what the detainee receives in a calendar
/// month, by bands; the savings part takes a flat share of the same amount above the first band,
/// up to a cap. Nothing is taken from the first `band1_from_cents` of the month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SplitRules {
    pub band1_from_cents: i64,
    pub band1_rate_bp: i64,
    pub band2_from_cents: i64,
    pub band2_rate_bp: i64,
    pub band3_from_cents: i64,
    pub band3_rate_bp: i64,
    pub savings_rate_bp: i64,
    pub savings_cap_cents: i64,
    pub levy_family_transfer: bool,
    pub levy_wages: bool,
    pub levy_allowance: bool,
}

impl Default for SplitRules {
    /// The rules of the former Code de procédure pénale, art. D. 320-1 (civil parties: 20 % of
    /// the monthly sums between 200 and 400 €, 25 % between 400 and 600 €, 30 % above) and
    /// art. D. 320-2 (release savings: 10 %, capped by order of the minister at 1,000 €), now
    /// carried into the Code pénitentiaire. The allowance for people without sufficient means is
    /// not levied. Each establishment's accounts office can change them; check them against the
    /// texts in force before going live.
    fn default() -> Self {
        Self {
            band1_from_cents: 20_000,
            band1_rate_bp: 2_000,
            band2_from_cents: 40_000,
            band2_rate_bp: 2_500,
            band3_from_cents: 60_000,
            band3_rate_bp: 3_000,
            savings_rate_bp: 1_000,
            savings_cap_cents: 100_000,
            levy_family_transfer: true,
            levy_wages: true,
            levy_allowance: false,
        }
    }
}

/// How one credit is shared between the parts; the three amounts add up to the credit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Split {
    pub available_cents: i64,
    pub civil_parties_cents: i64,
    pub savings_cents: i64,
}

impl SplitRules {
    /// Whether money of this kind is levied at all.
    pub fn levies(&self, kind: IncomeKind) -> bool {
        match kind {
            IncomeKind::FamilyTransfer => self.levy_family_transfer,
            IncomeKind::Wages => self.levy_wages,
            IncomeKind::Allowance => self.levy_allowance,
        }
    }

    /// Splits a credit of `amount` given the levied money already received this month and the
    /// savings already put aside. Shares are rounded down, in the detainee's favour.
    pub fn split(
        &self,
        kind: IncomeKind,
        amount: i64,
        levied_this_month: i64,
        savings_balance: i64,
    ) -> Split {
        if !self.levies(kind) || amount <= 0 {
            return Split {
                available_cents: amount,
                civil_parties_cents: 0,
                savings_cents: 0,
            };
        }
        let (from, to) = (levied_this_month.max(0), levied_this_month.max(0) + amount);
        let overlap = |low: i64, high: i64| (to.min(high) - from.max(low)).max(0);
        let bands = [
            (
                self.band1_from_cents,
                self.band2_from_cents,
                self.band1_rate_bp,
            ),
            (
                self.band2_from_cents,
                self.band3_from_cents,
                self.band2_rate_bp,
            ),
            (self.band3_from_cents, i64::MAX, self.band3_rate_bp),
        ];
        let civil: i64 = bands
            .iter()
            .map(|&(low, high, rate)| overlap(low, high) * rate)
            .sum::<i64>()
            / 10_000;
        let room = (self.savings_cap_cents - savings_balance).max(0);
        let savings =
            (overlap(self.band1_from_cents, i64::MAX) * self.savings_rate_bp / 10_000).min(room);
        Split {
            available_cents: amount - civil - savings,
            civil_parties_cents: civil,
            savings_cents: savings,
        }
    }

    /// Field errors, if any: bands rising, rates between 0 and 100 %, never more than the whole.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if self.band1_from_cents < 0 {
            e.add("band1_from_cents", ErrorCode::InvalidFormat);
        }
        if self.band2_from_cents <= self.band1_from_cents {
            e.add("band2_from_cents", ErrorCode::InvalidFormat);
        }
        if self.band3_from_cents <= self.band2_from_cents {
            e.add("band3_from_cents", ErrorCode::InvalidFormat);
        }
        let rates = [
            ("band1_rate_bp", self.band1_rate_bp),
            ("band2_rate_bp", self.band2_rate_bp),
            ("band3_rate_bp", self.band3_rate_bp),
            ("savings_rate_bp", self.savings_rate_bp),
        ];
        for (field, rate) in rates {
            if !(0..=10_000).contains(&rate) {
                e.add(field, ErrorCode::InvalidFormat);
            }
        }
        let worst = self
            .band1_rate_bp
            .max(self.band2_rate_bp)
            .max(self.band3_rate_bp);
        if worst + self.savings_rate_bp > 10_000 {
            e.add("savings_rate_bp", ErrorCode::InvalidFormat);
        }
        if !(0..=MAX_MOVEMENT_CENTS * 10).contains(&self.savings_cap_cents) {
            e.add("savings_cap_cents", ErrorCode::InvalidFormat);
        }
        e.finish()
    }
}

/// The account as the detainee and the officer see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Balances {
    pub available_cents: i64,
    /// Held by canteen orders not yet delivered.
    pub held_cents: i64,
    /// What can be spent now: available minus held.
    pub spendable_cents: i64,
    pub civil_parties_cents: i64,
    pub savings_cents: i64,
}

impl Balances {
    /// Builds the view from the stored columns.
    pub fn new(available: i64, held: i64, civil_parties: i64, savings: i64) -> Self {
        Self {
            available_cents: available,
            held_cents: held,
            spendable_cents: available - held,
            civil_parties_cents: civil_parties,
            savings_cents: savings,
        }
    }
}

/// One movement on one part, newest first in a history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LedgerLine {
    pub id: String,
    pub operation_id: String,
    pub at: i64,
    pub part: Part,
    pub kind: EntryKind,
    /// Signed: positive in, negative out.
    pub amount_cents: i64,
    pub label: String,
    pub order_id: Option<String>,
    pub corrects_operation_id: Option<String>,
}

/// A detainee's account with its latest movements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountView {
    pub detainee_id: String,
    pub balances: Balances,
    pub history: Vec<LedgerLine>,
}

/// The accounts officer posts money received for a detainee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewCredit {
    pub kind: IncomeKind,
    pub amount_cents: i64,
    /// Shown to the detainee, e.g. "Mandat de Mme Martin"; a default label when empty.
    #[serde(default)]
    pub label: String,
    /// Makes a repeated submission harmless.
    pub idempotency_key: String,
}

impl NewCredit {
    /// Field errors, if any.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        amount(&mut e, "amount_cents", self.amount_cents, false);
        optional_label(&mut e, &self.label);
        validation::required_text(&mut e, "idempotency_key", &self.idempotency_key, 100);
        e.finish()
    }
}

/// The accounts officer corrects a part: a new entry, never an edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewCorrection {
    pub part: Part,
    /// Signed and never zero: negative takes money out of the part.
    pub amount_cents: i64,
    pub reason: String,
    /// The operation this one corrects, when there is one.
    #[serde(default)]
    pub corrects_operation_id: Option<String>,
    pub idempotency_key: String,
}

impl NewCorrection {
    /// Field errors, if any.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        amount(&mut e, "amount_cents", self.amount_cents, true);
        validation::required_text(&mut e, "reason", &self.reason, 200);
        validation::required_text(&mut e, "idempotency_key", &self.idempotency_key, 100);
        e.finish()
    }
}

/// The accounts officer reverses an operation (money posted by mistake): its exact opposite is
/// posted once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewReversal {
    pub reason: String,
    pub idempotency_key: String,
}

impl NewReversal {
    /// Field errors, if any.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        validation::required_text(&mut e, "reason", &self.reason, 200);
        validation::required_text(&mut e, "idempotency_key", &self.idempotency_key, 100);
        e.finish()
    }
}

/// The result of posting a credit or a correction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Posted {
    pub operation_id: String,
    pub split: Split,
    pub balances: Balances,
}

fn amount(e: &mut Errors, field: &str, value: i64, signed: bool) {
    let ok = if signed {
        value != 0 && value.abs() <= MAX_MOVEMENT_CENTS
    } else {
        (1..=MAX_MOVEMENT_CENTS).contains(&value)
    };
    if !ok {
        e.add(field, ErrorCode::InvalidFormat);
    }
}

fn optional_label(e: &mut Errors, label: &str) {
    if label.trim().chars().count() > 200 {
        e.add("label", ErrorCode::TooLong);
    }
}

/// "12,50 €": cents as French-formatted euros.
pub fn format_euros(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    let euros = (abs / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in euros.chars().enumerate() {
        if i > 0 && (euros.len() - i).is_multiple_of(3) {
            grouped.push('\u{202f}');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped},{:02}\u{a0}€", abs % 100)
}

/// A movement with its direction: "+25,00 €" in, "-3,29 €" out.
pub fn format_signed_euros(cents: i64) -> String {
    if cents > 0 {
        format!("+{}", format_euros(cents))
    } else {
        format_euros(cents)
    }
}

/// "20 %", "12,5 %": a rate in basis points (1 % = 100) the French way.
pub fn format_percent(bp: i64) -> String {
    let text = euros_for_input(bp);
    let text = text.trim_end_matches(",00");
    let text = match text.strip_suffix('0') {
        Some(short) if short.contains(',') => short,
        _ => text,
    };
    format!("{text}\u{a0}%")
}

/// "3,29" for an input field: cents as euros with a decimal comma, no symbol.
pub fn euros_for_input(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{},{:02}", abs / 100, abs % 100)
}

/// Euros typed by staff ("3,29", "3.29", "12", "-2,50", "1 250,00 €") as cents; `None` when it
/// is not an amount (more than two decimals, letters, nothing).
pub fn parse_euros(text: &str) -> Option<i64> {
    // Spaces (also no-break ones) group thousands; a trailing euro sign is harmless.
    let cleaned: String = text
        .trim()
        .trim_end_matches('€')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let (negative, unsigned) = match cleaned.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, cleaned.strip_prefix('+').unwrap_or(&cleaned)),
    };
    let (whole, fraction) = match unsigned.split_once([',', '.']) {
        Some((w, f)) if (1..=2).contains(&f.len()) => (w, f),
        Some(_) => return None,
        None => (unsigned, ""),
    };
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !digits(whole) || !(fraction.is_empty() || digits(fraction)) {
        return None;
    }
    let cents = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<i64>().ok()? * 10,
        _ => fraction.parse::<i64>().ok()?,
    };
    let total = whole
        .parse::<i64>()
        .ok()?
        .checked_mul(100)?
        .checked_add(cents)?;
    Some(if negative { -total } else { total })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(amount: i64, month: i64, savings: i64) -> Split {
        SplitRules::default().split(IncomeKind::FamilyTransfer, amount, month, savings)
    }

    #[test]
    fn nothing_is_taken_from_the_first_200_euros_of_the_month() {
        let s = split(15_000, 0, 0);
        assert_eq!(s.available_cents, 15_000);
        assert_eq!(s.civil_parties_cents + s.savings_cents, 0);
    }

    #[test]
    fn bands_apply_to_the_months_running_total() {
        // 500 € in one go: 20 % of 200 (40 €) + 25 % of 100 (25 €) for the civil parties,
        // 10 % of 300 (30 €) for savings.
        let s = split(50_000, 0, 0);
        assert_eq!(s.civil_parties_cents, 6_500);
        assert_eq!(s.savings_cents, 3_000);
        assert_eq!(s.available_cents, 50_000 - 6_500 - 3_000);
        // The same 500 € in two credits of 250 € split the same way in total.
        let a = split(25_000, 0, 0);
        let b = split(25_000, 25_000, a.savings_cents);
        assert_eq!(a.civil_parties_cents + b.civil_parties_cents, 6_500);
        assert_eq!(a.savings_cents + b.savings_cents, 3_000);
    }

    #[test]
    fn the_top_band_takes_30_percent() {
        let s = split(10_000, 70_000, 0);
        assert_eq!(s.civil_parties_cents, 3_000);
    }

    #[test]
    fn savings_stop_at_the_cap() {
        let s = split(50_000, 0, 99_000);
        assert_eq!(s.savings_cents, 1_000);
        let s = split(50_000, 0, 100_000);
        assert_eq!(s.savings_cents, 0);
    }

    #[test]
    fn the_allowance_is_not_levied() {
        let s = SplitRules::default().split(IncomeKind::Allowance, 90_000, 90_000, 0);
        assert_eq!(s.available_cents, 90_000);
    }

    #[test]
    fn parts_always_add_up_to_the_credit() {
        for amount in [1, 99, 20_001, 33_333, 123_457, 1_000_000] {
            for month in [0, 19_999, 40_000, 77_777] {
                let s = split(amount, month, 0);
                assert_eq!(
                    s.available_cents + s.civil_parties_cents + s.savings_cents,
                    amount
                );
                assert!(s.available_cents >= 0);
            }
        }
    }

    #[test]
    fn rules_are_checked() {
        assert!(SplitRules::default().validate().is_ok());
        let bad = SplitRules {
            band2_from_cents: 10_000,
            band3_rate_bp: 9_500,
            ..SplitRules::default()
        };
        let errors = bad.validate().unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert!(fields.contains(&"band2_from_cents"));
        assert!(fields.contains(&"savings_rate_bp"));
    }

    #[test]
    fn movements_are_bounded() {
        let credit = |amount_cents| NewCredit {
            kind: IncomeKind::Wages,
            amount_cents,
            label: String::new(),
            idempotency_key: "k".into(),
        };
        assert!(credit(0).validate().is_err());
        assert!(credit(-5).validate().is_err());
        assert!(credit(MAX_MOVEMENT_CENTS + 1).validate().is_err());
        assert!(credit(2_500).validate().is_ok());
        let correction = NewCorrection {
            part: Part::Available,
            amount_cents: -2_500,
            reason: "Erreur de saisie".into(),
            corrects_operation_id: None,
            idempotency_key: "k".into(),
        };
        assert!(correction.validate().is_ok());
        assert!(
            NewCorrection {
                amount_cents: 0,
                ..correction
            }
            .validate()
            .is_err()
        );
    }

    #[test]
    fn euros_are_written_the_french_way() {
        assert_eq!(format_euros(1_250), "12,50\u{a0}€");
        assert_eq!(format_euros(-5), "-0,05\u{a0}€");
        assert_eq!(
            format_euros(123_456_789),
            "1\u{202f}234\u{202f}567,89\u{a0}€"
        );
    }

    #[test]
    fn movements_show_their_direction() {
        assert_eq!(format_signed_euros(2_500), "+25,00\u{a0}€");
        assert_eq!(format_signed_euros(-329), "-3,29\u{a0}€");
        assert_eq!(format_signed_euros(0), "0,00\u{a0}€");
    }

    #[test]
    fn euros_typed_the_french_or_english_way_become_cents() {
        assert_eq!(parse_euros("3,29"), Some(329));
        assert_eq!(parse_euros("3.29"), Some(329));
        assert_eq!(parse_euros(" 12 "), Some(1_200));
        assert_eq!(parse_euros("3,5"), Some(350));
        assert_eq!(parse_euros("0,05"), Some(5));
        assert_eq!(parse_euros("-2,50"), Some(-250));
        assert_eq!(parse_euros("1\u{202f}250,00\u{a0}€"), Some(125_000));
        assert_eq!(parse_euros("1 250 €"), Some(125_000));
    }

    #[test]
    fn what_is_not_an_amount_is_refused() {
        for bad in [
            "",
            " ",
            "€",
            "abc",
            "3,295",
            "3,",
            ",5",
            "3,2,1",
            "1.234,56",
            "--3",
            "3-",
            "99999999999999999999",
        ] {
            assert_eq!(parse_euros(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn rates_read_as_percentages() {
        assert_eq!(format_percent(2_000), "20\u{a0}%");
        assert_eq!(format_percent(1_250), "12,5\u{a0}%");
        assert_eq!(format_percent(1_255), "12,55\u{a0}%");
        assert_eq!(format_percent(0), "0\u{a0}%");
    }

    #[test]
    fn amounts_go_back_into_fields_as_typed() {
        assert_eq!(euros_for_input(329), "3,29");
        assert_eq!(euros_for_input(-5), "-0,05");
        assert_eq!(euros_for_input(125_000), "1250,00");
        assert_eq!(parse_euros(&euros_for_input(-98_765)), Some(-98_765));
    }
}

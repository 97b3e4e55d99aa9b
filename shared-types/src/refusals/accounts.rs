//! Refusals of the detainees' accounts (money).

use super::refusals;

refusals! {
    /// Why a money movement was refused.
    pub enum Accounts {
        /// The spendable money does not cover the amount.
        Insufficient => "account.insufficient", "Le solde disponible ne couvre pas ce montant.",
        /// The operation was reversed already.
        AlreadyReversed => "operation.already_reversed", "Cette opération a déjà été annulée.",
        /// A reversal or a correction cannot itself be reversed.
        NotReversible => "operation.not_reversible", "Une annulation ou une correction ne s'annule pas.",
        /// The database already holds a movement for this cause (a second refund, release or reversal).
        Duplicate => "operation.duplicate", "Ce mouvement d'argent a déjà été fait.",
        /// A correction on a part the operation did not touch, or beyond what it posted.
        CorrectionOutOfBounds => "operation.correction_out_of_bounds", "Une correction reste dans ce que l'opération a inscrit, sur les mêmes parts.",
    }
}

//! Refusals shared by every domain.

use super::refusals;

refusals! {
    /// Refusals that are not one domain's.
    pub enum Common {
        /// Someone else changed the record between reading and writing it.
        Stale => "record.changed", "La fiche a changé entre-temps : rechargez-la et recommencez.",
        /// A unique name or address already taken.
        Taken => "record.taken", "Cette valeur est déjà utilisée.",
        /// An e-mail link already used or replaced.
        LinkUsed => "link.used", "Ce lien a déjà servi.",
        /// The establishment is outside the agent's scope.
        OutOfScope => "establishment.out_of_scope", "Cet établissement n'est pas dans votre périmètre.",
        /// The agent's roles do not grant the action.
        NotPermitted => "permission.missing", "Votre habilitation ne permet pas cette action.",
        /// The browser is not an enrolled terminal.
        TerminalNotEnrolled => "terminal.not_enrolled", "Ce terminal n'est pas enrôlé.",
        /// The visitor must confirm their e-mail address first.
        EmailNotConfirmed => "account.email_not_confirmed", "Confirmez d'abord votre adresse e-mail.",
        /// The visitor must complete their profile (date of birth) first.
        ProfileIncomplete => "account.profile_incomplete", "Indiquez d'abord votre date de naissance dans votre profil.",
    }
}

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
    }
}

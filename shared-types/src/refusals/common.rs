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
    }
}

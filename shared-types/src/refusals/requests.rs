//! Refusals of requests to the prison services.

use super::refusals;

refusals! {
    /// Why a request command was refused.
    pub enum Requests {
        /// The request changed since it was read.
        Changed => "request.changed", "La requête a changé entre-temps.",
        /// The request is closed.
        Closed => "request.closed", "Cette requête est close.",
        /// Nothing to contest before an answer.
        NoAnswer => "request.no_answer", "Il n'y a pas encore de réponse à contester.",
        /// This answer was contested already.
        AlreadyContested => "request.already_contested", "Cette réponse a déjà été contestée.",
        /// Whoever wrote the contested answer cannot settle the contest.
        OwnAnswerContested => "request.own_answer_contested", "La personne qui a écrit la réponse contestée ne peut pas traiter la contestation.",
        /// Only a supervisor answers a contest.
        SupervisorNeeded => "request.supervisor_needed", "Une contestation est traitée par un responsable.",
        /// A sealed health request: health staff only.
        Sealed => "request.sealed", "Demande confidentielle : seul le personnel soignant peut la lire.",
        /// A request to a service the agent does not handle.
        OtherService => "request.other_service", "Cette demande est adressée à un service que vous ne traitez pas.",
        /// The template was removed already.
        TemplateRemoved => "answer_template.removed", "Ce modèle de réponse a déjà été supprimé.",
        /// A live template of the service has that title.
        TemplateExists => "answer_template.exists", "Ce service a déjà un modèle de réponse de ce titre.",
    }
}

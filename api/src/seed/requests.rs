//! Demo requests: a few hundred over the last 80 days across every service, most answered or
//! closed, some pending and some overdue, a few contested; and answer templates per service.

use shared_types::requests::{DEFAULT_DEADLINE_DAYS, RequestStatus, subjects};
use shared_types::roles::Service;

use super::bulk::{Rows, Value};
use crate::db::{Tx, new_id, now};
use crate::error::ApiResult;

/// Two answer templates per service: (title, text).
fn templates(service: Service) -> [(&'static str, &'static str); 2] {
    match service {
        Service::Registry => [
            (
                "Situation pénale envoyée",
                "Votre fiche de situation pénale vous sera remise en main propre cette semaine.",
            ),
            (
                "Transmis au juge",
                "Votre demande a été transmise au service de l'application des peines.",
            ),
        ],
        Service::Probation => [
            (
                "Rendez-vous SPIP",
                "Votre conseiller SPIP vous recevra lors de sa prochaine permanence. Vous serez appelé.",
            ),
            (
                "Dossier en cours",
                "Votre dossier est en cours d'étude. Nous revenons vers vous dès que possible.",
            ),
        ],
        Service::Health => [
            (
                "Consultation programmée",
                "Une consultation est programmée. Vous serez appelé par l'unité sanitaire.",
            ),
            (
                "Traitement revu",
                "Votre traitement a été revu par le médecin. Présentez-vous à la distribution habituelle.",
            ),
        ],
        Service::Work => [
            (
                "Inscrit sur la liste",
                "Vous êtes inscrit sur la liste d'attente pour un poste de travail.",
            ),
            (
                "Paie vérifiée",
                "Votre fiche de paie a été vérifiée : le montant versé est correct.",
            ),
        ],
        Service::Training => [
            (
                "Inscription reçue",
                "Votre inscription est reçue. La prochaine session commence le mois prochain.",
            ),
            (
                "Attestation prête",
                "Votre attestation de formation est prête. Elle vous sera remise par le formateur.",
            ),
        ],
        Service::Education => [
            (
                "Inscription à l'école",
                "Vous êtes inscrit. Le responsable local de l'enseignement vous recevra pour un test de niveau.",
            ),
            (
                "Cours de lecture",
                "Un cours de lecture a lieu chaque mardi matin. Vous y êtes inscrit.",
            ),
        ],
        Service::Activities => [
            (
                "Inscrit à l'activité",
                "Vous êtes inscrit à l'activité demandée. Le planning est affiché en détention.",
            ),
            (
                "Liste complète",
                "L'activité est complète. Vous êtes sur la liste d'attente.",
            ),
        ],
        Service::Worship => [
            (
                "Visite de l'aumônier",
                "L'aumônier passera vous voir cette semaine.",
            ),
            (
                "Demande transmise",
                "Votre demande a été transmise à l'aumônerie.",
            ),
        ],
        Service::Visits => [
            (
                "Réservation possible",
                "Vos proches peuvent réserver un parloir sur le site de réservation des visites.",
            ),
            (
                "Permis en cours",
                "La demande de permis de visite est en cours d'instruction.",
            ),
        ],
        Service::Canteen => [
            (
                "Produit remboursé",
                "Le produit manquant vous a été remboursé sur votre compte.",
            ),
            (
                "Commande vérifiée",
                "Votre commande a été vérifiée avec le prestataire : elle est complète.",
            ),
        ],
        Service::Mail => [
            (
                "Courrier remis",
                "Votre courrier a été remis au vaguemestre.",
            ),
            (
                "Colis",
                "Le dépôt de linge a lieu les jours de parloir. Vos proches peuvent l'apporter.",
            ),
        ],
        Service::Building => [
            (
                "Intervention prévue",
                "Une intervention est prévue dans votre cellule cette semaine.",
            ),
            (
                "Audience",
                "Votre demande d'audience a été transmise à la direction.",
            ),
        ],
        Service::Library => [
            (
                "Livre réservé",
                "Le livre demandé est réservé à votre nom. Vous pourrez le prendre au prochain passage.",
            ),
            (
                "Abonnement",
                "Les journaux sont disponibles en consultation à la bibliothèque.",
            ),
        ],
        Service::Other => [
            (
                "Information",
                "Votre demande a été transmise au service concerné.",
            ),
            (
                "Réponse",
                "Merci pour votre message. Nous y avons répondu au mieux.",
            ),
        ],
    }
}

/// What a demo detainee wrote, by service.
fn text(service: Service, n: usize) -> &'static str {
    const GENERIC: [&str; 3] = [
        "Bonjour, je voudrais une réponse à ce sujet s'il vous plaît. Merci.",
        "Bonjour, j'ai déjà demandé il y a quelque temps. Pouvez-vous me dire où en est ma demande ?",
        "Bonjour, pouvez-vous m'aider ? Je ne sais pas comment faire. Merci d'avance.",
    ];
    match (service, n % 2) {
        (Service::Canteen, 0) => "Il manquait un paquet de café dans ma commande de la semaine.",
        (Service::Health, 0) => {
            "Bonjour, j'ai mal aux dents depuis trois jours. Je voudrais voir le dentiste."
        }
        (Service::Registry, 0) => "Bonjour, je voudrais connaître ma date de sortie prévue.",
        (Service::Building, 0) => "La lumière de ma cellule ne marche plus depuis lundi.",
        _ => GENERIC[n % GENERIC.len()],
    }
}

/// A deterministic spread (no randomness: the demo is the same on every machine).
fn mix(i: usize, salt: usize) -> usize {
    (i.wrapping_mul(2_654_435_761) ^ salt.wrapping_mul(40_503)) % 1_000
}

/// Seeds templates and `count` historical requests among `detainee_ids` of an establishment.
pub async fn seed_establishment(
    tx: &mut Tx,
    establishment_id: &str,
    detainee_ids: &[String],
    count: usize,
) -> ApiResult<()> {
    let at = now();
    let mut kept = Rows::new(
        "request_templates (id, establishment_id, service, title, body, created_at)",
        6,
    );
    for service in Service::ALL {
        for (title, body) in templates(service) {
            kept.push(vec![
                Value::Text(new_id()),
                Value::Text(establishment_id.to_owned()),
                Value::Text(service.code().to_owned()),
                Value::Text(title.to_owned()),
                Value::Text(body.to_owned()),
                Value::Int(at - 100 * 86_400),
            ]);
        }
    }
    kept.insert(tx).await?;
    sqlx::query(
        "INSERT INTO request_deadlines (establishment_id, service, days) VALUES ($1, 'health', 3)",
    )
    .bind(establishment_id)
    .execute(&mut **tx)
    .await?;
    if detainee_ids.is_empty() {
        return Ok(());
    }
    let mut requests = Rows::new(
        "requests (id, establishment_id, detainee_id, service, subject, status, contested, \
         idempotency_key, created_at, updated_at, due_at, first_answered_at, answered_at, \
         closed_at)",
        14,
    );
    let mut messages = Rows::new(
        "request_messages (id, request_id, kind, body, idempotency_key, created_at)",
        6,
    );
    let mut message = |request_id: &str, kind: &str, body: &str, at: i64, key: &str| {
        messages.push(vec![
            Value::Text(new_id()),
            Value::Text(request_id.to_owned()),
            Value::Text(kind.to_owned()),
            Value::Text(body.to_owned()),
            Value::Text(key.to_owned()),
            Value::Int(at),
        ]);
    };
    for i in 0..count {
        // Busier services more often: canteen, registry, health, building.
        let service = match mix(i, 1) % 10 {
            0 | 1 => Service::Canteen,
            2 => Service::Registry,
            3 => Service::Health,
            4 => Service::Building,
            _ => Service::ALL[mix(i, 2) % Service::ALL.len()],
        };
        let detainee = &detainee_ids[mix(i, 3) % detainee_ids.len()];
        let age_days = 1 + (mix(i, 4) % 80) as i64;
        let created = at - age_days * 86_400 - (mix(i, 5) as i64 * 37) % 86_400;
        let deadline = if service == Service::Health {
            3
        } else {
            i64::from(DEFAULT_DEADLINE_DAYS)
        };
        // Older requests are mostly done; recent ones mostly waiting; some old ones forgotten.
        let roll = mix(i, 6) % 100;
        let status = match (age_days, roll) {
            (_, 0..=4) => RequestStatus::InProgress,
            (0..=3, 5..=40) => RequestStatus::Sent,
            (0..=3, 41..=70) => RequestStatus::Received,
            (0..=10, 5..=20) => RequestStatus::Received,
            (_, 5..=45) => RequestStatus::Answered,
            _ => RequestStatus::Closed,
        };
        let answered = matches!(status, RequestStatus::Answered | RequestStatus::Closed);
        let answer_delay = 3_600 * (2 + (mix(i, 7) % (deadline as usize * 30)) as i64);
        let answered_at = (created + answer_delay).min(at - 60);
        // A few answers contested and waiting for a supervisor.
        let contested = status == RequestStatus::Answered && roll.is_multiple_of(13);
        let shown_status = if contested {
            RequestStatus::InProgress
        } else {
            status
        };
        let subject_list = subjects(service);
        let subject = subject_list[mix(i, 8) % subject_list.len()];
        let id = new_id();
        requests.push(vec![
            Value::Text(id.clone()),
            Value::Text(establishment_id.to_owned()),
            Value::Text(detainee.clone()),
            Value::Text(service.code().to_owned()),
            Value::Text(subject.to_owned()),
            Value::Text(shown_status.code().to_owned()),
            Value::Int(i64::from(contested)),
            Value::Text(format!("demo-{i}")),
            Value::Int(created),
            Value::Int(if answered { answered_at } else { created }),
            Value::Int(created + deadline * 86_400),
            Value::NullableInt(answered.then_some(answered_at)),
            Value::NullableInt(answered.then_some(answered_at)),
            Value::NullableInt((status == RequestStatus::Closed).then_some(answered_at + 3_600)),
        ]);
        message(&id, "request", text(service, i), created, "demo-0");
        if answered {
            let (_, body) = templates(service)[i % 2];
            message(&id, "answer", body, answered_at, "demo-1");
        }
        if contested {
            let words = "Je ne suis pas d'accord avec cette réponse. Je voudrais qu'un responsable regarde.";
            message(
                &id,
                "contest",
                words,
                (answered_at + 7_200).min(at - 30),
                "demo-2",
            );
        }
    }
    requests.insert(tx).await?;
    messages.insert(tx).await
}

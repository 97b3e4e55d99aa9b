//! Words and icons for requests, shared by the tablet and the console.

use shared_types::requests::{MessageKind, RequestStatus};
use shared_types::roles::Service;

use crate::I18n;
use crate::i18n::t_string;

/// The service's name, in plain words.
pub fn service_label(i18n: I18n, service: Service) -> String {
    match service {
        Service::Registry => t_string!(i18n, common.requests.service_registry),
        Service::Probation => t_string!(i18n, common.requests.service_probation),
        Service::Health => t_string!(i18n, common.requests.service_health),
        Service::Work => t_string!(i18n, common.requests.service_work),
        Service::Training => t_string!(i18n, common.requests.service_training),
        Service::Education => t_string!(i18n, common.requests.service_education),
        Service::Activities => t_string!(i18n, common.requests.service_activities),
        Service::Worship => t_string!(i18n, common.requests.service_worship),
        Service::Visits => t_string!(i18n, common.requests.service_visits),
        Service::Canteen => t_string!(i18n, common.requests.service_canteen),
        Service::Mail => t_string!(i18n, common.requests.service_mail),
        Service::Building => t_string!(i18n, common.requests.service_building),
        Service::Library => t_string!(i18n, common.requests.service_library),
        Service::Other => t_string!(i18n, common.requests.service_other),
    }
    .to_string()
}

/// The DSFR icon class drawn beside a service's name, for people who read little (decorative:
/// always next to the name). DSFR icons rather than emoji: the tablets' browser may have no
/// emoji font, and these always draw.
pub fn service_icon_class(service: Service) -> &'static str {
    match service {
        Service::Registry => "fr-icon-file-text-line",
        Service::Probation => "fr-icon-compass-3-line",
        Service::Health => "fr-icon-stethoscope-line",
        Service::Work => "fr-icon-tools-line",
        Service::Training => "fr-icon-award-line",
        Service::Education => "fr-icon-school-line",
        Service::Activities => "fr-icon-palette-line",
        Service::Worship => "fr-icon-leaf-line",
        Service::Visits => "fr-icon-parent-line",
        Service::Canteen => "fr-icon-shopping-cart-2-line",
        Service::Mail => "fr-icon-mail-line",
        Service::Building => "fr-icon-building-line",
        Service::Library => "fr-icon-book-2-line",
        Service::Other => "fr-icon-chat-3-line",
    }
}

/// A subject code's words; the free subject is shown as typed, by the caller.
pub fn subject_label(i18n: I18n, code: &str) -> String {
    match code {
        "registry.release_date" => {
            t_string!(i18n, common.requests.subject_registry_release_date).to_string()
        }
        "registry.sentence" => {
            t_string!(i18n, common.requests.subject_registry_sentence).to_string()
        }
        "registry.documents" => {
            t_string!(i18n, common.requests.subject_registry_documents).to_string()
        }
        "registry.transfer" => {
            t_string!(i18n, common.requests.subject_registry_transfer).to_string()
        }
        "probation.release_plan" => {
            t_string!(i18n, common.requests.subject_probation_release_plan).to_string()
        }
        "probation.housing" => {
            t_string!(i18n, common.requests.subject_probation_housing).to_string()
        }
        "probation.family" => t_string!(i18n, common.requests.subject_probation_family).to_string(),
        "probation.papers" => t_string!(i18n, common.requests.subject_probation_papers).to_string(),
        "health.doctor" => t_string!(i18n, common.requests.subject_health_doctor).to_string(),
        "health.dentist" => t_string!(i18n, common.requests.subject_health_dentist).to_string(),
        "health.treatment" => t_string!(i18n, common.requests.subject_health_treatment).to_string(),
        "health.psychologist" => {
            t_string!(i18n, common.requests.subject_health_psychologist).to_string()
        }
        "work.apply" => t_string!(i18n, common.requests.subject_work_apply).to_string(),
        "work.pay" => t_string!(i18n, common.requests.subject_work_pay).to_string(),
        "work.hours" => t_string!(i18n, common.requests.subject_work_hours).to_string(),
        "training.apply" => t_string!(i18n, common.requests.subject_training_apply).to_string(),
        "training.certificate" => {
            t_string!(i18n, common.requests.subject_training_certificate).to_string()
        }
        "education.enrol" => t_string!(i18n, common.requests.subject_education_enrol).to_string(),
        "education.reading" => {
            t_string!(i18n, common.requests.subject_education_reading).to_string()
        }
        "education.exam" => t_string!(i18n, common.requests.subject_education_exam).to_string(),
        "activities.sport" => t_string!(i18n, common.requests.subject_activities_sport).to_string(),
        "activities.culture" => {
            t_string!(i18n, common.requests.subject_activities_culture).to_string()
        }
        "activities.event" => t_string!(i18n, common.requests.subject_activities_event).to_string(),
        "worship.chaplain" => t_string!(i18n, common.requests.subject_worship_chaplain).to_string(),
        "worship.practice" => t_string!(i18n, common.requests.subject_worship_practice).to_string(),
        "visits.booking" => t_string!(i18n, common.requests.subject_visits_booking).to_string(),
        "visits.permit" => t_string!(i18n, common.requests.subject_visits_permit).to_string(),
        "visits.family_unit" => {
            t_string!(i18n, common.requests.subject_visits_family_unit).to_string()
        }
        "canteen.order" => t_string!(i18n, common.requests.subject_canteen_order).to_string(),
        "canteen.missing" => t_string!(i18n, common.requests.subject_canteen_missing).to_string(),
        "canteen.money" => t_string!(i18n, common.requests.subject_canteen_money).to_string(),
        "mail.letter" => t_string!(i18n, common.requests.subject_mail_letter).to_string(),
        "mail.parcel" => t_string!(i18n, common.requests.subject_mail_parcel).to_string(),
        "mail.phone" => t_string!(i18n, common.requests.subject_mail_phone).to_string(),
        "building.repair" => t_string!(i18n, common.requests.subject_building_repair).to_string(),
        "building.hygiene" => t_string!(i18n, common.requests.subject_building_hygiene).to_string(),
        "building.cell_change" => {
            t_string!(i18n, common.requests.subject_building_cell_change).to_string()
        }
        "building.audience" => {
            t_string!(i18n, common.requests.subject_building_audience).to_string()
        }
        "library.book" => t_string!(i18n, common.requests.subject_library_book).to_string(),
        "library.press" => t_string!(i18n, common.requests.subject_library_press).to_string(),
        "other.information" => {
            t_string!(i18n, common.requests.subject_other_information).to_string()
        }
        _ => t_string!(i18n, common.requests.subject_free).to_string(),
    }
}

/// A request's subject as shown: the free words when typed by hand, else the list's label.
pub fn subject_text(i18n: I18n, code: &str, free: Option<&str>) -> String {
    match free {
        Some(words) if code == shared_types::requests::FREE_SUBJECT => words.to_owned(),
        _ => subject_label(i18n, code),
    }
}

/// Where a request stands, in plain words.
pub fn status_label(i18n: I18n, status: RequestStatus) -> String {
    match status {
        RequestStatus::Sent => t_string!(i18n, common.requests.status_sent),
        RequestStatus::Received => t_string!(i18n, common.requests.status_received),
        RequestStatus::InProgress => t_string!(i18n, common.requests.status_in_progress),
        RequestStatus::Answered => t_string!(i18n, common.requests.status_answered),
        RequestStatus::Closed => t_string!(i18n, common.requests.status_closed),
    }
    .to_string()
}

/// Who wrote a message of the thread, or what it is.
pub fn kind_label(i18n: I18n, kind: MessageKind) -> String {
    match kind {
        MessageKind::Request => t_string!(i18n, common.requests.kind_request),
        MessageKind::FollowUp => t_string!(i18n, common.requests.kind_follow_up),
        MessageKind::Contest => t_string!(i18n, common.requests.kind_contest),
        MessageKind::Answer => t_string!(i18n, common.requests.kind_answer),
        MessageKind::Note => t_string!(i18n, common.requests.kind_note),
    }
    .to_string()
}

/// The DSFR badge class for a status.
pub fn status_badge(status: RequestStatus) -> &'static str {
    match status {
        RequestStatus::Sent => "fr-badge fr-badge--new",
        RequestStatus::Received | RequestStatus::InProgress => "fr-badge fr-badge--info",
        RequestStatus::Answered => "fr-badge fr-badge--success",
        RequestStatus::Closed => "fr-badge",
    }
}

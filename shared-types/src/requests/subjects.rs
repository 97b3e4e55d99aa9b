//! The short list of subjects per service. Codes are stored; the apps translate them
//! (`requests.subject.<code>` in the locale files).

use crate::roles::Service;

/// The subject code meaning "none of the list: in my own words".
pub const FREE_SUBJECT: &str = "free";

/// The subjects a detainee may pick for `service`, in display order.
pub fn subjects(service: Service) -> &'static [&'static str] {
    match service {
        Service::Registry => &[
            "registry.release_date",
            "registry.sentence",
            "registry.documents",
            "registry.transfer",
        ],
        Service::Probation => &[
            "probation.release_plan",
            "probation.housing",
            "probation.family",
            "probation.papers",
        ],
        Service::Health => &[
            "health.doctor",
            "health.dentist",
            "health.treatment",
            "health.psychologist",
        ],
        Service::Work => &["work.apply", "work.pay", "work.hours"],
        Service::Training => &["training.apply", "training.certificate"],
        Service::Education => &["education.enrol", "education.reading", "education.exam"],
        Service::Activities => &["activities.sport", "activities.culture", "activities.event"],
        Service::Worship => &["worship.chaplain", "worship.practice"],
        Service::Visits => &["visits.booking", "visits.permit", "visits.family_unit"],
        Service::Canteen => &["canteen.order", "canteen.missing", "canteen.money"],
        Service::Mail => &["mail.letter", "mail.parcel", "mail.phone"],
        Service::Building => &[
            "building.repair",
            "building.hygiene",
            "building.cell_change",
            "building.audience",
        ],
        Service::Library => &["library.book", "library.press"],
        Service::Other => &["other.information"],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_service_has_subjects_named_after_it_and_unique() {
        let mut seen = Vec::new();
        for service in Service::ALL {
            let list = subjects(service);
            assert!(!list.is_empty(), "{service:?}");
            for code in list {
                assert!(code.starts_with(&format!("{}.", service.code())), "{code}");
                assert!(!seen.contains(code), "{code} twice");
                seen.push(*code);
            }
        }
        assert!(!seen.contains(&FREE_SUBJECT));
    }
}

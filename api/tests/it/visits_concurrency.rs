//! Concurrency: never overbook a slot, a detainee's weekly quota, or their timetable — with
//! requests fired at once, on SQLite and PostgreSQL.

use axum::http::StatusCode;

use crate::harness::TestApp;
use crate::visits_fixture::{booking, detainee, in_days, linked_visitor, room, scalar, slot};

#[tokio::test]
async fn two_hundred_attempts_on_twenty_places_make_twenty_bookings() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let room = room(&app, &valmont, "standard", 20).await;
    let slot = slot(&app, &valmont, &room, in_days(3, 13), 20).await;
    let mut visitors = Vec::new();
    for _ in 0..200 {
        let d = detainee(&app, &valmont, "remand").await;
        visitors.push(linked_visitor(&app, &valmont, &d).await);
    }
    let tasks: Vec<_> = visitors
        .into_iter()
        .enumerate()
        .map(|(i, (mut c, link))| {
            let slot = slot.clone();
            tokio::spawn(async move {
                c.post(
                    "/api/public/bookings",
                    booking(&link, &slot, &format!("k{i}")),
                )
                .await
            })
        })
        .collect();
    let (mut booked, mut refused) = (0, 0);
    for t in tasks {
        let r = t.await.unwrap();
        match r.status {
            StatusCode::CREATED => booked += 1,
            StatusCode::CONFLICT => {
                assert!(r.is_problem());
                assert!(
                    r.json["detail"].as_str().unwrap().contains("complet"),
                    "{}",
                    r.text
                );
                refused += 1;
            }
            other => panic!("unexpected {other}: {}", r.text),
        }
    }
    assert_eq!((booked, refused), (20, 180));
    assert_eq!(
        scalar(&app, "SELECT booked FROM visit_slots WHERE id = $1", &slot).await,
        20
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM visit_bookings WHERE slot_id = $1",
            &slot
        )
        .await,
        20
    );
}

#[tokio::test]
async fn concurrent_bookings_never_exceed_the_weekly_quota() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let room = room(&app, &valmont, "standard", 5).await;
    let remand = detainee(&app, &valmont, "remand").await;
    let (visitor, link) = linked_visitor(&app, &valmont, &remand).await;
    // Ten non-overlapping visits, all in the same Paris week (a Tuesday and Wednesday ahead).
    let base = in_days(8, 8);
    let monday = base - ((base / 86_400 + 3).rem_euclid(7)) * 86_400;
    let mut slots = Vec::new();
    for i in 0..10 {
        slots.push(slot(&app, &valmont, &room, monday + 86_400 + i * 2 * 3_600, 5).await);
    }
    let tasks: Vec<_> = slots
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let (mut c, link, s) = (visitor.clone(), link.clone(), s.clone());
            tokio::spawn(async move {
                c.post("/api/public/bookings", booking(&link, &s, &format!("q{i}")))
                    .await
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        let r = t.await.unwrap();
        if r.status == StatusCode::CONFLICT {
            assert!(
                r.json["detail"].as_str().unwrap().contains("maximum"),
                "{}",
                r.text
            );
        }
        statuses.push(r.status);
    }
    let booked = statuses
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    assert_eq!(booked, 3, "remand: three visits a week, {statuses:?}");
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM visit_bookings WHERE detainee_id = $1 AND status = 'booked'",
            &remand
        )
        .await,
        3
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT booked FROM detainee_visit_weeks WHERE detainee_id = $1",
            &remand
        )
        .await,
        3
    );
}

#[tokio::test]
async fn concurrent_overlapping_visits_of_one_detainee_make_one_booking() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let d = detainee(&app, &valmont, "remand").await;
    let at = in_days(4, 9);
    let mut attempts = Vec::new();
    // Ten relatives, each trying a different room at the same hour.
    for _ in 0..10 {
        let r = room(&app, &valmont, "standard", 3).await;
        let s = slot(&app, &valmont, &r, at, 3).await;
        let (c, link) = linked_visitor(&app, &valmont, &d).await;
        attempts.push((c, link, s));
    }
    let tasks: Vec<_> = attempts
        .into_iter()
        .enumerate()
        .map(|(i, (mut c, link, s))| {
            tokio::spawn(async move {
                c.post("/api/public/bookings", booking(&link, &s, &format!("o{i}")))
                    .await
            })
        })
        .collect();
    let mut created = 0;
    for t in tasks {
        let r = t.await.unwrap();
        match r.status {
            StatusCode::CREATED => created += 1,
            StatusCode::CONFLICT => assert!(
                r.json["detail"].as_str().unwrap().contains("déjà prévue"),
                "{}",
                r.text
            ),
            other => panic!("unexpected {other}: {}", r.text),
        }
    }
    assert_eq!(created, 1);
}

#[tokio::test]
async fn the_same_booking_sent_twice_at_once_is_booked_once() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let room = room(&app, &valmont, "standard", 10).await;
    let s = slot(&app, &valmont, &room, in_days(5, 10), 10).await;
    let d = detainee(&app, &valmont, "remand").await;
    let (visitor, link) = linked_visitor(&app, &valmont, &d).await;
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let (mut c, link, s) = (visitor.clone(), link.clone(), s.clone());
            tokio::spawn(async move {
                c.post("/api/public/bookings", booking(&link, &s, "same-key"))
                    .await
            })
        })
        .collect();
    let mut ids = Vec::new();
    for t in tasks {
        let r = t.await.unwrap();
        assert!(
            r.status == StatusCode::CREATED || r.status == StatusCode::OK,
            "{}",
            r.text
        );
        ids.push(r.json["id"].as_str().unwrap().to_string());
    }
    ids.dedup();
    assert_eq!(ids.len(), 1, "one booking, the same id every time");
    assert_eq!(
        scalar(&app, "SELECT booked FROM visit_slots WHERE id = $1", &s).await,
        1
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT booked FROM detainee_visit_weeks WHERE detainee_id = $1",
            &d
        )
        .await,
        1
    );
}

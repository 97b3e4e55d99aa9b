//! The waiting list: a freed place is offered to the first in line, exactly once, for a limited
//! time; then to the next; only when nobody waits does it go back on sale.

use axum::http::StatusCode;
use serde_json::json;

use crate::harness::TestApp;
use crate::visits_fixture::{booking, detainee, in_days, linked_visitor, room, scalar, slot};

#[tokio::test]
async fn a_freed_place_goes_to_the_waiting_list_exactly_once() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let r0 = room(&app, &valmont, "standard", 1).await;
    let s = slot(&app, &valmont, &r0, in_days(6, 9), 1).await;
    let mut people = Vec::new();
    for _ in 0..4 {
        let d = detainee(&app, &valmont, "remand").await;
        people.push(linked_visitor(&app, &valmont, &d).await);
    }
    let (mut a, a_link) = people[0].clone();
    let (mut b, b_link) = people[1].clone();
    let (mut c, c_link) = people[2].clone();
    let (mut d, d_link) = people[3].clone();

    let r = a
        .post("/api/public/bookings", booking(&a_link, &s, "a"))
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let a_booking = r.json["id"].as_str().unwrap().to_string();
    // Joining is for full slots only, and once.
    for (client, link) in [(&mut b, &b_link), (&mut c, &c_link)] {
        let r = client
            .post(
                "/api/public/waitlist",
                json!({"link_id": link, "slot_id": s}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        assert_eq!(r.json["status"], "waiting");
    }
    assert_eq!(
        b.post(
            "/api/public/waitlist",
            json!({"link_id": b_link, "slot_id": s})
        )
        .await
        .status,
        StatusCode::CONFLICT
    );

    // A cancels while D hammers the slot: the place goes to B, not to D.
    let cancel = {
        let (mut a, id) = (a.clone(), a_booking.clone());
        tokio::spawn(async move { a.delete(&format!("/api/public/bookings/{id}")).await.status })
    };
    let grabs: Vec<_> = (0..10)
        .map(|i| {
            let (mut d, link, s) = (d.clone(), d_link.clone(), s.clone());
            tokio::spawn(async move {
                d.post("/api/public/bookings", booking(&link, &s, &format!("d{i}")))
                    .await
                    .status
            })
        })
        .collect();
    assert_eq!(cancel.await.unwrap(), StatusCode::OK);
    for g in grabs {
        assert_eq!(
            g.await.unwrap(),
            StatusCode::CONFLICT,
            "the freed place is held for the waiting list"
        );
    }
    assert_eq!(
        scalar(&app, "SELECT booked FROM visit_slots WHERE id = $1", &s).await,
        1
    );
    let offered = |status: &str| {
        format!("SELECT COUNT(*) FROM waiting_list WHERE slot_id = $1 AND status = '{status}'")
    };
    assert_eq!(scalar(&app, &offered("offered"), &s).await, 1);
    let b_entry = b.get("/api/public/waitlist").await.json[0].clone();
    assert_eq!(b_entry["status"], "offered");
    let offers = scalar(
        &app,
        "SELECT COUNT(*) FROM outbox WHERE kind = 'waitlist_offer' AND dedupe_key = $1",
        &format!("waitlist_offer:{}", b_entry["id"].as_str().unwrap()),
    )
    .await;
    assert_eq!(offers, 1, "B is told once");
    assert_eq!(
        c.get("/api/public/waitlist").await.json[0]["status"],
        "waiting"
    );

    // B takes it, from two tabs at once: one booking.
    let path = format!(
        "/api/public/waitlist/{}/accept",
        b_entry["id"].as_str().unwrap()
    );
    let tabs: Vec<_> = ["t1", "t2"]
        .into_iter()
        .map(|key| {
            let (mut b, path) = (b.clone(), path.clone());
            tokio::spawn(async move {
                b.post(&path, json!({"companions": [], "idempotency_key": key}))
                    .await
                    .status
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tabs {
        statuses.push(t.await.unwrap());
    }
    statuses.sort();
    assert_eq!(statuses, [StatusCode::CREATED, StatusCode::CONFLICT]);
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM visit_bookings WHERE slot_id = $1 AND status = 'booked'",
            &s
        )
        .await,
        1
    );
    assert_eq!(
        scalar(&app, "SELECT booked FROM visit_slots WHERE id = $1", &s).await,
        1
    );

    // B cancels: C is offered; C lets the offer run out: D (joined meanwhile) is offered.
    let r = d
        .post(
            "/api/public/waitlist",
            json!({"link_id": d_link, "slot_id": s}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let b_booking = b.get("/api/public/bookings").await.json[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        b.delete(&format!("/api/public/bookings/{b_booking}"))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        c.get("/api/public/waitlist").await.json[0]["status"],
        "offered"
    );
    sqlx::query("UPDATE waiting_list SET offer_expires_at = 0 WHERE status = 'offered'")
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(
        api::visits::waitlist::expire_offers(&app.state.db)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        api::visits::waitlist::expire_offers(&app.state.db)
            .await
            .unwrap(),
        0,
        "idempotent"
    );
    assert_eq!(
        c.get("/api/public/waitlist").await.json[0]["status"],
        "expired"
    );
    let d_entry = d.get("/api/public/waitlist").await.json[0].clone();
    assert_eq!(d_entry["status"], "offered");

    // D leaves: nobody waits any more, the place is back on sale.
    let r = d
        .delete(&format!(
            "/api/public/waitlist/{}",
            d_entry["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        scalar(&app, "SELECT booked FROM visit_slots WHERE id = $1", &s).await,
        0
    );
    assert_eq!(
        a.post("/api/public/bookings", booking(&a_link, &s, "a2"))
            .await
            .status,
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn a_slot_with_places_has_no_waiting_list() {
    let app = TestApp::new().await;
    let valmont = app.establishment_id("valmont").await;
    let r0 = room(&app, &valmont, "standard", 2).await;
    let s = slot(&app, &valmont, &r0, in_days(6, 9), 2).await;
    let det = detainee(&app, &valmont, "remand").await;
    let (mut v, link) = linked_visitor(&app, &valmont, &det).await;
    let r = v
        .post(
            "/api/public/waitlist",
            json!({"link_id": link, "slot_id": s}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(
        r.json["detail"]
            .as_str()
            .unwrap()
            .contains("encore des places")
    );
    assert_eq!(app.count("waiting_list").await, 0);
}

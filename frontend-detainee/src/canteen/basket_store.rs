//! The basket as the canteen pages see it: loaded from the server, changed one product at a
//! time, each answer replacing the whole basket (the server prices it and holds the truth).

use frontend_kit::i18n::{t_string, use_i18n};
use frontend_kit::{ApiError, I18n, Session, api, api_error_message};
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared_types::auth::DetaineeMe;
use shared_types::canteen::orders::{Basket, BasketPut};

use crate::endpoints::{BASKET, basket_line};

/// The basket of the signed-in detainee and the changes on their way.
#[derive(Clone, Copy)]
pub struct BasketStore {
    i18n: I18n,
    session: Session<DetaineeMe>,
    /// `None` while loading.
    state: RwSignal<Option<Result<Basket, ApiError>>>,
    /// Products whose change is on its way: further taps on them wait.
    busy: RwSignal<Vec<String>>,
    /// Why the last change failed, to show above the list.
    pub error: RwSignal<Option<String>>,
}

impl BasketStore {
    /// A store that starts loading at once; call inside a component.
    pub fn new() -> Self {
        let store = Self {
            i18n: use_i18n(),
            session: Session::<DetaineeMe>::expect(),
            state: RwSignal::new(None),
            busy: RwSignal::new(Vec::new()),
            error: RwSignal::new(None),
        };
        store.load();
        store
    }

    /// Reads the basket from the server again.
    pub fn load(self) {
        self.state.set(None);
        spawn_local(async move {
            let result = api::get::<Basket>(BASKET).await;
            self.settle(result);
        });
    }

    /// Loading (`None`), failed, or the basket.
    pub fn state(self) -> Signal<Option<Result<Basket, ApiError>>> {
        self.state.into()
    }

    /// The basket once loaded.
    pub fn basket(self) -> Memo<Option<Basket>> {
        let state = self.state;
        Memo::new(move |_| state.with(|s| s.as_ref().and_then(|r| r.as_ref().ok()).cloned()))
    }

    /// How many of `product_id` the basket holds.
    pub fn quantity(self, product_id: String) -> Memo<u32> {
        let state = self.state;
        Memo::new(move |_| {
            state.with(|s| match s {
                Some(Ok(basket)) => basket
                    .lines
                    .iter()
                    .find(|l| l.product_id == product_id)
                    .map_or(0, |l| l.quantity),
                _ => 0,
            })
        })
    }

    /// True while a change of `product_id` is on its way.
    pub fn is_busy(self, product_id: String) -> Signal<bool> {
        let busy = self.busy;
        Signal::derive(move || busy.with(|b| b.contains(&product_id)))
    }

    /// Puts `quantity` of `product_id` in the basket (0 takes it out).
    pub fn set_quantity(self, product_id: String, quantity: u32) {
        if self.busy.with_untracked(|b| b.contains(&product_id)) {
            return;
        }
        self.busy.update(|b| b.push(product_id.clone()));
        self.error.set(None);
        spawn_local(async move {
            let result =
                api::put::<_, Basket>(&basket_line(&product_id), &BasketPut { quantity }).await;
            self.busy.try_update(|b| b.retain(|p| *p != product_id));
            self.apply(result);
        });
    }

    /// Takes everything out of the basket; `pending` is true meanwhile.
    pub fn empty(self, pending: RwSignal<bool>) {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        self.error.set(None);
        spawn_local(async move {
            let result = api::delete_json::<Basket>(BASKET).await;
            pending.try_set(false);
            self.apply(result);
        });
    }

    /// A change's answer: the new basket, or the reason shown above the list.
    fn apply(self, result: Result<Basket, ApiError>) {
        match result {
            Ok(basket) => {
                self.state.try_set(Some(Ok(basket)));
            }
            Err(e) if e.is_unauthorized() => self.session.ended(),
            Err(e) => {
                let i18n = self.i18n;
                let message = match e.status() {
                    Some(404) => t_string!(i18n, detainee.canteen.product_gone).to_string(),
                    Some(422) => t_string!(i18n, detainee.canteen.too_many).to_string(),
                    _ => api_error_message(i18n, &e),
                };
                self.error.try_set(Some(message));
            }
        }
    }

    fn settle(self, result: Result<Basket, ApiError>) {
        if result.as_ref().is_err_and(ApiError::is_unauthorized) {
            self.session.ended();
        }
        self.state.try_set(Some(result));
    }
}

//! Adding or editing a canteen product: shelf, name, unit, price in euros, most per order,
//! availability and who may buy it.

use frontend_kit::components::{
    CheckboxField, ErrorAlert, InputField, SelectField, SelectOption, SubmitRow,
};
use frontend_kit::i18n::{t_string, use_i18n};
use frontend_kit::{FormState, api, api_error_message};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::accounts::euros_for_input;
use shared_types::canteen::{Category, Product, ProductForm as ProductBody, Regime};
use shared_types::people::LegalStatus;

use crate::form_input::{checked, euros, number, text};
use crate::money_labels::regime;
use crate::visit_labels::legal_status;

/// The value of the "everyone" choice of the two restriction selects.
const EVERYONE: &str = "all";

/// The form; `product` is the one edited (PUT), none for a new one (POST). `id` prefixes the
/// field ids, unique on the page.
#[component]
pub fn ProductForm(
    id: String,
    /// `/api/agent/establishments/{id}/canteen`.
    base: String,
    categories: Vec<Category>,
    product: Option<Product>,
    #[prop(into)] on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let editing = product.clone();
    let p = product.as_ref();
    let category = RwSignal::new(p.map(|p| p.category_id.clone()).unwrap_or_default());
    let name = RwSignal::new(p.map(|p| p.name.clone()).unwrap_or_default());
    let unit = RwSignal::new(p.map(|p| p.unit.clone()).unwrap_or_default());
    let price = RwSignal::new(
        p.map(|p| euros_for_input(p.price_cents))
            .unwrap_or_default(),
    );
    let max = RwSignal::new(p.map_or_else(|| "5".to_owned(), |p| p.max_per_order.to_string()));
    let available = RwSignal::new(p.is_none_or(|p| p.available));
    let status = RwSignal::new(
        p.and_then(|p| p.only_legal_status)
            .map_or(EVERYONE, LegalStatus::code)
            .to_owned(),
    );
    let only_regime = RwSignal::new(
        p.and_then(|p| p.only_regime)
            .map_or(EVERYONE, Regime::code)
            .to_owned(),
    );
    let form = FormState::new();
    let shelves: Vec<SelectOption> = categories
        .into_iter()
        .map(|c| SelectOption {
            value: c.id,
            label: c.name,
        })
        .collect();
    let everyone = move || SelectOption {
        value: EVERYONE.into(),
        label: t_string!(i18n, agent.canteen.everyone).into(),
    };
    let statuses = Signal::derive(move || {
        let mut list = vec![everyone()];
        list.extend(
            [LegalStatus::Remand, LegalStatus::Convicted].map(|s| SelectOption {
                value: s.code().into(),
                label: legal_status(i18n, s).into(),
            }),
        );
        list
    });
    let regimes = Signal::derive(move || {
        let mut list = vec![everyone()];
        list.extend(Regime::ALL.iter().map(|&r| SelectOption {
            value: r.code().into(),
            label: regime(i18n, r).into(),
        }));
        list
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let mut errors = Vec::new();
        let body = ProductBody {
            category_id: text(category),
            name: text(name),
            unit: text(unit),
            price_cents: euros(&mut errors, "price_cents", price),
            max_per_order: number(&mut errors, "max_per_order", max),
            available: available.get_untracked(),
            only_legal_status: LegalStatus::from_code(&status.get_untracked()),
            only_regime: Regime::from_code(&only_regime.get_untracked()),
        };
        let check = checked(errors, body.validate());
        let path = match &editing {
            Some(p) => format!("{base}/products/{}", p.id),
            None => format!("{base}/products"),
        };
        let is_new = editing.is_none();
        form.submit(
            check,
            move || async move {
                if is_new {
                    api::post::<_, Product>(&path, &body).await
                } else {
                    api::put::<_, Product>(&path, &body).await
                }
            },
            move |_| {
                if is_new {
                    for field in [name, unit, price] {
                        field.try_set(String::new());
                    }
                }
                on_done.run(());
            },
        );
    };
    let alert = Signal::derive(move || form.error.get().map(|e| api_error_message(i18n, &e)));
    let is_edit = product.is_some();
    let submit = move || {
        if is_edit {
            t_string!(i18n, agent.canteen.save_product)
        } else {
            t_string!(i18n, agent.canteen.add_product)
        }
    };
    view! {
        <ErrorAlert message=alert />
        <form class="ned-form" novalidate=true on:submit=on_submit>
            <SelectField id=format!("{id}-shelf") label=move || t_string!(i18n, agent.canteen.shelf)
                placeholder=move || t_string!(i18n, agent.canteen.choose_shelf)
                options=shelves value=category error=form.field_error("category_id") />
            <InputField id=format!("{id}-name") label=move || t_string!(i18n, agent.canteen.product_name)
                autocomplete="off" value=name error=form.field_error("name") />
            <InputField id=format!("{id}-unit") label=move || t_string!(i18n, agent.canteen.unit)
                hint=move || t_string!(i18n, agent.canteen.unit_hint) autocomplete="off"
                value=unit error=form.field_error("unit") />
            <InputField id=format!("{id}-price") label=move || t_string!(i18n, agent.canteen.price)
                hint=move || t_string!(i18n, agent.canteen.price_hint) inputmode="decimal"
                autocomplete="off" value=price error=form.field_error("price_cents") />
            <InputField id=format!("{id}-max") label=move || t_string!(i18n, agent.canteen.max_per_order)
                hint=move || t_string!(i18n, agent.canteen.max_per_order_hint) inputmode="numeric"
                autocomplete="off" value=max error=form.field_error("max_per_order") />
            <CheckboxField id=format!("{id}-available") label=move || t_string!(i18n, agent.canteen.available)
                hint=move || t_string!(i18n, agent.canteen.available_hint) checked=available />
            <SelectField id=format!("{id}-status") label=move || t_string!(i18n, agent.canteen.only_status)
                placeholder=move || t_string!(i18n, agent.canteen.everyone)
                options=statuses value=status error=form.field_error("only_legal_status") />
            <SelectField id=format!("{id}-regime") label=move || t_string!(i18n, agent.canteen.only_regime)
                placeholder=move || t_string!(i18n, agent.canteen.everyone)
                options=regimes value=only_regime error=form.field_error("only_regime") />
            <SubmitRow pending=form.pending>{submit}</SubmitRow>
        </form>
    }
}

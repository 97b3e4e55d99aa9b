//! One order line at delivery: what the manager types (delivered, missing with the quantity
//! that came, or replaced by a cheaper product) with the refund it makes, or the result already
//! recorded.

use frontend_kit::components::{InputField, SelectField};
use frontend_kit::i18n::{t_string, use_i18n};
use frontend_kit::{FormState, error_code_message};
use leptos::prelude::*;
use shared_types::accounts::{format_euros, parse_euros};
use shared_types::canteen::delivery::{LineDelivery, LineOutcome, refund_for};
use shared_types::canteen::orders::OrderLine;
use shared_types::{ErrorCode, FieldError};

use crate::money_labels::{code_options, outcome};

/// The fields typed for a line not yet recorded; "delivered" until told otherwise.
#[derive(Clone, Copy)]
pub struct LineDraft {
    outcome: RwSignal<String>,
    delivered: RwSignal<String>,
    substitute: RwSignal<String>,
    substitute_price: RwSignal<String>,
}

impl LineDraft {
    /// A draft saying the line came as ordered.
    pub fn new() -> Self {
        Self {
            outcome: RwSignal::new(LineOutcome::Delivered.code().to_owned()),
            delivered: RwSignal::new("0".to_owned()),
            substitute: RwSignal::new(String::new()),
            substitute_price: RwSignal::new(String::new()),
        }
    }

    /// The result typed for `line`, checked as the API will check it; errors are named
    /// `{field}.…` like the API's (`lines[3].delivered_quantity`).
    pub fn delivery(&self, line: &OrderLine, field: &str) -> Result<LineDelivery, FieldError> {
        let error =
            |name: &str| FieldError::new(format!("{field}.{name}"), ErrorCode::InvalidFormat);
        let outcome = LineOutcome::from_code(&self.outcome.get()).unwrap_or(LineOutcome::Delivered);
        let mut result = LineDelivery {
            line_id: line.id.clone(),
            outcome,
            delivered_quantity: None,
            substitute_name: None,
            substitute_price_cents: None,
        };
        match outcome {
            LineOutcome::Delivered => {}
            LineOutcome::Missing => {
                let typed = self.delivered.get();
                let came = if typed.trim().is_empty() {
                    0
                } else {
                    typed
                        .trim()
                        .parse()
                        .map_err(|_| error("delivered_quantity"))?
                };
                result.delivered_quantity = Some(came);
            }
            LineOutcome::Substituted => {
                result.substitute_name = Some(self.substitute.get().trim().to_owned());
                let price = parse_euros(&self.substitute_price.get())
                    .ok_or_else(|| error("substitute_price_cents"))?;
                result.substitute_price_cents = Some(price);
            }
        }
        refund_for(line.quantity, line.unit_price_cents, &result, field)?;
        Ok(result)
    }
}

impl Default for LineDraft {
    fn default() -> Self {
        Self::new()
    }
}

/// Field errors of the last delivery batch sent, found again by line: the batch's line ids
/// in the order they were sent.
#[derive(Clone, Copy)]
pub struct LineErrors {
    pub form: FormState,
    pub sent: StoredValue<Vec<String>>,
}

impl LineErrors {
    /// The message for `name` (`delivered_quantity`, …) of the line `line_id`, if any.
    fn of(self, line_id: String, name: &'static str) -> Signal<Option<String>> {
        let i18n = use_i18n();
        Signal::derive(move || {
            self.form.field_errors.with(|all| {
                all.iter()
                    .find(|e| {
                        let Some((index, field)) = split_field(&e.field) else {
                            return false;
                        };
                        field == name && self.sent.with_value(|s| s.get(index) == Some(&line_id))
                    })
                    .map(|e| {
                        if e.message.trim().is_empty() || e.message == e.code.french() {
                            error_code_message(i18n, e.code)
                        } else {
                            e.message.clone()
                        }
                    })
            })
        })
    }
}

/// `lines[3].delivered_quantity` → (3, `delivered_quantity`).
fn split_field(field: &str) -> Option<(usize, &str)> {
    let rest = field.strip_prefix("lines[")?;
    let (index, name) = rest.split_once("].")?;
    Some((index.parse().ok()?, name))
}

/// The cells every line starts with: product, quantity, unit price.
fn product_cells(line: &OrderLine) -> impl IntoView + use<> {
    view! {
        <td>{line.name.clone()}<span class="fr-hint-text">{line.unit.clone()}</span></td>
        <td>{line.quantity}</td>
        <td>{format_euros(line.unit_price_cents)}</td>
    }
}

/// A line to record: the outcome, the details it needs, the refund it makes.
#[component]
pub fn DraftRow(line: OrderLine, draft: LineDraft, errors: LineErrors) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("delivery-{}", line.id);
    let options = Signal::derive(move || {
        code_options(LineOutcome::ALL, LineOutcome::code, |o| outcome(i18n, o))
    });
    let chosen = move || LineOutcome::from_code(&draft.outcome.get());
    let stored = StoredValue::new(line.clone());
    let refund = move || {
        stored
            .with_value(|l| {
                let result = draft.delivery(l, "preview").ok()?;
                refund_for(l.quantity, l.unit_price_cents, &result, "preview").ok()
            })
            .map_or_else(|| "—".to_owned(), |s| format_euros(s.refund_cents))
    };
    let line_id = line.id.clone();
    let details = {
        let id = id.clone();
        move || {
            match chosen() {
            Some(LineOutcome::Missing) => view! {
                <InputField id=format!("{id}-came") label=move || t_string!(i18n, agent.canteen.delivered_quantity)
                    inputmode="numeric" autocomplete="off" value=draft.delivered
                    error=errors.of(line_id.clone(), "delivered_quantity") />
            }
            .into_any(),
            Some(LineOutcome::Substituted) => view! {
                <InputField id=format!("{id}-substitute") label=move || t_string!(i18n, agent.canteen.substitute_name)
                    autocomplete="off" value=draft.substitute
                    error=errors.of(line_id.clone(), "substitute_name") />
                <InputField id=format!("{id}-substitute-price")
                    label=move || t_string!(i18n, agent.canteen.substitute_price)
                    hint=move || t_string!(i18n, agent.canteen.substitute_price_hint)
                    inputmode="decimal" autocomplete="off" value=draft.substitute_price
                    error=errors.of(line_id.clone(), "substitute_price_cents") />
            }
            .into_any(),
            _ => ().into_any(),
        }
        }
    };
    view! {
        <tr>
            {product_cells(&line)}
            <td>
                <SelectField id=format!("{id}-outcome") label=move || t_string!(i18n, agent.canteen.outcome)
                    placeholder=move || t_string!(i18n, agent.canteen.choose_outcome)
                    options=options value=draft.outcome error=errors.of(line.id.clone(), "line_id") />
            </td>
            <td>{details}</td>
            <td>{refund}</td>
        </tr>
    }
}

/// A line whose result is recorded, read-only.
#[component]
pub fn RecordedRow(line: OrderLine) -> impl IntoView {
    let i18n = use_i18n();
    let result = line.outcome;
    let (quantity, came) = (line.quantity, line.delivered_quantity);
    let substitute = line.substitute_name.clone().unwrap_or_default();
    let detail = move || match result {
        Some(LineOutcome::Missing) => t_string!(
            i18n,
            agent.canteen.came_of,
            came = came.unwrap_or(0),
            quantity = quantity
        )
        .to_string(),
        Some(LineOutcome::Substituted) => {
            t_string!(i18n, agent.canteen.replaced_by, name = substitute.clone()).to_string()
        }
        _ => String::new(),
    };
    view! {
        <tr>
            {product_cells(&line)}
            <td>
                {move || match result {
                    Some(o) => outcome(i18n, o),
                    None => t_string!(i18n, agent.canteen.to_deliver),
                }}
            </td>
            <td>{detail}</td>
            <td>{format_euros(line.refund_cents)}</td>
        </tr>
    }
}

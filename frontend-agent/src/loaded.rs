//! Loading, error (with retry) and loaded states of a fetched resource, and the DSFR table frame.

use frontend_kit::components::{Button, ButtonKind, ErrorAlert, Loading};
use frontend_kit::i18n::{t, use_i18n};
use frontend_kit::{ApiError, api_error_message};
use leptos::prelude::*;

/// Shows a spinner, the error with a retry button, or `view` of the loaded value.
pub fn loaded<T, V>(
    resource: LocalResource<Result<T, ApiError>>,
    view: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let i18n = use_i18n();
    move || match resource.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => view! {
            <ErrorAlert message=Some(api_error_message(i18n, &error)) />
            <Button kind=ButtonKind::Secondary plain=true on_click=move |_| resource.refetch()>
                {t!(i18n, common.retry)}
            </Button>
        }
        .into_any(),
        Some(Ok(value)) => view(value).into_any(),
    }
}

/// The DSFR table wrappers around a `<table>` holding `children` (`<thead>`, `<tbody>`).
#[component]
pub fn DataTable(children: Children) -> impl IntoView {
    view! {
        <div class="fr-table">
            <div class="fr-table__wrapper">
                <div class="fr-table__container">
                    <div class="fr-table__content">
                        <table>{children()}</table>
                    </div>
                </div>
            </div>
        </div>
    }
}

//! The three states of anything fetched: loading, failed (with a retry), loaded.

use leptos::prelude::*;

use super::{Button, ButtonKind, ErrorAlert, Loading};
use crate::api::ApiError;
use crate::i18n::{t, use_i18n};
use crate::locale::api_error_message;

/// Shows a spinner, then the error with a retry button, or `view` of the loaded value.
pub fn loaded<T, V>(
    resource: LocalResource<Result<T, ApiError>>,
    view: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let i18n = use_i18n();
    move || {
        match resource.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => view! {
            <ErrorAlert message=Some(api_error_message(i18n, &error)) />
            <Button kind=ButtonKind::Secondary plain=true large=true on_click=move |_| resource.refetch()>
                {t!(i18n, common.retry)}
            </Button>
        }
        .into_any(),
        Some(Ok(value)) => view(value).into_any(),
    }
    }
}

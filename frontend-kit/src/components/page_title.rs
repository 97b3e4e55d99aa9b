//! The page's one `<h1>`, focused when the page opens so that screen readers announce where
//! the person landed after a navigation.

use leptos::html::H1;
use leptos::prelude::*;

/// A focusable `<h1>` that takes the focus once mounted.
#[component]
pub fn PageTitle(children: Children) -> impl IntoView {
    let node = NodeRef::<H1>::new();
    Effect::new(move |_| {
        if let Some(h1) = node.get() {
            let _ = h1.focus();
        }
    });
    view! {
        <h1 tabindex="-1" node_ref=node>
            {children()}
        </h1>
    }
}

//! The catalogue: a search box over every product, or one shelf at a time.

use frontend_kit::components::InputField;
use frontend_kit::i18n::{t, t_string, use_i18n};
use leptos::prelude::*;
use shared_types::canteen::{Catalogue, Category, Product};
use shared_types::search::matches_words;

use crate::canteen::basket_store::BasketStore;
use crate::canteen::category_picker::CategoryPicker;
use crate::canteen::product_row::ProductRow;

/// Search, shelf picker and the products shown.
#[component]
pub fn Shelves(catalogue: Catalogue, store: BasketStore) -> impl IntoView {
    let i18n = use_i18n();
    let Catalogue {
        categories,
        products,
    } = catalogue;
    // Shelves with nothing this detainee may buy are not offered.
    let categories: Vec<Category> = categories
        .into_iter()
        .filter(|c| products.iter().any(|p| p.category_id == c.id))
        .collect();
    let selected = RwSignal::new(categories.first().map(|c| c.id.clone()).unwrap_or_default());
    let query = RwSignal::new(String::new());
    let searching = Memo::new(move |_| query.with(|q| !q.trim().is_empty()));
    let products = StoredValue::new(products);
    let names = StoredValue::new(categories.clone());
    let shown = Memo::new(move |_| {
        let q = query.get();
        let shelf = selected.get();
        products.with_value(|all| {
            all.iter()
                .filter(|p| {
                    if searching.get() {
                        matches_words(&p.name, &q)
                    } else {
                        p.category_id == shelf
                    }
                })
                .cloned()
                .collect::<Vec<Product>>()
        })
    });
    let heading = move || {
        if searching.get() {
            t_string!(i18n, detainee.canteen.search_results).to_string()
        } else {
            let shelf = selected.get();
            names.with_value(|all| {
                all.iter()
                    .find(|c| c.id == shelf)
                    .map(|c| c.name.clone())
                    .unwrap_or_default()
            })
        }
    };
    let found = move || {
        searching.get().then(|| match shown.with(Vec::len) {
            0 => t_string!(i18n, detainee.canteen.search_none).to_string(),
            1 => t_string!(i18n, detainee.canteen.search_one).to_string(),
            n => t_string!(i18n, detainee.canteen.search_count, count = n).to_string(),
        })
    };
    view! {
        <div class="ned-search" role="search">
            <InputField
                id="search"
                label=move || t_string!(i18n, detainee.canteen.search)
                hint=move || t_string!(i18n, detainee.canteen.search_hint)
                input_type="search"
                autocomplete="off"
                value=query
                error=Signal::derive(|| None::<String>)
                large=true
            />
        </div>
        <Show when=move || !searching.get()>
            <CategoryPicker categories=categories.clone() selected=selected />
        </Show>
        <h2 class="fr-h3 fr-mt-3w" id="shelf-title">
            {heading}
        </h2>
        <p class="fr-mb-2w" role="status">
            {found}
        </p>
        <ul class="ned-products" aria-labelledby="shelf-title">
            <For
                each=move || shown.get()
                key=|p| p.id.clone()
                children=move |product| view! { <ProductRow product=product store=store /> }
            />
        </ul>
        <Show when=move || !searching.get() && shown.with(Vec::is_empty)>
            <p>{t!(i18n, detainee.canteen.shelf_empty)}</p>
        </Show>
    }
}

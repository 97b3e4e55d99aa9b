//! The shelves as big buttons: one tap shows one shelf.

use frontend_kit::i18n::t_string;
use frontend_kit::i18n::use_i18n;
use leptos::prelude::*;
use shared_types::canteen::Category;

/// One button per shelf; the shown one is marked for sight and for screen readers.
#[component]
pub fn CategoryPicker(categories: Vec<Category>, selected: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav
            class="ned-shelves"
            aria-label=move || t_string!(i18n, detainee.canteen.shelves_label)
        >
            <ul class="ned-shelves__list">
                {categories
                    .into_iter()
                    .map(|c| {
                        let id = c.id.clone();
                        let current = {
                            let id = id.clone();
                            move || selected.with(|s| *s == id)
                        };
                        let current_attr = current.clone();
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class=move || {
                                        if current() {
                                            "fr-btn ned-shelves__btn"
                                        } else {
                                            "fr-btn fr-btn--secondary ned-shelves__btn"
                                        }
                                    }
                                    aria-current=move || current_attr().then_some("true")
                                    on:click=move |_| selected.set(id.clone())
                                >
                                    {c.name}
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

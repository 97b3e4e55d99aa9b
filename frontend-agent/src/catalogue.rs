//! `/agent/cantine/catalogue`: the canteen catalogue of an establishment, by shelf, with the
//! manager's filters, a new shelf, a new product and editing one in place.

use frontend_kit::components::{
    Button, ButtonKind, InputField, SelectField, SelectOption, SubmitRow,
};
use frontend_kit::i18n::{t, t_string, use_i18n};
use frontend_kit::paris_time::{format_short_date, paris_date};
use frontend_kit::{ApiError, I18n, api};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::accounts::format_euros;
use shared_types::canteen::{Catalogue, Category, Product};
use shared_types::roles::Permission;

use crate::establishment_page::{EstablishmentPage, establishment_path};
use crate::loaded::{DataTable, loaded};
use crate::money_labels::regime;
use crate::product_form::ProductForm;
use crate::shelf_form::ShelfForm;
use crate::visit_labels::legal_status;

type CatalogueResource = LocalResource<Result<Catalogue, ApiError>>;

/// Catalogue page.
#[component]
pub fn CataloguePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <EstablishmentPage
            title=move || t_string!(i18n, agent.canteen.catalogue_title)
            intro=move || t_string!(i18n, agent.canteen.catalogue_intro)
            permission=Permission::ManageCanteen
            not_allowed=move || t_string!(i18n, agent.canteen.not_allowed)
            body=|id: String| view! { <CatalogueOf establishment=id /> }
        />
    }
}

/// What the table shows: the shelf chosen (empty: all) and the text typed.
#[derive(Clone, Default)]
struct Filter {
    shelf: String,
    text: String,
}

impl Filter {
    fn keeps(&self, p: &Product) -> bool {
        let text = self.text.to_lowercase();
        (self.shelf.is_empty() || p.category_id == self.shelf)
            && (text.is_empty()
                || p.name.to_lowercase().contains(&text)
                || p.unit.to_lowercase().contains(&text))
    }
}

#[component]
fn CatalogueOf(establishment: String) -> impl IntoView {
    let i18n = use_i18n();
    let base = establishment_path(&establishment, "canteen");
    let path = format!("{base}/catalogue");
    let catalogue: CatalogueResource = LocalResource::new(move || {
        let path = path.clone();
        async move { api::get::<Catalogue>(&path).await }
    });
    let filter = RwSignal::new(Filter::default());
    let table_base = base.clone();
    let forms_base = base.clone();
    view! {
        {loaded(catalogue, move |c: Catalogue| {
            let base = table_base.clone();
            view! {
                <FilterForm categories=c.categories.clone() filter=filter />
                {move || {
                    let shown = filter.with(|f| {
                        c.products.iter().filter(|p| f.keeps(p)).cloned().collect::<Vec<_>>()
                    });
                    view! {
                        <ProductTable base=base.clone() categories=c.categories.clone()
                            products=shown catalogue=catalogue />
                    }
                }}
            }
        })}
        <div class="fr-grid-row fr-grid-row--gutters fr-mt-4w">
            <div class="fr-col-12 fr-col-lg-6">
                <h2 class="fr-h4">{t!(i18n, agent.canteen.new_product_title)}</h2>
                {loaded(catalogue, move |c: Catalogue| view! {
                    <ProductForm id="new-product".to_owned() base=forms_base.clone()
                        categories=c.categories product=None on_done=move |()| catalogue.refetch() />
                })}
            </div>
            <div class="fr-col-12 fr-col-lg-6">
                <h2 class="fr-h4">{t!(i18n, agent.canteen.new_shelf_title)}</h2>
                <ShelfForm base=base on_done=move |()| catalogue.refetch() />
            </div>
        </div>
    }
}

#[component]
fn FilterForm(categories: Vec<Category>, filter: RwSignal<Filter>) -> impl IntoView {
    let i18n = use_i18n();
    let (shelf, typed) = filter.with_untracked(|f| (f.shelf.clone(), f.text.clone()));
    let shelf = RwSignal::new(shelf);
    let typed = RwSignal::new(typed);
    let mut options = vec![SelectOption {
        value: String::new(),
        label: t_string!(i18n, agent.canteen.all_shelves).to_owned(),
    }];
    options.extend(categories.into_iter().map(|c| SelectOption {
        value: c.id,
        label: c.name,
    }));
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        filter.set(Filter {
            shelf: shelf.get_untracked(),
            text: typed.get_untracked().trim().to_owned(),
        });
    };
    view! {
        <form class="ned-form fr-mb-3w" role="search" novalidate=true on:submit=on_submit>
            <SelectField id="catalogue-shelf" label=move || t_string!(i18n, agent.canteen.shelf)
                placeholder=move || t_string!(i18n, agent.canteen.all_shelves)
                options=options value=shelf error=Signal::derive(|| None::<String>) />
            <InputField id="catalogue-filter" label=move || t_string!(i18n, agent.canteen.filter_text)
                hint=move || t_string!(i18n, agent.canteen.filter_text_hint) autocomplete="off"
                value=typed error=Signal::derive(|| None::<String>) />
            <SubmitRow pending=Signal::derive(|| false)>{t!(i18n, agent.canteen.filter)}</SubmitRow>
        </form>
    }
}

#[component]
fn ProductTable(
    base: String,
    categories: Vec<Category>,
    products: Vec<Product>,
    catalogue: CatalogueResource,
) -> impl IntoView {
    let i18n = use_i18n();
    if products.is_empty() {
        return view! { <p>{t!(i18n, agent.canteen.no_product)}</p> }.into_any();
    }
    let count = products.len();
    let rows = products
        .into_iter()
        .map(|p| {
            let shelf = categories
                .iter()
                .find(|c| c.id == p.category_id)
                .map(|c| c.name.clone())
                .unwrap_or_default();
            view! {
                <ProductLine base=base.clone() shelf=shelf categories=categories.clone()
                    product=p catalogue=catalogue />
            }
        })
        .collect_view();
    view! {
        <DataTable>
            <caption>
                {move || t_string!(i18n, agent.canteen.products_caption, count = count).to_string()}
            </caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, agent.canteen.shelf)}</th>
                    <th scope="col">{t!(i18n, agent.canteen.product_name)}</th>
                    <th scope="col">{t!(i18n, agent.canteen.unit)}</th>
                    <th scope="col">{t!(i18n, agent.canteen.col_price)}</th>
                    <th scope="col">{t!(i18n, agent.canteen.col_max)}</th>
                    <th scope="col">{t!(i18n, agent.canteen.col_for)}</th>
                    <th scope="col">{t!(i18n, agent.desk.col_status)}</th>
                    <th scope="col">{t!(i18n, agent.desk.col_actions)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </DataTable>
    }
    .into_any()
}

/// Who may buy a product, in words.
fn buyers(i18n: I18n, p: &Product) -> String {
    let mut kept = Vec::new();
    if let Some(s) = p.only_legal_status {
        kept.push(legal_status(i18n, s));
    }
    if let Some(r) = p.only_regime {
        kept.push(regime(i18n, r));
    }
    if kept.is_empty() {
        t_string!(i18n, agent.canteen.everyone).to_owned()
    } else {
        kept.join(", ")
    }
}

#[component]
fn ProductLine(
    base: String,
    shelf: String,
    categories: Vec<Category>,
    product: Product,
    catalogue: CatalogueResource,
) -> impl IntoView {
    let i18n = use_i18n();
    let editing = RwSignal::new(false);
    let p = StoredValue::new(product.clone());
    let change = product.recent_change.clone().map(|c| {
        view! {
            <span class="fr-hint-text">
                {move || {
                    t_string!(
                        i18n,
                        agent.canteen.old_price,
                        price = format_euros(c.old_price_cents),
                        date = format_short_date(i18n, paris_date(c.at))
                    )
                    .to_string()
                }}
            </span>
        }
    });
    let available = product.available;
    let form_id = format!("edit-{}", product.id);
    let form = move || {
        editing.get().then(|| {
            view! {
                <tr>
                    <td colspan="8">
                        <ProductForm id=form_id.clone() base=base.clone() categories=categories.clone()
                            product=Some(p.get_value()) on_done=move |()| catalogue.refetch() />
                    </td>
                </tr>
            }
        })
    };
    view! {
        <tr>
            <td>{shelf}</td>
            <td>{product.name.clone()}</td>
            <td>{product.unit.clone()}</td>
            <td>{format_euros(product.price_cents)} {change}</td>
            <td>{product.max_per_order}</td>
            <td>{move || p.with_value(|p| buyers(i18n, p))}</td>
            <td>
                {move || {
                    if available {
                        t_string!(i18n, agent.canteen.on_sale)
                    } else {
                        t_string!(i18n, agent.canteen.not_on_sale)
                    }
                }}
            </td>
            <td>
                <Button small=true plain=true kind=ButtonKind::Secondary
                    on_click=move |_| editing.update(|e| *e = !*e)
                    aria_label=move || {
                        t_string!(i18n, agent.canteen.edit_label, name = p.with_value(|p| p.name.clone()))
                            .to_string()
                    }>
                    {t!(i18n, agent.canteen.edit)}
                </Button>
            </td>
        </tr>
        {form}
    }
}

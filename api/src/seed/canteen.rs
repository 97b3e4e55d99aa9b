//! Demo canteen and accounts: a catalogue of about 250 products per establishment, a few
//! recent price changes, the open ordering window, and money on every detainee's account.

use shared_types::accounts::{EntryKind, IncomeKind, Part, SplitRules};
use sqlx::Row;

use crate::accounts::ledger::{self, Operation};
use crate::canteen::windows;
use crate::db::{Tx, new_id, now};
use crate::error::ApiResult;

/// A base product: name, unit, price in cents, per-order limit, variants (each one a product).
type Item = (
    &'static str,
    &'static str,
    i64,
    i64,
    &'static [&'static str],
);

const PLAIN: &[&str] = &[""];

/// The shelves and what is on them.
const SHELVES: &[(&str, &[Item])] = &[
    (
        "Épicerie salée",
        &[
            (
                "Pâtes",
                "le paquet de 500 g",
                109,
                6,
                &["spaghetti", "coquillettes", "penne", "torsades"],
            ),
            (
                "Riz",
                "le paquet de 1 kg",
                189,
                4,
                &["long grain", "basmati", "thaï"],
            ),
            ("Semoule moyenne", "le paquet de 1 kg", 175, 3, PLAIN),
            (
                "Sauce tomate",
                "le pot de 400 g",
                145,
                6,
                &["nature", "basilic", "bolognaise"],
            ),
            ("Thon au naturel", "la boîte de 140 g", 239, 6, PLAIN),
            (
                "Sardines à l'huile",
                "la boîte de 135 g",
                169,
                6,
                &["huile d'olive", "tomate", "citron"],
            ),
            (
                "Maquereaux",
                "la boîte de 169 g",
                199,
                6,
                &["moutarde", "vin blanc"],
            ),
            (
                "Raviolis",
                "la boîte de 800 g",
                289,
                4,
                &["pur bœuf", "légumes"],
            ),
            ("Couscous garni", "la boîte de 980 g", 459, 3, PLAIN),
            ("Chili con carne", "la boîte de 800 g", 399, 3, PLAIN),
            ("Lentilles cuisinées", "la boîte de 800 g", 249, 4, PLAIN),
            ("Haricots verts", "la boîte de 440 g", 129, 6, PLAIN),
            ("Maïs doux", "la boîte de 285 g", 119, 6, PLAIN),
            ("Pois chiches", "la boîte de 400 g", 109, 6, PLAIN),
            (
                "Soupe déshydratée",
                "le sachet",
                99,
                10,
                &["légumes", "poireaux pommes de terre", "tomate"],
            ),
            (
                "Nouilles instantanées",
                "le sachet",
                69,
                20,
                &["poulet", "bœuf", "crevette", "légumes"],
            ),
            ("Purée en flocons", "le paquet de 4 sachets", 199, 3, PLAIN),
            ("Huile de tournesol", "la bouteille de 1 L", 299, 2, PLAIN),
            ("Huile d'olive", "la bouteille de 50 cl", 659, 2, PLAIN),
            ("Sel fin", "la boîte de 250 g", 79, 2, PLAIN),
            ("Poivre moulu", "le flacon de 50 g", 229, 2, PLAIN),
            (
                "Épices",
                "le flacon",
                189,
                3,
                &[
                    "cumin",
                    "paprika",
                    "curry",
                    "ras el-hanout",
                    "herbes de Provence",
                ],
            ),
            ("Mayonnaise", "le tube de 175 g", 189, 3, PLAIN),
            ("Ketchup", "le flacon de 560 g", 249, 3, PLAIN),
            ("Harissa", "le tube de 70 g", 129, 3, PLAIN),
            ("Moutarde de Dijon", "le pot de 370 g", 159, 2, PLAIN),
            (
                "Chips",
                "le sachet de 150 g",
                179,
                6,
                &["nature", "paprika", "vinaigre"],
            ),
            ("Cacahuètes grillées", "le sachet de 200 g", 199, 4, PLAIN),
            ("Crackers salés", "le paquet de 200 g", 159, 4, PLAIN),
        ],
    ),
    (
        "Épicerie sucrée",
        &[
            (
                "Biscuits",
                "le paquet",
                169,
                8,
                &[
                    "petit-beurre",
                    "sablés",
                    "fourrés chocolat",
                    "cookies",
                    "galettes bretonnes",
                ],
            ),
            (
                "Chocolat",
                "la tablette de 100 g",
                149,
                8,
                &["noir", "au lait", "aux noisettes", "blanc"],
            ),
            ("Pâte à tartiner", "le pot de 400 g", 349, 2, PLAIN),
            (
                "Confiture",
                "le pot de 370 g",
                229,
                3,
                &["fraise", "abricot", "figue"],
            ),
            ("Miel", "le pot de 500 g", 499, 2, PLAIN),
            ("Sucre en morceaux", "la boîte de 1 kg", 169, 2, PLAIN),
            ("Sucre en poudre", "le paquet de 1 kg", 149, 2, PLAIN),
            (
                "Céréales",
                "la boîte de 375 g",
                279,
                3,
                &["pétales de maïs", "chocolatées", "muesli"],
            ),
            ("Madeleines", "le sachet de 12", 219, 4, PLAIN),
            ("Gâteau marbré", "le paquet de 300 g", 249, 3, PLAIN),
            (
                "Bonbons",
                "le sachet de 200 g",
                159,
                4,
                &["fruits", "réglisse", "menthe"],
            ),
            ("Barres chocolatées", "le lot de 5", 299, 4, PLAIN),
            (
                "Compote",
                "le lot de 4 pots",
                229,
                4,
                &["pomme", "pomme-banane"],
            ),
            ("Lait concentré sucré", "le tube de 300 g", 219, 3, PLAIN),
            ("Dattes", "la barquette de 500 g", 399, 2, PLAIN),
        ],
    ),
    (
        "Boissons",
        &[
            ("Eau minérale", "le pack de 6 × 1,5 L", 299, 4, PLAIN),
            ("Eau gazeuse", "la bouteille de 1 L", 89, 6, PLAIN),
            (
                "Soda",
                "la canette de 33 cl",
                79,
                24,
                &["cola", "cola sans sucre", "orange", "citron", "thé glacé"],
            ),
            (
                "Jus de fruits",
                "la brique de 1 L",
                199,
                6,
                &["orange", "pomme", "multifruits", "raisin"],
            ),
            (
                "Sirop",
                "la bouteille de 75 cl",
                249,
                2,
                &["grenadine", "menthe", "citron"],
            ),
            (
                "Café moulu",
                "le paquet de 250 g",
                329,
                4,
                &["arabica", "corsé", "décaféiné"],
            ),
            ("Café soluble", "le pot de 100 g", 449, 3, PLAIN),
            (
                "Thé",
                "la boîte de 25 sachets",
                189,
                4,
                &["noir", "vert à la menthe", "infusion verveine"],
            ),
            ("Chocolat en poudre", "la boîte de 400 g", 299, 2, PLAIN),
            ("Lait demi-écrémé", "la brique de 1 L", 109, 6, PLAIN),
        ],
    ),
    (
        "Produits frais",
        &[
            ("Yaourts nature", "le lot de 4", 139, 4, PLAIN),
            ("Yaourts aux fruits", "le lot de 4", 189, 4, PLAIN),
            (
                "Fromage",
                "la portion",
                199,
                4,
                &[
                    "emmental râpé 200 g",
                    "camembert",
                    "portions fondues ×8",
                    "comté 200 g",
                ],
            ),
            ("Beurre doux", "la plaquette de 250 g", 259, 2, PLAIN),
            ("Œufs frais", "la boîte de 6", 219, 3, PLAIN),
            (
                "Jambon",
                "le paquet de 4 tranches",
                299,
                3,
                &["de dinde", "de volaille halal"],
            ),
            ("Saucisson sec", "la pièce de 250 g", 399, 2, PLAIN),
            (
                "Crème dessert",
                "le lot de 4",
                179,
                4,
                &["vanille", "chocolat", "caramel"],
            ),
        ],
    ),
    (
        "Fruits et légumes",
        &[
            ("Pommes", "le kg", 249, 3, PLAIN),
            ("Bananes", "le kg", 219, 3, PLAIN),
            ("Oranges", "le kg", 259, 3, PLAIN),
            ("Clémentines", "le kg", 329, 3, PLAIN),
            ("Tomates", "le kg", 299, 2, PLAIN),
            ("Oignons", "le filet de 1 kg", 169, 2, PLAIN),
            ("Pommes de terre", "le filet de 2,5 kg", 349, 1, PLAIN),
            ("Carottes", "le sachet de 1 kg", 149, 2, PLAIN),
            ("Citrons", "le filet de 4", 199, 2, PLAIN),
            ("Avocats", "le lot de 2", 259, 2, PLAIN),
            ("Ail", "le filet de 3 têtes", 189, 2, PLAIN),
        ],
    ),
    (
        "Hygiène et beauté",
        &[
            (
                "Savon",
                "le pain de 100 g",
                99,
                6,
                &["de Marseille", "surgras", "à l'huile d'argan"],
            ),
            (
                "Gel douche",
                "le flacon de 250 ml",
                229,
                4,
                &["neutre", "menthe", "fleur d'oranger"],
            ),
            (
                "Shampoing",
                "le flacon de 250 ml",
                249,
                3,
                &["cheveux normaux", "antipelliculaire", "cheveux bouclés"],
            ),
            (
                "Dentifrice",
                "le tube de 75 ml",
                169,
                3,
                &["fluoré", "dents sensibles", "blancheur"],
            ),
            ("Brosse à dents souple", "l'unité", 149, 3, PLAIN),
            ("Rasoirs jetables", "le paquet de 5", 289, 2, PLAIN),
            ("Mousse à raser", "le flacon de 200 ml", 249, 2, PLAIN),
            (
                "Déodorant bille",
                "le flacon de 50 ml",
                279,
                3,
                &["sans parfum", "frais", "ambré"],
            ),
            ("Crème hydratante", "le pot de 150 ml", 399, 2, PLAIN),
            ("Coton-tiges", "la boîte de 200", 129, 2, PLAIN),
            ("Papier toilette", "le paquet de 6 rouleaux", 299, 3, PLAIN),
            ("Mouchoirs", "la boîte de 100", 149, 3, PLAIN),
            (
                "Protections périodiques",
                "le paquet",
                259,
                4,
                &["normales", "nuit", "tampons"],
            ),
            ("Peigne", "l'unité", 99, 2, PLAIN),
            ("Coupe-ongles", "l'unité", 199, 1, PLAIN),
            ("Gel coiffant", "le pot de 150 ml", 229, 2, PLAIN),
        ],
    ),
    (
        "Entretien",
        &[
            ("Lessive à la main", "la bouteille de 1 L", 349, 2, PLAIN),
            ("Liquide vaisselle", "le flacon de 500 ml", 149, 2, PLAIN),
            ("Éponges", "le lot de 3", 129, 2, PLAIN),
            ("Sacs poubelle 30 L", "le rouleau de 20", 179, 2, PLAIN),
            (
                "Nettoyant multi-usages",
                "le flacon de 750 ml",
                229,
                2,
                PLAIN,
            ),
            ("Pinces à linge", "le sachet de 24", 199, 1, PLAIN),
            ("Essuie-tout", "le lot de 2 rouleaux", 219, 2, PLAIN),
        ],
    ),
    (
        "Tabac",
        &[
            (
                "Cigarettes",
                "le paquet de 20",
                1_200,
                10,
                &["blondes", "brunes"],
            ),
            (
                "Tabac à rouler",
                "la blague de 30 g",
                1_450,
                6,
                &["blond", "brun"],
            ),
            ("Feuilles à rouler", "le carnet", 120, 10, PLAIN),
            ("Filtres", "la boîte de 150", 180, 4, PLAIN),
            ("Briquet", "l'unité", 150, 2, PLAIN),
        ],
    ),
    (
        "Papeterie et courrier",
        &[
            ("Timbre lettre verte", "l'unité", 152, 20, PLAIN),
            ("Enveloppes blanches", "le paquet de 25", 199, 2, PLAIN),
            (
                "Bloc de papier à lettres",
                "le bloc de 50 feuilles",
                229,
                3,
                PLAIN,
            ),
            ("Cahier grands carreaux", "l'unité", 189, 4, PLAIN),
            ("Stylo bille", "l'unité", 69, 6, &["bleu", "noir", "rouge"]),
            ("Crayons de couleur", "la boîte de 12", 349, 2, PLAIN),
            ("Carte de vœux", "l'unité avec enveloppe", 199, 6, PLAIN),
            ("Grilles de mots fléchés", "le magazine", 390, 3, PLAIN),
            ("Journal quotidien régional", "l'exemplaire", 150, 7, PLAIN),
        ],
    ),
    (
        "Vêtements",
        &[
            (
                "T-shirt coton",
                "l'unité",
                699,
                3,
                &["taille M", "taille L", "taille XL", "taille XXL"],
            ),
            (
                "Chaussettes",
                "le lot de 3 paires",
                599,
                2,
                &["39-42", "43-46"],
            ),
            (
                "Caleçons",
                "le lot de 3",
                999,
                2,
                &["taille M", "taille L", "taille XL"],
            ),
            (
                "Claquettes de douche",
                "la paire",
                599,
                1,
                &["40-41", "42-43", "44-45"],
            ),
            (
                "Jogging",
                "l'unité",
                1_999,
                1,
                &["taille M", "taille L", "taille XL"],
            ),
            ("Bonnet", "l'unité", 599, 1, PLAIN),
        ],
    ),
    (
        "Équipement de cellule",
        &[
            ("Bouilloire électrique", "l'unité", 1_999, 1, PLAIN),
            ("Plaque de cuisson électrique", "l'unité", 2_499, 1, PLAIN),
            ("Poêle 24 cm", "l'unité", 1_299, 1, PLAIN),
            ("Gamelle avec couvercle", "l'unité", 899, 1, PLAIN),
            ("Couverts en plastique", "le lot de 3", 199, 1, PLAIN),
            ("Gobelet", "l'unité", 149, 2, PLAIN),
            ("Écouteurs filaires", "la paire", 999, 1, PLAIN),
            ("Piles AA", "le lot de 4", 449, 2, PLAIN),
            ("Réveil à piles", "l'unité", 899, 1, PLAIN),
        ],
    ),
];

/// Shelves whose products also come as a store brand.
const BUDGET_SHELVES: [&str; 5] = [
    "Épicerie salée",
    "Épicerie sucrée",
    "Boissons",
    "Hygiène et beauté",
    "Entretien",
];

/// One product to seed.
struct NewProduct<'a> {
    category: &'a str,
    name: &'a str,
    unit: &'a str,
    price: i64,
    max: i64,
    available: bool,
    regime: Option<&'a str>,
    /// Its price rose five days ago.
    rise: bool,
}

async fn insert_product(
    tx: &mut Tx,
    establishment_id: &str,
    p: &NewProduct<'_>,
    at: i64,
) -> ApiResult<()> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO canteen_products (id, establishment_id, category_id, name, unit, \
         price_cents, max_per_order, available, only_legal_status, only_regime, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, $9, $10, $10)",
    )
    .bind(&id)
    .bind(establishment_id)
    .bind(p.category)
    .bind(p.name)
    .bind(p.unit)
    .bind(p.price)
    .bind(p.max)
    .bind(i64::from(p.available))
    .bind(p.regime)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    if p.rise {
        // A recent rise, which the tablet shows beside the price.
        sqlx::query(
            "INSERT INTO canteen_price_changes (id, product_id, old_price_cents, \
             new_price_cents, changed_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(new_id())
        .bind(&id)
        .bind(p.price - 10)
        .bind(p.price)
        .bind(at - 5 * 86_400)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Seeds one establishment's catalogue, its settings' default window, and its accounts.
pub async fn seed_establishment(tx: &mut Tx, establishment_id: &str) -> ApiResult<usize> {
    let at = now();
    let mut count = 0;
    for (position, (shelf, items)) in SHELVES.iter().enumerate() {
        let category = new_id();
        sqlx::query(
            "INSERT INTO canteen_categories (id, establishment_id, name, position) VALUES ($1, $2, $3, $4)",
        )
        .bind(&category)
        .bind(establishment_id)
        .bind(shelf)
        .bind(position as i64 + 1)
        .execute(&mut **tx)
        .await?;
        for (name, unit, price, max, variants) in *items {
            for (i, variant) in variants.iter().enumerate() {
                let full = if variant.is_empty() {
                    (*name).to_owned()
                } else {
                    format!("{name} — {variant}")
                };
                // Variants of one product differ by a few cents, as on a real price list.
                let price = price + 10 * i as i64;
                // The cooking plate is sold to the trust regime only.
                let regime = (*name == "Plaque de cuisson électrique").then_some("trust");
                let mut offers = vec![(full.clone(), price)];
                if BUDGET_SHELVES.contains(shelf) {
                    // Most groceries also come as a cheaper store brand.
                    offers.push((format!("{full} (premier prix)"), price * 4 / 5));
                }
                for (label, price) in offers {
                    let product = NewProduct {
                        category: &category,
                        name: &label,
                        unit,
                        price,
                        max: *max,
                        available: count % 37 != 36,
                        regime,
                        rise: count % 29 == 3,
                    };
                    insert_product(tx, establishment_id, &product, at).await?;
                    count += 1;
                }
            }
        }
    }
    windows::ensure_open(tx, establishment_id).await?;
    seed_accounts(tx, establishment_id).await?;
    Ok(count)
}

/// Every detainee gets money sent by a relative this month; the amounts vary and stay under
/// the first band, so nothing is levied.
async fn seed_accounts(tx: &mut Tx, establishment_id: &str) -> ApiResult<()> {
    let rows = sqlx::query(
        "SELECT id, registration_number FROM detainees WHERE establishment_id = $1 ORDER BY registration_number",
    )
    .bind(establishment_id)
    .fetch_all(&mut **tx)
    .await?;
    let rules = SplitRules::default();
    for (i, r) in rows.iter().enumerate() {
        let id: String = r.try_get("id")?;
        // The first detainee (Karim Benali in Valmont, the demo's) has 180 €.
        let amount = if i == 0 {
            18_000
        } else {
            2_000 + (i as i64 * 1_733) % 15_000
        };
        let split = rules.split(IncomeKind::FamilyTransfer, amount, 0, 0);
        ledger::post(
            tx,
            Operation {
                detainee_id: &id,
                establishment_id,
                kind: EntryKind::FamilyTransfer,
                label: "Argent envoyé par un proche",
                entries: vec![
                    (Part::Available, split.available_cents),
                    (Part::CivilParties, split.civil_parties_cents),
                    (Part::Savings, split.savings_cents),
                ],
                order_id: None,
                corrects_operation_id: None,
                agent_id: None,
                idempotency_key: None,
            },
        )
        .await?;
    }
    Ok(())
}

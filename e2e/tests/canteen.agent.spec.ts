// Console on a desktop, money and the canteen: Karim orders (through the API, standing in for
// the tablet), the canteen manager closes the week, reads the consolidation and its CSV,
// records a missing line that Karim gets back; the accounts officer posts money and corrects
// it; the administrator of Saint-Aubin creates a partner key whose secret shows once.
import { request as playwrightRequest, type APIRequestContext, type Page } from '@playwright/test';
import { checkA11y, expect, test } from './fixtures';

const PASSWORD = 'Agent-Demo-2026';

interface Product {
  id: string;
  name: string;
  price_cents: number;
  max_per_order: number;
}
interface OrderLine {
  id: string;
  product_id: string;
  name: string;
}
interface Order {
  id: string;
  status: string;
  refunded_cents: number;
  lines: OrderLine[];
}

/** Signs an agent in through the console's page. */
async function signIn(page: Page, login: string, name: string): Promise<void> {
  await page.goto('/agent/connexion');
  await page.getByLabel(/^Identifiant/).fill(login);
  await page.getByLabel(/^Mot de passe/).fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Bonjour ${name}`);
}

/** Opens a console page from the menu and waits for its data. */
async function openFromMenu(page: Page, link: string, heading: string): Promise<void> {
  await page.getByRole('link', { name: link, exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
  await page.waitForLoadState('networkidle');
}

/** A detainee's tablet, as far as the API goes: an enrolled terminal and their session. */
async function tabletOf(baseURL: string, terminal: string, number: string): Promise<APIRequestContext> {
  const tablet = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
  expect((await tablet.post('/api/detainee/terminal', { data: { code: terminal } })).ok()).toBe(true);
  const session = await tablet.post('/api/detainee/session', {
    data: { registration_number: number, pin: '2468' },
  });
  expect(session.ok(), await session.text()).toBe(true);
  return tablet;
}

/** "3,29 €" as the console writes it (no-break space before the sign). */
function euros(cents: number): RegExp {
  const text = `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
  return new RegExp(`${text}\\s€`);
}

test('the canteen manager closes the week, reads the consolidation and records a missing line', async ({
  page,
  baseURL,
}) => {
  // The order, from the tablet's side: two products far down the catalogue (the tablet's own
  // tests pick from the top), two of the first and one of the second.
  const tablet = await tabletOf(baseURL!, 'VALMONT-DEMO', '10001');
  const catalogue = await (await tablet.get('/api/detainee/canteen/catalogue')).json();
  const products: Product[] = catalogue.products.filter((p: Product) => p.max_per_order >= 2);
  const [first, second] = products.slice(-2);
  const placed = await tablet.post('/api/detainee/canteen/orders', {
    data: {
      lines: [
        { product_id: first.id, quantity: 2 },
        { product_id: second.id, quantity: 1 },
      ],
      idempotency_key: `e2e-console-${Date.now()}`,
    },
  });
  expect(placed.status(), await placed.text()).toBe(201);
  const order: Order = (await placed.json()).order;
  const missingLine = order.lines.find((l) => l.product_id === first.id)!;

  await signIn(page, 'cantine.valmont', 'Marc Durand');
  await openFromMenu(page, 'Catalogue', 'Catalogue de la cantine');
  await expect(page.getByRole('table', { name: /^Produits du catalogue/ })).toBeVisible();
  await page.getByLabel(/^Rechercher un produit/).fill(first.name);
  await page.getByRole('button', { name: 'Filtrer', exact: true }).click();
  const table = page.getByRole('table', { name: /^Produits du catalogue/ });
  await expect(table).toContainText(first.name);
  await checkA11y(page, 'cantine-catalogue');

  // A new price: the catalogue shows the old one beside it; Karim's order keeps its price.
  const raised = first.price_cents + 10;
  await table.getByRole('button', { name: `Modifier ${first.name}`, exact: true }).click();
  await page.locator(`#edit-${first.id}-price`).fill(`${Math.floor(raised / 100)},${String(raised % 100).padStart(2, '0')}`);
  await page.getByRole('button', { name: 'Enregistrer le produit', exact: true }).click();
  const edited = table.getByRole('row').filter({ hasText: first.name }).first();
  await expect(edited).toContainText(euros(raised));
  await expect(edited).toContainText(/Ancien prix : /);
  await checkA11y(page, 'cantine-catalogue-prix');

  await openFromMenu(page, 'Commandes de la semaine', 'Commandes de la semaine');
  const windows = page.getByRole('table', { name: /^Semaines de commande/ });
  const open = windows.getByRole('row').filter({ hasText: 'Ouverte' });
  await expect(open).toHaveCount(1);
  await checkA11y(page, 'cantine-commandes');

  // Close now, after the confirmation: the week is paid, the next one opens.
  await open.getByRole('button', { name: 'Clôturer maintenant' }).click();
  await page.getByRole('button', { name: 'Confirmer', exact: true }).click();
  await expect(windows.getByRole('row').filter({ hasText: 'Clôturée' }).first()).toBeVisible();
  await expect(windows.getByRole('row').filter({ hasText: 'Ouverte' })).toHaveCount(1);

  // The consolidation opens below: the products, and the same as CSV.
  const consolidation = page.getByRole('table', { name: 'Quantités à préparer, produit par produit' });
  await expect(consolidation).toContainText(first.name);
  await expect(consolidation).toContainText(second.name);
  const csvLink = page.getByRole('link', { name: 'Télécharger en CSV' });
  const csv = await page.request.get((await csvLink.getAttribute('href'))!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const body = await csv.text();
  expect(body).toContain('rayon;produit;unité;prix unitaire (€);quantité;commandes');
  const row = body.split('\r\n').find((l) => l.includes(first.name.replace(/;/g, '')));
  expect(row, body).toMatch(/;2;\d+$/);
  await checkA11y(page, 'cantine-consolidation');

  // Delivery: Karim's first line came one short of two; the rest arrived.
  const outcome = page.locator(`#delivery-${missingLine.id}-outcome`);
  await outcome.selectOption('missing');
  await page.locator(`#delivery-${missingLine.id}-came`).fill('1');
  const karimsOrder = page.locator('div.fr-mt-3w', { has: outcome });
  await expect(karimsOrder.getByRole('table')).toContainText('Karim Benali');
  await expect(karimsOrder.getByRole('row').filter({ hasText: first.name })).toContainText(euros(first.price_cents));
  await checkA11y(page, 'cantine-livraison');
  await karimsOrder.getByRole('button', { name: /^Enregistrer ce bon/ }).click();
  await expect(page.getByText('Livraison enregistrée : 2 ligne(s).')).toBeVisible();
  const recorded = page.getByRole('row').filter({ hasText: first.name }).filter({ hasText: '1 livré(s) sur 2' });
  await expect(recorded).toBeVisible();

  // On Karim's side: partly delivered, the missing one refunded.
  const orders: Order[] = await (await tablet.get('/api/detainee/canteen/orders')).json();
  const after = orders.find((o) => o.id === order.id)!;
  expect(after.status).toBe('partly_delivered');
  expect(after.refunded_cents).toBe(first.price_cents);

  // Karim disputes the line that did arrive; the manager accepts part of it.
  const secondLine = order.lines.find((l) => l.product_id === second.id)!;
  const disputed = await tablet.post(`/api/detainee/canteen/orders/${order.id}/lines/${secondLine.id}/dispute`, {
    data: { message: 'Emballage déchiré à la livraison.' },
  });
  expect(disputed.status(), await disputed.text()).toBe(201);
  await openFromMenu(page, 'Contestations', 'Contestations');
  const dispute = page.getByRole('row').filter({ hasText: 'Emballage déchiré à la livraison.' });
  await expect(dispute).toContainText('Ouverte');
  await expect(dispute).toContainText(euros(second.price_cents));
  await checkA11y(page, 'cantine-contestations');
  await dispute.getByRole('button', { name: /^Répondre/ }).click();
  await page.getByLabel(/^Décision/).selectOption({ label: 'Accepter et rembourser' });
  await page.getByLabel(/^Montant remboursé/).fill('99');
  await page.getByLabel(/^Réponse/).fill('Remboursé en partie, le produit reste utilisable.');
  await page.getByRole('button', { name: 'Envoyer la réponse', exact: true }).click();
  await expect(page.getByLabel(/^Montant remboursé/)).toHaveAccessibleDescription(/Ce champ n'a pas le bon format/);
  await page.getByLabel(/^Montant remboursé/).fill('1');
  await page.getByRole('button', { name: 'Envoyer la réponse', exact: true }).click();
  await expect(dispute).toContainText(/Acceptée, 1,00\s€ remboursé/);
  const disputedOrder: Order = await (await tablet.get(`/api/detainee/canteen/orders/${order.id}`)).json();
  expect(disputedOrder.refunded_cents).toBe(first.price_cents + 100);

  // A week's suspension of Karim's canteen, then lifted.
  await openFromMenu(page, 'Suspensions de cantine', 'Suspensions de cantine');
  await page.getByLabel(/^Rechercher une personne détenue/).fill('10001');
  await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Suspensions de cantine de Karim Benali' })).toBeVisible();
  const today = new Date();
  const inAWeek = new Date(today.getTime() + 7 * 86_400_000);
  const iso = (d: Date) => d.toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
  await page.getByLabel(/^Dernier jour/).fill(iso(inAWeek));
  await page.getByLabel(/^Motif/).fill('Commission de discipline du jour');
  await page.getByRole('button', { name: 'Suspendre la cantine', exact: true }).click();
  const suspension = page.getByRole('row').filter({ hasText: 'Commission de discipline du jour' });
  await expect(suspension).toContainText('En cours ou à venir');
  const refused = await tablet.post('/api/detainee/canteen/orders', {
    data: { lines: [{ product_id: second.id, quantity: 1 }], idempotency_key: `e2e-suspended-${Date.now()}` },
  });
  expect(refused.status()).toBe(403);
  await checkA11y(page, 'cantine-suspensions');
  await suspension.getByRole('button', { name: /^Lever/ }).click();
  await page.getByRole('button', { name: 'Confirmer', exact: true }).click();
  await expect(suspension).toContainText('Levée');
  await tablet.dispose();
});

test('the accounts officer posts money, sees the split, corrects it and reads the rules', async ({ page }) => {
  await signIn(page, 'comptes.valmont', 'Nadia Cherif');
  await openFromMenu(page, 'Comptes', 'Comptes nominatifs');
  await page.getByLabel(/^Rechercher une personne détenue/).fill('10001');
  await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Compte de Karim Benali' })).toBeVisible();
  await expect(page.getByRole('table', { name: /^Mouvements/ })).toContainText('Argent envoyé par un proche');
  await checkA11y(page, 'comptes');

  await page.getByLabel(/^Nature du versement/).selectOption({ label: "Mandat d'un proche" });
  await page.getByLabel(/^Montant$/).fill('250');
  await page.getByLabel(/^Libellé/).fill('Mandat de Mme Martin');
  await page.getByRole('button', { name: 'Enregistrer le versement', exact: true }).click();
  const posted = page.getByText(/^Versement de 250,00\s€ enregistré/);
  await expect(posted).toBeVisible();
  await expect(posted).toContainText('sur la part disponible');
  await expect(posted).toContainText('pour les parties civiles');
  await expect(page.getByRole('table', { name: /^Mouvements/ })).toContainText('Mandat de Mme Martin');
  await checkA11y(page, 'comptes-versement');

  // A correction is a new entry tied to the operation it corrects.
  await page.getByLabel(/^Part$/).selectOption({ label: 'Disponible' });
  await page.getByLabel(/^Montant de la correction/).fill('-1,50');
  await page.getByLabel('Motif', { exact: true }).fill('Erreur de saisie du mandat');
  const corrected = page.getByLabel(/^Opération corrigée/);
  const option = corrected.locator('option', { hasText: 'Mandat de Mme Martin' });
  await corrected.selectOption((await option.getAttribute('value'))!);
  await page.getByRole('button', { name: 'Enregistrer la correction', exact: true }).click();
  await expect(page.getByText('Correction enregistrée.')).toBeVisible();
  const history = page.getByRole('table', { name: /^Mouvements/ });
  await expect(history.getByRole('row').filter({ hasText: 'Erreur de saisie du mandat' })).toContainText(
    /Corrige : Mandat de Mme Martin/,
  );
  await expect(history.getByRole('row').filter({ hasText: 'Erreur de saisie du mandat' })).toContainText(/-1,50\s€/);

  // A payment posted by mistake is reversed once, after a confirmation: its exact opposite.
  const reversible = page.getByLabel(/^Versement à annuler/);
  const mandate = reversible.locator('option', { hasText: 'Mandat de Mme Martin' });
  await reversible.selectOption((await mandate.getAttribute('value'))!);
  await page.getByLabel(/^Motif de l'annulation/).fill('Mandat enregistré sur la mauvaise personne');
  await page.getByRole('button', { name: 'Annuler ce versement', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Annuler ce versement ?' })).toBeVisible();
  await checkA11y(page, 'comptes-annulation-question');
  await page.getByRole('button', { name: 'Confirmer', exact: true }).click();
  await expect(page.getByText('Le versement est annulé.')).toBeVisible();
  const reversal = history.getByRole('row').filter({ hasText: 'Annulation : Mandat enregistré sur la mauvaise personne' });
  await expect(reversal.first()).toContainText('Annulation');
  await expect(reversal.filter({ hasText: /-\d/ }).first()).toBeVisible();
  await expect(reversible.locator('option', { hasText: 'Mandat de Mme Martin' })).toHaveCount(0);

  await openFromMenu(page, 'Règles de répartition', 'Règles de répartition');
  await expect(page.getByLabel(/^Taux de la première tranche/)).toHaveValue('20,00');
  await checkA11y(page, 'comptes-regles');
});

test('the administrator of Saint-Aubin creates a partner key whose secret shows once', async ({ page, baseURL }) => {
  await signIn(page, 'admin.saint-aubin', 'Jean Moulin');
  await openFromMenu(page, 'Clés partenaires', 'Clés partenaires');
  await checkA11y(page, 'cles-partenaires');
  const name = `Partenaire E2E ${Date.now()}`;
  await page.getByLabel(/^Nom de la clé/).fill(name);
  await expect(page.getByRole('checkbox', { name: /Saint-Aubin/ })).toBeChecked();
  await page.getByRole('button', { name: 'Créer la clé', exact: true }).click();
  const secret = page.locator('#partner-secret');
  await expect(secret).toHaveText(/^ned_pk_[0-9a-f]+$/);
  const key = (await secret.innerText()).trim();
  await expect(page.getByText(/elle ne sera plus jamais affichée/)).toBeVisible();
  await expect(page.getByRole('table', { name: /^Clés des partenaires/ })).toContainText(name);
  await checkA11y(page, 'cles-partenaires-secret');

  // The partner can use it; once dismissed, the secret is nowhere on the page.
  const partner = await playwrightRequest.newContext({
    baseURL,
    extraHTTPHeaders: { Authorization: `Bearer ${key}` },
  });
  expect((await partner.get('/api/partner/windows')).status()).toBe(200);
  await page.getByRole('button', { name: "J'ai copié la clé", exact: true }).click();
  await expect(secret).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('table', { name: /^Clés des partenaires/ })).toContainText(name);
  await expect(page.getByText(key)).toHaveCount(0);

  // Revoked, after the confirmation: the partner is refused at once.
  const row = page.getByRole('row').filter({ hasText: name });
  await row.getByRole('button', { name: /^Révoquer/ }).click();
  await page.getByRole('button', { name: 'Confirmer', exact: true }).click();
  await expect(row).toContainText('Révoquée');
  expect((await partner.get('/api/partner/windows')).status()).toBe(401);
  await partner.dispose();
});

test('under delegated management the console shows the orders but the partner records deliveries', async ({
  page,
  baseURL,
}) => {
  // A Saint-Aubin detainee orders one product.
  const tablet = await tabletOf(baseURL!, 'STAUBIN-DEMO', '20001');
  const catalogue = await (await tablet.get('/api/detainee/canteen/catalogue')).json();
  const product: Product = catalogue.products[catalogue.products.length - 1];
  const placed = await tablet.post('/api/detainee/canteen/orders', {
    data: { lines: [{ product_id: product.id, quantity: 1 }], idempotency_key: `e2e-delegated-${Date.now()}` },
  });
  expect(placed.status(), await placed.text()).toBe(201);
  const line: OrderLine = (await placed.json()).order.lines[0];
  await tablet.dispose();

  await signIn(page, 'admin.national', 'Claire Fontaine');
  await openFromMenu(page, 'Commandes de la semaine', 'Commandes de la semaine');
  const establishment = page.getByLabel(/^Établissement/);
  const option = establishment.locator('option', { hasText: 'Saint-Aubin' });
  await establishment.selectOption((await option.getAttribute('value'))!);
  const windows = page.getByRole('table', { name: /^Semaines de commande/ });
  await windows.getByRole('row').filter({ hasText: 'Ouverte' }).getByRole('button', { name: 'Clôturer maintenant' }).click();
  await page.getByRole('button', { name: 'Confirmer', exact: true }).click();
  await expect(page.getByText(/le partenaire enregistre les livraisons/)).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: product.name }).filter({ hasText: 'À livrer' });
  await expect(row.first()).toBeVisible();
  await expect(page.locator(`#delivery-${line.id}-outcome`)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Enregistrer toute la page' })).toHaveCount(0);
  await checkA11y(page, 'cantine-livraison-deleguee');
});

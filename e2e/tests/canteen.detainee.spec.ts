// Money and the canteen on a 10" tablet: Karim reads his account, fills a basket that
// outlives his sign-out, orders (the money is held); at a desktop the canteen manager closes the
// week, reads the consolidation and records the delivery with one product missing; back on the
// tablet Karim sees the partial delivery, its refund, and disputes a line. A second test changes
// and cancels an order.
import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { desktop } from '../devices';
import { signInAgent } from './console';
import { checkA11y, collectPageErrors, expect, test } from './fixtures';

const KARIM = { number: '10001', pin: '2468' };
const MANAGER = { login: 'cantine.valmont', password: 'Agent-Demo-2026' };

/** "12,50 €" as `format_euros` writes it (no-break space before the sign). */
function euros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  return `${sign}${whole},${String(abs % 100).padStart(2, '0')}\u00a0€`;
}

async function enrolAndSignIn(page: Page): Promise<void> {
  await page.goto('/detenu/enrolement');
  await page.getByLabel(/^Code d'enrôlement/).fill('VALMONT-DEMO');
  await page.getByRole('button', { name: 'Enrôler ce terminal', exact: true }).click();
  await signIn(page);
}

async function signIn(page: Page): Promise<void> {
  await expect(page).toHaveURL(/\/detenu\/connexion$/);
  await page.getByLabel(/^Numéro d'écrou/).fill(KARIM.number);
  await page.getByLabel(/^Code personnel/).fill(KARIM.pin);
  await page.getByRole('button', { name: 'Me connecter', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bonjour Karim');
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Me déconnecter', exact: true }).filter({ visible: true }).first().click();
  await expect(page).toHaveURL(/\/detenu\/connexion$/);
}

/** Opens an entry of the main menu and waits for its page. */
async function menu(page: Page, name: string, heading: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
}

/** Searches the catalogue and returns the first product row shown. */
async function search(page: Page, words: string) {
  await page.getByRole('searchbox', { name: 'Chercher un produit' }).fill(words);
  await expect(page.getByRole('heading', { name: 'Résultats de la recherche' })).toBeVisible();
  const row = page.locator('.ned-products > li').first();
  await expect(row).toBeVisible();
  return row;
}

/** Runs `work` as the canteen manager, through the API (the console pages are built elsewhere). */
async function asManager(
  request: APIRequestContext,
  baseURL: string,
  work: (base: string, headers: { Origin: string }) => Promise<void>,
): Promise<void> {
  const headers = { Origin: baseURL };
  const signedIn = await request.post('/api/agent/session', { data: MANAGER, headers });
  expect(signedIn.status(), 'canteen manager sign-in').toBe(200);
  const me = await (await request.get('/api/agent/session')).json();
  const valmont = me.establishments.find((e: { name: string }) => e.name.includes('Valmont'));
  expect(valmont, 'Valmont in the manager scope').toBeTruthy();
  await work(`/api/agent/establishments/${valmont.id}/canteen`, headers);
  await request.delete('/api/agent/session', { headers });
}

/**
 * At the canteen manager's desk (a desktop beside the tablet): the week is closed now, the
 * consolidation shows what to prepare, and Karim's order is delivered with one of
 * `missingProduct` short.
 */
async function closeAndDeliverAtTheDesk(
  browser: Browser,
  baseURL: string,
  tablet: APIRequestContext,
  missingProduct: string,
): Promise<void> {
  // The line to report on, as Karim's tablet knows it.
  const orders = await (await tablet.get('/api/detainee/canteen/orders')).json();
  const line = orders[0].lines.find((l: { name: string }) => l.name === missingProduct);
  expect(line, `${missingProduct} in Karim's order`).toBeTruthy();

  const desk = await browser.newContext({ ...desktop, baseURL });
  const page = await desk.newPage();
  const errors = collectPageErrors(page);
  await signInAgent(page, MANAGER.login, 'Bonjour Marc Durand');
  await page.getByRole('link', { name: 'Commandes de la semaine', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Commandes de la semaine');
  const windows = page.getByRole('table', { name: /^Semaines de commande/ });
  const open = windows.getByRole('row').filter({ hasText: 'Ouverte' });
  await expect(open).toHaveCount(1);
  await open.getByRole('button', { name: 'Clôturer maintenant' }).click();
  await page.getByRole('button', { name: 'Confirmer', exact: true }).click();
  await expect(windows.getByRole('row').filter({ hasText: 'Clôturée' }).first()).toBeVisible();

  const consolidation = page.getByRole('table', { name: 'Quantités à préparer, produit par produit' });
  await expect(consolidation).toContainText(missingProduct);
  await checkA11y(page, 'bureau-consolidation');

  const outcome = page.locator(`#delivery-${line.id}-outcome`);
  await outcome.selectOption('missing');
  await page.locator(`#delivery-${line.id}-came`).fill(String(line.quantity - 1));
  const karimsOrder = page.locator('div.fr-mt-3w', { has: outcome });
  await expect(karimsOrder.getByRole('table')).toContainText('Karim Benali');
  await checkA11y(page, 'bureau-livraison');
  await karimsOrder.getByRole('button', { name: /^Enregistrer ce bon/ }).click();
  await expect(page.getByText(/Livraison enregistrée : \d+ ligne\(s\)\./)).toBeVisible();
  expect(errors, 'uncaught errors in the console').toEqual([]);
  await desk.close();
}

/** The manager accepts Karim's open dispute and refunds the whole line. */
async function acceptDispute(request: APIRequestContext, baseURL: string, answer: string): Promise<number> {
  let refund = 0;
  await asManager(request, baseURL, async (base, headers) => {
    const cases = await (await request.get(`${base}/disputes`)).json();
    const open = cases.find(
      (c: { registration_number: string; dispute: { status: string } }) =>
        c.registration_number === KARIM.number && c.dispute.status === 'open',
    );
    expect(open, "Karim's dispute in the manager's list").toBeTruthy();
    refund = open.refundable_cents;
    const answered = await request.post(`${base}/disputes/${open.dispute.id}/answer`, {
      data: { accept: true, answer, refund_cents: refund },
      headers,
    });
    expect(answered.status(), 'dispute answered').toBe(200);
  });
  return refund;
}

test('Karim fills a basket that survives sign-out, orders, and is refunded for a missing product', async ({
  page,
  browser,
  baseURL,
}) => {
  await enrolAndSignIn(page);
  await expect(page.getByRole('link', { name: 'Cantine', exact: true }).first()).toBeVisible();
  await checkA11y(page, 'accueil-services');

  // The account: three parts, each explained, and the money a relative sent.
  await page.getByRole('link', { name: 'Mon compte' }).last().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mon compte');
  const available = page.locator('#part-available');
  await expect(available).toContainText('Disponible');
  await expect(available).toContainText(euros(18_000));
  await expect(available).toContainText("L'argent que vous pouvez dépenser.");
  await expect(page.locator('#part-civil-parties')).toContainText('Mis de côté pour les victimes.');
  await expect(page.locator('#part-savings')).toContainText('Vous sera remis à votre sortie.');
  await expect(page.locator('#history')).toContainText("Argent reçu d'un proche");
  await expect(page.locator('#history')).toContainText(`+${euros(18_000)}`);
  await checkA11y(page, 'compte');

  // The canteen: open window, a search, two products (the second one twice).
  await menu(page, 'Cantine', 'Cantine');
  await expect(page.locator('#window')).toContainText(/Commande ouverte encore .+ — livraison /);
  await page.waitForLoadState('networkidle');
  await checkA11y(page, 'cantine');

  const coffee = await search(page, 'cafe moulu');
  const coffeeName = (await coffee.locator('.ned-product__name').innerText()).trim();
  expect(coffeeName).toMatch(/^Café moulu/);
  await coffee.getByRole('button', { name: /^Ajouter/ }).click();
  await expect(coffee.locator('output')).toHaveText('1');

  const tuna = await search(page, 'thon');
  const tunaName = (await tuna.locator('.ned-product__name').innerText()).trim();
  await tuna.getByRole('button', { name: /^Ajouter/ }).click();
  // The "Ajouter" button gives way to "−  1  +": the focus moves to "+", not to the page.
  const tunaMore = tuna.getByRole('button', { name: `Un de plus : ${tunaName}` });
  await expect(tunaMore).toBeFocused();
  await tunaMore.click();
  await expect(tuna.locator('output')).toHaveText('2');
  await expect(page.locator('#basket-bar')).toContainText('Panier : 3 articles');
  await checkA11y(page, 'cantine-recherche');

  const basket = await (await page.request.get('/api/detainee/canteen/basket')).json();
  const total: number = basket.total_cents;
  expect(basket.lines).toHaveLength(2);

  // The basket is kept on the server: it is still there after signing out and in again.
  await signOut(page);
  await signIn(page);
  await menu(page, 'Cantine', 'Cantine');
  await expect(page.locator('#basket-bar')).toContainText(`Panier : 3 articles — ${euros(total)}`);
  await page.getByRole('link', { name: 'Voir mon panier' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mon panier');
  await expect(page.locator('#basket-lines')).toContainText(coffeeName);
  await expect(page.locator('#basket-lines')).toContainText(tunaName);
  await expect(page.locator('#basket-total')).toContainText(euros(total));
  await expect(page.locator('#basket-total')).toContainText(euros(18_000));
  await checkA11y(page, 'panier');

  // Order: the total is held on the account at once.
  await page.getByRole('button', { name: 'Commander', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Commande envoyée');
  await expect(page.locator('#order-placed')).toContainText(`${euros(total)} sont réservés`);
  await expect(page.locator('#order-placed')).toContainText(`Vous pouvez encore dépenser ${euros(18_000 - total)}`);
  await checkA11y(page, 'commande-envoyee');

  await page.getByRole('link', { name: 'Voir mon compte' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mon compte');
  await expect(available).toContainText(`Dont ${euros(total)} réservés pour vos commandes.`);
  await expect(available).toContainText(`Vous pouvez encore dépenser ${euros(18_000 - total)}.`);
  await checkA11y(page, 'compte-reserve');

  // The order as listed, still changeable.
  await menu(page, 'Mes commandes', 'Mes commandes');
  await expect(page.locator('#orders')).toContainText('Envoyée');
  await checkA11y(page, 'commandes');

  // The week closes and the shop delivers, one tin of tuna short.
  await closeAndDeliverAtTheDesk(browser, baseURL!, page.request, tunaName);
  const tunaPrice: number = basket.lines.find((l: { name: string }) => l.name === tunaName).unit_price_cents;

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes commandes');
  await expect(page.locator('#orders')).toContainText('Livrée en partie');
  await expect(page.locator('#orders')).toContainText(`Remboursé : ${euros(tunaPrice)}`);
  await page.locator('#orders a').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Commande du /);
  await expect(page.locator('#order-status')).toContainText('Livrée en partie');
  const tunaLine = page.locator('#order-lines > li').filter({ hasText: tunaName });
  await expect(tunaLine).toContainText(`1 manquant : remboursé ${euros(tunaPrice)}`);
  const coffeeLine = page.locator('#order-lines > li').filter({ hasText: coffeeName });
  await expect(coffeeLine).toContainText('Livré');
  await checkA11y(page, 'commande-livree-en-partie');

  // A problem with the coffee: a short message, with its counter.
  await coffeeLine.getByRole('button', { name: /^Signaler un problème/ }).click();
  const message = coffeeLine.getByLabel(/^Quel est le problème avec/);
  await message.fill('Le paquet était ouvert.');
  await expect(coffeeLine).toContainText('23 / 500 caractères');
  await checkA11y(page, 'reclamation');
  await coffeeLine.getByRole('button', { name: 'Envoyer', exact: true }).click();
  await expect(coffeeLine).toContainText('Problème signalé : en attente de réponse.');
  await expect(coffeeLine).toContainText('Le paquet était ouvert.');
  await checkA11y(page, 'reclamation-envoyee');

  // The account: the purchase went through and the missing tin came back.
  await menu(page, 'Mon compte', 'Mon compte');
  const history = page.locator('#history');
  await expect(history).toContainText('Remboursement cantine');
  await expect(history).toContainText(`+${euros(tunaPrice)}`);
  await expect(history).toContainText('Achat cantine');
  await expect(history).toContainText(euros(-total));
  await expect(available).toContainText(euros(18_000 - total + tunaPrice));
  await checkA11y(page, 'compte-rembourse');

  // The shop accepts the dispute: the answer and the refund reach the tablet.
  const refund = await acceptDispute(page.request, baseURL!, 'Paquet remplacé par un remboursement.');
  await menu(page, 'Mes commandes', 'Mes commandes');
  await page.locator('#orders a').first().click();
  await expect(coffeeLine).toContainText(`Problème reconnu : remboursé ${euros(refund)}.`);
  await expect(coffeeLine).toContainText('Réponse de la cantine : Paquet remplacé par un remboursement.');
  await expect(coffeeLine).toContainText('Livré');
  await checkA11y(page, 'reclamation-acceptee');
});

test('a placed order is changed, then cancelled after a confirmation', async ({ page }) => {
  await enrolAndSignIn(page);
  await menu(page, 'Cantine', 'Cantine');
  const tea = await search(page, 'thé noir');
  const teaName = (await tea.locator('.ned-product__name').innerText()).trim();
  await tea.getByRole('button', { name: /^Ajouter/ }).click();
  await expect(tea.locator('output')).toHaveText('1');
  await page.getByRole('link', { name: 'Voir mon panier' }).click();
  await page.getByRole('button', { name: 'Commander', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Commande envoyée');
  await page.getByRole('link', { name: 'Voir ma commande' }).click();
  await expect(page.locator('#order-status')).toContainText('Envoyée');
  const before = (await page.locator('#order-total dd').first().innerText()).trim();

  await page.getByRole('button', { name: 'Changer la commande' }).click();
  await page.getByRole('button', { name: `Un de plus : ${teaName}` }).click();
  await checkA11y(page, 'commande-changer');
  await page.getByRole('button', { name: 'Enregistrer les changements' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Commande changée.' })).toBeVisible();
  await expect(page.locator('#order-lines')).toContainText(`2 × `);
  await expect(page.locator('#order-total dd').first()).not.toHaveText(before);

  await page.getByRole('button', { name: 'Annuler la commande' }).click();
  await expect(page.getByRole('alert')).toContainText('Annuler cette commande ?');
  await checkA11y(page, 'commande-annuler-question');
  await page.getByRole('button', { name: 'Oui, annuler la commande' }).click();
  await expect(page.locator('#order-status')).toContainText('Annulée');
  await expect(page.getByRole('button', { name: 'Changer la commande' })).toHaveCount(0);
  await checkA11y(page, 'commande-annulee');
});

test('a price that rose while the basket was on screen is shown before Karim orders', async ({
  page,
  request,
  baseURL,
}) => {
  await enrolAndSignIn(page);
  await menu(page, 'Cantine', 'Cantine');
  await search(page, 'harissa');
  const harissa = page
    .locator('.ned-products > li')
    .filter({ has: page.locator('.ned-product__name', { hasText: /^Harissa$/ }) });
  await harissa.getByRole('button', { name: /^Ajouter/ }).click();
  await expect(harissa.locator('output')).toHaveText('1');
  await page.getByRole('link', { name: 'Voir mon panier' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mon panier');

  // The shop raises the price while the basket is on the tablet's screen.
  type Product = {
    id: string;
    category_id: string;
    name: string;
    unit: string;
    price_cents: number;
    max_per_order: number;
  };
  /** Sets Harissa's price; returns the price it had. */
  const setPrice = async (cents: number): Promise<number> => {
    let old = 0;
    await asManager(request, baseURL!, async (base, headers) => {
      const catalogue = await (await request.get(`${base}/catalogue`)).json();
      const p: Product | undefined = catalogue.products.find((p: Product) => p.name === 'Harissa');
      expect(p, 'Harissa in the catalogue').toBeTruthy();
      old = p!.price_cents;
      const data = { category_id: p!.category_id, name: p!.name, unit: p!.unit, price_cents: cents,
        max_per_order: p!.max_per_order, available: true };
      const changed = await request.put(`${base}/products/${p!.id}`, { data, headers });
      expect(changed.status(), 'price changed').toBe(200);
    });
    return old;
  };
  const before = await setPrice(149);
  expect(before).not.toBe(149);

  // The order sends the total Karim saw: refused, and the basket shows the new price.
  await page.getByRole('button', { name: 'Commander', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Des prix ont changé' })).toBeVisible();
  await expect(page.locator('#basket-lines')).toContainText(`Nouveau prix : ${euros(before)} → ${euros(149)}`);
  await checkA11y(page, 'panier-prix-change');
  await page.getByRole('button', { name: 'Commander', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Commande envoyée');

  // Leave the demo as it was: the order cancelled, the price back.
  await page.getByRole('link', { name: 'Voir ma commande' }).click();
  await expect(page.locator('#order-total dd').first()).toHaveText(euros(149));
  await page.getByRole('button', { name: 'Annuler la commande' }).click();
  await page.getByRole('button', { name: 'Oui, annuler la commande' }).click();
  await expect(page.locator('#order-status')).toContainText('Annulée');
  await setPrice(before);
});

// Requests between a tablet and the console: Kevin (10007) writes to the canteen and to the
// health unit; the canteen handler keeps an answer template, finds the request in the inbox,
// answers it from the template, adds an internal note and closes it, and cannot answer a
// contested request (a supervisor's job); the establishment's administrator
// cannot read the health request (nor through the API), reads the dashboard and sets a
// deadline; the health staff answers the health request; back on the tablet Kevin reads both
// answers and never the internal note.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { desktop, tablet } from '../devices';
import { signInAgent } from './console';
import { checkA11y, collectPageErrors, expect, test } from './fixtures';

// Neither Karim (10001, the canteen and tablet tests) nor the tablet's own request tests.
const KEVIN = { number: '10007', pin: '2468' };
const stamp = Date.now().toString(36);
const CANTEEN_TEXT = `Il manquait le café moulu dans ma commande de la semaine (${stamp}).`;
const HEALTH_TEXT = `J'ai mal au dos depuis trois jours, je voudrais voir un médecin (${stamp}).`;
const TEMPLATE_TITLE = `Produit manquant remboursé ${stamp}`;
const TEMPLATE_TEXT = 'Bonjour, le produit manquant vous a été remboursé sur votre compte.';
const NOTE_TEXT = `Vérifié avec le magasin : rupture de stock (${stamp}).`;
const HEALTH_ANSWER = `Vous verrez le médecin jeudi matin (${stamp}).`;

interface Written {
  id: string;
}

/** A tablet of Valmont, enrolled through its page, with Kevin signed in. */
async function kevinsTablet(browser: Browser, baseURL: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ ...tablet, baseURL, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto('/detenu/enrolement');
  await page.getByLabel(/^Code d'enrôlement/).fill('VALMONT-DEMO');
  await page.getByRole('button', { name: 'Enrôler ce terminal', exact: true }).click();
  await kevinSignsIn(page);
  return { context, page, errors };
}

/** Kevin signs in on the tablet's sign-in page. */
async function kevinSignsIn(page: Page): Promise<void> {
  await expect(page).toHaveURL(/\/detenu\/connexion$/);
  await page.getByLabel(/^Numéro d'écrou/).fill(KEVIN.number);
  await page.getByLabel(/^Code personnel/).fill(KEVIN.pin);
  await page.getByRole('button', { name: 'Me connecter', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Bonjour /);
}

/** Writes a request from the tablet (through its API, as the tablet's form would). */
async function write(page: Page, baseURL: string, service: string, subject: string, text: string): Promise<string> {
  const r = await page.request.post('/api/detainee/requests', {
    data: { service, subject, text, idempotency_key: `e2e-${service}-${stamp}` },
    headers: { Origin: baseURL },
  });
  expect(r.status(), `new ${service} request: ${await r.text()}`).toBe(201);
  const body = await r.json();
  const id: string | undefined = body.request?.id ?? (body as Written).id;
  expect(id, 'the new request has an id').toBeTruthy();
  return id!;
}

/** A desktop with `login` signed in to the console. */
async function desk(browser: Browser, baseURL: string, login: string, greeting: string) {
  const context = await browser.newContext({ ...desktop, baseURL, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await signInAgent(page, login, greeting);
  return { context, page, errors };
}

/** Opens an entry of the console's menu and waits for its data. */
async function menu(page: Page, link: string, heading: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: link, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
  await page.waitForLoadState('networkidle');
}

/** Opens Kevin's request of the inbox's current service. */
async function openKevinsRequest(page: Page, subject: string): Promise<void> {
  const table = page.getByRole('table', { name: /^Demandes du service/ });
  const row = table.getByRole('row').filter({ hasText: `Écrou ${KEVIN.number}` });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(subject);
  await expect(row).toContainText('Envoyée');
  await row.getByRole('link', { name: subject }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(subject);
  await page.waitForLoadState('networkidle');
}

test('the services answer from the console and the detainee reads the answers, never the notes', async ({
  page,
  browser,
  baseURL,
}) => {
  const kevin = await kevinsTablet(browser, baseURL!);
  const canteenId = await write(kevin.page, baseURL!, 'canteen', 'canteen.missing', CANTEEN_TEXT);
  const healthId = await write(kevin.page, baseURL!, 'health', 'health.doctor', HEALTH_TEXT);

  // The canteen handler keeps a template, then answers Kevin from it.
  await signInAgent(page, 'cantine.valmont', 'Bonjour Marc Durand');
  await menu(page, 'Modèles de réponse', 'Modèles de réponse');
  await page.locator('#requests-service').selectOption('canteen');
  await expect(page.getByRole('heading', { name: 'Modèles — Cantine' })).toBeVisible();
  await page.getByLabel(/^Titre/).fill(TEMPLATE_TITLE);
  await page.getByLabel(/^Texte de la réponse/).fill(TEMPLATE_TEXT);
  await page.getByRole('button', { name: 'Ajouter le modèle', exact: true }).click();
  await expect(page.getByRole('heading', { name: TEMPLATE_TITLE })).toBeVisible();
  await checkA11y(page, 'demandes-modeles');

  await menu(page, 'Demandes', 'Demandes des personnes détenues');
  await page.locator('#requests-service').selectOption('canteen');
  await checkA11y(page, 'demandes-boite-cantine');
  await openKevinsRequest(page, 'Un produit manquant');
  await expect(page.locator('.ned-thread')).toContainText(CANTEEN_TEXT);
  await expect(page.getByText('Reçue', { exact: true }).first()).toBeVisible();
  await checkA11y(page, 'demandes-demande-cantine');

  await page.getByRole('button', { name: "Me l'attribuer", exact: true }).click();
  await expect(page.getByText('Attribution enregistrée.')).toBeVisible();
  await expect(page.getByRole('button', { name: "Me l'attribuer" })).toHaveCount(0);
  await expect(page.locator('#assign-agent')).toHaveValue(/.+/);
  await page.getByLabel(/^Partir d'un modèle/).selectOption({ label: TEMPLATE_TITLE });
  const answer = page.getByLabel(/^Réponse/);
  await expect(answer).toHaveValue(TEMPLATE_TEXT);
  await answer.fill(`${TEMPLATE_TEXT} Bonne journée.`);
  await page.getByRole('button', { name: 'Envoyer la réponse', exact: true }).click();
  await expect(page.getByText('Réponse envoyée à la personne détenue.')).toBeVisible();
  await expect(page.getByText('Répondue', { exact: true }).first()).toBeVisible();
  await expect(page.locator('.ned-thread__item--answer')).toContainText('Bonne journée.');

  await page.getByLabel(/^Note/).fill(NOTE_TEXT);
  await page.getByRole('button', { name: 'Ajouter la note', exact: true }).click();
  const note = page.locator('.ned-thread__item--note');
  await expect(note).toContainText('Note interne — la personne détenue ne la voit pas');
  await expect(note).toContainText(NOTE_TEXT);
  await checkA11y(page, 'demandes-demande-cantine-repondue');

  // Closed after a confirmation: nothing more can be written on it.
  await page.getByRole('button', { name: 'Clore la demande', exact: true }).click();
  await page.getByRole('button', { name: 'Oui, clore', exact: true }).click();
  await expect(page.getByText('Demande close.', { exact: true })).toBeVisible();
  await expect(page.getByText('Close', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Envoyer la réponse' })).toHaveCount(0);

  // A contested request waits for a supervisor: the handler reads why, and may only add a note.
  await menu(page, 'Demandes', 'Demandes des personnes détenues');
  await page.locator('#requests-status').selectOption('contested');
  const contested = page.getByRole('table', { name: /^Demandes du service/ }).getByRole('row').filter({ hasText: 'Contestée' });
  await expect(contested.first()).toBeVisible();
  await checkA11y(page, 'demandes-boite-contestees');
  await contested.first().getByRole('link').click();
  await expect(page.getByText(/seul un encadrant peut répondre/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Envoyer la réponse' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Ajouter la note', exact: true })).toBeVisible();
  await checkA11y(page, 'demandes-demande-contestee');

  // The administrator supervises the other services but never reads the health unit's requests.
  const admin = await desk(browser, baseURL!, 'admin.valmont', 'Bonjour Paul Lemoine');
  await admin.page.goto(`/agent/requete/${healthId}`);
  await expect(admin.page.getByText('Demande confidentielle : seul le personnel soignant peut la lire.')).toBeVisible();
  await expect(admin.page.getByText(HEALTH_TEXT)).toHaveCount(0);
  await checkA11y(admin.page, 'demandes-confidentielle');
  const sealed = await admin.page.request.get(`/api/agent/requests/${healthId}`);
  expect(sealed.status(), 'a health request read by the administrator').toBe(403);
  expect(await sealed.text()).not.toContain(HEALTH_TEXT);

  // The dashboard: counts only; the administrator sets the canteen's deadline.
  await admin.page.goto('/agent/');
  await menu(admin.page, 'Tableau de bord des demandes', 'Tableau de bord des demandes');
  await expect(admin.page.getByRole('img', { name: /^Demandes par service et par statut/ })).toBeVisible();
  const counts = admin.page.getByRole('table', { name: /^Demandes par service et par statut/ });
  await expect(counts.getByRole('row').filter({ hasText: 'Cantine' })).toBeVisible();
  await expect(admin.page.getByText(HEALTH_TEXT)).toHaveCount(0);
  await checkA11y(admin.page, 'demandes-tableau-de-bord');
  // Every service's current deadline shows, the health unit's too (a number, not a request).
  await expect(admin.page.locator('#deadline-health')).toHaveValue('3');
  const deadline = admin.page.locator('#deadline-canteen');
  await deadline.fill('5');
  await admin.page.locator('form', { has: deadline }).getByRole('button', { name: 'Enregistrer' }).click();
  await expect(admin.page.getByText('Délai enregistré.')).toBeVisible();
  expect(admin.errors, 'uncaught errors in the administrator console').toEqual([]);
  await admin.context.close();

  // The health staff answers in their own inbox.
  const health = await desk(browser, baseURL!, 'sante.valmont', 'Bonjour Dr Inès Roy');
  await menu(health.page, 'Demandes', 'Demandes des personnes détenues');
  await health.page.locator('#requests-service').selectOption('health');
  await checkA11y(health.page, 'demandes-boite-sante');
  await openKevinsRequest(health.page, 'Voir un médecin');
  await expect(health.page.locator('.ned-thread')).toContainText(HEALTH_TEXT);
  await health.page.getByLabel(/^Réponse/).fill(HEALTH_ANSWER);
  await health.page.getByRole('button', { name: 'Envoyer la réponse', exact: true }).click();
  await expect(health.page.getByText('Réponse envoyée à la personne détenue.')).toBeVisible();
  await checkA11y(health.page, 'demandes-demande-sante-repondue');
  expect(health.errors, 'uncaught errors in the health console').toEqual([]);
  await health.context.close();

  // Back on the tablet (signed in again if it went idle meanwhile): both answers, and nothing
  // of the internal note.
  if ((await kevin.page.request.get('/api/detainee/session')).status() !== 200) {
    await kevin.page.goto('/detenu/connexion');
    await kevinSignsIn(kevin.page);
  }
  for (const [id, answerText] of [
    [canteenId, 'Bonne journée.'],
    [healthId, HEALTH_ANSWER],
  ]) {
    const read = await kevin.page.request.get(`/api/detainee/requests/${id}`);
    expect(read.status()).toBe(200);
    const thread = await read.text();
    expect(thread).toContain(answerText);
    expect(thread).not.toContain(NOTE_TEXT);
    await kevin.page.goto(`/detenu/demandes/${id}`);
    await expect(kevin.page.getByRole('heading', { level: 1 })).not.toHaveText('Page introuvable');
    await expect(kevin.page.getByText(answerText, { exact: false })).toBeVisible();
    await expect(kevin.page.getByText(NOTE_TEXT)).toHaveCount(0);
    await checkA11y(kevin.page, `demandes-tablette-${id === healthId ? 'sante' : 'cantine'}`);
  }
  expect(kevin.errors, 'uncaught errors on the tablet').toEqual([]);
  await kevin.context.close();
});

test('a long inbox is read page by page', async ({ browser, baseURL, playwright }) => {
  // 210 library requests from fourteen detainees (15 each, the daily limit), through the API.
  for (let n = 10120; n < 10134; n++) {
    const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! } });
    expect((await api.post('/api/detainee/terminal', { data: { code: 'VALMONT-DEMO' } })).status()).toBe(200);
    const signIn = await api.post('/api/detainee/session', { data: { registration_number: `${n}`, pin: '2468' } });
    expect(signIn.status()).toBe(200);
    for (let i = 0; i < 15; i++) {
      const r = await api.post('/api/detainee/requests', {
        data: { service: 'library', subject: 'library.book', text: `Je voudrais le livre n° ${i} (${stamp}).`, idempotency_key: `page-${stamp}-${n}-${i}` },
      });
      expect(r.status(), await r.text()).toBe(201);
    }
    await api.dispose();
  }
  const admin = await desk(browser, baseURL!, 'admin.valmont', 'Bonjour Paul Lemoine');
  const page = admin.page;
  await menu(page, 'Demandes', 'Demandes des personnes détenues');
  await page.locator('#requests-service').selectOption('library');
  const status = page.getByRole('status').filter({ hasText: /^Demandes \d+ à \d+ sur \d+\.$/ });
  await expect(status).toHaveText(/^Demandes 1 à 200 sur \d+\.$/);
  const total = Number((await status.innerText()).match(/sur (\d+)/)![1]);
  expect(total).toBeGreaterThanOrEqual(210);
  await expect(page.getByRole('button', { name: 'Page précédente' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Page suivante' }).click();
  await expect(status).toHaveText(`Demandes 201 à ${total} sur ${total}.`);
  await expect(page.getByRole('button', { name: 'Page suivante' })).toHaveCount(0);
  await checkA11y(page, 'demandes-boite-page-2');
  // Another filter starts again from the first page.
  await page.locator('#requests-status').selectOption('sent');
  await expect(status).toHaveText(/^Demandes 1 à 200 sur \d+\.$/);
  expect(admin.errors, 'uncaught errors in the console').toEqual([]);
  await admin.context.close();
});

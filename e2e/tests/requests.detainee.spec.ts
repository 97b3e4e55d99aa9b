// Requests on a 10" tablet: Anthony writes to the health unit through the three steps and adds
// a message; then to the canteen; the network drops while he writes another, which waits on the
// tablet and leaves by itself — exactly once — when the network is back; and a request whose
// answer was lost is sent again with the same key without being made twice.
import type { APIRequestContext, Page } from '@playwright/test';
import { checkA11y, expect, test } from './fixtures';

// Karim (10001) is the canteen specs' detainee. Anthony has none of the demo requests (the seed
// spreads them over other detainees), so his list starts empty.
const ANTHONY = { number: '10010', pin: '2468' };
const OFFLINE_SUBJECT = 'Mes lunettes de lecture';
const CANTEEN_AGENT = { login: 'cantine.valmont', password: 'Agent-Demo-2026' };

/** The canteen service answers request `id` through the console's API (its pages are tested
 * in the console's specs). */
async function answerAsCanteen(request: APIRequestContext, baseURL: string, id: string, text: string): Promise<void> {
  const headers = { Origin: baseURL };
  const signedIn = await request.post('/api/agent/session', { data: CANTEEN_AGENT, headers });
  expect(signedIn.status(), 'canteen agent sign-in').toBe(200);
  const answered = await request.post(`/api/agent/requests/${id}/answers`, {
    data: { text, idempotency_key: `e2e-answer-${id}` },
    headers,
  });
  expect(answered.status(), 'answer written').toBe(201);
  await request.delete('/api/agent/session', { headers });
}

async function enrolAndSignIn(page: Page): Promise<void> {
  await page.goto('/detenu/enrolement');
  await page.getByLabel(/^Code d'enrôlement/).fill('VALMONT-DEMO');
  await page.getByRole('button', { name: 'Enrôler ce terminal', exact: true }).click();
  await expect(page).toHaveURL(/\/detenu\/connexion$/);
  await page.getByLabel(/^Numéro d'écrou/).fill(ANTHONY.number);
  await page.getByLabel(/^Code personnel/).fill(ANTHONY.pin);
  await page.getByRole('button', { name: 'Me connecter', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bonjour Anthony');
}

/** DSFR draws the radio over its label: people (and tests) tap the label. */
async function choose(page: Page, subject: string): Promise<void> {
  await page.locator('#subjects label', { hasText: subject }).click();
  await expect(page.getByRole('radio', { name: subject, exact: true })).toBeChecked();
}

function title(page: Page) {
  return page.getByRole('heading', { level: 1 });
}

/** Steps 1 to 3 of a new request, from the first step; `subject` is a listed one or typed. */
async function writeRequest(
  page: Page,
  service: string,
  subject: { listed: string } | { typed: string },
  text: string,
): Promise<void> {
  await expect(page.getByRole('heading', { level: 2, name: /Choisir le service/ })).toBeVisible();
  await page.getByRole('button', { name: service, exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: /Choisir le sujet/ })).toBeVisible();
  if ('listed' in subject) {
    await choose(page, subject.listed);
  } else {
    await choose(page, 'Autre sujet');
    await page.getByLabel(/^Votre sujet, en quelques mots/).fill(subject.typed);
  }
  await page.getByRole('button', { name: 'Continuer', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: /Écrire la demande/ })).toBeVisible();
  await page.getByLabel(/^Votre demande/).fill(text);
  await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
}

test('Anthony writes to the health unit through the three steps, then adds a message', async ({ page }) => {
  await enrolAndSignIn(page);
  await page.getByRole('link', { name: 'Mes demandes' }).last().click();
  await expect(title(page)).toHaveText('Mes demandes');
  await expect(page.getByText("Vous n'avez pas encore écrit de demande.")).toBeVisible();
  await checkA11y(page, 'demandes-vide');

  // Step 1: fourteen services, the health unit's sealed.
  await page.getByRole('link', { name: 'Écrire une demande' }).first().click();
  await expect(title(page)).toHaveText('Écrire une demande');
  await expect(page.locator('#services > li')).toHaveCount(14);
  await expect(page.locator('#services li', { hasText: 'Unité sanitaire' })).toContainText(
    'Seul le personnel soignant lira votre demande.',
  );
  await checkA11y(page, 'demande-service');

  // Step 2: no subject chosen yet, then one from the list.
  await page.getByRole('button', { name: 'Unité sanitaire (santé)', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: /Choisir le sujet/ })).toBeVisible();
  await expect(page.getByText('Seul le personnel soignant lira votre demande.')).toBeVisible();
  await page.getByRole('button', { name: 'Continuer', exact: true }).click();
  await expect(page.getByText('Choisissez un sujet.')).toBeVisible();
  await checkA11y(page, 'demande-sujet');
  await choose(page, 'Voir un médecin');
  await page.getByRole('button', { name: 'Continuer', exact: true }).click();

  // Step 3: an empty text is refused before anything is sent.
  await expect(page.getByRole('heading', { level: 2, name: /Écrire la demande/ })).toBeVisible();
  await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
  await expect(page.getByText('Ce champ est obligatoire.')).toBeVisible();
  const health = "J'ai mal au dos depuis une semaine, je voudrais voir le médecin.";
  await page.getByLabel(/^Votre demande/).fill(health);
  await expect(page.getByText(`${health.length} / 1000 caractères`)).toBeVisible();
  await checkA11y(page, 'demande-texte');
  await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
  await expect(title(page)).toHaveText('Votre demande est envoyée');
  await checkA11y(page, 'demande-envoyee');

  // The request, its status and its thread; a follow-up message.
  await page.getByRole('link', { name: 'Voir ma demande' }).click();
  await expect(title(page)).toHaveText('Voir un médecin');
  await expect(page.locator('#request-service')).toContainText('Unité sanitaire');
  await expect(page.locator('#request-status')).toContainText('Envoyée');
  await expect(page.locator('#thread > li')).toHaveCount(1);
  await expect(page.locator('#thread')).toContainText(health);
  await checkA11y(page, 'demande-detail');
  const more = 'Je peux venir le matin, avant le travail.';
  await page.getByLabel(/^Votre message/).fill(more);
  await page.getByRole('button', { name: 'Envoyer le message', exact: true }).click();
  await expect(page.getByText('Votre message est envoyé.')).toBeVisible();
  await expect(page.locator('#thread > li')).toHaveCount(2);
  await expect(page.locator('#thread > li').last()).toContainText(more);
  await expect(page.getByLabel(/^Votre message/)).toHaveValue('');
  await checkA11y(page, 'demande-message');

  await page.getByRole('link', { name: 'Toutes mes demandes' }).click();
  await expect(title(page)).toHaveText('Mes demandes');
  await expect(page.locator('#requests > li')).toHaveCount(1);
  await expect(page.locator('#requests > li')).toContainText('Voir un médecin');
  await expect(page.locator('#requests > li')).toContainText('Envoyée');
});

test('a request written without network waits on the tablet and leaves once when it is back', async ({ page }) => {
  await enrolAndSignIn(page);
  await page.getByRole('link', { name: 'Mes demandes' }).last().click();
  await expect(title(page)).toHaveText('Mes demandes');
  await expect(page.locator('#requests, #requests-empty')).toBeVisible();
  const before = await page.locator('#requests > li').count();

  // A request to the canteen, sent at once.
  await page.getByRole('link', { name: 'Écrire une demande' }).first().click();
  await writeRequest(page, 'Cantine', { listed: 'Un produit manquant' }, 'Il manquait le café dans ma commande.');
  await expect(title(page)).toHaveText('Votre demande est envoyée');

  // The network drops while Anthony writes a third: it waits on the tablet.
  await page.context().setOffline(true);
  await page.getByRole('button', { name: 'Écrire une autre demande', exact: true }).click();
  await writeRequest(page, 'Autre demande', { typed: OFFLINE_SUBJECT }, "J'ai besoin de lunettes pour lire.");
  await expect(title(page)).toHaveText("Votre demande attend d'être envoyée");
  await expect(page.getByText("Pas de réseau : votre demande attend d'être envoyée. Elle partira toute seule.")).toBeVisible();
  await checkA11y(page, 'demande-en-attente');
  await page.getByRole('link', { name: 'Toutes mes demandes' }).click();
  await expect(title(page)).toHaveText('Mes demandes');
  const waiting = page.locator('#waiting');
  await expect(waiting.getByRole('heading', { name: "En attente d'envoi" })).toBeVisible();
  await expect(waiting.locator('li')).toHaveCount(1);
  await expect(waiting.locator('li')).toContainText(OFFLINE_SUBJECT);
  await expect(waiting.locator('li .fr-badge')).toHaveText("En attente d'envoi");
  await checkA11y(page, 'demandes-hors-ligne');

  // Back online: it leaves by itself, once.
  await page.context().setOffline(false);
  await expect(waiting).toHaveCount(0, { timeout: 20_000 });
  await expect(page.locator('#requests > li')).toHaveCount(before + 2);
  await expect(page.locator('#requests > li', { hasText: OFFLINE_SUBJECT })).toHaveCount(1);
  const listed = await (await page.request.get('/api/detainee/requests')).json();
  expect(listed.filter((r: { free_subject: string | null }) => r.free_subject === OFFLINE_SUBJECT)).toHaveLength(1);
  expect(listed).toHaveLength(before + 2);
  // Newest first: the one that waited is on top.
  await expect(page.locator('#requests > li').first()).toContainText(OFFLINE_SUBJECT);
  await expect(page.locator('#requests > li').first()).toContainText('Autre demande');
  await checkA11y(page, 'demandes');

  // Its page.
  await page.getByRole('link', { name: OFFLINE_SUBJECT }).click();
  await expect(title(page)).toHaveText(OFFLINE_SUBJECT);
  await expect(page.locator('#thread')).toContainText("J'ai besoin de lunettes pour lire.");
  await checkA11y(page, 'demande-detail-autre');
});

test('a request whose answer was lost is sent again with the same key and exists once', async ({ page }) => {
  const subject = 'Mon linge propre';
  await enrolAndSignIn(page);
  // The first sending reaches the API, which stores the request, but its answer never comes
  // back to the tablet (a network cut at the wrong moment).
  let cut = 0;
  await page.route('**/api/detainee/requests', async (route) => {
    if (route.request().method() === 'POST' && cut === 0) {
      cut += 1;
      await route.fetch();
      await route.abort('connectionreset');
      return;
    }
    await route.continue();
  });
  await page.getByRole('link', { name: 'Mes demandes' }).last().click();
  await expect(title(page)).toHaveText('Mes demandes');
  await page.getByRole('link', { name: 'Écrire une demande' }).first().click();
  await writeRequest(page, 'Courrier et téléphone', { typed: subject }, 'Mon colis de linge est-il arrivé ?');
  await expect(title(page)).toHaveText("Votre demande attend d'être envoyée");
  expect(cut).toBe(1);

  // The tablet tries again with the same key: the API answers with the request it has.
  await page.getByRole('link', { name: 'Toutes mes demandes' }).click();
  await expect(page.locator('#waiting')).toHaveCount(0, { timeout: 25_000 });
  await expect(page.locator('#requests > li', { hasText: subject })).toHaveCount(1);
  const listed = await (await page.request.get('/api/detainee/requests')).json();
  expect(listed.filter((r: { free_subject: string | null }) => r.free_subject === subject)).toHaveLength(1);
});

test("Anthony reads the canteen's answer and contests it after a confirmation", async ({ page, request, baseURL }) => {
  const subject = 'Le prix du café';
  await enrolAndSignIn(page);
  await page.getByRole('link', { name: 'Mes demandes' }).last().click();
  await page.getByRole('link', { name: 'Écrire une demande' }).first().click();
  await writeRequest(page, 'Cantine', { typed: subject }, 'Le café a augmenté sans prévenir.');
  await expect(title(page)).toHaveText('Votre demande est envoyée');
  const listed = await (await page.request.get('/api/detainee/requests')).json();
  const mine = listed.find((r: { free_subject: string | null }) => r.free_subject === subject);
  expect(mine, 'the request in the list').toBeTruthy();
  const answer = 'Le prix suit celui du fournisseur depuis lundi.';
  await answerAsCanteen(request, baseURL!, mine.id, answer);

  await page.getByRole('link', { name: 'Voir ma demande' }).click();
  await expect(title(page)).toHaveText(subject);
  await expect(page.locator('#request-status')).toContainText('Répondue');
  const reply = page.locator('#thread > li.ned-message--answer');
  await expect(reply).toHaveCount(1);
  await expect(reply).toContainText('Réponse du service');
  await expect(reply).toContainText(answer);
  await checkA11y(page, 'demande-repondue');

  await page.getByRole('button', { name: 'Contester la réponse', exact: true }).click();
  await expect(page.getByText('Un responsable relira la réponse.')).toBeVisible();
  await page.getByRole('button', { name: 'Oui, contester la réponse', exact: true }).click();
  await expect(page.getByText('Ce champ est obligatoire.')).toBeVisible();
  await page.getByLabel(/^Pourquoi n'êtes-vous pas d'accord/).fill("Le prix n'était pas affiché à la cantine.");
  await checkA11y(page, 'demande-contester');
  await page.getByRole('button', { name: 'Oui, contester la réponse', exact: true }).click();
  await expect(page.getByText('Votre contestation est envoyée. Un responsable relira la réponse.')).toBeVisible();
  await expect(page.locator('#request-status')).toContainText('Contestée');
  await expect(page.getByRole('button', { name: 'Contester la réponse', exact: true })).toHaveCount(0);
  await expect(page.locator('#thread > li').last()).toContainText('Votre contestation');
  await checkA11y(page, 'demande-contestee');
});

test('a waiting request the API refuses shows why and can be deleted', async ({ page }) => {
  const subject = 'Une question refusée';
  await enrolAndSignIn(page);
  await page.getByRole('link', { name: 'Mes demandes' }).last().click();
  await page.getByRole('link', { name: 'Écrire une demande' }).first().click();
  await page.context().setOffline(true);
  await writeRequest(page, 'Bibliothèque', { typed: subject }, 'Je voudrais un livre en arabe.');
  await expect(title(page)).toHaveText("Votre demande attend d'être envoyée");

  // When it leaves, the API refuses it (a 4xx): it is never sent again, the detainee decides.
  await page.route('**/api/detainee/requests', async (route) => {
    if (route.request().method() !== 'POST') {
      return route.continue();
    }
    return route.fulfill({
      status: 422,
      contentType: 'application/problem+json',
      body: JSON.stringify({
        type: 'about:blank',
        title: 'Demande refusée',
        status: 422,
        detail: 'Ce service ne prend pas de demandes ici.',
      }),
    });
  });
  await page.getByRole('link', { name: 'Toutes mes demandes' }).click();
  await page.context().setOffline(false);
  const waiting = page.locator('#waiting li');
  await expect(waiting.locator('.fr-badge')).toHaveText('Pas envoyée', { timeout: 20_000 });
  await expect(waiting).toContainText("Cette demande n'a pas pu partir : Ce service ne prend pas de demandes ici.");
  // The list, which could not load offline, loaded by itself once online.
  await expect(page.getByText('Le service ne répond pas', { exact: false })).toHaveCount(0);
  await expect(page.locator('#requests, #requests-empty')).toBeVisible();
  await checkA11y(page, 'demandes-refusee');
  await waiting.getByRole('button', { name: 'Supprimer', exact: true }).click();
  await page.getByRole('button', { name: 'Oui, supprimer', exact: true }).click();
  await expect(page.locator('#waiting')).toHaveCount(0);
  const listed = await (await page.request.get('/api/detainee/requests')).json();
  expect(listed.filter((r: { free_subject: string | null }) => r.free_subject === subject)).toHaveLength(0);
});

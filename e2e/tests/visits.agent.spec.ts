// Console on a desktop: the visits officer reaches each visits page and reads the outbox; runs
// the visiting day (phone booking, check-in, cancel with a reason, print); records and suspends
// a permit; adds and lifts a restriction.
import path from 'node:path';
import type { Page } from '@playwright/test';
import { paris, post, signInAgent, soonInParis } from './console';
import { checkA11y, expect, test } from './fixtures';

/** Signs the visits officer of Valmont in through the console's page. */
const signInOfficer = (page: Page) => signInAgent(page, 'parloirs.valmont', 'Bonjour Sarah Benhamou');

test('the visits officer opens every visits page and reads the messages sent', async ({ page, baseURL }) => {
  // A booking by Marie, so the outbox holds a confirmation (the family portal's own test books
  // through the pages; here the API is enough).
  const visitor = await page.request.post('/api/public/session', {
    data: { email: 'marie.martin@example.fr', password: 'Parloir-Demo-2026' },
    headers: { Origin: baseURL! },
  });
  expect(visitor.status()).toBe(200);
  const links = await (await page.request.get('/api/public/links')).json();
  const link = links.find((l: { status: string }) => l.status === 'approved');
  const slots = await (await page.request.get(`/api/public/links/${link.id}/slots?days=14`)).json();
  const booked = await page.request.post('/api/public/bookings', {
    data: { link_id: link.id, slot_id: slots[0].id, companions: [], idempotency_key: 'e2e-agent' },
    headers: { Origin: baseURL! },
  });
  expect(booked.status()).toBe(201);

  await page.goto('/agent/connexion');
  await page.getByLabel(/^Identifiant/).fill('parloirs.valmont');
  await page.getByLabel(/^Mot de passe/).fill('Agent-Demo-2026');
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bonjour Sarah Benhamou');

  const pages: [string, string, string][] = [
    ['Parloirs', 'Parloirs', 'parloirs'],
    ['Demandes de lien', 'Demandes de lien', 'demandes'],
    ['Créneaux', 'Créneaux', 'creneaux'],
    ['Informations aux visiteurs', 'Informations aux visiteurs', 'infos-visiteurs'],
    ['Messages envoyés', 'Messages envoyés', 'messages'],
  ];
  for (const [link, heading, shot] of pages) {
    await page.getByRole('link', { name: link, exact: true }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await page.waitForLoadState('networkidle');
    await checkA11y(page, `visites-${shot}`);
  }
  await expect(page.getByText(/Visite confirmée le/).first()).toBeVisible();
});

test('the visits officer books for a visitor who phoned, checks her in, cancels a visit and prints the day', async ({
  page,
  baseURL,
}) => {
  await signInOfficer(page);
  const me = await (await page.request.get('/api/agent/session')).json();
  const valmont = `/api/agent/establishments/${me.establishments[0].id}`;
  // A room with a slot starting within the hour: arrivals are checked in from two hours before.
  const room = await post(page.request, baseURL!, `${valmont}/visit-rooms`, { name: 'Parloir e2e', kind: 'standard', capacity: 2 }, 201);
  const soon = soonInParis();
  await post(page.request, baseURL!, `${valmont}/slot-templates`, {
    room_id: room.id, weekday: soon.weekday, start: soon.time, duration_minutes: 30,
    valid_from: soon.date, valid_until: soon.date,
  }, 201);
  await post(page.request, baseURL!, `${valmont}/slots/generate`, { from: soon.date, days: 1 }, 200);

  // Marie Martin phones: the officer books for her and her son.
  await page.getByRole('link', { name: 'Réserver pour un visiteur', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Réserver pour un visiteur');
  await page.getByLabel(/^Rechercher une personne détenue/).fill('10001');
  await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
  await expect(page.getByLabel('Visiteur', { exact: true })).toHaveValue(/.+/);
  await page.getByLabel(/^Jour de la visite/).fill(soon.date);
  const slotSelect = page.getByLabel('Créneau', { exact: true });
  await expect(slotSelect.locator('option', { hasText: 'Parloir e2e' })).toHaveCount(1);
  await slotSelect.selectOption({ label: (await slotSelect.locator('option', { hasText: 'Parloir e2e' }).textContent())! });
  await page.getByRole('button', { name: 'Ajouter un enfant' }).click();
  await page.getByLabel('Prénom', { exact: true }).fill('Léo');
  await page.getByLabel('Nom', { exact: true }).fill('Martin');
  await page.getByLabel(/^Date de naissance/).fill('2019-03-03');
  await checkA11y(page, 'visites-reserver');
  await page.getByRole('button', { name: 'Réserver la visite' }).click();
  await expect(page.getByText(/Visite réservée/)).toBeVisible();
  await page.getByRole('link', { name: 'Voir la journée' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Journée des parloirs');
  const e2eRoom = page.locator('section', { has: page.getByRole('heading', { name: /^Parloir e2e/ }) });
  const row = e2eRoom.getByRole('row', { name: /Marie Martin/ });
  await expect(row).toContainText('Léo Martin (enfant)');
  await expect(row).toContainText('Réservée par l\'établissement');
  await checkA11y(page, 'visites-journee');
  await row.getByRole('button', { name: 'Arrivé : Marie Martin' }).click();
  await expect(row.getByText('Arrivé', { exact: true })).toBeVisible();
  await expect(row.getByRole('button')).toHaveCount(0);

  // Printed: no header, menu or buttons, the rooms and their visits only.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Menu principal' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Imprimer' })).toBeHidden();
  await expect(e2eRoom.getByRole('heading', { name: /^Parloir e2e/ })).toBeVisible();
  await expect(row).toBeVisible();
  await page.screenshot({ path: path.join(__dirname, '..', 'artifacts', 'agent', 'visites-journee-impression.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  // A visit Marie booked online is cancelled by the prison, with a reason she reads.
  await post(page.request, baseURL!, '/api/public/session', { email: 'marie.martin@example.fr', password: 'Parloir-Demo-2026' }, 200);
  const links = await (await page.request.get('/api/public/links')).json();
  const link = links.find((l: { status: string }) => l.status === 'approved');
  const slots = await (await page.request.get(`/api/public/links/${link.id}/slots?days=14`)).json();
  const later = slots[slots.length - 1];
  const booking = await post(page.request, baseURL!, '/api/public/bookings', {
    link_id: link.id, slot_id: later.id, companions: [], idempotency_key: 'e2e-desk-cancel',
  }, 201);
  await page.goto(`/agent/journee?date=${paris(new Date(later.starts_at * 1000)).date}`);
  const laterRoom = page.locator('section', { has: page.getByRole('heading', { name: new RegExp(`^${later.room_name}`) }) });
  const laterRow = laterRoom.getByRole('row', { name: /Marie Martin/ });
  await laterRow.getByRole('button', { name: 'Annuler la visite : Marie Martin' }).click();
  await page.getByLabel(/^Motif de l'annulation/).fill('Mouvement social au parloir');
  await page.getByRole('button', { name: 'Annuler la visite', exact: true }).click();
  await page.getByRole('button', { name: 'Confirmer', exact: true }).click();
  await expect(laterRow.getByText('Annulée', { exact: true })).toBeVisible();
  const mine = await (await page.request.get('/api/public/bookings')).json();
  const cancelled = mine.find((b: { id: string }) => b.id === booking.id);
  expect(cancelled.status).toBe('cancelled');
  expect(cancelled.cancel_reason).toBe('Mouvement social au parloir');
});

test('the visits officer records a permit (the issuer follows the legal status) and suspends it', async ({ page }) => {
  await signInOfficer(page);
  await page.getByRole('link', { name: 'Permis de visite', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Permis de visite');
  const table = page.getByRole('table', { name: 'Permis de visite de l\'établissement' });
  await expect(table).toContainText('PV-2026-0001');
  await page.getByLabel(/^Filtrer les permis/).fill('PV-2026-0002');
  await page.getByRole('button', { name: 'Rechercher', exact: true }).first().click();
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText('PV-2026-0002');
  await checkA11y(page, 'visites-permis');

  await page.getByLabel(/^Rechercher une personne détenue/).fill('10001');
  await page.getByRole('button', { name: 'Rechercher', exact: true }).last().click();
  await expect(page.getByLabel('Personne détenue', { exact: true })).toHaveValue(/.+/);
  await page.getByLabel('Numéro du permis de visite').fill('PV-E2E-0001');
  await page.getByLabel('Prénom du titulaire').fill('Nadia');
  await page.getByLabel('Nom du titulaire', { exact: true }).fill('Benali');
  await page.getByLabel(/^Date de naissance du titulaire/).fill('1990-04-12');
  // Karim is on remand: the prison head cannot issue his permits, and the form says why.
  await page.getByLabel('Autorité de délivrance du permis').selectOption({ label: 'Chef d\'établissement (personne condamnée)' });
  await page.getByRole('button', { name: 'Enregistrer le permis' }).click();
  await expect(page.getByText(/délivré par le juge/)).toBeVisible();
  await page.getByLabel('Autorité de délivrance du permis').selectOption({ label: 'Magistrat (personne prévenue)' });
  await page.getByRole('button', { name: 'Enregistrer le permis' }).click();
  await expect(page.getByText('Permis PV-E2E-0001 enregistré.')).toBeVisible();

  await page.getByLabel(/^Filtrer les permis/).fill('PV-E2E');
  await page.getByRole('button', { name: 'Rechercher', exact: true }).first().click();
  const row = table.getByRole('row', { name: /PV-E2E-0001/ });
  await expect(row).toContainText('Nadia Benali');
  await expect(row).toContainText('Valide');
  await row.getByRole('button', { name: 'Suspendre le permis PV-E2E-0001' }).click();
  await page.getByLabel(/^Motif de la suspension/).fill('Incident au parloir');
  await page.getByRole('button', { name: 'Suspendre le permis', exact: true }).click();
  await page.getByRole('button', { name: 'Confirmer', exact: true }).click();
  await expect(row).toContainText('Suspendu : Incident au parloir');
  await checkA11y(page, 'visites-permis-suspendu');
});

test('the visits officer bans a visitor from a detainee\'s visits, then lifts the ban', async ({ page }) => {
  await signInOfficer(page);
  await page.getByRole('link', { name: 'Restrictions de visite', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Restrictions de visite');
  await page.getByLabel(/^Rechercher une personne détenue/).fill('10001');
  await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Restrictions de Karim Benali' })).toBeVisible();
  await expect(page.getByText('Aucune restriction.')).toBeVisible();
  await checkA11y(page, 'visites-restrictions');

  await page.getByLabel('Type de restriction').selectOption({ label: 'Visiteur interdit' });
  await page.getByLabel(/^Visiteur interdit \(par son permis\)/).selectOption({ label: 'Sofia Martin (PV-2026-0002)' });
  await page.getByLabel(/^Motif/).fill('Incident au parloir');
  await page.getByRole('button', { name: 'Ajouter la restriction' }).click();
  const row = page.getByRole('row', { name: /Sofia Martin/ });
  await expect(row).toContainText('En vigueur');
  await checkA11y(page, 'visites-restrictions-ajoutee');
  await row.getByRole('button', { name: 'Lever la restriction : Visiteur interdit' }).click();
  await page.getByRole('button', { name: 'Confirmer', exact: true }).click();
  await expect(row).toContainText('Levée');
});

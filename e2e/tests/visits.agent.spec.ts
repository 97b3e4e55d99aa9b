// Console on a desktop: the visits officer reaches each visits page, and the confirmation
// e-mail of a booking made on the family portal is readable in the outbox.
import { checkA11y, expect, test } from './fixtures';

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

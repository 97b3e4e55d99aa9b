// The audit log in the console: the establishment's administrator reads who did what, filters by
// action, and exports the result as CSV; a visits officer has no access.
import { signInAgent } from './console';
import { checkA11y, collectPageErrors, expect, test } from './fixtures';

test("Valmont's administrator searches the audit log and exports what she found", async ({ page }) => {
  const errors = collectPageErrors(page);
  await signInAgent(page, 'admin.valmont', 'Bonjour Paul Lemoine');
  await page.getByRole('link', { name: "Journal d'audit", exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Journal d'audit");
  const events = page.getByRole('table', { name: /^Événements du journal/ });
  await expect(events.getByRole('row').nth(1)).toBeVisible();
  await checkA11y(page, 'journal');

  // Only sign-ins: every row is one, the administrator's own among them.
  await page.getByLabel(/^Action/).fill('agent.signed_in');
  await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
  await expect(events.getByRole('row').nth(1)).toContainText('agent.signed_in');
  const actions = await events.locator('tbody tr td:nth-child(3)').allInnerTexts();
  expect(actions.length).toBeGreaterThan(0);
  for (const action of actions) expect(action.trim()).toBe('agent.signed_in');
  await checkA11y(page, 'journal-filtre');

  // The export holds the same selection.
  const link = page.getByRole('link', { name: 'Exporter le résultat (CSV)' });
  const href = await link.getAttribute('href');
  expect(href).toContain('action=agent.signed_in');
  const csv = await page.request.get(href!);
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text).toContain('agent.signed_in');
  expect(text).not.toContain('visit.booked');
  expect(errors, 'uncaught errors in the console').toEqual([]);
});

test('a visits officer is told the audit log is not for them', async ({ page }) => {
  await signInAgent(page, 'parloirs.valmont', 'Bonjour Sarah Benhamou');
  await page.goto('/agent/journal');
  await expect(page.getByText("Votre habilitation ne permet pas de consulter le journal d'audit.")).toBeVisible();
  await checkA11y(page, 'journal-refuse');
});

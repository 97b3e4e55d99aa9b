// The audit log in the console: the establishment's administrator reads who did what, filters by
// action, and exports the result as CSV; a visits officer has no access.
import { signInAgent } from './console';
import { checkA11y, collectPageErrors, expect, test } from './fixtures';

test("Valmont's administrator searches the audit log and exports what she found", async ({ page, baseURL }) => {
  const errors = collectPageErrors(page);
  await signInAgent(page, 'admin.valmont', 'Bonjour Paul Lemoine');
  // Something to find: she prepares a terminal (an audited action of Valmont).
  const me = await (await page.request.get('/api/agent/session')).json();
  const valmont = me.establishments.find((e: { name: string }) => e.name.includes('Valmont'));
  const issued = await page.request.post(`/api/agent/establishments/${valmont.id}/terminals`, {
    data: { location: 'Cellule A-114' },
    headers: { Origin: baseURL! },
  });
  expect(issued.status(), 'terminal prepared').toBe(201);
  await page.getByRole('link', { name: "Journal d'audit", exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Journal d'audit");
  const events = page.getByRole('table', { name: /^Événements du journal/ });
  await expect(events.getByRole('row').nth(1)).toBeVisible();
  await checkA11y(page, 'journal');

  // Filtered on the action of the newest event: every row shown is that action.
  const action = (await events.locator('tbody tr').first().locator('td').nth(2).innerText()).trim();
  expect(action).toMatch(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/);
  await page.getByLabel(/^Action/).fill(action);
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/agent/audit?') && r.url().includes('action=')),
    page.getByRole('button', { name: 'Rechercher', exact: true }).click(),
  ]);
  await expect(events.getByRole('row').nth(1)).toContainText(action);
  const actions = await events.locator('tbody tr td:nth-child(3)').allInnerTexts();
  expect(actions.length).toBeGreaterThan(0);
  for (const shown of actions) expect(shown.trim()).toBe(action);
  await checkA11y(page, 'journal-filtre');

  // The export holds the same selection.
  const link = page.getByRole('link', { name: 'Exporter le résultat (CSV)' });
  const href = await link.getAttribute('href');
  expect(href).toContain(`action=${encodeURIComponent(action)}`);
  const csv = await page.request.get(href!);
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  const rows = text.trim().split(/\r?\n/).slice(1);
  expect(rows.length).toBeGreaterThanOrEqual(actions.length);
  for (const row of rows) expect(row).toContain(action);
  expect(errors, 'uncaught errors in the console').toEqual([]);
});

test('a visits officer is told the audit log is not for them', async ({ page }) => {
  await signInAgent(page, 'parloirs.valmont', 'Bonjour Sarah Benhamou');
  await page.goto('/agent/journal');
  await expect(page.getByText("Votre habilitation ne permet pas de consulter le journal d'audit.")).toBeVisible();
  await checkA11y(page, 'journal-refuse');
});

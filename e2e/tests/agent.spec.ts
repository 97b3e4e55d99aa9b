// Agents' console on a desktop: sign-in, then enrolment of a tablet with a code generated here.
import { type Page } from '@playwright/test';
import { tablet } from '../devices';
import { checkA11y, collectPageErrors, expect, test } from './fixtures';

const ADMIN = { login: 'admin.valmont', password: 'Agent-Demo-2026' };
const VALMONT = "Maison d'arrêt de Valmont";

async function signIn(page: Page, login: string, password: string) {
  await page.getByLabel(/^Identifiant/).fill(login);
  await page.getByLabel(/^Mot de passe/).fill(password);
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
}

test('a wrong password is refused with an alert', async ({ page }) => {
  await page.goto('/agent/');
  await expect(page).toHaveURL(/\/agent\/connexion$/);
  await checkA11y(page, 'connexion');
  await signIn(page, ADMIN.login, 'Pas-le-bon-mot-de-passe');
  await expect(page.getByRole('alert')).toContainText('Identifiant ou mot de passe incorrect.');
  await checkA11y(page, 'connexion-erreur');
});

test('an administrator generates an enrolment code that enrols a real tablet', async ({ page, browser, baseURL }) => {
  await page.goto('/agent/connexion');
  await signIn(page, ADMIN.login, ADMIN.password);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Bonjour /);
  await expect(page.getByRole('main')).toContainText(VALMONT);
  await checkA11y(page, 'accueil');

  await page.goto('/agent/terminaux');
  const establishment = page.getByLabel(/^Établissement/);
  // Options may carry more than the name (e.g. the town): pick the one naming Valmont.
  const option = establishment.locator('option', { hasText: VALMONT });
  await expect(option).toHaveCount(1);
  await establishment.selectOption((await option.getAttribute('value'))!);
  await page.getByLabel(/^Emplacement/).fill(`Salle d'activité E2E ${Date.now()}`);
  await checkA11y(page, 'terminaux');
  await page.getByRole('button', { name: "Générer un code d'enrôlement", exact: true }).click();
  const codeElement = page.getByTestId('enrolment-code');
  await expect(codeElement).toHaveText(/\S/);
  const code = (await codeElement.innerText()).trim();
  await checkA11y(page, 'terminaux-code');

  // The tablet is another device: its own browser context, nothing shared with the console.
  const device = await browser.newContext({ ...tablet, baseURL, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  try {
    const tab = await device.newPage();
    const errors = collectPageErrors(tab);
    await tab.goto('/detenu/enrolement');
    await tab.getByLabel(/^Code d'enrôlement/).fill(code);
    await tab.getByRole('button', { name: 'Enrôler ce terminal', exact: true }).click();
    await expect(tab).toHaveURL(/\/detenu\/connexion$/);
    await tab.getByLabel(/^Numéro d'écrou/).fill('10001');
    await tab.getByLabel(/^Code personnel/).fill('2468');
    await tab.getByRole('button', { name: 'Me connecter', exact: true }).click();
    await expect(tab.getByRole('heading', { level: 1 })).toHaveText('Bonjour Karim');
    await checkA11y(tab, 'tablette-enrolee-accueil');
    expect(errors, 'uncaught errors on the tablet').toEqual([]);
  } finally {
    await device.close();
  }

  await page.getByRole('button', { name: 'Se déconnecter', exact: true }).filter({ visible: true }).first().click();
  await expect(page).toHaveURL(/\/agent\/connexion$/);
  await checkA11y(page, 'connexion-apres-deconnexion');
});

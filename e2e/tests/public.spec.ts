// Public (family) portal on a phone: sign-in, sign-up, sign-out. Texts from docs/contract.md.
import { type Page } from '@playwright/test';
import { checkA11y, expect, test } from './fixtures';

const MARIE = { email: 'marie.martin@example.fr', password: 'Parloir-Demo-2026' };

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel(/^Adresse e-mail/).fill(email);
  await page.getByLabel(/^Mot de passe/).fill(password);
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
}

test('signed out, the home page leads to the sign-in page', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/connexion$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByLabel(/^Adresse e-mail/)).toBeVisible();
  await expect(page.getByLabel(/^Mot de passe/)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Créer un compte' })).toHaveAttribute('href', '/inscription');
  await checkA11y(page, 'connexion');
});

test('a wrong password is refused with an alert', async ({ page }) => {
  await page.goto('/connexion');
  await signIn(page, MARIE.email, 'Pas-le-bon-mot-de-passe');
  await expect(page.getByRole('alert')).toContainText('Adresse e-mail ou mot de passe incorrect.');
  await expect(page).toHaveURL(/\/connexion$/);
  await checkA11y(page, 'connexion-erreur');
});

test('the demo visitor signs in, then signs out', async ({ page }) => {
  await page.goto('/connexion');
  await signIn(page, MARIE.email, MARIE.password);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bonjour Marie');
  await checkA11y(page, 'accueil');

  await page.getByRole('button', { name: 'Se déconnecter', exact: true }).filter({ visible: true }).first().click();
  await expect(page).toHaveURL(/\/connexion$/);
  await expect(page.getByLabel(/^Adresse e-mail/)).toBeVisible();
  await checkA11y(page, 'connexion-apres-deconnexion');

  // Signed out for real: the home page no longer opens.
  await page.goto('/');
  await expect(page).toHaveURL(/\/connexion$/);
});

test('a new visitor signs up and lands on the home page, signed in', async ({ page }) => {
  await page.goto('/connexion');
  await page.getByRole('link', { name: 'Créer un compte' }).click();
  await expect(page).toHaveURL(/\/inscription$/);
  await checkA11y(page, 'inscription');

  await page.getByLabel(/^Prénom/).fill('Lucie');
  await page.getByLabel(/^Nom/).fill('Essai');
  await page.getByLabel(/^Date de naissance/).fill('1990-05-06');
  await page.getByLabel(/^Adresse e-mail/).fill(`lucie.essai.${Date.now()}@example.fr`);
  await page.getByLabel(/^Mot de passe/).fill('Parloir-Essai-2026');
  await page.getByRole('button', { name: 'Créer mon compte', exact: true }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bonjour Lucie');
  await checkA11y(page, 'accueil-nouveau-compte');
  // The session survives a reload: the account exists and the cookie was set.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bonjour Lucie');
});

test('a short password is caught in the browser, before anything is sent', async ({ page }) => {
  const signUps: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/public/account')) signUps.push(r.method());
  });
  await page.goto('/inscription');
  await page.getByLabel(/^Prénom/).fill('Lucie');
  await page.getByLabel(/^Nom/).fill('Essai');
  await page.getByLabel(/^Adresse e-mail/).fill(`lucie.court.${Date.now()}@example.fr`);
  await page.getByLabel(/^Mot de passe/).fill('court');
  await page.getByRole('button', { name: 'Créer mon compte', exact: true }).click();

  const password = page.getByLabel(/^Mot de passe/);
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  // The shared-types message for a value under PASSWORD_MIN (12 characters).
  await expect(page.getByText('Ce champ est trop court.')).toBeVisible();
  await expect(page).toHaveURL(/\/inscription$/);
  expect(signUps, 'the form must not be sent').toEqual([]);
  await checkA11y(page, 'inscription-erreurs');
});

// Family portal on a phone: a new relative signs up, is asked to confirm their address, opens
// the link of the confirmation e-mail (read from the outbox as staff read it in development,
// when no mail server is configured), then completes their profile with a phone number.
import { checkA11y, expect, test } from './fixtures';
import { confirmationLink } from './mail';

test('a new relative confirms their address from the e-mail, then adds a phone to their profile', async ({
  page,
  request,
  baseURL,
}) => {
  const email = `nora.essai.${Date.now()}@example.fr`;
  await page.goto('/inscription');
  await page.getByLabel(/^Prénom/).fill('Nora');
  await page.getByLabel(/^Nom/).fill('Essai');
  await page.getByLabel(/^Date de naissance/).fill('1984-02-29');
  await page.getByLabel(/^Adresse e-mail/).fill(email);
  await page.getByLabel(/^Mot de passe/).fill('Parloir-Essai-2026');
  await page.getByRole('button', { name: 'Créer mon compte', exact: true }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bonjour Nora');
  await expect(page.getByRole('heading', { name: 'Confirmez votre adresse e-mail' })).toBeVisible();
  await expect(page.getByText(`nous avons envoyé un lien à ${email}`)).toBeVisible();
  // The link went out at sign-up: another one so soon is refused, kindly.
  await page.getByRole('button', { name: 'Renvoyer le lien' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Attendez une minute' })).toBeVisible();
  await checkA11y(page, 'accueil-adresse-a-confirmer');

  // Asking for a link says what to do first, and does not show the form yet.
  await page.getByRole('link', { name: 'Demander un lien avec un proche' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Demander un lien avec un proche');
  await expect(page.getByText(/Avant de demander un lien avec un proche, confirmez votre adresse e-mail/)).toBeVisible();
  await expect(page.getByLabel(/^Établissement/)).toHaveCount(0);
  await checkA11y(page, 'lien-adresse-a-confirmer');

  const link = await confirmationLink(request, baseURL!, email);
  expect(link.origin, 'NED_PUBLIC_URL points at this instance').toBe(baseURL);
  await page.goto(link.pathname + link.search);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Confirmation de votre adresse e-mail');
  await expect(page.getByRole('status').filter({ hasText: 'est confirmée' })).toContainText(email);
  await checkA11y(page, 'email-confirme');

  await page.getByRole('link', { name: 'Aller à mon espace' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bonjour Nora');
  await expect(page.getByRole('heading', { name: 'Confirmez votre adresse e-mail' })).toHaveCount(0);

  // The same link a second time no longer works, and says so.
  await page.goto(link.pathname + link.search);
  await expect(page.getByRole('alert')).toContainText('déjà servi');
  await checkA11y(page, 'email-lien-deja-utilise');

  // Now the link request form opens.
  await page.goto('/lien');
  await expect(page.getByLabel(/^Établissement/)).toBeVisible();

  await page.goto('/');
  await page.getByRole('link', { name: 'Mon profil' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mon profil');
  await expect(page.getByText('29/02/1984')).toBeVisible();
  await expect(page.getByText('Non renseigné')).toBeVisible();
  await expect(page.getByText('Confirmée', { exact: true })).toBeVisible();
  await checkA11y(page, 'profil');

  await page.getByRole('button', { name: 'Modifier mes informations' }).click();
  const phone = page.getByLabel(/^Téléphone/);
  await phone.fill('06 11 22');
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(phone).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Saisissez un numéro de téléphone valide')).toBeVisible();
  await checkA11y(page, 'profil-erreurs');

  await phone.fill('06 11 22 33 44');
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Vos informations sont enregistrées.' })).toBeVisible();
  await expect(page.getByText('06 11 22 33 44')).toBeVisible();
  await checkA11y(page, 'profil-enregistre');
});

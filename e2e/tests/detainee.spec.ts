// Detainee portal on a 10" tablet: terminal enrolment, then sign-in with number and PIN.
import { checkA11y, expect, test } from './fixtures';

const KARIM = { number: '10001', pin: '2468' };

test('an unenrolled tablet is enrolled with the demo code, then Karim signs in and out', async ({ page, baseURL }) => {
  // A fresh browser context is a tablet nobody has enrolled yet.
  await page.goto('/detenu/connexion');
  await expect(page.getByRole('alert')).toContainText("Ce terminal n'est pas enrôlé.");
  const enrolLink = page.getByRole('link', { name: 'Enrôler ce terminal' });
  await expect(enrolLink).toHaveAttribute('href', '/detenu/enrolement');
  await checkA11y(page, 'connexion-non-enrole');

  // The page offers no form here, so ask the API directly, as this browser (same cookies).
  const refused = await page.request.post('/api/detainee/session', {
    data: { registration_number: KARIM.number, pin: KARIM.pin },
    headers: { Origin: baseURL! },
  });
  expect(refused.status(), 'sign-in from an unenrolled browser').toBe(403);

  await enrolLink.click();
  await expect(page).toHaveURL(/\/detenu\/enrolement$/);
  await checkA11y(page, 'enrolement');
  await page.getByLabel(/^Code d'enrôlement/).fill('VALMONT-DEMO');
  await page.getByRole('button', { name: 'Enrôler ce terminal', exact: true }).click();

  await expect(page).toHaveURL(/\/detenu\/connexion$/);
  await expect(page.getByLabel(/^Numéro d'écrou/)).toBeVisible();
  await expect(page.getByText("Ce terminal n'est pas enrôlé.")).toHaveCount(0);
  await checkA11y(page, 'connexion');

  await page.getByLabel(/^Numéro d'écrou/).fill(KARIM.number);
  await page.getByLabel(/^Code personnel/).fill('9753');
  await page.getByRole('button', { name: 'Me connecter', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText("Numéro d'écrou ou code personnel incorrect.");
  await checkA11y(page, 'connexion-erreur');

  await page.getByLabel(/^Code personnel/).fill(KARIM.pin);
  await page.getByRole('button', { name: 'Me connecter', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bonjour Karim');
  await expect(page.getByRole('main')).toContainText('Valmont');
  await checkA11y(page, 'accueil');

  await page.getByRole('button', { name: 'Me déconnecter', exact: true }).filter({ visible: true }).first().click();
  await expect(page).toHaveURL(/\/detenu\/connexion$/);
  // Still an enrolled terminal: the next person can sign in.
  await expect(page.getByLabel(/^Numéro d'écrou/)).toBeVisible();
  await checkA11y(page, 'connexion-apres-deconnexion');
});

test('an idle tablet warns before signing the detainee out', async ({ page }) => {
  // The demo server's idle limit is 5 minutes; a fake clock lets the test skip the wait.
  await page.clock.install();
  await page.goto('/detenu/enrolement');
  await page.getByLabel(/^Code d'enrôlement/).fill('VALMONT-DEMO');
  await page.getByRole('button', { name: 'Enrôler ce terminal', exact: true }).click();
  await page.getByLabel(/^Numéro d'écrou/).fill(KARIM.number);
  await page.getByLabel(/^Code personnel/).fill(KARIM.pin);
  await page.getByRole('button', { name: 'Me connecter', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bonjour Karim');

  await page.clock.fastForward('04:35');
  const warning = page.getByRole('alertdialog');
  await expect(warning).toContainText('Vous allez être déconnecté');
  await checkA11y(page, 'inactivite-avertissement');
  await warning.getByRole('button', { name: 'Rester connecté' }).click();
  await expect(warning).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bonjour Karim');

  // Nobody touches the tablet this time: the session ends and the next person sees sign-in.
  await page.clock.fastForward('05:05');
  await expect(page).toHaveURL(/\/detenu\/connexion$/);
  await expect(page.getByLabel(/^Numéro d'écrou/)).toBeVisible();
  const after = await page.request.get('/api/detainee/session');
  expect(after.status(), 'the server ended the session too').toBe(401);
});

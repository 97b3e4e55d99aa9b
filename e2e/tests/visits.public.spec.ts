// Family portal on a phone: Marie books a visit to Karim with her sister and a child, sees the
// confirmation, then cancels it.
import { checkA11y, expect, test } from './fixtures';

test('Marie books a visit with her sister and a child, then cancels it', async ({ page }) => {
  await page.goto('/connexion');
  await page.getByLabel(/^Adresse e-mail/).fill('marie.martin@example.fr');
  await page.getByLabel(/^Mot de passe/).fill('Parloir-Demo-2026');
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bonjour Marie');
  await expect(page.getByText('Accepté').first()).toBeVisible();
  await checkA11y(page, 'accueil-proches');

  await page.getByRole('button', { name: 'Réserver une visite' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Réserver une visite');
  const choose = page.getByRole('button', { name: /Choisir ce créneau/ });
  // Late in the week the current one may have nothing left to book: look at the next one.
  if ((await choose.count()) === 0) {
    await page.getByRole('button', { name: 'Semaine suivante' }).click();
  }
  await expect(choose.first()).toBeVisible();
  await checkA11y(page, 'reserver-creneaux');
  await choose.first().click();

  await expect(page.getByRole('heading', { name: 'Qui vient avec vous ?' })).toBeVisible();
  await page.getByRole('button', { name: 'Ajouter un adulte' }).click();
  const sofia = page.getByRole('group', { name: 'Adulte 1' });
  await sofia.getByLabel(/^Prénom/).fill('Sofia');
  await sofia.getByLabel(/^Nom/).fill('Martin');
  await sofia.getByLabel(/^Date de naissance/).fill('1979-11-02');
  await sofia.getByLabel(/^Numéro de permis de visite/).fill('PV-2026-9999');
  await page.getByRole('button', { name: 'Ajouter un enfant' }).click();
  const child = page.getByRole('group', { name: 'Enfant 1' });
  await child.getByLabel(/^Prénom/).fill('Léo');
  await child.getByLabel(/^Nom/).fill('Martin');
  await child.getByLabel(/^Date de naissance/).fill('2018-05-20');
  await page.getByRole('button', { name: 'Confirmer la réservation' }).click();
  // A wrong permit for an adult is refused, and said under her permit field.
  await expect(sofia.getByText(/propre permis de visite valide/)).toBeVisible();
  await checkA11y(page, 'reserver-permis-refuse');

  await sofia.getByLabel(/^Numéro de permis de visite/).fill('PV-2026-0002');
  await page.getByRole('button', { name: 'Confirmer la réservation' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Visite confirmée');
  await expect(page.getByText('Sofia Martin')).toBeVisible();
  await checkA11y(page, 'reservation-confirmee');

  await page.getByRole('link', { name: 'Voir mes visites' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes visites');
  await checkA11y(page, 'mes-visites');
  await page.getByRole('button', { name: 'Annuler', exact: true }).first().click();
  await expect(page.getByText('Voulez-vous vraiment annuler cette visite ?')).toBeVisible();
  await page.getByRole('button', { name: 'Oui, annuler la visite' }).click();
  await expect(page.getByText('La visite a été annulée.')).toBeVisible();
  await expect(page.getByText('Annulée').first()).toBeVisible();
  await checkA11y(page, 'visite-annulee');
});

// The whole visits journey, on the devices people use: a new relative signs up on a phone,
// confirms the address from the e-mail, asks for a link; on a desktop the visits officer
// approves it with the permit, records a permit for the adult who will come along, sets up a
// room and a weekly slot; on the phone the relative books with that adult and a child, cancels,
// books again; on the desktop the day list shows the visit and the officer checks them in.
import { desktop } from '../devices';
import { paris, signInAgent, soonInParis } from './console';
import { checkA11y, collectPageErrors, expect, test } from './fixtures';
import { confirmationLink } from './mail';

test('from sign-up to check-in: a new relative, the visits officer, one visit', async ({
  page,
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const stamp = Date.now();
  const email = `lea.parcours.${stamp}@example.fr`;
  const today = paris(new Date()).date;

  // The officer's desktop, beside the relative's phone.
  const desk = await browser.newContext({ ...desktop, baseURL });
  const officer = await desk.newPage();
  const officerErrors = collectPageErrors(officer);
  await signInAgent(officer, 'parloirs.valmont', 'Bonjour Sarah Benhamou');
  const me = await (await officer.request.get('/api/agent/session')).json();
  const valmont = `/api/agent/establishments/${me.establishments[0].id}`;
  // A detainee nobody else's test visits, so the weekly quota is theirs alone.
  const found = await (await officer.request.get(`${valmont}/detainees?q=10017`)).json();
  const detainee = found[0];

  // Phone: sign up.
  await page.goto('/inscription');
  await page.getByLabel(/^Prénom/).fill('Léa');
  await page.getByLabel(/^Nom/).fill('Parcours');
  await page.getByLabel(/^Date de naissance/).fill('1988-06-15');
  await page.getByLabel(/^Adresse e-mail/).fill(email);
  await page.getByLabel(/^Mot de passe/).fill('Parloir-Parcours-2026');
  await page.getByRole('button', { name: 'Créer mon compte', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bonjour Léa');
  await expect(page.getByRole('heading', { name: 'Confirmez votre adresse e-mail' })).toBeVisible();

  // The e-mail's link confirms the address.
  const link = await confirmationLink(request, baseURL!, email);
  await page.goto(link.pathname + link.search);
  await expect(page.getByRole('status').filter({ hasText: 'est confirmée' })).toContainText(email);
  await checkA11y(page, 'parcours-email-confirme');

  // Ask to be linked to the detainee.
  await page.goto('/lien');
  await page.getByLabel(/^Établissement/).selectOption({ label: "Maison d'arrêt de Valmont (Valmont)" });
  await page.getByLabel(/^Prénom de votre proche/).fill(detainee.first_name);
  await page.getByLabel(/^Nom de votre proche/).fill(detainee.last_name);
  await page.getByLabel(/^Date de naissance de votre proche/).fill('1990-01-01');
  await checkA11y(page, 'parcours-demande-lien');
  await page.getByRole('button', { name: 'Envoyer ma demande', exact: true }).click();
  await expect(page.getByText("Votre demande a été envoyée. L'établissement va la vérifier.")).toBeVisible();
  await expect(page.getByText('En attente').first()).toBeVisible();

  // Desktop: the officer approves the request with Léa's permit.
  await officer.getByRole('link', { name: 'Demandes de lien', exact: true }).first().click();
  await expect(officer.getByRole('heading', { level: 1 })).toHaveText('Demandes de lien');
  const request_ = officer.locator('section, article, div.ned-card, li').filter({
    has: officer.getByRole('heading', { name: /^Léa Parcours demande à visiter/ }),
  }).last();
  await request_.getByLabel(/^Personne détenue/).selectOption({ index: 1 });
  await request_.getByLabel(/^Numéro du permis de visite/).fill(`PV-E2E-${stamp}`);
  await request_.getByLabel(/^Date de naissance du visiteur/).fill('1988-06-15');
  await request_.getByLabel(/^Permis valable à partir du/).fill(today);
  await checkA11y(officer, 'parcours-demande-a-approuver');
  await request_.getByRole('button', { name: 'Approuver la demande' }).click();
  // Once decided, the request leaves the list of those waiting.
  await expect(officer.getByRole('heading', { name: /^Léa Parcours demande à visiter/ })).toHaveCount(0);

  // A permit for Hugo, the adult who will come with her.
  await officer.getByRole('link', { name: 'Permis de visite', exact: true }).first().click();
  await officer.getByLabel(/^Rechercher une personne détenue/).fill(detainee.registration_number);
  await officer.getByRole('button', { name: 'Rechercher', exact: true }).last().click();
  await officer.getByLabel(/^Numéro du permis de visite/).fill(`PV-E2E-${stamp}-H`);
  await officer.getByLabel(/^Prénom du titulaire/).fill('Hugo');
  await officer.getByLabel(/^Nom du titulaire/).fill('Parcours');
  await officer.getByLabel(/^Date de naissance du titulaire/).fill('1986-03-09');
  await officer.getByLabel(/^Permis valable à partir du/).fill(today);
  await officer.getByRole('button', { name: 'Enregistrer le permis' }).click();
  await expect(officer.getByText(`Permis PV-E2E-${stamp}-H enregistré.`)).toBeVisible();

  // A room and a weekly slot starting soon (bookings close at the visit's start for this
  // journey, so that the arrival can be checked in today); the rules are put back at the end.
  const soon = soonInParis();
  const rulesBefore = await (await officer.request.get(`${valmont}/visit-rules`)).json();
  await officer.getByRole('link', { name: 'Parloirs', exact: true }).first().click();
  await expect(officer.getByRole('heading', { level: 1 })).toHaveText('Parloirs');
  await officer.getByLabel(/^Nom de la salle/).fill('Parloir du parcours');
  await officer.getByLabel(/^Type de salle/).selectOption({ label: 'Parloir' });
  await officer.getByLabel(/^Capacité/).fill('2');
  await officer.getByRole('button', { name: 'Ajouter la salle' }).click();
  await expect(officer.getByRole('cell', { name: 'Parloir du parcours' })).toBeVisible();
  // The first room picker is the weekly slot's (the closures' comes further down).
  await officer.getByLabel(/^Salle$/).first().selectOption({ label: 'Parloir du parcours' });
  const weekdays = ['Lundi', 'Mardi', 'Mercredi', 'Jeudi', 'Vendredi', 'Samedi', 'Dimanche'];
  await officer.getByLabel(/^Jour de la semaine/).selectOption({ label: weekdays[soon.weekday - 1] });
  await officer.getByLabel(/^Heure de début/).fill(soon.time);
  await officer.getByLabel('Durée (minutes)', { exact: true }).fill('30');
  await officer.getByLabel(/^Valable à partir du/).fill(soon.date);
  await officer.getByLabel(/^Valable jusqu'au/).fill(soon.date);
  await officer.getByRole('button', { name: 'Ajouter le créneau hebdomadaire' }).click();
  await officer.getByLabel('Premier jour', { exact: true }).fill(soon.date);
  await officer.getByLabel('Nombre de jours', { exact: true }).fill('1');
  await officer.getByRole('button', { name: 'Générer les créneaux' }).click();
  await expect(officer.getByText(/Créneaux créés : [1-9]/)).toBeVisible();
  const closes = officer.getByLabel(/^Clôture des réservations/);
  await closes.fill('0');
  await officer.getByRole('button', { name: 'Enregistrer les règles' }).click();
  await expect(officer.getByText('Modifications enregistrées.').first()).toBeVisible();
  await checkA11y(officer, 'parcours-parloirs');

  try {
    // Phone: the link is accepted; book with Hugo and a child.
    await page.goto('/');
    await expect(page.getByText('Accepté').first()).toBeVisible();
    const book = async () => {
      await page.getByRole('button', { name: 'Réserver une visite' }).first().click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Réserver une visite');
      const slot = page.locator('li', { hasText: 'Parloir du parcours' });
      // The slot is in this week's calendar, or in the next one's when it starts after midnight.
      const shown = await slot.first().waitFor({ timeout: 8_000 }).then(() => true, () => false);
      if (!shown) await page.getByRole('button', { name: 'Semaine suivante' }).click();
      await slot.getByRole('button', { name: /Choisir ce créneau/ }).click();
      await expect(page.getByRole('heading', { name: 'Qui vient avec vous ?' })).toBeVisible();
    };
    await book();
    await page.getByRole('button', { name: 'Ajouter un adulte' }).click();
    const hugo = page.getByRole('group', { name: 'Adulte 1' });
    await hugo.getByLabel(/^Prénom/).fill('Hugo');
    await hugo.getByLabel(/^Nom/).fill('Parcours');
    await hugo.getByLabel(/^Date de naissance/).fill('1986-03-09');
    await hugo.getByLabel(/^Numéro de permis de visite/).fill(`PV-E2E-${stamp}-H`);
    await page.getByRole('button', { name: 'Ajouter un enfant' }).click();
    const child = page.getByRole('group', { name: 'Enfant 1' });
    await child.getByLabel(/^Prénom/).fill('Zoé');
    await child.getByLabel(/^Nom/).fill('Parcours');
    await child.getByLabel(/^Date de naissance/).fill('2019-09-01');
    await checkA11y(page, 'parcours-accompagnants');
    await page.getByRole('button', { name: 'Confirmer la réservation' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Visite confirmée');
    await expect(page.getByText('Hugo Parcours')).toBeVisible();
    await checkA11y(page, 'parcours-visite-confirmee');

    // Cancel it, then book again, alone this time.
    await page.getByRole('link', { name: 'Voir mes visites' }).click();
    await page.getByRole('button', { name: 'Annuler', exact: true }).first().click();
    await page.getByRole('button', { name: 'Oui, annuler la visite' }).click();
    await expect(page.getByText('La visite a été annulée.')).toBeVisible();
    await page.goto('/');
    await book();
    await page.getByRole('button', { name: 'Confirmer la réservation' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Visite confirmée');

    // Desktop: the day list shows Léa; she arrives.
    await officer.goto(`/agent/journee?date=${soon.date}`);
    await expect(officer.getByRole('heading', { level: 1 })).toHaveText('Journée des parloirs');
    const room = officer.locator('section', { has: officer.getByRole('heading', { name: /^Parloir du parcours/ }) });
    const row = room.getByRole('row', { name: /Léa Parcours/ });
    await expect(row).toContainText(detainee.last_name);
    await checkA11y(officer, 'parcours-journee');
    await row.getByRole('button', { name: 'Arrivé : Léa Parcours' }).click();
    await expect(row.getByText('Arrivé', { exact: true })).toBeVisible();
  } finally {
    const put = await officer.request.put(`${valmont}/visit-rules`, { data: rulesBefore, headers: { Origin: baseURL! } });
    expect(put.status(), 'the rules are put back').toBe(200);
  }
  expect(officerErrors, 'uncaught errors in the console').toEqual([]);
  await desk.close();
});

// Helpers for tests that drive the console or its API.
import type { APIRequestContext, Page } from '@playwright/test';
import { expect } from './fixtures';

/** Signs `login` (demo password) in through the console's page and waits for the greeting. */
export async function signInAgent(page: Page, login: string, greeting: string): Promise<void> {
  await page.goto('/agent/connexion');
  await page.getByLabel(/^Identifiant/).fill(login);
  await page.getByLabel(/^Mot de passe/).fill('Agent-Demo-2026');
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(greeting);
}

/** Date (`YYYY-MM-DD`), ISO weekday (1 = Monday) and `HH:MM` of an instant in Paris. */
export function paris(at: Date): { date: string; weekday: number; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday) + 1;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday, time: `${parts.hour}:${parts.minute}` };
}

/** A visit start 20 to 55 minutes ahead on a 5-minute mark, never past 23:30 in Paris:
 * arrivals are checked in from two hours before, and a slot ends the day it starts. */
export function soonInParis(): { date: string; weekday: number; time: string } {
  let start = new Date(Date.now() + 20 * 60_000);
  if (paris(start).time > '23:30') start = new Date(Date.now() + 50 * 60_000);
  return paris(new Date(Math.ceil(start.getTime() / 300_000) * 300_000));
}

/** POST as the signed-in user of the request's context, expecting `status`. */
export async function post(request: APIRequestContext, baseURL: string, path: string, data: object, status: number) {
  const r = await request.post(path, { data, headers: { Origin: baseURL } });
  expect(r.status(), `${path}: ${await r.text()}`).toBe(status);
  return r.json();
}

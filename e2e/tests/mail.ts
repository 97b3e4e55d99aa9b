// Reading e-mails the way staff do in development, when no mail server is configured: from the
// console's outbox.
import { type APIRequestContext } from '@playwright/test';
import { expect } from './fixtures';

/** The confirmation link last e-mailed to `email`, read in the console's outbox. */
export async function confirmationLink(request: APIRequestContext, baseURL: string, email: string): Promise<URL> {
  // Account messages belong to no establishment: the national administrator reads them.
  const agent = await request.post('/api/agent/session', {
    data: { login: 'admin.national', password: 'Agent-Demo-2026' },
    headers: { Origin: baseURL },
  });
  expect(agent.status()).toBe(200);
  const outbox = await request.get('/api/agent/outbox?limit=200');
  expect(outbox.status()).toBe(200);
  const messages: { kind: string; recipient: string; body: string }[] = await outbox.json();
  const mail = messages.find((m) => m.kind === 'email_confirmation' && m.recipient === email);
  expect(mail, `a confirmation e-mail to ${email}`).toBeDefined();
  const link = mail!.body.match(/https?:\/\/\S+\/confirmer-email\?jeton=\S+/);
  expect(link, mail!.body).not.toBeNull();
  return new URL(link![0]);
}

import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

export { expect };

/** Uncaught exceptions in `page` (a wasm panic surfaces here), collected as they happen. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  return errors;
}

/** Playwright's `test`, whose `page` fails the test if the app threw. */
export const test = base.extend({
  page: async ({ page }, use) => {
    const errors = collectPageErrors(page);
    await use(page);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe (WCAG 2.1 A and AA) on the page as it is now and fails on any serious or critical
 * violation; saves a full-page screenshot to `artifacts/<project>/<name>.png` either way.
 */
export async function checkA11y(page: Page, name: string): Promise<void> {
  const project = test.info().project.name;
  // Fonts change layout and contrast measurements: audit what people will actually see.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  await page.screenshot({
    path: path.join(__dirname, '..', 'artifacts', project, `${name}.png`),
    fullPage: true,
  });

  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = results.violations.filter((v) => !blocking.includes(v));
  if (minor.length > 0) {
    console.log(`a11y ${project}/${name}: ${minor.length} minor issue(s): ${minor.map((v) => v.id).join(', ')}`);
  }
  const report = blocking
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `    - ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ')}`)
        .join('\n');
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}`;
    })
    .join('\n');
  expect(blocking.length, `accessibility violations on ${project}/${name}:\n${report}`).toBe(0);
}

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { COMMANDS, COMMITTEE_DECISIONS } from '../../domain/commands';
import { EMAIL_KINDS } from '../../domain/emails';
import { LIFECYCLE_STATES } from '../../domain/record';

// A page of the console as its readers meet it, in Chromium: screenshotted at 1280 and 375 px,
// audited with axe-core, read for identifiers of the domain shown as text, measured on a phone.

export const SCREENSHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** A phone's width (CSS pixels): every page fits it, its tables scrolling inside their frames. */
export const PHONE = { width: 375, height: 812 };

/** Identifiers of the domain that no page may show as text. */
const IDENTIFIERS = [
  // `validation` is French too (« en validation »).
  ...LIFECYCLE_STATES.filter((state) => state !== 'validation'),
  ...EMAIL_KINDS,
  // `engage` is French too ("ce qu’il engage").
  ...COMMANDS.filter((command) => command !== 'engage'),
  ...COMMITTEE_DECISIONS.filter((decision) => decision !== 'pivot'),
  'committee-secretary',
  'acceleration',
  'delegant',
  'delegataire',
  'cofunder',
];

/** What the audit of one page found: nothing, on a page that passes. */
export interface Audit {
  page: string;
  violations: string[];
  identifiers: string[];
  overflow?: number;
}

/** Screenshots the page, audits it with axe-core, and lists any identifier it shows as text. */
export async function auditPage(page: Page, name: string): Promise<Audit> {
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
  // Injected by the DevTools protocol: the page's CSP forbids any script of another origin.
  await page.evaluate(AXE);
  const results = (await page.evaluate(
    "axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] })",
  )) as { violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] };
  const violations = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  const text = await page.locator('body').innerText();
  // Not inside a word (`payés`), an address (`cbcm.delegant@…`) or another identifier.
  const identifiers = IDENTIFIERS.filter((id) =>
    new RegExp(`(^|[^\\p{L}\\p{N}_.@-])${id}($|[^\\p{L}\\p{N}_.@-])`, 'u').test(text),
  );
  if (identifiers.length) writeFileSync(`${SCREENSHOTS}${name}.txt`, text);
  // The same page on a phone: no wider than the screen.
  const viewport = page.viewportSize();
  await page.setViewportSize(PHONE);
  // Charts follow the new width a few frames later (Chart.js's ResizeObserver): a page that
  // still overflows after that does not fit.
  await page
    .waitForFunction(`document.scrollingElement.scrollWidth <= ${PHONE.width}`, undefined, { timeout: 3_000 })
    .catch(() => undefined);
  const width = (await page.evaluate('document.scrollingElement.scrollWidth')) as number;
  await page.screenshot({ path: `${SCREENSHOTS}${name}-375.png`, fullPage: true });
  if (viewport) await page.setViewportSize(viewport);
  return { page: name, violations, identifiers, ...(width > PHONE.width ? { overflow: width } : {}) };
}

/**
 * Security checks several walkthroughs share, as `check`s: what the reader's browser really stores,
 * read from Chromium's cookie store, never from what the demo says about it.
 */
import { expect } from '@playwright/test';
import type { Walk } from './walkthrough.ts';

/** The cookie `name` as the browser stores it for `origin`. */
export async function storedCookie({ context }: Walk, origin: string, name: string) {
  return (await context.cookies(origin)).find((cookie) => cookie.name === name);
}

/** Each cookie exists for `origin`, is HttpOnly, and is host-only on that origin's host. */
export const hostOnlyHttpOnly = (origin: string, ...names: string[]) => async (walk: Walk) => {
  for (const name of names) {
    const cookie = await storedCookie(walk, origin, name);
    expect(cookie, `${name} on ${origin}`).toBeDefined();
    expect(cookie!.httpOnly, `${name} is HttpOnly`).toBe(true);
    expect(cookie!.domain, `${name} is host-only`).toBe(new URL(origin).hostname);
  }
};

/** Each cookie exists for `origin`, is HttpOnly, and is scoped to the parent `domain` (every subdomain gets it). */
export const parentDomainHttpOnly = (origin: string, domain: string, ...names: string[]) => async (walk: Walk) => {
  for (const name of names) {
    const cookie = await storedCookie(walk, origin, name);
    expect(cookie, `${name} on ${origin}`).toBeDefined();
    expect(cookie!.httpOnly, `${name} is HttpOnly`).toBe(true);
    expect(cookie!.domain, `${name} covers ${domain}`).toBe(`.${domain}`);
  }
};

/** The browser holds none of these cookies for `origin`. */
export const noCookies = (origin: string, ...names: string[]) => async ({ context }: Walk) => {
  const held = (await context.cookies(origin)).map((cookie) => cookie.name);
  for (const name of names) expect(held, `${name} for ${origin}`).not.toContain(name);
};

/** The cookie's value is a random id of at least `bits` bits (base64url). */
export const randomId = (origin: string, name: string, bits: number) => async (walk: Walk) => {
  const cookie = await storedCookie(walk, origin, name);
  expect(cookie, `${name} on ${origin}`).toBeDefined();
  expect(Buffer.from(cookie!.value, 'base64url').length * 8, `${name} entropy`).toBeGreaterThanOrEqual(bits);
};

/** Remembers the cookie's value under `key`, for a later `changed`/`unchanged`. */
export const remember = (key: string, origin: string, name: string) => async (walk: Walk) => {
  walk.memory.set(key, (await storedCookie(walk, origin, name))?.value);
};

/** The cookie now holds a value other than the one remembered under `key`. */
export const changed = (key: string, origin: string, name: string) => async (walk: Walk) => {
  expect(walk.memory.has(key), `nothing remembered as ${key}`).toBe(true);
  expect((await storedCookie(walk, origin, name))?.value, `${name} changed since ${key}`).not.toBe(walk.memory.get(key));
};

/** Several checks as one. */
export const checks = (...list: ((walk: Walk) => Promise<void>)[]) => async (walk: Walk) => {
  for (const check of list) await check(walk);
};

/** The cookie still holds the value remembered under `key`. */
export const unchanged = (key: string, origin: string, name: string) => async (walk: Walk) => {
  expect(walk.memory.has(key), `nothing remembered as ${key}`).toBe(true);
  expect((await storedCookie(walk, origin, name))?.value, `${name} kept since ${key}`).toBe(walk.memory.get(key));
};

/** The latest exchange the diagram draws as `step` was answered with `status`. */
export const answered = (step: number, status: number) => async ({ lab }: Walk) => {
  await expect(lab.traceLine(step).locator('.trace-status'), `status of step ${step}`).toHaveText(String(status));
};

/** The trace's one-line summary of that exchange names `what` (its participants, method or host). */
export const traceLine = (step: number, what: string) => async ({ lab }: Walk) => {
  await expect(lab.traceLine(step)).toContainText(what);
};

/** That exchange's full trace entry (cookies sent, headers, bodies) shows `what`. */
export const traceEntry = (step: number, what: string | RegExp) => async ({ lab }: Walk) => {
  await expect(lab.traceEntry(step)).toContainText(what);
};

/** The last probe read `document.cookie` as an empty string: page script sees no cookie at all. */
export const emptyDocumentCookie = async ({ lab }: Walk) => {
  await expect(lab.dialog.locator('.probe-result [data-probe="document.cookie"]')).toContainText('(empty string)');
};

/** The browser holds none of these cookies for any host. */
export const noCookiesAnywhere = (...names: string[]) => async ({ context }: Walk) => {
  const held = (await context.cookies()).map((cookie) => cookie.name);
  for (const name of names) expect(held, `${name} on any host`).not.toContain(name);
};

/** The framed page names the run's user and offers no way to log in. */
export const namesTheUser = async ({ lab }: Walk) => {
  await expect(lab.app.getByText(`Signed in as ${(await lab.credentials()).email}`)).toBeVisible();
  await expect(lab.app.getByRole('link', { name: 'Log in' })).toHaveCount(0);
};

/** The lab offers exactly these clock jumps, in this order. */
export const offersJumps = (...labels: string[]) => async ({ lab }: Walk) => {
  await expect(lab.dialog.locator('[data-jump]')).toHaveText(labels);
};

/** The answer drawn as arrow `step`, as the trace shows it, sets each cookie host-only and HttpOnly. */
export const setsHostOnlyHttpOnly = (step: number, ...names: string[]) => async ({ lab }: Walk) => {
  for (const name of names) {
    const row = lab.traceEntry(step).locator('table.set-cookie tr', { hasText: name });
    await expect(row, `${name} set host-only`).toContainText('host-only');
    await expect(row.locator('td').nth(3), `${name} set HttpOnly`).toHaveText('yes');
  }
};

/** The identity provider's answer to the backend (arrow `fromIdp`) holds the refresh token; the backend's answer to the browser (`toBrowser`) holds the user and no token. */
export const tokensStayOnTheBackend = (fromIdp: number, toBrowser: number) => async ({ lab }: Walk) => {
  await expect(lab.traceEntry(fromIdp)).toContainText('refreshToken');
  await expect(lab.traceEntry(toBrowser)).toContainText('"email"');
  await expect(lab.traceEntry(toBrowser)).not.toContainText('refreshToken');
};

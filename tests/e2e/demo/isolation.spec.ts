/** Two readers at once: neither sees the other's run, trace or tokens. */
import { expect, test } from '@playwright/test';
import { LiveLab, STORE } from './live-lab.ts';

const ARTICLE = '/workflows/webapp/native-form-to-backend-jwt-refresh-cookies/';

test('two readers running the same workflow see only their own run', async ({ browser }) => {
  test.setTimeout(60_000);
  const readers = await Promise.all(
    [0, 1].map(async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const lab = await LiveLab.open(page, ARTICLE);
      return { context, page, lab, credentials: await lab.credentials() };
    }),
  );
  const [a, b] = readers as [(typeof readers)[0], (typeof readers)[0]];
  expect(a.credentials.email).not.toBe(b.credentials.email);

  await Promise.all(
    readers.map(async ({ lab }) => {
      await lab.app.getByRole('link', { name: 'Log in' }).click();
      await lab.logIn();
      await expect(lab.app.getByRole('heading', { name: /shopping cart/i })).toBeVisible();
    }),
  );

  for (const [me, other] of [[a, b], [b, a]] as const) {
    const trace = me.lab.dialog.locator('.trace');
    await trace.locator('details').evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    await expect(trace).toContainText(me.credentials.email);
    await expect(trace).not.toContainText(other.credentials.email);
    await expect(me.lab.app.getByText(other.credentials.email)).toHaveCount(0);
    const myJwt = (await me.context.cookies(STORE)).find((c) => c.name === 'access_token')!.value;
    const theirJwt = (await other.context.cookies(STORE)).find((c) => c.name === 'access_token')!.value;
    // A JWT's signature is what makes it this token and no other.
    await expect(me.lab.dialog).not.toContainText(theirJwt.split('.')[2]!.slice(0, 24));
    expect(myJwt).not.toBe(theirJwt);
  }
  await Promise.all(readers.map(({ context }) => context.close()));
});

import { Hono } from 'hono';
import { z } from 'zod';
import type { Application } from '../configuration.ts';
import type { IdpContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { empty, readJson, requireApiKey, uuidParameter } from '../http.ts';

// What a demo server may change of an application: where the identity provider may send the
// browser back. Everything else comes from the kickstart only.
const patchRequest = z.strictObject({
  application: z.strictObject({
    oauthConfiguration: z.strictObject({
      authorizedRedirectURLs: z.array(z.url()).max(50).optional(),
      logoutURL: z.url().optional(),
    }),
  }),
});

const applicationJson = ({ id, name, oauthConfiguration }: Application) => ({
  id,
  name,
  oauthConfiguration: { authorizedRedirectURLs: oauthConfiguration.authorizedRedirectURLs, logoutURL: oauthConfiguration.logoutURL },
});

/** GET and PATCH /api/application/{id} (API key), limited to the OAuth redirect settings. */
export function applicationRoutes(ctx: IdpContext): Hono {
  const routes = new Hono();

  routes.get('/api/application/:applicationId', (c) => {
    requireApiKey(c, ctx);
    const application = ctx.store.applications.find(uuidParameter(c.req.param('applicationId'), 'applicationId'));
    return application ? c.json({ application: applicationJson(application) }) : empty(c, 404);
  });

  routes.patch('/api/application/:applicationId', async (c) => {
    requireApiKey(c, ctx);
    const application = ctx.store.applications.find(uuidParameter(c.req.param('applicationId'), 'applicationId'));
    if (!application) return empty(c, 404);
    const parsed = patchRequest.safeParse(await readJson(c));
    if (!parsed.success) {
      throw ApiError.general('[invalid]application', 'This identity provider lets an application patch only oauthConfiguration.authorizedRedirectURLs and logoutURL.');
    }
    const { id, ...config } = application;
    const oauthConfiguration = { ...config.oauthConfiguration, ...parsed.data.application.oauthConfiguration };
    const updated = ctx.store.applications.update(id, { ...config, oauthConfiguration });
    return c.json({ application: applicationJson(updated) });
  });

  return routes;
}

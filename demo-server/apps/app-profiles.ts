import type { IdpConnection } from '../idp-connection.ts';
import type { AppRole } from '../vocabulary.ts';
import { forumPosts, shoppingCart, type DemoContent } from './demo-content.ts';

/** The two applications of the story. Every variant of each is built from these parameters. */
export interface AppProfile {
  role: AppRole;
  name: 'Store' | 'Forums';
  applicationId: string;
  /** The OAuth client secret, with which its backend authenticates at the token endpoint. */
  clientSecret: string;
  /** The app's public OAuth client, for an SPA that is a browser-only client (the Store only). */
  browserClientId: string | undefined;
  /** One line under the name on the home page. */
  tagline: string;
  /** The page behind the login (server-rendered variants). */
  page: string;
  /** The data API (SPA variants). */
  api: string;
  /** The SPA's button that calls the API again. */
  reloadLabel: string;
  content: DemoContent;
}

export function appProfiles(connection: IdpConnection): Record<AppRole, AppProfile> {
  return {
    store: {
      role: 'store',
      name: 'Store',
      applicationId: connection.store.id,
      clientSecret: connection.store.clientSecret,
      browserClientId: connection.storeBrowserApp.id,
      tagline: 'Coffee gear, delivered.',
      page: '/shopping-cart',
      api: '/api/load-shopping-cart',
      reloadLabel: 'Reload cart',
      content: shoppingCart,
    },
    forums: {
      role: 'forums',
      name: 'Forums',
      applicationId: connection.forums.id,
      clientSecret: connection.forums.clientSecret,
      browserClientId: undefined,
      tagline: 'Talk coffee with other customers.',
      page: '/posts',
      api: '/api/load-posts',
      reloadLabel: 'Reload posts',
      content: forumPosts,
    },
  };
}

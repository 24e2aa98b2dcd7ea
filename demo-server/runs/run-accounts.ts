import { randomBytes, randomInt } from 'node:crypto';
import type { FusionAuthClient } from '@fusionauth/typescript-client';
import type { IdpConnection } from '../idp-connection.ts';
import type { RunUser } from './run.ts';

// Each run gets its own user, so readers never share tokens, clock offsets or lockouts, and
// ending a run can delete everything it left in the identity provider.

const WORDS = [
  'amber', 'basil', 'cedar', 'delta', 'ember', 'fjord', 'garnet', 'harbor', 'indigo', 'juniper', 'kestrel', 'lagoon',
  'maple', 'nectar', 'orchid', 'pebble', 'quartz', 'raven', 'saffron', 'tundra', 'umber', 'violet', 'willow', 'zephyr',
];

/** Three words and a number: easy to type from the panel into the app's form, long enough for FusionAuth. */
function readablePassword(): string {
  const words = Array.from({ length: 3 }, () => WORDS[randomInt(WORDS.length)]);
  return `${words.join('-')}-${randomInt(10, 100)}`;
}

export class RunAccounts {
  readonly #client: FusionAuthClient;
  readonly #connection: IdpConnection;

  constructor(connection: IdpConnection) {
    this.#connection = connection;
    this.#client = connection.client();
  }

  /** A new user registered to the Store (both its clients) and the Forums. */
  async create(): Promise<RunUser> {
    const email = `reader-${randomBytes(8).toString('hex')}@example.com`;
    const password = readablePassword();
    const created = await this.#client.register(undefined as unknown as string, {
      user: { email, password, firstName: 'Demo', lastName: 'Reader' },
      registration: { applicationId: this.#connection.store.id },
      skipVerification: true,
      skipRegistrationVerification: true,
    });
    const id = created.response.user?.id;
    if (!id) throw new Error('The identity provider created no user id.');
    try {
      for (const applicationId of [this.#connection.forums.id, this.#connection.storeBrowserApp.id]) {
        await this.#client.register(id, { registration: { applicationId }, skipRegistrationVerification: true });
      }
    } catch (error) {
      // A run that never starts must not leave its user behind.
      await this.#client.deleteUser(id).catch(() => undefined);
      throw error;
    }
    return { id, email, password };
  }

  /** Revokes the user's refresh tokens, then deletes the user for good. */
  async remove(user: RunUser): Promise<void> {
    await this.#client.revokeRefreshTokensByUserId(user.id);
    await this.#client.deleteUser(user.id);
  }
}

import Provider from 'oidc-provider';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface IdentityProvider {
  issuer: string;
  close(): Promise<void>;
}

/**
 * A real OpenID Provider (panva's oidc-provider, certified) on this machine, for the demo and the
 * tests: one confidential client whose redirect URI is the service's `/auth/callback`, and its
 * development login pages, where any name is an account and that name is its email.
 * Never for production: those pages let anyone be anyone.
 */
export async function startIdentityProvider(opts: {
  redirectUri: string;
  clientId: string;
  clientSecret: string;
  emailVerified?: boolean;
}): Promise<IdentityProvider> {
  const server = createServer();
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', () => listening()));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: opts.clientId,
        client_secret: opts.clientSecret,
        redirect_uris: [opts.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        // openid-client's default; Keycloak, Entra ID and Google accept it too
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: (_ctx: unknown, sub: string) => ({
      accountId: sub,
      claims: () => ({ sub, email: sub, email_verified: opts.emailVerified ?? true, name: sub.split('@')[0] }),
    }),
    cookies: { keys: ['identity-provider-cookie-key-0123456789'] },
    pkce: { required: () => true },
  });
  server.on('request', provider.callback());
  return { issuer, close: () => new Promise((done) => server.close(() => done())) };
}

// A real OpenID provider for the sign-on tests: the certified `oidc-provider` package from npm,
// on loopback, with one client (Kravkedja), PKCE required, RS256 ID tokens from a key made at
// start, and claims in the ID token. The person signing in is chosen by the test beforehand
// (GET /test/next-account?id=…), so its login and consent steps finish without a form.
//
//   node tests/oidc/provider.mjs PORT REDIRECT_URI
// prints "ready ISSUER" once it listens.
import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import Provider from 'oidc-provider';

const [port, redirectUri] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;

const accounts = {
  anna: { sub: 'anna-1001', email: 'anna.andersson@kommun.example', email_verified: true, name: 'Anna Andersson',
          preferred_username: 'anna.andersson', roles: ['kk-upphandlare', 'kk-granskare'] },
  bo: { sub: 'bo-1002', email: 'bo.berg@kommun.example', email_verified: true, name: 'Bo Berg', roles: ['ekonomi'] },
};
let nextAccount = 'anna';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key-1', use: 'sig', alg: 'RS256' };

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'kravkedja',
    client_secret: 'klienthemlighet-for-testet',
    redirect_uris: [redirectUri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  jwks: { keys: [signingKey] },
  pkce: { methods: ['S256'], required: () => true },
  claims: { email: ['email', 'email_verified'], profile: ['name', 'preferred_username'], roles: ['roles'] },
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: ['kravkedja-test-cookie-key'] },
  findAccount: async (ctx, id) => accounts[id] && { accountId: id, claims: async () => accounts[id] },
});

async function interact(req, res) {
  const details = await provider.interactionDetails(req, res);
  const { prompt, params, session } = details;
  if (prompt.name === 'login') {
    return provider.interactionFinished(req, res, { login: { accountId: nextAccount } }, { mergeWithLastSubmission: false });
  }
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
  if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
  const grantId = await grant.save();
  return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

const handle = provider.callback();
http.createServer((req, res) => {
  const url = new URL(req.url, issuer);
  if (url.pathname === '/test/next-account') {
    nextAccount = url.searchParams.get('id');
    res.end('ok');
  } else if (url.pathname.startsWith('/interaction/')) {
    interact(req, res).catch((e) => { res.statusCode = 500; res.end(String(e)); });
  } else {
    handle(req, res);
  }
}).listen(Number(port), '127.0.0.1', () => console.log(`ready ${issuer}`));

import { clientBundle, type ClientEntry } from './client-bundle.js';

/**
 * The frame both pages share: head, header, the token form and the confirmation dialog, with the
 * page's bundled client code and stylesheet inlined; `nonce` lets exactly them run under the CSP.
 */
export function pageShell(opts: { nonce: string; title: string; heading: string; main: string; client: ClientEntry }): string {
  const { script, style } = clientBundle(opts.client);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title}</title>
<link rel="icon" href="data:,">
<style nonce="${opts.nonce}">${style}</style>
</head>
<body>
<header>
  <h1>${opts.heading}</h1>
  <div class="who">
    <span class="pill" id="designated"></span><span id="me"></span><span id="refreshed"></span><button id="sign-out" type="button">Sign out</button>
  </div>
</header>
<div id="action-message" class="message" role="status" aria-live="polite" hidden></div>
<main>
${opts.main}
</main>
<div id="login" hidden>
  <form id="login-form">
    <h2>Open the dashboard</h2>
    <div id="sso" hidden><a id="sso-link" class="sso" href="/auth/login"></a><div class="muted or">or</div></div>
    <div class="muted">Paste an API token (any role). It is kept in this browser tab only.</div>
    <input id="token" type="password" autocomplete="off" placeholder="API token" aria-label="API token">
    <div id="login-message" class="error"></div>
    <button type="submit">Open</button>
  </form>
</div>
<dialog id="confirm" aria-labelledby="confirm-title">
  <h2 id="confirm-title"></h2>
  <p id="confirm-text"></p>
  <div id="confirm-reason-row" hidden>
    <label id="confirm-reason-label" for="confirm-reason"></label><textarea id="confirm-reason" rows="3"></textarea>
  </div>
  <div class="buttons">
    <button id="confirm-cancel" type="button">Cancel</button><button id="confirm-ok" type="button" class="primary">OK</button>
  </div>
</dialog>
<script nonce="${opts.nonce}">${script}</script>
</body>
</html>`;
}

export const card = (id: string, title: string, span: number, extra = '') =>
  `<section class="card span${span}" ${extra}><h2>${title}</h2><div id="${id}"><div class="empty">Loading…</div></div></section>`;

/*
 * The browser app the web gateway serves at `/`: plain DOM, one page, no build step. It calls only its own
 * origin — `/bff/*` for the session and `/api/*` with `X-CSRF: 1` — and never sees a token.
 */

export const WEB_APP_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Concierge</title><link rel="stylesheet" href="/app.css"></head>
<body>
<header><h1>Concierge</h1><span id="user-name"></span>
<a id="sign-in" href="/bff/login?returnTo=/" hidden>Sign in</a><button id="sign-out" hidden>Sign out</button></header>
<main id="dashboard" hidden>
<p id="partial" role="status" hidden></p>
<section><h2>Recent orders</h2><ul id="orders"></ul></section>
<section><h2>Recommended for you</h2><ul id="recommendations"></ul></section>
<p id="order-status" role="status"></p>
</main>
<script type="module" src="/app.js"></script>
</body></html>
`;

export const WEB_APP_CSS = `body{font:16px system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}
header{display:flex;gap:1rem;align-items:center}header h1{margin-right:auto}#partial{color:#8a5300}li{margin:.3rem 0}`;

export const WEB_APP_JS = `
const api = (path, init = {}) => fetch(path, { ...init, headers: { 'X-CSRF': '1', ...(init.headers || {}) } });
const $ = (id) => document.getElementById(id);
const item = (text, button) => { const li = document.createElement('li'); li.textContent = text; if (button) li.append(' ', button); return li; };
const money = (m) => (m ? m.amount + ' ' + m.currency : '');

async function placeOrder(product) {
  const response = await api('/api/orders', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify({ items: [{ productId: product.id, quantity: 1 }] }),
  });
  $('order-status').textContent = response.ok ? 'Order placed.' : 'The order failed (' + response.status + ').';
  if (response.ok) await showDashboard();
}

async function showDashboard() {
  const response = await api('/api/dashboard');
  if (response.status === 401) return signedOut();
  const view = await response.json();
  $('user-name').textContent = view.user.displayName;
  $('orders').replaceChildren(...(view.recentOrders || []).map((o) => item(o.id + ' — ' + o.status + ' — ' + money(o.total))));
  $('recommendations').replaceChildren(...(view.recommendations || []).map((p) => {
    const button = document.createElement('button');
    button.textContent = 'Order';
    button.className = 'order';
    button.addEventListener('click', () => placeOrder(p));
    return item(p.name + ' — ' + money(p.price), button);
  }));
  const missing = (view._meta && view._meta.partial) ? view._meta.missing || [] : [];
  $('partial').hidden = missing.length === 0;
  $('partial').textContent = missing.length ? 'Some parts could not be loaded: ' + missing.join(', ') + '.' : '';
  $('dashboard').hidden = false;
  $('sign-out').hidden = false;
  $('sign-in').hidden = true;
}

function signedOut() {
  $('dashboard').hidden = true;
  $('sign-out').hidden = true;
  $('sign-in').hidden = false;
  $('user-name').textContent = '';
}

$('sign-out').addEventListener('click', async () => {
  const response = await api('/bff/logout', { method: 'POST' });
  const { endSessionUrl } = await response.json();
  if (endSessionUrl) location.assign(endSessionUrl); else signedOut();
});

const user = await api('/bff/user');
if (user.ok) await showDashboard(); else signedOut();
`;

import './styles.css';
import { call } from './api';
import { renderDashboard } from './dashboard';
import type { DashboardView, Recommendation } from './dashboard.view';

const byId = (id: string): HTMLElement => document.getElementById(id) as HTMLElement;

/** Shows one screen: signed out (the sign-in link) or the dashboard. */
function show(screen: 'signed-out' | 'dashboard'): void {
  byId('signed-out').hidden = screen !== 'signed-out';
  byId('dashboard').hidden = screen !== 'dashboard';
  byId('sign-out').hidden = screen !== 'dashboard';
  if (screen === 'signed-out') byId('user-name').textContent = '';
}

function fail(message: string): void {
  byId('error').textContent = message;
  byId('error').hidden = false;
}

async function showDashboard(): Promise<void> {
  const response = await call('/api/dashboard');
  if (response.status === 401) return show('signed-out');
  if (!response.ok) return fail(`The dashboard could not be loaded (${response.status}).`);
  renderDashboard((await response.json()) as DashboardView, placeOrder);
  show('dashboard');
}

/** The key of each product's order until it is placed: asking again after a failure retries, never doubles. */
const pendingOrders = new Map<string, string>();

async function placeOrder(product: Recommendation, button: HTMLButtonElement): Promise<void> {
  const key = pendingOrders.get(product.id) ?? crypto.randomUUID();
  pendingOrders.set(product.id, key);
  button.disabled = true;
  try {
    const response = await call('/api/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify({ items: [{ productId: product.id, quantity: 1 }] }),
    });
    if (response.status === 401) return show('signed-out');
    // A refused order (4xx) will not succeed with the same key; anything else may be retried with it.
    if (response.ok || (response.status >= 400 && response.status < 500)) pendingOrders.delete(product.id);
    byId('order-status').textContent = response.ok
      ? 'Order placed.'
      : `The order failed (${response.status}).`;
    if (response.ok) await showDashboard();
  } catch {
    byId('order-status').textContent = 'The order could not be sent; try again.';
  } finally {
    button.disabled = false;
  }
}

async function signOut(): Promise<void> {
  const response = await call('/bff/logout', { method: 'POST' });
  const { endSessionUrl } = response.ok
    ? ((await response.json()) as { endSessionUrl: string | null })
    : { endSessionUrl: null };
  // The provider ends its own session too, then sends the browser back here.
  if (endSessionUrl) location.assign(endSessionUrl);
  else show('signed-out');
}

byId('sign-out').addEventListener('click', () => void signOut());

const user = await call('/bff/user');
if (user.ok) await showDashboard();
else show('signed-out');

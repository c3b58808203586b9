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

async function placeOrder(product: Recommendation): Promise<void> {
  // One key per order the user asks for: a retried request cannot order twice.
  const response = await call('/api/orders', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify({ items: [{ productId: product.id, quantity: 1 }] }),
  });
  if (response.status === 401) return show('signed-out');
  byId('order-status').textContent = response.ok ? 'Order placed.' : `The order failed (${response.status}).`;
  if (response.ok) await showDashboard();
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

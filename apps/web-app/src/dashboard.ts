import type { DashboardView, Money, Recommendation } from './dashboard.view';

const byId = (id: string): HTMLElement => document.getElementById(id) as HTMLElement;

const money = ({ amount, currency }: Money): string =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).format(amount);

function listItem(text: string, ...extra: Node[]): HTMLLIElement {
  const item = document.createElement('li');
  item.textContent = text;
  item.append(...extra);
  return item;
}

/** The note shown when the gateway answered with some optional parts missing. */
function partialNote({ partial, missing }: DashboardView['_meta']): string | undefined {
  return partial ? `Some parts could not be loaded just now: ${missing.join(', ')}.` : undefined;
}

/** Fills the dashboard: profile, recent orders, recommendations (each with an order button). */
export function renderDashboard(
  view: DashboardView,
  order: (product: Recommendation, button: HTMLButtonElement) => void,
): void {
  byId('user-name').textContent = view.user.displayName;
  byId('profile-email').textContent = view.user.email;
  byId('profile-tier').textContent = view.user.tier;
  byId('profile-since').textContent = new Date(view.user.memberSince).toLocaleDateString('en');

  byId('orders').replaceChildren(
    ...(view.recentOrders ?? []).map((o) => listItem(`${o.id} — ${o.status} — ${money(o.total)}`)),
  );
  byId('recommendations').replaceChildren(
    ...(view.recommendations ?? []).map((product) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'order';
      button.textContent = 'Order';
      button.addEventListener('click', () => order(product, button));
      return listItem(`${product.name} — ${money(product.price)} `, button);
    }),
  );

  const note = partialNote(view._meta);
  byId('partial').hidden = note === undefined;
  byId('partial').textContent = note ?? '';
}

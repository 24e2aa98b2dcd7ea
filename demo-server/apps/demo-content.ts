import { escapeHtml } from './html.ts';

/** Who an app's backend found in a valid JWT. */
export interface AppUser {
  id: string;
  email: string;
}

/** What an app shows a logged-in user: JSON for its SPA, HTML for its server-rendered page. */
export interface DemoContent {
  /** `cart` or `posts`: tells the SPA how to draw the JSON. */
  kind: string;
  title: string;
  json(user: AppUser): unknown;
  html(user: AppUser): string;
}

const CART_ITEMS = [
  { sku: 'BEAN-1K', name: 'Espresso beans, 1 kg', quantity: 1, unitPrice: 24.5 },
  { sku: 'DRIP-02', name: 'Ceramic pour-over dripper', quantity: 1, unitPrice: 32 },
  { sku: 'FILT-100', name: 'Paper filters, pack of 100', quantity: 2, unitPrice: 4.25 },
];

const money = (amount: number) => `$${amount.toFixed(2)}`;

export const shoppingCart: DemoContent = {
  kind: 'cart',
  title: 'Shopping cart',
  json: (user) => ({
    customer: user.email,
    items: CART_ITEMS,
    total: CART_ITEMS.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0),
    currency: 'USD',
  }),
  html: (user) => {
    const rows = CART_ITEMS.map(
      (item) => `<tr><td>${escapeHtml(item.name)}</td><td>${item.quantity}</td><td>${money(item.quantity * item.unitPrice)}</td></tr>`,
    ).join('');
    const total = CART_ITEMS.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0);
    return `<p class="signed-in">Cart of ${escapeHtml(user.email)}</p>
<table><thead><tr><th scope="col">Item</th><th scope="col">Qty</th><th scope="col">Price</th></tr></thead>
<tbody>${rows}</tbody><tfoot><tr><th scope="row" colspan="2">Total</th><td>${money(total)}</td></tr></tfoot></table>`;
  },
};

const POSTS = [
  { id: 101, title: 'Grinder settings for a light roast?', author: 'monica', replies: 7 },
  { id: 102, title: 'Show us your pour-over setup', author: 'jared', replies: 12 },
  { id: 103, title: 'Descaling: vinegar or citric acid', author: 'dinesh', replies: 3 },
];

export const forumPosts: DemoContent = {
  kind: 'posts',
  title: 'Forum posts',
  json: (user) => ({ member: user.email, posts: POSTS }),
  html: (user) => {
    const items = POSTS.map(
      (post) => `<li><span class="post-title">${escapeHtml(post.title)}</span> <span class="post-meta">by ${escapeHtml(post.author)} · ${post.replies} replies</span></li>`,
    ).join('');
    return `<p class="signed-in">Signed in as ${escapeHtml(user.email)}</p>\n<ul class="posts">${items}</ul>`;
  },
};

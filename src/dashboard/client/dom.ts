// DOM building for both pages: text content only, so nothing from the API ever becomes markup.

type Child = Node | string | null | undefined;

export const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from the page`);
  return node as T;
};

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, children: Child[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') node.textContent = v;
    else if (k === 'class') node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  return node;
}

export function fill(id: string, nodes: Node | Node[]): void {
  $(id).replaceChildren(...([] as Node[]).concat(nodes));
}

export const empty = (text: string) => el('div', { class: 'empty', text });

export function when(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString('en-GB', { day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit' }) : '–';
}

export const shortDate = (d: Date) => d.toLocaleDateString('en-GB', { day: '2-digit', month: 'short' });

export function formatHours(h: number | null | undefined): string {
  if (h === null || h === undefined) return '–';
  if (h < 1) return `${Math.round(h * 60)} min`;
  if (h < 48) return `${Math.round(h * 10) / 10} h`;
  return `${Math.round(h / 2.4) / 10} d`;
}

export const badge = (text: string | null | undefined, cls?: string) => el('span', { class: `badge ${cls ?? text ?? ''}`, text: text || '–' });

export function table(headers: string[], rows: Child[][]): HTMLTableElement {
  const head = el('thead', {}, [
    el(
      'tr',
      {},
      headers.map((h) => el('th', { text: h })),
    ),
  ]);
  const body = el(
    'tbody',
    {},
    rows.map((r) =>
      el(
        'tr',
        {},
        r.map((c) => el('td', {}, [c])),
      ),
    ),
  );
  return el('table', {}, [head, body]);
}

export const updatedNow = () => `Updated ${new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' })}`;

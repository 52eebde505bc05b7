import type { Interface } from '../../i18n.js';

/** Home › Section › Story, the visible twin of the BreadcrumbList JSON-LD. */
export function Breadcrumb({ items, t }: { items: Array<{ name: string; href: string; lang?: string }>; t: Interface }) {
  return (
    <nav class="breadcrumb" aria-label={t.breadcrumb} lang={t.lang}>
      <ol>
        {items.map((item, i) => (
          <li lang={item.lang}>
            {i === items.length - 1 ? <span aria-current="page">{item.name}</span> : <a href={item.href}>{item.name}</a>}
          </li>
        ))}
      </ol>
    </nav>
  );
}

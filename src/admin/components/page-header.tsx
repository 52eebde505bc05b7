import type { ComponentChildren } from 'preact';

/** A screen's title, an optional line under it, and its main actions (at the end of the line, below it on a phone). */
export function PageHeader({ title, description, children }: { title: ComponentChildren; description?: ComponentChildren; children?: ComponentChildren }) {
  return (
    <header class="page-header">
      <div class="page-title">
        <h1>{title}</h1>
        {description && <p class="muted">{description}</p>}
      </div>
      {children && <div class="page-actions">{children}</div>}
    </header>
  );
}

import type { ComponentChildren } from 'preact';
import type { LucideIcon } from 'lucide-preact';

/**
 * What a list shows when it has nothing yet: what belongs here and the one thing to do about
 * it, so a newsroom's first day starts from a button rather than an empty table.
 */
export function EmptyState({ icon: Icon, title, children, action }: { icon: LucideIcon; title: string; children?: ComponentChildren; action?: ComponentChildren }) {
  return (
    <div class="empty-state" role="status">
      <Icon aria-hidden="true" size={32} strokeWidth={1.5} />
      <p class="empty-title">{title}</p>
      {children && <p class="muted">{children}</p>}
      {action}
    </div>
  );
}

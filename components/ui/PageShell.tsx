import type { ReactNode } from 'react';
import { SpokeMark } from './SpokeMark';

/** Header and frame shared by Spoke's extension pages (popup, side panel, settings, CoE console). */
export function PageShell({
  title,
  subtitle,
  variant = 'panel',
  children,
}: {
  title: string;
  subtitle?: string;
  variant?: 'popup' | 'panel' | 'wide';
  children: ReactNode;
}) {
  return (
    <main className={`page page--${variant}`} data-testid="page">
      <header className="page__header">
        <SpokeMark size={26} />
        <div>
          <h1 className="page__title">{title}</h1>
          {subtitle && <p className="page__subtitle">{subtitle}</p>}
        </div>
      </header>
      {children}
    </main>
  );
}

/** What a page shows while it has nothing yet, with what to do about it. */
export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="empty" aria-label={title}>
      <h2>{title}</h2>
      <p>{children}</p>
    </section>
  );
}

/** A failure in words, announced to screen readers; nothing when there is none. */
export function ErrorNote({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {error}
    </p>
  );
}

import { type ReactNode, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './page.css';

/** Mounts an extension page into its `#root`. */
export function renderPage(page: ReactNode): void {
  const container = document.getElementById('root');
  if (!container) throw new Error('Spoke page is missing its #root element');
  createRoot(container).render(<StrictMode>{page}</StrictMode>);
}

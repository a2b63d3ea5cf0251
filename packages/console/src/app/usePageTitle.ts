import { useEffect } from 'react';

/** The document title follows the page, so history entries and screen readers name it. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Hookflow`;
  }, [title]);
}

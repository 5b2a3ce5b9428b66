import { useEffect } from 'react';

/** "Store support · WA Desk" in the window title and task bar, back to "WA Desk" when the page goes. */
export function useDocumentTitle(title: string | null): void {
  useEffect(() => {
    document.title = title ? `${title} · WA Desk` : 'WA Desk';
    return () => {
      document.title = 'WA Desk';
    };
  }, [title]);
}

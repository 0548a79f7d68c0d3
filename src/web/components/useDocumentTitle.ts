import { useEffect } from 'react';

/** "<page> — Lamtheo" in the browser tab and history list. */
export function useDocumentTitle(title: string | null | undefined) {
  useEffect(() => {
    if (title) document.title = `${title} — Lamtheo`;
  }, [title]);
}

import { useState } from 'react';

/** Token paging: remembers the tokens of the pages seen, so "Previous" can go back. */
export function usePageTokens(): {
  token: string | undefined;
  page: number;
  next: (token: string) => void;
  previous: () => void;
  reset: () => void;
} {
  const [tokens, setTokens] = useState<(string | undefined)[]>([undefined]);
  return {
    token: tokens[tokens.length - 1],
    page: tokens.length,
    next: (token) => setTokens((seen) => [...seen, token]),
    previous: () => setTokens((seen) => (seen.length > 1 ? seen.slice(0, -1) : seen)),
    reset: () => setTokens([undefined]),
  };
}

export function Pager({
  label,
  pages,
  nextPageToken,
}: {
  label: string;
  pages: ReturnType<typeof usePageTokens>;
  nextPageToken: string | null | undefined;
}) {
  return (
    <nav aria-label={`${label} pages`} className="pager row">
      <button type="button" disabled={pages.page === 1} onClick={pages.previous}>
        Previous page
      </button>
      <span>Page {pages.page}</span>
      <button type="button" disabled={!nextPageToken} onClick={() => nextPageToken && pages.next(nextPageToken)}>
        Next page
      </button>
    </nav>
  );
}

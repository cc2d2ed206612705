/** What a list says when the search hides every row: that it is the search, and a way to clear it. */
import { Button, NonIdealState } from '@blueprintjs/core';

export function NoSearchMatch({ search, what, onClear }: { search: string; what: string; onClear: () => void }) {
  return (
    <div data-testid="no-search-match">
      <NonIdealState
        icon="search"
        title={`No ${what} matches “${search.trim()}”`}
        description="The search looks in ids, secret names, descriptions and tags."
        action={<Button icon="cross" text="Clear the search" onClick={onClear} data-testid="clear-search" />}
      />
    </div>
  );
}

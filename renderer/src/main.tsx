import 'normalize.css';
import '@blueprintjs/core/lib/css/blueprint.css';
import '@blueprintjs/icons/lib/css/blueprint-icons.css';
import './styles.css';
import { BlueprintProvider, FocusStyleManager, NonIdealState } from '@blueprintjs/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiCallError, ApiContext, createApiClient, bootstrapTransport } from './api';
import { App, SessionEndedNotice } from './app';
import { ProductionConfirmProvider } from './components';
import { applyTheme } from './theme';

applyTheme(window.matchMedia('(prefers-color-scheme: dark)').matches);
// Focus rings for keyboard focus only, not after a click.
FocusStyleManager.onlyShowFocusOnTabs();

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Retry only what the API says is worth retrying (throttling, unreachable endpoints).
      retry: (count, error) => count < 2 && error instanceof ApiCallError && error.apiError.retryable,
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
});

const rootElement = document.getElementById('root');
if (rootElement === null) throw new Error('index.html has no #root element');
const root = createRoot(rootElement);

void bootstrapTransport().then((boot) => {
  if (boot.kind === 'unauthorised') {
    root.render(<NonIdealState icon="lock" title={boot.title} description={boot.detail} />);
    return;
  }
  root.render(
    <StrictMode>
      <BlueprintProvider>
        <SessionEndedNotice />
        <ApiContext.Provider value={createApiClient(boot.transport)}>
          <QueryClientProvider client={queryClient}>
            <ProductionConfirmProvider>
              <App />
            </ProductionConfirmProvider>
          </QueryClientProvider>
        </ApiContext.Provider>
      </BlueprintProvider>
    </StrictMode>,
  );
});

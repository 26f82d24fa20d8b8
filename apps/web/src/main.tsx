import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import './i18n';
import './styles.css';
import { App } from './app';
import { OutboxProvider } from './offline/use-outbox';
import { SessionProvider } from './session';

// Server state through TanStack Query: cached per screen, refetched on focus and on the screens' intervals.
// A 4xx is an answer, not a blip: no retries for it.
const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: (count, error) => count < 2 && !('status' in error && Number(error.status) < 500), staleTime: 2_000 },
  },
});

// The app shell cached for use with no signal (public/sw.js); only on the real origin, not in dev.
if ('serviceWorker' in navigator && import.meta.env.PROD) void navigator.serviceWorker.register('/app/sw.js', { scope: '/app/' });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <OutboxProvider>
          <App />
        </OutboxProvider>
      </SessionProvider>
    </QueryClientProvider>
  </StrictMode>,
);

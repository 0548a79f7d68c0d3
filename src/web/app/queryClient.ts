import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { authKeys } from '../api/auth';
import { ApiError, isApiError } from '../api/client';

/** A 401 anywhere means the session ended: forget the user so the guard sends them to the login page. */
function onAnyError(error: unknown) {
  if (isApiError(error, 'unauthorized')) queryClient.setQueryData(authKeys.me(), null);
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onAnyError }),
  mutationCache: new MutationCache({ onError: onAnyError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Client errors (4xx) will not fix themselves; retry only network trouble and 5xx, once.
      retry: (failureCount, error) => {
        if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
        return failureCount < 1;
      },
    },
    mutations: { retry: false },
  },
});

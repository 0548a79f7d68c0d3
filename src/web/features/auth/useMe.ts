import { useMutation } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import type { Me } from '../../../shared/schemas/auth';
import { authApi } from '../../api/auth';

/** Set by AppLayout once the session is known, so pages inside it always have a user. */
export const MeContext = createContext<Me | null>(null);

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() used outside the signed-in layout');
  return me;
}

/**
 * Log out, then load the login page afresh: a full navigation drops every cached query and
 * in-memory record of the previous user (shared office computers are common).
 */
export function useLogout() {
  return useMutation({
    mutationFn: authApi.logout,
    onSettled: () => window.location.replace('/dang-nhap'),
  });
}

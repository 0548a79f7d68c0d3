import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Account, CreateAccountBody, UpdateAccountBody } from '../../../shared/schemas/accounts';
import { accountApi, accountKeys } from '../../api/accounts';
import { auditKeys } from '../../api/audit';
import { isApiError } from '../../api/client';

function useInvalidateAccounts() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: accountKeys.lists() });
    void queryClient.invalidateQueries({ queryKey: auditKeys.all });
  };
}

export function useCreateAccount() {
  const invalidate = useInvalidateAccounts();
  return useMutation({ mutationFn: (body: CreateAccountBody) => accountApi.create(body), onSuccess: invalidate });
}

export function useUpdateAccount(account: Account) {
  const invalidate = useInvalidateAccounts();
  return useMutation({
    mutationFn: (changes: Omit<UpdateAccountBody, 'version'>) => accountApi.update(account.id, { version: account.version, ...changes }),
    onSuccess: invalidate,
    // 409: reload the list so the next attempt carries the current version.
    onError: (error) => {
      if (isApiError(error, 'conflict')) invalidate();
    },
  });
}

export function useResetPassword(account: Account) {
  const invalidate = useInvalidateAccounts();
  return useMutation({ mutationFn: (newPassword: string) => accountApi.resetPassword(account.id, newPassword), onSuccess: invalidate });
}

import { Alert } from 'antd';
import type { ReactNode } from 'react';
import { useEffect, useRef } from 'react';
import { errorMessage, isApiError } from '../api/client';

/**
 * The server's message at the top of a form. It scrolls itself into view: the user pressed a
 * button at the bottom of a long dialog and must see why nothing happened.
 */
export function FormError({ error, conflictHint }: { error: unknown; conflictHint?: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [error]);
  const conflict = isApiError(error, 'conflict');
  return (
    <div ref={ref} style={{ marginBottom: 16 }}>
      <Alert
        type={conflict ? 'warning' : 'error'}
        showIcon
        role="alert"
        title={errorMessage(error)}
        description={conflict ? conflictHint : undefined}
      />
    </div>
  );
}

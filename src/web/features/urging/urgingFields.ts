import type { FormInstance } from 'antd';
import { isApiError } from '../../api/client';

/**
 * The server names a field `body.daysBefore` (schema checks), `daysBefore` (rules checked by the
 * service) or `unitIds.3` (one entry of a list): all go under the form field of that name.
 */
export function fieldOf(path: string, names: readonly string[]): string | null {
  const [first] = path.replace(/^body\./u, '').split('.');
  return first !== undefined && names.includes(first) ? first : null;
}

/** Put the server's Vietnamese messages under the matching fields; true when at least one landed. */
export function applyFieldErrors(form: FormInstance, error: unknown, names: readonly string[]): boolean {
  if (!isApiError(error, 'validation') || error.details.length === 0) return false;
  const byField = new Map<string, string[]>();
  for (const detail of error.details) {
    const name = fieldOf(detail.path, names);
    if (name === null) continue;
    byField.set(name, [...(byField.get(name) ?? []), detail.message]);
  }
  if (byField.size === 0) return false;
  form.setFields([...byField].map(([name, errors]) => ({ name, errors: [...new Set(errors)] })));
  return true;
}

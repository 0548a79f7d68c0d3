import type { FormInstance } from 'antd';
import { isApiError } from '../api/client';

/**
 * Put the server's per-field validation messages under the matching form fields.
 * Returns true when at least one field got a message (the caller may then skip a banner).
 */
export function applyServerErrors(form: FormInstance, error: unknown, fieldMap: Record<string, string> = {}): boolean {
  if (!isApiError(error, 'validation') || error.details.length === 0) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const fields = error.details
    .map((detail) => ({ name: fieldMap[detail.path] ?? detail.path, errors: [detail.message] }))
    .filter((field) => known.has(field.name));
  if (fields.length === 0) return false;
  form.setFields(fields);
  return true;
}

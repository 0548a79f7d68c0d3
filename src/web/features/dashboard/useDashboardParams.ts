import { useSearchParams } from 'react-router-dom';
import type { DashboardParams } from '../../api/dashboard';
import { useMe } from '../auth/useMe';
import { positiveInt } from '../meetings/meetingFormat';
import { periodFromSearch, periodToSearch } from './period';

/** The unit and period of the dashboard and the report editor, kept in the page's address. */
export function useDashboardParams(): [DashboardParams, (next: DashboardParams) => void] {
  const me = useMe();
  const [search, setSearch] = useSearchParams();
  const params: DashboardParams = { unitId: positiveInt(search.get('unit')) ?? me.scopeUnit.id, ...periodFromSearch(search) };
  const set = (next: DashboardParams) => setSearch({ unit: String(next.unitId), ...periodToSearch(next) });
  return [params, set];
}

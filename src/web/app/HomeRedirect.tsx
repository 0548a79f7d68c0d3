import { Navigate } from 'react-router-dom';
import { useMe } from '../features/auth/useMe';

/** Members land on their own record; officers on the organisation tree of their scope. */
export function HomeRedirect() {
  const me = useMe();
  if (me.role === 'member' && me.memberId !== null) return <Navigate to="/ho-so" replace />;
  return <Navigate to="/don-vi" replace />;
}

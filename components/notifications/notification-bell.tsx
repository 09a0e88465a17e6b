import { env } from '@/lib/env';
import { NotificationMenu } from './notification-menu';

/**
 * The header bell of the desk, admin and portal shells. Nothing is read here: the list loads in the
 * browser after the page, so the bell never slows a server render. Customers' notices open their
 * cases in the portal; staff's open the desk.
 */
export function NotificationBell({ area }: { area: 'desk' | 'admin' | 'portal' }) {
  return (
    <NotificationMenu
      audience={area === 'portal' ? 'customer' : 'staff'}
      caseHrefBase={area === 'portal' ? '/portal/cases' : '/desk/cases'}
      timeZone={env().SHOP_TIMEZONE}
    />
  );
}

import { getRequestContext } from '@/lib/context/request';
import { listNotifications } from '@/lib/notifications';
import { NotificationMenu } from './notification-menu';

/** The desk header's bell: the first page of the signed-in agent's notifications, kept live. */
export async function NotificationBell() {
  const ctx = await getRequestContext();
  const page = await listNotifications({ ctx, input: {} });
  return <NotificationMenu initial={page} />;
}

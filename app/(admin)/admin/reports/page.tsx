import type { Metadata } from 'next';
import { ReportsDashboard } from '@/components/reports/reports-dashboard';
import { requireAreaActor } from '@/lib/auth/guard';
import { getT } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('reports.title') };
}

/**
 * The same dashboard for admins, who have no desk (docs/decisions/0002): the drill-down links into
 * desk lists would lead nowhere for them, so they are left out here.
 */
export default async function AdminReportsPage({ searchParams }: PageProps<'/admin/reports'>) {
  await requireAreaActor('read:report:any');
  return <ReportsDashboard basePath="/admin/reports" searchParams={await searchParams} drillDown={false} />;
}

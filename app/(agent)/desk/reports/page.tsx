import type { Metadata } from 'next';
import { ReportsDashboard } from '@/components/reports/reports-dashboard';
import { requireAreaActor } from '@/lib/auth/guard';
import { getT } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('reports.title') };
}

/** The supervisor dashboard; for agents (no 'read:report:any') the page does not exist. */
export default async function DeskReportsPage({ searchParams }: PageProps<'/desk/reports'>) {
  await requireAreaActor('read:report:any');
  return <ReportsDashboard basePath="/desk/reports" searchParams={await searchParams} drillDown />;
}

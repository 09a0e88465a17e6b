import { FolderTree } from 'lucide-react';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { AuthorCategoryDto } from '@/lib/help/authoring';
import { getT } from '@/lib/i18n/server';
import { CategoryDialog } from './category-dialog';
import type { SaveCategoryAction } from './types';

/** The help center's topics: both names, the slug, the order and how many articles each holds. */
export async function CategoriesPanel({
  categories,
  save,
}: {
  categories: AuthorCategoryDto[];
  save: SaveCategoryAction;
}) {
  const t = await getT();
  return (
    <div className="grid gap-4" data-testid="help-categories">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="max-w-2xl text-sm text-muted-foreground">{t('helpAuthoring.categories.intro')}</p>
        <CategoryDialog save={save} />
      </div>
      {categories.length === 0 ? (
        <EmptyState icon={<FolderTree />} title={t('helpAuthoring.categories.empty')} />
      ) : (
        <Card className="py-0">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t('helpAuthoring.categories.fields.nameZh')}</TableHead>
                <TableHead>{t('helpAuthoring.categories.fields.nameEn')}</TableHead>
                <TableHead>{t('helpAuthoring.categories.fields.slug')}</TableHead>
                <TableHead className="text-right">{t('helpAuthoring.categories.fields.position')}</TableHead>
                <TableHead className="text-right">{t('helpAuthoring.categories.articles')}</TableHead>
                <TableHead className="w-12">
                  <span className="sr-only">{t('common.actions')}</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {categories.map((c) => (
                <TableRow key={c.id} data-testid={`category-${c.slug}`}>
                  <TableCell className="font-medium" lang="zh-CN">
                    {c.nameZh}
                  </TableCell>
                  <TableCell lang="en">{c.nameEn}</TableCell>
                  <TableCell>
                    <code className="font-mono text-xs text-muted-foreground">{c.slug}</code>
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{c.position}</TableCell>
                  <TableCell className="text-right tabular-nums">{c.articles}</TableCell>
                  <TableCell>
                    <CategoryDialog category={c} save={save} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
    </div>
  );
}

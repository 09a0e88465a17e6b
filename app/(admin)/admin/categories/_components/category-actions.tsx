'use client';

import { ActiveToggle } from '@/components/catalog/active-toggle';
import { CatalogRecordDialog } from '@/components/catalog/record-dialog';
import type { CatalogRecord } from '@/lib/catalog/names';
import { useT } from '@/lib/i18n/client';
import { createCategoryAction, setCategoryActiveAction, updateCategoryAction } from '../actions';

export function NewCategoryDialog() {
  const t = useT();
  return (
    <CatalogRecordDialog
      title={t('categoryAdmin.createTitle')}
      description={t('categoryAdmin.description')}
      triggerLabel={t('categoryAdmin.new')}
      idPrefix="category"
      onSubmit={createCategoryAction}
    />
  );
}

/** Edit and deactivate/reactivate one category. `products` is its product count, already formatted. */
export function CategoryActions({ record, name, products }: { record: CatalogRecord; name: string; products: string }) {
  const t = useT();
  return (
    <>
      <CatalogRecordDialog
        key={record.version}
        record={record}
        title={t('categoryAdmin.editTitle', { name })}
        description={t('catalogRecords.codeFixed')}
        triggerLabel={t('catalogRecords.edit')}
        idPrefix={`category-${record.code}`}
        onSubmit={updateCategoryAction}
      />
      <ActiveToggle
        key={`toggle-${record.version}`}
        active={record.active}
        code={record.code}
        title={t(record.active ? 'categoryAdmin.deactivateTitle' : 'categoryAdmin.reactivateTitle', { name })}
        description={
          record.active
            ? t('categoryAdmin.deactivateDescription', { count: products })
            : t('categoryAdmin.reactivateDescription')
        }
        onConfirm={() =>
          setCategoryActiveAction({ code: record.code, version: record.version, active: !record.active })
        }
      />
    </>
  );
}

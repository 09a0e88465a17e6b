'use client';

import { ActiveToggle } from '@/components/catalog/active-toggle';
import { CatalogRecordDialog } from '@/components/catalog/record-dialog';
import type { CatalogRecord } from '@/lib/catalog/names';
import { useT } from '@/lib/i18n/client';
import { createChannelAction, setChannelActiveAction, updateChannelAction } from '../actions';

export function NewChannelDialog() {
  const t = useT();
  return (
    <CatalogRecordDialog
      title={t('channelAdmin.createTitle')}
      description={t('channelAdmin.description')}
      triggerLabel={t('channelAdmin.new')}
      idPrefix="channel"
      onSubmit={createChannelAction}
    />
  );
}

/** Edit and deactivate/reactivate one channel. `orders` is its order count, already formatted. */
export function ChannelActions({ record, name, orders }: { record: CatalogRecord; name: string; orders: string }) {
  const t = useT();
  return (
    <>
      <CatalogRecordDialog
        key={record.version}
        record={record}
        title={t('channelAdmin.editTitle', { name })}
        description={t('catalogRecords.codeFixed')}
        triggerLabel={t('catalogRecords.edit')}
        idPrefix={`channel-${record.code}`}
        onSubmit={updateChannelAction}
      />
      <ActiveToggle
        key={`toggle-${record.version}`}
        active={record.active}
        code={record.code}
        title={t(record.active ? 'channelAdmin.deactivateTitle' : 'channelAdmin.reactivateTitle', { name })}
        description={
          record.active
            ? t('channelAdmin.deactivateDescription', { count: orders })
            : t('channelAdmin.reactivateDescription')
        }
        onConfirm={() => setChannelActiveAction({ code: record.code, version: record.version, active: !record.active })}
      />
    </>
  );
}

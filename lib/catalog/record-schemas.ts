import { z } from 'zod';
import { CATALOG_CODE_RE, CATALOG_NAME_MAX, CATALOG_POSITION_MAX } from './names';

/**
 * Inputs shared by channels and product categories (same shape). Error codes are message keys
 * under `validation.*`.
 */

/** A new record's code: checked strictly, never rewritten (it is what other systems send us). */
export const newCodeField = z
  .string({ message: 'required' })
  .trim()
  .min(1, 'required')
  .regex(CATALOG_CODE_RE, 'invalid_code');

/** Names the record to change; not a field that can change (codes are immutable). */
const codeRef = z.string({ message: 'required' }).trim().min(1, 'required').max(100, 'too_long');

const nameField = z.string({ message: 'required' }).trim().min(1, 'required').max(CATALOG_NAME_MAX, 'too_long');

/** From JSON (boolean) or a form (`true`/`false`/`on`). */
const activeField = z
  .union([z.boolean(), z.enum(['true', 'false', 'on'])], { message: 'invalid_choice' })
  .transform((v) => v === true || v === 'true' || v === 'on');

/** A blank form field counts as "not given" (a new record then goes last). */
const positionField = z.preprocess(
  (v) => (v === '' || v === null ? undefined : v),
  z.coerce
    .number({ message: 'invalid_number' })
    .int('invalid_number')
    .min(0, 'out_of_range')
    .max(CATALOG_POSITION_MAX, 'out_of_range')
    .optional(),
);

export const CreateCatalogRecordInput = z.object({
  code: newCodeField,
  nameZh: nameField,
  nameEn: nameField,
  active: activeField.optional().default(true),
  position: positionField,
});
export type CreateCatalogRecordInput = z.input<typeof CreateCatalogRecordInput>;

/** Everything but the code may change; omitted fields keep their value. */
export const UpdateCatalogRecordInput = z.object({
  code: codeRef,
  version: z.coerce.number({ message: 'invalid' }).int('invalid').min(1, 'invalid'),
  nameZh: nameField.optional(),
  nameEn: nameField.optional(),
  active: activeField.optional(),
  position: positionField,
});
export type UpdateCatalogRecordInput = z.input<typeof UpdateCatalogRecordInput>;

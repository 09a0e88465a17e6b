import { z } from 'zod';
import { emailField, nameField, newPasswordField } from '@/lib/auth/schemas';
import { ROLES } from '@/lib/authz/permissions';
import { CursorParam } from '@/lib/pagination';

export const roleField = z.enum(ROLES, { message: 'invalid_choice' });

export const ListUsersInput = z.object({
  q: z.string().trim().max(100, 'too_long').optional().default(''),
  role: z
    .union([roleField, z.literal('')])
    .optional()
    .default(''),
  status: z.enum(['', 'active', 'inactive']).optional().default(''),
  cursor: CursorParam,
});
export type ListUsersInput = z.input<typeof ListUsersInput>;

const uuidField = z.uuid('not_found');
const versionField = z.coerce.number().int().min(1);

export const CreateUserInput = z.object({
  name: nameField,
  email: emailField,
  role: roleField,
  password: newPasswordField,
  teamIds: z.array(uuidField).max(20).optional().default([]),
});
export type CreateUserInput = z.input<typeof CreateUserInput>;

export const ChangeUserRoleInput = z.object({ userId: uuidField, role: roleField, version: versionField });
export type ChangeUserRoleInput = z.input<typeof ChangeUserRoleInput>;

export const SetUserActiveInput = z.object({
  userId: uuidField,
  active: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]),
  version: versionField,
});
export type SetUserActiveInput = z.input<typeof SetUserActiveInput>;

export const SetUserTeamsInput = z.object({
  userId: uuidField,
  teamIds: z.array(uuidField).max(20),
});
export type SetUserTeamsInput = z.input<typeof SetUserTeamsInput>;

export const CreateTeamInput = z.object({
  name: z.string().trim().min(1, 'required').max(60, 'too_long'),
  description: z.string().trim().max(300, 'too_long').optional().default(''),
});
export type CreateTeamInput = z.input<typeof CreateTeamInput>;

export const DeleteTeamInput = z.object({ teamId: uuidField });
export type DeleteTeamInput = z.input<typeof DeleteTeamInput>;

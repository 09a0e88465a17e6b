/**
 * Permissions are `verb:entity:scope`. Code checks permissions, never role names, so a new role or
 * a changed grant is an edit to ROLE_PERMISSIONS alone.
 *   own = only records that belong to the actor; any = every record.
 */
export const PERMISSIONS = [
  'access:portal:own',
  'access:desk:any',
  'access:admin:any',
  'update:profile:own',
  'read:user:any',
  'create:user:any',
  'update:user:any',
  'read:team:any',
  'manage:team:any',
  'read:audit:any',
  'read:order:own',
  'claim:order:own',
  'read:order:any',
  'create:order:any',
  'update:order:any',
  'delete:order:any',
  'restore:order:any',
  'purge:order:any',
  'import:order:any',
  'export:order:any',
  'reveal:pii:any',
  'manage:apikey:any',
  'create:case:own',
  'read:case:own',
  'act:case:own',
  'create:case:any',
  'read:case:any',
  'update:case:any',
  'override:policy:any',
  // Supervising the case work: escalations reach them, and the case workflow treats them as supervisors.
  'supervise:case:any',
  // A compensation above the shop's approval threshold waits for someone holding this (#18).
  'approve:compensation:any',
  'manage:policy:any',
  'manage:sla:any',
  'read:outbox:any',
  'read:notification:own',
  'manage:reply:any',
  'create:feedback:own',
  'read:feedback:own',
  'update:feedback:own',
  'read:feedback:any',
  'update:feedback:any',
  'manage:feedback:any',
  'read:report:any',
  'read:backup:any',
  'manage:backup:any',
  // Catalogue, channels and shop settings (#12): admins keep them, supervisors read and import.
  'read:product:any',
  'manage:product:any',
  'import:product:any',
  'manage:channel:any',
  'manage:shop:any',
  // Customers on the desk (#12).
  'read:customer:any',
  'update:customer:any',
  'merge:customer:any',
  'import:customer:any',
  'export:customer:any',
  'import:review:any',
  // Priority and routing rules for new cases (#18).
  'manage:caserule:any',
  // Help-center articles: write, publish, archive; see their feedback (#13).
  'manage:help:any',
  // Live chat (#14): customers talk in their own chats; agents answer the queue and their own
  // chats; supervisors see and transfer every chat; capacities and the offer time are managed.
  'use:chat:own',
  'answer:chat:any',
  'supervise:chat:any',
  'manage:chat:any',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ['customer', 'agent', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  customer: [
    'access:portal:own',
    'update:profile:own',
    'read:order:own',
    'claim:order:own',
    'create:case:own',
    'read:case:own',
    'act:case:own',
    'create:feedback:own',
    'read:feedback:own',
    'update:feedback:own',
    // The portal bell: status changes and replies on their own cases (#18).
    'read:notification:own',
    'use:chat:own',
  ],
  agent: [
    'access:desk:any',
    'update:profile:own',
    'read:team:any',
    'read:order:any',
    'create:order:any',
    'update:order:any',
    'delete:order:any',
    'export:order:any',
    'create:case:any',
    'read:case:any',
    'update:case:any',
    'override:policy:any',
    'read:notification:own',
    'read:feedback:any',
    'update:feedback:any',
    // Customer profiles: look a caller up, note and tag them.
    'read:customer:any',
    'update:customer:any',
    'answer:chat:any',
  ],
  // Supervisors also import in bulk and may see a customer's full phone and address (audited).
  supervisor: [
    'access:desk:any',
    'update:profile:own',
    'read:team:any',
    'read:user:any',
    'read:order:any',
    'create:order:any',
    'update:order:any',
    'delete:order:any',
    'export:order:any',
    'import:order:any',
    'reveal:pii:any',
    'create:case:any',
    'read:case:any',
    'update:case:any',
    'override:policy:any',
    'supervise:case:any',
    'approve:compensation:any',
    'read:notification:own',
    'read:feedback:any',
    'update:feedback:any',
    // Dashboards and reports (#6).
    'read:report:any',
    // Supervisors keep the team's shared canned replies.
    'manage:reply:any',
    // A shop's history moves in through supervisors: catalogue (read), customers, reviews (#12).
    'read:product:any',
    'import:product:any',
    'read:customer:any',
    'update:customer:any',
    'merge:customer:any',
    'import:customer:any',
    'export:customer:any',
    'import:review:any',
    // Supervisors write the help center's articles (#13).
    'manage:help:any',
    'answer:chat:any',
    'supervise:chat:any',
    'manage:chat:any',
  ],
  admin: [
    'access:admin:any',
    'update:profile:own',
    'read:user:any',
    'create:user:any',
    'update:user:any',
    'read:team:any',
    'manage:team:any',
    'read:audit:any',
    // Admins keep the bin: they restore or purge deleted orders from /admin, and issue API keys.
    'restore:order:any',
    'purge:order:any',
    'reveal:pii:any',
    'manage:apikey:any',
    'manage:policy:any',
    'approve:compensation:any',
    'manage:sla:any',
    'read:outbox:any',
    // Feedback categories, tags, keyword rules and survey settings.
    'manage:feedback:any',
    // The catalogue, product categories, sales channels and the shop currency (#12).
    'read:product:any',
    'manage:product:any',
    'manage:channel:any',
    'manage:shop:any',
    'read:report:any',
    // Backups (#15): the schedule, "back up now", and the overdue alerts in the bell.
    'read:backup:any',
    'manage:backup:any',
    'read:notification:own',
    // Which priority a new case starts with and which team it goes to (#18).
    'manage:caserule:any',
    'manage:help:any',
    'manage:chat:any',
  ],
};

export function permissionsOf(role: Role): ReadonlySet<Permission> {
  return new Set(ROLE_PERMISSIONS[role]);
}

/**
 * The roles that hold a permission, for queries over other users ("who can take cases", "who
 * hears about escalations"): the question stays a permission, never a role name.
 */
export function rolesWith(permission: Permission): Role[] {
  return ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(permission));
}

import type { Role } from '@/lib/authz';

/** What the admin user list shows: never the password hash. */
export type UserRowDto = {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  createdAt: string;
  version: number;
  teams: { id: string; name: string }[];
};

export type TeamDto = { id: string; name: string; description: string | null; memberCount: number };

import 'next-auth';

// The session cookie carries only the id of our server-side session row (db/schema/identity.ts).
declare module 'next-auth' {
  interface User {
    sid?: string;
  }
  interface Session {
    sid?: string;
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    sid?: string;
  }
}

import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { ensureAuthSecret } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { logger } from '@/lib/log';
import { clientIpFrom, REQUEST_ID_HEADER } from '@/lib/context/headers';
import { authenticate } from './mutations';
import { SESSION_MAX_AGE_SECONDS } from './sessions';

/** Carries our error code (e.g. `rate_limited:15`) through Auth.js to the sign-in form. */
class SignInFailure extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: ensureAuthSecret(),
  trustHost: true,
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/sign-in', error: '/sign-in' },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const ctx = {
          actor: null,
          ip: clientIpFrom(request.headers),
          requestId: request.headers.get(REQUEST_ID_HEADER),
          userAgent: request.headers.get('user-agent'),
        };
        try {
          const { userId, sessionId } = await authenticate({ ctx, input: credentials });
          return { id: userId, sid: sessionId };
        } catch (err) {
          if (err instanceof AppError) {
            const minutes = err.params.minutes;
            throw new SignInFailure(minutes ? `${err.code}:${minutes}` : err.code);
          }
          throw err;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.sid) token.sid = user.sid;
      return token;
    },
    session({ session, token }) {
      return { ...session, sid: token.sid };
    },
  },
  logger: {
    // A wrong password is an expected outcome, audited elsewhere; everything else is logged.
    error(error: Error) {
      if (error instanceof CredentialsSignin) return;
      // A junk, tampered or outdated session cookie is the visitor's problem, not the server's: they
      // are simply signed out. At error level anyone could fill the log with one line per request.
      const type = (error as Error & { type?: string }).type;
      if (type === 'JWTSessionError' || type === 'SessionTokenError') {
        logger.debug({ err: { name: error.name, type } }, 'invalid session cookie ignored');
        return;
      }
      logger.error({ err: { name: error.name, message: error.message } }, 'auth error');
    },
    warn(code: string) {
      logger.warn({ code }, 'auth warning');
    },
    debug() {},
  },
}));

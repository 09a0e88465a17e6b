// A real SMTP server for the end-to-end tests: the app delivers customer e-mail to it, and each
// message is appended as one JSON line to the file the tests read.
import fs from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

const port = Number(process.env.E2E_SMTP_PORT ?? 3125);
const file = process.env.E2E_MAIL_FILE ?? '.data/e2e-mail.jsonl';
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, '');

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const to = session.envelope.rcptTo.map((r) => r.address);
      fs.appendFileSync(file, `${JSON.stringify({ to, raw })}\n`);
      callback();
    });
  },
});
server.listen(port, '127.0.0.1', () => console.log(`smtp sink on ${port}`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));

import path from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  DEMO: z.enum(['auto', 'always', 'never']).default('auto'),
  DEMO_PASSWORD: z.string().min(8).default('BacNinh@2012'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Set when the app sits behind HTTPS, so cookies get the Secure flag. */
  COOKIE_SECURE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  SESSION_HOURS: z.coerce.number().positive().default(12),
  WEB_DIR: z.string().default('./dist/web'),
  /** Urging e-mail (issue #11): smtp://user:pass@host:587 or smtps://…; unset = no e-mail. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//u, 'must start with smtp:// or smtps://').optional(),
  MAIL_FROM: z.string().default('Lamtheo <no-reply@localhost>'),
  /** Address of the app as users reach it, for links in e-mails (default http://localhost:PORT). */
  PUBLIC_URL: z.string().url().optional(),
  /** 0: this instance serves the web only; another one runs the background jobs. */
  WORKER: z.enum(['0', '1']).default('1'),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPort: number;
  demo: 'auto' | 'always' | 'never';
  demoPassword: string;
  logLevel: string;
  cookieSecure: boolean;
  sessionHours: number;
  webDir: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  publicUrl: string;
  worker: boolean;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    embeddedPort: e.EMBEDDED_PG_PORT,
    demo: e.DEMO,
    demoPassword: e.DEMO_PASSWORD,
    logLevel: e.LOG_LEVEL,
    cookieSecure: e.COOKIE_SECURE,
    sessionHours: e.SESSION_HOURS,
    webDir: path.resolve(e.WEB_DIR),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/u, ''),
    worker: e.WORKER === '1',
  };
}

import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';

/**
 * Configuration is read once, here, from the environment and validated; a bad
 * start-up lists every bad setting at once instead of failing on the first.
 */
const configSchema = z
  .object({
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, '应为 postgres://… 连接串')
      .optional(),
    LIANJIAN_DATA_DIR: z.string().min(1).default('./data'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    LIANJIAN_SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
    LIANJIAN_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
    LIANJIAN_AUDIT_HASH: z.enum(['sha256', 'sm3']).default('sha256'),
    LIANJIAN_AUDIT_CHECKPOINT_DIR: z.string().trim().min(1, '应为目录路径').optional(),
    LIANJIAN_AUDIT_KEY_FILE: z
      .string()
      .trim()
      .min(1, '应为文件路径')
      .refine((v) => !v.endsWith('/'), '应为文件路径，不是目录')
      .optional(),
    LIANJIAN_RECORD_KEY_FILE: z
      .string()
      .trim()
      .min(1, '应为文件路径')
      .refine((v) => !v.endsWith('/'), '应为文件路径，不是目录')
      .optional(),
    LIANJIAN_COMPLAINANT_KEY_FILE: z
      .string()
      .trim()
      .min(1, '应为文件路径')
      .refine((v) => !v.endsWith('/'), '应为文件路径，不是目录')
      .optional(),
    LIANJIAN_COOKIE_SECURE: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    LIANJIAN_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
    LIANJIAN_TRUST_PROXY: z
      .string()
      .regex(
        /^(true|false|\d{1,2}|[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*)$/,
        '应为 true、false、代理层数或以逗号分隔的代理地址（如 10.0.0.1,10.0.0.0/8）',
      )
      .default('false'),
    LIANJIAN_PUBLIC_BASE_URL: z
      .string()
      .regex(
        /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/,
        '应为 http:// 或 https:// 开头的网址，如 https://lianjian.rizhao.gov.cn',
      )
      .optional(),
    LIANJIAN_NOTIFY_WEBHOOK_URL: z
      .string()
      .regex(/^https?:\/\/\S+$/, '应为 http:// 或 https:// 地址')
      .optional(),
    LIANJIAN_NOTIFY_WEBHOOK_SECRET: z.string().min(16, '签名密钥至少 16 个字符').optional(),
    LIANJIAN_NOTIFY_INTERVAL_SECONDS: z.coerce
      .number()
      .int()
      .min(0)
      .max(24 * 3600)
      .default(60),
    LIANJIAN_NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
    LIANJIAN_JOBS_DELAY_SECONDS: z.coerce.number().int().min(0).max(600).default(5),
    LIANJIAN_CREDIT_WEBHOOK_URL: z
      .string()
      .regex(/^https?:\/\/\S+$/, '应为 http:// 或 https:// 地址')
      .optional(),
    LIANJIAN_CREDIT_WEBHOOK_SECRET: z.string().min(16, '签名密钥至少 16 个字符').optional(),
    LIANJIAN_IMPORT_MAX_RUNNING: z.coerce
      .number({ message: '应为 1–16 的整数' })
      .int('应为 1–16 的整数')
      .min(1, '应为 1–16 的整数')
      .max(16, '应为 1–16 的整数')
      .default(2),
    LIANJIAN_UPLOAD_DIR: z.string().min(1).optional(),
    LIANJIAN_DEMO_SKIP_PASSWORD_CHANGE: z
      .enum(['true', 'false'], { message: '应为 true 或 false' })
      .default('false')
      .transform((v) => v === 'true'),
  })
  .superRefine((c, ctx) => {
    if (c.LIANJIAN_NOTIFY_WEBHOOK_URL && !c.LIANJIAN_NOTIFY_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['LIANJIAN_NOTIFY_WEBHOOK_SECRET'],
        message: '设置了消息推送地址 LIANJIAN_NOTIFY_WEBHOOK_URL 时必须同时设置签名密钥 LIANJIAN_NOTIFY_WEBHOOK_SECRET',
      });
    }
    if (c.LIANJIAN_CREDIT_WEBHOOK_URL && !c.LIANJIAN_CREDIT_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['LIANJIAN_CREDIT_WEBHOOK_SECRET'],
        message:
          '设置了信用平台推送地址 LIANJIAN_CREDIT_WEBHOOK_URL 时必须同时设置签名密钥 LIANJIAN_CREDIT_WEBHOOK_SECRET',
      });
    }
  });

export type RawConfig = z.infer<typeof configSchema>;

export interface AppConfig {
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
  port: number;
  host: string;
  sessionIdleMinutes: number;
  /** Login attempts per client address per minute, against password guessing across accounts. */
  loginRatePerMinute: number;
  auditHash: 'sha256' | 'sm3';
  /**
   * Signed checkpoints of the audit chain's head, kept outside the database (docs/deploy.md): the append-only
   * checkpoint file's directory and the Ed25519 signing key's file (generated on first use).
   */
  auditCheckpoints: { dir: string; keyFile: string };
  /**
   * The AES-256-GCM key that encrypts natural persons' ID numbers in received licence and penalty records, kept
   * outside the database (created on first use, checked at start: src/records/record-id-key.ts).
   */
  recordKeyFile: string;
  /**
   * The AES-256-GCM key that encrypts complainants' identity and contact (吹哨人保护) and keys the hash of their
   * lookup codes: a second key file, kept apart from the ID-number key so each can be held by its own custodian
   * (same handling: src/shared/field-key.ts; checked at start: src/complaints/complainant-key.ts).
   */
  complainantKeyFile: string;
  cookieSecure: boolean;
  logLevel: RawConfig['LIANJIAN_LOG_LEVEL'];
  /**
   * The address the public reaches the platform at (no trailing slash), for links that leave it: the
   * 检查码 QR on printed notices and links in outbound messages. Null: the address of the request (or relative links).
   */
  publicBaseUrl: string | null;
  /**
   * Behind a reverse proxy: which X-Forwarded-For hops to trust (Fastify trustProxy), so per-address
   * rate limits on the public pages count each visitor, not the proxy. false when the platform is reached directly.
   */
  trustProxy: boolean | number | string;
  /**
   * Local demo only: the demo city's accounts, when `start` seeds it into an empty database, are not
   * made to change the published demo password at first login. Ignored for every other account.
   */
  demoSkipPasswordChange: boolean;
  /**
   * Seconds after `start` before the dispatcher's first run (reminders and the day's jobs): the first pages are
   * answered before it, since the embedded database runs in the server's own thread. 0: at once (the test harnesses,
   * whose flows expect the day's jobs to have run before they begin).
   */
  jobsDelaySeconds: number;
  /** Outbound messages: a signed webhook to the SMS / 政务微信 gateway, or (null) one log line each. */
  notify: {
    webhook: { url: string; secret: string } | null;
    /** Seconds between dispatcher runs; 0 = no timer and no sending after commit (tests, CLI). */
    intervalSeconds: number;
    /** Attempts before a message is given up as 发送失败. */
    maxAttempts: number;
  };
  /** 双公示 pushes to the credit information platform: its signed webhook, or (null) one log line each. */
  creditPlatform: { url: string; secret: string } | null;
  imports: {
    /** Imports running at once in this process (each user at most one). */
    maxRunning: number;
    /** Where uploaded files wait for their job (private to the platform's account; emptied of orphans at start). */
    uploadDir: string;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置有误：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Embedded database: under the data directory (<dataDir>/audit-checkpoints, <dataDir>/keys/audit-checkpoint.key);
 * PostgreSQL (or an in-memory database): relative to the working directory. Both can be set; production should.
 */
function auditCheckpointPaths(c: RawConfig): AppConfig['auditCheckpoints'] {
  const base = !c.DATABASE_URL && c.LIANJIAN_DATA_DIR !== 'memory://' ? c.LIANJIAN_DATA_DIR : '.';
  return {
    dir: c.LIANJIAN_AUDIT_CHECKPOINT_DIR ?? join(base, 'audit-checkpoints'),
    keyFile: c.LIANJIAN_AUDIT_KEY_FILE ?? join(base, 'keys', 'audit-checkpoint.key'),
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const values = Object.fromEntries(
    Object.keys(configSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const parsed = configSchema.safeParse(values);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (issue) => `${issue.path.join('.')}=${String(values[String(issue.path[0])])}：${issue.message}`,
      ),
    );
  }
  const c = parsed.data;
  return {
    database: c.DATABASE_URL
      ? { kind: 'postgres', url: c.DATABASE_URL }
      : { kind: 'pglite', dataDir: c.LIANJIAN_DATA_DIR },
    port: c.PORT,
    host: c.HOST,
    sessionIdleMinutes: c.LIANJIAN_SESSION_IDLE_MINUTES,
    loginRatePerMinute: c.LIANJIAN_LOGIN_RATE_PER_MINUTE,
    auditHash: c.LIANJIAN_AUDIT_HASH,
    auditCheckpoints: auditCheckpointPaths(c),
    recordKeyFile: c.LIANJIAN_RECORD_KEY_FILE ?? join(dirname(auditCheckpointPaths(c).keyFile), 'record-id.key'),
    complainantKeyFile:
      c.LIANJIAN_COMPLAINANT_KEY_FILE ?? join(dirname(auditCheckpointPaths(c).keyFile), 'complainant.key'),
    cookieSecure: c.LIANJIAN_COOKIE_SECURE,
    logLevel: c.LIANJIAN_LOG_LEVEL,
    trustProxy:
      c.LIANJIAN_TRUST_PROXY === 'true'
        ? true
        : c.LIANJIAN_TRUST_PROXY === 'false'
          ? false
          : /^\d+$/.test(c.LIANJIAN_TRUST_PROXY)
            ? Number(c.LIANJIAN_TRUST_PROXY)
            : c.LIANJIAN_TRUST_PROXY,
    publicBaseUrl: c.LIANJIAN_PUBLIC_BASE_URL ? c.LIANJIAN_PUBLIC_BASE_URL.replace(/\/+$/, '') : null,
    demoSkipPasswordChange: c.LIANJIAN_DEMO_SKIP_PASSWORD_CHANGE,
    jobsDelaySeconds: c.LIANJIAN_JOBS_DELAY_SECONDS,
    notify: {
      webhook: c.LIANJIAN_NOTIFY_WEBHOOK_URL
        ? { url: c.LIANJIAN_NOTIFY_WEBHOOK_URL, secret: c.LIANJIAN_NOTIFY_WEBHOOK_SECRET! }
        : null,
      intervalSeconds: c.LIANJIAN_NOTIFY_INTERVAL_SECONDS,
      maxAttempts: c.LIANJIAN_NOTIFY_MAX_ATTEMPTS,
    },
    creditPlatform: c.LIANJIAN_CREDIT_WEBHOOK_URL
      ? { url: c.LIANJIAN_CREDIT_WEBHOOK_URL, secret: c.LIANJIAN_CREDIT_WEBHOOK_SECRET! }
      : null,
    imports: {
      maxRunning: c.LIANJIAN_IMPORT_MAX_RUNNING,
      // One folder per system account, so two accounts on one machine never share (or block) each other's.
      uploadDir: c.LIANJIAN_UPLOAD_DIR ?? join(tmpdir(), `lianjian-uploads-${process.getuid?.() ?? 'user'}`),
    },
  };
}

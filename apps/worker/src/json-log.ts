/** The worker's logs: one JSON object a line on stderr (stdout stays empty). */
export type Log = (level: 'info' | 'warn' | 'error', msg: string, extra?: Record<string, unknown>) => void;

export const jsonLog: Log = (level, msg, extra = {}) => {
  process.stderr.write(JSON.stringify({ level, time: new Date().toISOString(), msg, ...extra }) + '\n');
};

/** A store spec or URL without its password. */
export const redacted = (spec: string): string => spec.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');

export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

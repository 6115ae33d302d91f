// The hub's log: one JSON object per line on stdout (pino), for a log shipper to collect. What goes in is chosen
// field by field (server/observe.ts for requests): never a body, a query string, a header, a token, an invite code
// or a link code, so that the log can be kept and read without holding anything of a member.
import { pino } from 'pino';

export type Logger = pino.Logger;

/**
 * An error as a log field: its kind, code, message and stack, not its other properties (a database error's `detail`
 * or `where` can quote the values of a row).
 */
function errorSummary(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code } = error as { code?: unknown };
  return {
    type: error.name,
    ...(typeof code === 'string' ? { code } : {}),
    message: error.message,
    stack: error.stack,
    ...(error.cause !== undefined ? { cause: errorSummary(error.cause) } : {}),
  };
}

/** A logger writing to `destination` (stdout by default); `server/main.ts` sets the level from `LOG_LEVEL`. */
export function createLogger(destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: 'info',
    timestamp: pino.stdTimeFunctions.isoTime,
    // "info" rather than 30: a person reads these too.
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: errorSummary },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** The process's logger, for what happens outside a request (start, shutdown, background sweeps). */
export const log = createLogger();

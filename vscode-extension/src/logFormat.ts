// One log line in VS Code's own log format (`2025-01-31 14:05:09.123
// [info] message`, local time), stamped with the time it was written. No
// `vscode` import: the Node tests load it.

export type LogLevelName = 'trace' | 'debug' | 'info' | 'warning' | 'error';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYY-MM-DD HH:MM:SS.mmm` in local time, as VS Code's log files write it. */
export function logTimestamp(time: Date): string {
  return (
    `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())} ` +
    `${pad(time.getHours())}:${pad(time.getMinutes())}:${pad(time.getSeconds())}.${pad(time.getMilliseconds(), 3)}`
  );
}

export function formatLogLine(time: Date, level: LogLevelName, message: string): string {
  return `${logTimestamp(time)} [${level}] ${message}`;
}

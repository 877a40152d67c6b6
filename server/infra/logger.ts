// The server's logger: JSON lines (pino). Payment secrets are never logged on purpose; if a
// line ever carries one under its usual name, it goes out blanked.
import { pino, type DestinationStream, type Logger } from 'pino';

const SECRET_FIELDS = ['secretKey', 'webhookSecret', 'clientSecret', 'client_secret', 'card_number'];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const redact = [...SECRET_FIELDS, ...SECRET_FIELDS.map((field) => `*.${field}`)];
  return destination ? pino({ level, redact }, destination) : pino({ level, redact });
}

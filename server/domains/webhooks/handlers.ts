import type { Db } from '../../db/connection.js';
import type { TagHandlers } from '../../contract/handlers.js';
import type { CommerceSettings } from '../../payments/commerce.js';

export function createWebhookHandlers(db: Db, commerce: CommerceSettings): TagHandlers<'Webhooks'> {
  void db;
  void commerce;
  return {};
}

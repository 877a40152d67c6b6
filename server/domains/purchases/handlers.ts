import type { Db } from '../../db/connection.js';
import type { TagHandlers } from '../../contract/handlers.js';
import type { CommerceSettings } from '../../payments/commerce.js';

export function createPurchaseHandlers(db: Db, commerce: CommerceSettings): TagHandlers<'Purchases'> {
  void db;
  void commerce;
  return {};
}

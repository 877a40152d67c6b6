import type { Db } from '../../db/connection.js';
import type { TagHandlers } from '../../contract/handlers.js';
import type { CommerceSettings } from '../../payments/commerce.js';

export function createPaymentSandboxHandlers(db: Db, commerce: CommerceSettings): TagHandlers<'Payment sandbox'> {
  void db;
  void commerce;
  return {};
}

import type { Db } from '../../db/connection.js';
import type { TagHandlers } from '../../contract/handlers.js';
import type { CommerceSettings } from '../../payments/commerce.js';

export function createLicensePresetHandlers(db: Db, commerce: CommerceSettings): TagHandlers<'License presets'> {
  void db;
  void commerce;
  return {};
}

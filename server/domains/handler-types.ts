import type { Handlers, OperationId } from '../../generated/contract.js';
import type { RequestContext } from '../http/request-context.js';

/** The handlers a domain implements: its slice of the generated contract. */
export type DomainHandlers<K extends OperationId> = Pick<Handlers<RequestContext>, K>;

// The static shapes of the generated contract (generated/contract.ts imports them): what the
// operation table says about each operation, and the bodies that are not JSON. Written by hand
// so the code generator only emits data and names; nothing here depends on the spec.

export type SecurityScheme = 'sessionCookie' | 'bearerAuth';

/** Page sizes of a list operation, from its `x-pagination.per_page`. */
export interface PageSizes {
  readonly default: number;
  readonly maximum: number;
}

/** `x-pagination` of a list operation (openapi/README.md). */
export interface PaginationInfo {
  readonly style: 'length-aware' | 'simple' | 'has-more' | 'none';
  /** Dotted path of the item array in the 200 body (`pagination.data`). */
  readonly items: string;
  /** Present when the operation takes `page` and `per_page`. */
  readonly perPage?: PageSizes;
}

export interface OperationInfo<Id extends string = string, Group extends string = string, Tag extends string = string> {
  readonly operationId: Id;
  readonly method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH';
  /** The path as written in the spec, with {placeholders}. */
  readonly path: string;
  /** The operation's tag: the server domain that implements it. */
  readonly tag: Tag;
  /** True when the operation also works without credentials. */
  readonly anonymous: boolean;
  /** True when only a signed-in caller gets past the security step (handlers get a non-null user). */
  readonly requiresUser: boolean;
  readonly schemes: readonly SecurityScheme[];
  readonly rateLimitGroup: Group;
  readonly statuses: readonly number[];
  readonly hasJsonBody: boolean;
  readonly hasMultipartBody: boolean;
  /** Declared header parameters, named as in the spec; handlers get them in `headers`. */
  readonly headerParameters: readonly string[];
  readonly pagination?: PaginationInfo;
}

/** A body that is not JSON (binary or text media types): a file on disk, or one made in memory. */
export type FileBody = StoredFileBody | GeneratedFileBody;

/** A file on disk; the server streams it with Range support. */
export interface StoredFileBody {
  readonly kind: 'file';
  /** Absolute path of the file to send. */
  readonly path: string;
  readonly contentType: string;
  /** Offered as the download's file name (Content-Disposition: attachment). */
  readonly downloadName?: string;
}

/** A document made per request (an HTML page, a PDF): sent whole, with the handler's status. */
export interface GeneratedFileBody {
  readonly kind: 'file';
  readonly data: Uint8Array | string;
  readonly contentType: string;
  /** Offered as the download's file name (Content-Disposition: attachment); inline without one. */
  readonly downloadName?: string;
}

/** A file received in a multipart request, already on disk in a temporary location. */
export interface UploadedFile {
  readonly field: string;
  readonly path: string;
  readonly originalName: string;
  readonly mimeType: string;
  readonly size: number;
}

/** Extra response headers; Set-Cookie may repeat. */
export type ResponseHeaders = Record<string, string | string[]>;

import { inspect } from "node:util";

/** The NCP services this SDK talks to, as they appear in `NcloudError.service`. */
export type ServiceName = "subAccount" | "sts" | "nsml" | "searchEngine" | "config";

export interface NcloudErrorFields {
  /** HTTP status of the last response; undefined when no response came (input, network, config). */
  status?: number;
  /** NCP's error code as a string (`"9012"`, `"200"`), or an SDK code such as `"InvalidInput"`. */
  code?: string;
  service: ServiceName;
  /** `service.method`, e.g. `subAccount.createAccessKey`. */
  operation: string;
  requestId?: string;
  /** True when the same call may succeed later unchanged (throttling, 5xx, connection errors). */
  retryable?: boolean;
  /**
   * True when a request that changes something may or may not have taken effect (timeout or
   * connection reset after sending, a 5xx to a POST, or a PUT/DELETE out of attempts on those).
   * The caller must find out before retrying.
   */
  outcomeUnknown?: boolean;
  cause?: unknown;
}

/**
 * The one error type of the SDK. Its message is already scrubbed of every secret the SDK knows
 * (see redact.ts), and it never holds the request, its headers or its body, so printing it in any
 * way cannot leak a key.
 */
export class NcloudError extends Error {
  override readonly name = "NcloudError";
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly service: ServiceName;
  readonly operation: string;
  readonly requestId: string | undefined;
  readonly retryable: boolean;
  readonly outcomeUnknown: boolean;

  constructor(message: string, fields: NcloudErrorFields) {
    super(message, fields.cause === undefined ? undefined : { cause: fields.cause });
    this.status = fields.status;
    this.code = fields.code;
    this.service = fields.service;
    this.operation = fields.operation;
    this.requestId = fields.requestId;
    this.retryable = fields.retryable ?? false;
    this.outcomeUnknown = fields.outcomeUnknown ?? false;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      code: this.code,
      service: this.service,
      operation: this.operation,
      requestId: this.requestId,
      retryable: this.retryable,
      outcomeUnknown: this.outcomeUnknown,
    };
  }

  /** Shows the fields, not the cause chain: a cause from a lower layer is not ours to print. */
  [inspect.custom](): string {
    return `${this.stack ?? this.message}\n${inspect(this.toJSON())}`;
  }
}

export const INVALID_INPUT = "InvalidInput";

/** Bad input found before sending: status undefined, code `InvalidInput`, nothing was sent. */
export function invalidInput(operation: string, field: string, problem: string, fix: string): NcloudError {
  const service = operation.split(".")[0] as ServiceName;
  return new NcloudError(`${operation}: invalid ${field}: ${problem}. Fix: ${fix}`, {
    code: INVALID_INPUT,
    service,
    operation,
  });
}

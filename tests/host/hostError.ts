/**
 * The error a ProviderHost call rejects with, translated from the gRPC status the dynamic-provider
 * host answered with.
 */
import type { ServiceError } from "@grpc/grpc-js";
import { ErrorResourceInitFailed } from "@pulumi/pulumi/proto/provider_pb";
import { Status } from "@pulumi/pulumi/proto/status_pb";
import { fromStruct, type WireObject } from "./wireValues";

/** What a create/update that failed after the resource came into being reports (partial state). */
export interface InitFailure {
  id: string;
  properties: WireObject;
  reasons: string[];
}

/**
 * A failed call. `message` is the gRPC details, which is what `pulumi up` prints to the user;
 * `code` is the gRPC status code (UNKNOWN for anything a provider throws).
 */
export class ProviderHostError extends Error {
  constructor(
    message: string,
    readonly code: number,
    /** Present when the provider threw an error carrying `id` (ErrorResourceInitFailed). */
    readonly initFailure?: InitFailure,
  ) {
    super(message);
    this.name = "ProviderHostError";
  }
}

const initFailedType = "pulumirpc.ErrorResourceInitFailed";

/** Translates a gRPC client error, unpacking an ErrorResourceInitFailed detail when present. */
export function toProviderHostError(err: ServiceError): ProviderHostError {
  return new ProviderHostError(err.details, err.code, initFailureOf(err));
}

function initFailureOf(err: ServiceError): InitFailure | undefined {
  // The host sends details in the `grpc-status-details-bin` trailer, as the Go engine expects.
  const [raw] = err.metadata?.get("grpc-status-details-bin") ?? [];
  if (!(raw instanceof Buffer)) {
    return undefined;
  }
  for (const detail of Status.deserializeBinary(raw).getDetailsList()) {
    if (detail.getTypeName() === initFailedType) {
      const failed = ErrorResourceInitFailed.deserializeBinary(detail.getValue_asU8());
      return {
        id: failed.getId(),
        properties: fromStruct(failed.getProperties()),
        reasons: failed.getReasonsList(),
      };
    }
  }
  return undefined;
}

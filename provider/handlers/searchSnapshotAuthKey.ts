import type * as pulumi from "@pulumi/pulumi";
import { NcloudError, type NcloudClient, type Site } from "../../sdk";
import { checkInputs, containsUnknown, definedOnly } from "./check";
import { clientOptions, ncloudClient } from "./client";
import { type RegionSettings, regionFailure, regionSettings } from "./searchEngineRegion";
import { searchSnapshotAuthKeyInputs } from "./schemas";

/** Any NCP region code; the SDK maps it to the site's Search Engine path or refuses it before sending. */
type Region = string;

export interface SearchSnapshotAuthKeyInputs {
  serviceGroupInstanceNo: string;
  accessKeyId: string;
  secretKey: string;
  region?: Region;
  verify: boolean;
}

export interface SearchSnapshotAuthKeyOutputs extends SearchSnapshotAuthKeyInputs {
  /** The region the key was set in: the resource's, else the stack's (`ncloud:region`, NCLOUD_REGION, the site's default). */
  region: Region;
  /** The site the key was set on (`ncloud:site`); absent in state written before it was recorded. */
  site?: Site;
  requestId: string;
  updatedAt: string;
}

/**
 * The inputs, then the region against the configured site (./searchEngineRegion): `settings` is
 * what configure read, a parameter so the rule stays table-testable.
 */
export function check(
  _olds: unknown,
  news: Record<string, unknown>,
  settings: RegionSettings = regionSettings(clientOptions(), process.env),
): pulumi.dynamic.CheckResult {
  const result = checkInputs(searchSnapshotAuthKeyInputs, news);
  const region = result.inputs.region;
  if (result.failures?.some((f) => f.property === "region") || containsUnknown(region)) return result;
  const reason = regionFailure(typeof region === "string" ? region : undefined, settings);
  return reason === undefined ? result : { inputs: result.inputs, failures: [...(result.failures ?? []), { property: "region", reason }] };
}

/** Where the stack's config puts a service group when the resource does not say: its site and default region. */
export interface StackPlacement {
  site: Site;
  region: Region;
}

export function stackPlacement(client: Pick<NcloudClient, "site" | "region">): StackPlacement {
  return { site: client.site, region: client.region };
}

/**
 * Another service group, region or site is another resource (replace); a new key is set in place.
 * The region and site are compared as the update would use them: a resource without `region`
 * takes the stack's (`ncloud:region`), so a new `ncloud:region` moves it as surely as a new
 * `region` does, and the diff must say so rather than let the update post to another region's
 * path. `stack` is a parameter so the rule is table-testable.
 */
export function diff(
  _id: string,
  olds: SearchSnapshotAuthKeyOutputs,
  news: SearchSnapshotAuthKeyInputs,
  stack: StackPlacement = stackPlacement(ncloudClient()),
): pulumi.dynamic.DiffResult {
  const replaces: string[] = [];
  if (containsUnknown(news.serviceGroupInstanceNo) || String(news.serviceGroupInstanceNo) !== olds.serviceGroupInstanceNo) {
    replaces.push("serviceGroupInstanceNo");
  }
  if (containsUnknown(news.region) || (news.region ?? stack.region) !== olds.region) replaces.push("region");
  if (olds.site !== undefined && stack.site !== olds.site) replaces.push("site");
  const updates = (["accessKeyId", "secretKey", "verify"] as const).filter(
    (key) => containsUnknown(news[key]) || (news[key] ?? (key === "verify" ? true : undefined)) !== olds[key],
  );
  return { changes: replaces.length > 0 || updates.length > 0, replaces };
}

/**
 * Sets the key, then (with `verify`) proves it reaches Object Storage, the only way NCP lets us
 * see that the key works: there is no call that reads the key back.
 */
async function setKey(client: NcloudClient, inputs: SearchSnapshotAuthKeyInputs): Promise<SearchSnapshotAuthKeyOutputs> {
  const region = inputs.region ?? client.region;
  const no = String(inputs.serviceGroupInstanceNo);
  const { requestId } = await setKeyIdempotently(client, no, inputs, region);
  const verify = inputs.verify ?? true;
  if (verify) {
    try {
      await client.searchEngine.getBucketList(no, { region });
    } catch (error) {
      // The SDK has redacted the key set here: it sent it (sdk/errors/knownSecrets.ts).
      const why = (error as Error).message.replace(/\.$/, "");
      // NCP answered (a 200 with an error code is how it refuses the key); a 5xx, a timeout or a
      // reset is the check failing, not the key.
      if (error instanceof NcloudError && error.status !== undefined && error.status < 500) {
        throw new Error(
          `service group ${no} (${region}) now has access key ${inputs.accessKeyId}, but that key cannot reach Object Storage: ` +
            `${why}. Fix: use an active key of an account with Object Storage access, or set verify: false.`,
        );
      }
      throw new Error(
        `service group ${no} (${region}) now has access key ${inputs.accessKeyId}, but checking that it reaches Object Storage failed, ` +
          `so Pulumi does not record it yet: ${why}. Fix: run \`pulumi up\` again once NCP answers (setting the same key again is harmless), or set verify: false.`,
      );
    }
  }
  return definedOnly({ ...inputs, serviceGroupInstanceNo: no, region, site: client.site, verify, requestId, updatedAt: new Date().toISOString() });
}

/** How many times a key update whose answer was lost is sent again. */
const SET_KEY_ATTEMPTS = 3;

/**
 * Setting the same key twice leaves the service group as setting it once, so a lost answer
 * (the SDK's outcomeUnknown: it never repeats a POST on its own) is simply asked again.
 */
async function setKeyIdempotently(client: NcloudClient, no: string, inputs: SearchSnapshotAuthKeyInputs, region: Region) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.searchEngine.updateApiAuthenticationKey(no, { accessKeyId: inputs.accessKeyId, secretKey: inputs.secretKey }, { region });
    } catch (error) {
      if (!(error instanceof NcloudError && error.outcomeUnknown) || attempt >= SET_KEY_ATTEMPTS) throw error;
    }
  }
}

export async function create(inputs: SearchSnapshotAuthKeyInputs): Promise<pulumi.dynamic.CreateResult<SearchSnapshotAuthKeyOutputs>> {
  const outs = await setKey(ncloudClient(), inputs);
  return { id: outs.serviceGroupInstanceNo, outs };
}

export async function update(_id: string, _olds: SearchSnapshotAuthKeyOutputs, news: SearchSnapshotAuthKeyInputs): Promise<pulumi.dynamic.UpdateResult> {
  return { outs: await setKey(ncloudClient(), news) };
}

/**
 * NCP cannot read a service group's key back, so refresh can only notice that the service group is
 * gone; the key itself is kept from state.
 */
export async function read(id: string, props: SearchSnapshotAuthKeyOutputs): Promise<pulumi.dynamic.ReadResult> {
  try {
    await ncloudClient().searchEngine.getBucketList(id, { region: props.region });
  } catch (error) {
    if (error instanceof NcloudError && error.status === 404) return { id: "", props: {} };
    // A 200 with an NCP code (a key that no longer reaches Object Storage, say) means the group
    // exists; anything else (an outage) must fail the refresh, not report the group healthy.
    if (!(error instanceof NcloudError && error.status === 200)) throw error;
  }
  const { requestId: _r, updatedAt: _u, site: _s, ...inputs } = props;
  return { id, props, inputs };
}

/**
 * NCP has no call that unsets the key: delete only forgets it. Say so where the user will see it
 * (the engine shows the provider's stderr in verbose output).
 */
export async function remove(id: string, props: SearchSnapshotAuthKeyOutputs): Promise<void> {
  console.error(
    `SearchSnapshotAuthKey: service group ${id} (${props.region}) keeps its last API authentication key ` +
      `(access key ${props.accessKeyId}); NCP has no call to unset it.`,
  );
}

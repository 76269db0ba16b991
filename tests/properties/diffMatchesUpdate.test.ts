import fc from "fast-check";
import { setClientOptions } from "../../provider/handlers/client";
import * as search from "../../provider/handlers/searchSnapshotAuthKey";
import { NcloudClient, type NcloudClientOptions, type Site } from "../../sdk";
import { startEmulator, type Emulator } from "../../sdk/emulator";

/**
 * Whatever SearchSnapshotAuthKey's diff does not call a replacement, the update goes where the
 * create went: the same NCP host (by site) and the same path (region prefix and service group),
 * whatever changed in the resource's inputs and in the stack config between the two (issue 16,
 * item 3). The handlers run in this process against the emulator over loopback; "where" is read
 * from the requests the emulator received, and the host is the site's NCP host, as the SDK would
 * reach it without the emulator's apiUrl.
 */
jest.setTimeout(120_000);

/** The Search Engine regions each site has (README, "Regions"). */
const REGIONS: Record<Site, string[]> = { public: ["KR", "SGN", "JPN"], gov: ["KR", "KRS"], fin: ["FKR", "KR"] };
/** The emulator keeps a service group under one region's prefix. */
const REGION_BY_PREFIX: Record<string, string> = { v2: "KR", "sgn-v2": "SGN", "jpn-v2": "JPN", "krs-v2": "KRS" };

/** A region code as a user may write it. */
const spelled = (region: string) => fc.constantFrom(region, region.toLowerCase(), ` ${region.toLowerCase()} `);
const regionOn = (site: Site) => fc.option(fc.constantFrom(...REGIONS[site]).chain(spelled), { nil: undefined });
const anySite = fc.constantFrom<Site>("public", "gov", "fin");

interface Side {
  site: Site;
  /** ncloud:region */
  stackRegion?: string;
  /** The resource's region input. */
  region?: string;
}

const createSide = anySite.chain((site) => fc.record({ site: fc.constant(site), stackRegion: regionOn(site), region: regionOn(site) }));
/** Then: the same site mostly, the stack's and the resource's region kept, dropped or changed. */
const laterSide = (before: Side) =>
  fc.oneof({ arbitrary: fc.constant(before.site), weight: 3 }, { arbitrary: anySite, weight: 1 }).chain((site) =>
    fc.record({
      site: fc.constant(site),
      stackRegion: fc.oneof(fc.constant(before.stackRegion), regionOn(site)),
      region: fc.oneof(fc.constant(before.region), regionOn(site)),
    }),
  );

let emulator: Emulator;
let nextGroup = 4_000_000;
beforeAll(async () => {
  emulator = await startEmulator({ serviceGroups: [] });
});
afterAll(() => emulator.close());

function options(side: Side): NcloudClientOptions {
  return { endpoint: emulator.url, accessKey: emulator.accessKey, secretKey: emulator.secretKey, site: side.site, region: side.stackRegion };
}

/** The NCP host the site's Search Engine calls go to, as the SDK resolves it with no endpoint override. */
function siteHost(site: Site): string {
  return new NcloudClient({ site }).serviceOrigin("searchEngine");
}

/** Where each key update the emulator received since `from` went: the site's host and the path. */
function keyUpdatesSince(from: number, site: Site): string[] {
  return emulator.requests
    .slice(from)
    .filter((r) => r.method === "POST")
    .map((r) => `${siteHost(site)}${r.path}`);
}

/** Creates the resource; the emulator's service group is put under the region prefix the create posted to. */
async function create(no: string, inputs: search.SearchSnapshotAuthKeyInputs) {
  const from = emulator.requests.length;
  try {
    return await search.create(inputs);
  } catch {
    const prefix = /^\/api\/([^/]+)\//.exec(emulator.requests.at(-1)?.path ?? "")?.[1];
    if (from === emulator.requests.length || !prefix) throw new Error("create sent nothing");
    emulator.state.addServiceGroup(no, REGION_BY_PREFIX[prefix] as "KR");
    return search.create(inputs);
  }
}

test("what the diff does not replace, the update sends where the create sent", async () => {
  const run = createSide.chain((before) =>
    fc.record({
      before: fc.constant(before),
      after: laterSide(before),
      numberAsText: fc.boolean(),
      sameGroup: fc.boolean(),
      newKey: fc.boolean(),
      verify: fc.boolean(),
    }),
  );
  await fc.assert(
    fc.asyncProperty(run, async ({ before, after, numberAsText, sameGroup, newKey, verify }) => {
      const no = String(nextGroup++);
      // The account's own key reaches the emulator's Object Storage, so verify can be on.
      const key = { accessKeyId: emulator.accessKey, secretKey: emulator.secretKey };
      const given = { serviceGroupInstanceNo: numberAsText ? no : Number(no), ...key, region: before.region, verify };

      setClientOptions(options(before));
      const checked = search.check({}, given);
      expect(checked.failures).toBeUndefined();
      const from = emulator.requests.length;
      const { outs } = await create(no, checked.inputs as search.SearchSnapshotAuthKeyInputs);
      const created = keyUpdatesSince(from, before.site).at(-1);

      setClientOptions(options(after));
      const later = {
        ...given,
        serviceGroupInstanceNo: sameGroup ? given.serviceGroupInstanceNo : String(nextGroup++),
        accessKeyId: newKey ? "ncp_iam_NEWKEY" : key.accessKeyId,
        region: after.region,
        verify: false,
      };
      const news = search.check(checked.inputs, later).inputs as search.SearchSnapshotAuthKeyInputs;
      const diff = search.diff(no, outs!, news);
      if (diff.replaces!.length > 0) return; // a replacement is a new create: it may go anywhere

      const sent = emulator.requests.length;
      await search.update(no, outs!, news).catch(() => undefined); // a region the site lacks fails before sending
      for (const update of keyUpdatesSince(sent, after.site)) expect(update).toBe(created);
    }),
    { numRuns: 150 },
  );
});

import { NcloudError } from "../../sdk";
import {
  NSML_KEY,
  NSML_TITLE,
  type Operation,
  clientFor,
  documentedAnswer,
  md5Fingerprint,
  operationsFor,
  siteAndRegion,
} from "./operations";
import { type Answer, Recorder } from "./recorder";
import { type Row, errorStatusCode, failRow, isUsed, readTable } from "./table";

/**
 * What the SDK makes of NCP's documented answers, row by row of docs/ncp-wire.md: every success
 * answer is read (types as documented, bodies NCP does not send left out), and every documented
 * error surfaces with its status, its code and a fix that fits.
 */
const rows = readTable().filter(isUsed);
const of = (kind: Row["kind"]) => rows.filter((row) => row.kind === kind).map((row) => [row.id, row] as const);

let recorder: Recorder;
beforeAll(async () => {
  recorder = await new Recorder(documentedAnswer).start();
});
afterEach(() => recorder.respondWith(documentedAnswer));
afterAll(async () => {
  await recorder.close();
});

async function run(op: Operation, site?: string, region?: string): Promise<{ result?: unknown; error?: unknown }> {
  const client = clientFor(recorder.url, { site, region });
  try {
    return { result: await op.invoke(client, region) };
  } catch (error) {
    return { error };
  } finally {
    await client.close();
  }
}

describe("success answers: the SDK reads what NCP documents", () => {
  test.each([...of("path"), ...of("response")].filter(([, row]) => row.service !== "gateway" && row.method !== "*"))(
    "%s",
    async (_id, row) => {
      const [op] = operationsFor(row);
      if (!op) failRow(row, "no SDK operation for this row");
      const { site, region } = row.kind === "path" ? siteAndRegion(row.site) : {};
      const { result, error } = await run(op, site, region);
      if (error) failRow(row, `the SDK refused the documented answer: ${String(error)}`);
      if (op.service === "nsml" && op.method === "POST") {
        // NCP returns no body: the key is found by listing it (issue 8).
        const key = result as { title?: string; fingerprint?: string } | undefined;
        if (key?.title !== NSML_TITLE || key?.fingerprint !== md5Fingerprint(NSML_KEY)) {
          failRow(row, `createAuthKey returned ${JSON.stringify(result)}, not the listed key's title and fingerprint`);
        }
      }
    },
  );
});

/** The body each layer answers an error with (sdk/errors/errorBody.ts lists the shapes). */
function errorAnswer(row: Row): Answer {
  const { status, code } = errorStatusCode(row);
  const message = row.documented.split(/ \(|;/)[0].trim();
  if (row.service === "gateway") return { status, body: { error: { errorCode: code, message, details: message } } };
  if (row.service === "searchEngine") {
    return { status, body: { code: Number(code), message, result: null, requestId: "2757144e-8548-472d-9d65-962406b4efa0" } };
  }
  // NSML documents no code: its status and message only.
  if (code === undefined) return { status, body: { message } };
  return { status, body: { errorCode: Number(code), message } };
}

/** Fixes a user can act on, per documented code (issue 8: each code its own message and fix). */
const FIX_FOR: Record<string, RegExp> = {
  "gateway 401/210": /polic/i,
  "sts 401/401": /token ?code|MFA|OTP/i,
  "sts 404/404": /renew|expired/i,
  "gateway 401/200": /key/i,
  "subAccount 409/9012": /active keys/i,
  // A 401 with code 30 is a missing sub account, not bad keys (the provider's delete reads it as already gone).
  "subAccount 401/30": /subAccountId/,
  "subAccount 404/30": /subAccountId/,
};

describe("errors: the SDK surfaces status, NCP code and a fitting fix", () => {
  test.each(of("error"))("%s", async (_id, row) => {
    const [op] = operationsFor(row);
    if (!op) failRow(row, "no SDK operation for this row");
    const { status, code } = errorStatusCode(row);
    recorder.respondWith(() => errorAnswer(row));
    const { error } = await run(op);
    if (!(error instanceof NcloudError)) failRow(row, `expected an NcloudError, got ${error === undefined ? "success" : String(error)}`);
    if (error.status !== status || error.code !== code) failRow(row, `the SDK reported ${error.status}/${error.code}`);
    if (!/Fix: /.test(error.message)) failRow(row, `no "Fix:" in: ${error.message}`);
    const fix = FIX_FOR[`${row.service} ${row.name}`];
    if (fix && !fix.test(error.message.split("Fix: ")[1] ?? "")) failRow(row, `the fix does not fit: ${error.message}`);
  });
});

import { NcloudConfig, type Service } from "../../sdk";
import { CLIENT_KEYS, type Operation, documentedAnswer, operationsFor, sendThrough, siteAndRegion } from "./operations";
import { type Recorded, Recorder, signatureFor } from "./recorder";
import {
  type Row,
  documentedTypes,
  exactValue,
  failRow,
  isUsed,
  jsonTypeOf,
  readTable,
  templateRegExp,
} from "./table";

/**
 * What the SDK sends, row by row of docs/ncp-wire.md: hosts, method and path per site and region,
 * headers, request fields and path parameters. The SDK talks to a recording node:http server on
 * loopback that answers what NCP documents (operations.ts).
 */
const rows = readTable().filter(isUsed);
const of = (kind: Row["kind"]) => rows.filter((row) => row.kind === kind).map((row) => [row.id, row] as const);

let recorder: Recorder;
beforeAll(async () => {
  recorder = await new Recorder(documentedAnswer).start();
});
afterAll(async () => {
  await recorder.close();
});

/** Runs one operation and returns what reached the wire, and the SDK's error if it threw. */
function send(op: Operation, site?: string, region?: string): Promise<{ sent: Recorded[]; error?: unknown }> {
  return sendThrough(recorder, { site, region }, (client) => op.invoke(client, region));
}

function firstRequest(row: Row, result: { sent: Recorded[]; error?: unknown }): Recorded {
  if (result.sent.length === 0) failRow(row, `the SDK sent nothing${result.error ? `; it threw: ${String(result.error)}` : ""}`);
  return result.sent[0];
}

function onlyOperation(row: Row): Operation {
  const ops = operationsFor(row);
  if (ops.length !== 1) failRow(row, `expected one SDK operation for ${row.service} ${row.method}, found ${ops.length}`);
  return ops[0];
}

describe("hosts: the origin the SDK uses per service and site", () => {
  test.each(of("host"))("%s", (_id, row) => {
    const host = exactValue(row.documented);
    if (!host) failRow(row, "documented has no backticked host");
    let origin: string;
    try {
      origin = new NcloudConfig({ site: row.site, env: {} }).baseUrl(row.service as Service, "contract.host").origin;
    } catch (error) {
      failRow(row, `the SDK refused: ${String(error)}`);
    }
    if (origin !== `https://${host}`) failRow(row, `the SDK would call ${origin}`);
  });
});

describe("paths: method and path the SDK sends per site and region", () => {
  test.each(of("path"))("%s", async (_id, row) => {
    const { site, region } = siteAndRegion(row.site);
    const request = firstRequest(row, await send(onlyOperation(row), site, region));
    if (request.method !== row.method) failRow(row, `the SDK sent ${request.method}`);
    if (!templateRegExp(row.path).test(request.path)) failRow(row, `the SDK sent the path ${request.path}`);
  });
});

/** Beyond presence: the auth headers must carry the client's own values and a signature that verifies. */
function checkHeaderValue(row: Row, request: Recorded, value: string): void {
  const name = row.name.toLowerCase();
  if (name === "x-ncp-iam-access-key" && value !== CLIENT_KEYS.accessKey) failRow(row, `sent access key ${value}`);
  if (name === "x-ncp-apigw-api-key" && value !== CLIENT_KEYS.apiKey) failRow(row, "sent another API key than the client's");
  if (name === "x-ncp-apigw-timestamp" && !(/^\d+$/.test(value) && Math.abs(Number(value) - Date.now()) < 5 * 60_000)) {
    failRow(row, `sent timestamp ${value}, not ms within 5 minutes of now`);
  }
  if (name === "x-ncp-apigw-signature-v2") {
    if (value !== signatureFor(request, CLIENT_KEYS)) failRow(row, `the signature of ${request.method} ${request.path} does not verify`);
  }
  const exact = exactValue(row.documented);
  if (exact && !value.toLowerCase().startsWith(exact.toLowerCase())) failRow(row, `sent "${value}", expected ${exact}`);
}

describe("headers: present on every call of the service, GET included", () => {
  test.each(of("header"))("%s", async (_id, row) => {
    const ops = operationsFor(row);
    if (ops.length === 0) failRow(row, "no SDK operation for this service");
    for (const op of ops) {
      const request = firstRequest(row, await send(op));
      const value = request.headers[row.name.toLowerCase()];
      if (typeof value !== "string") failRow(row, `${request.method} ${request.path} was sent without ${row.name}`);
      checkHeaderValue(row, request, value);
    }
  });
});

describe("request fields: name and JSON type in the body the SDK sends", () => {
  test.each(of("request"))("%s", async (_id, row) => {
    const request = firstRequest(row, await send(onlyOperation(row)));
    let body: unknown;
    try {
      body = JSON.parse(request.body);
    } catch {
      failRow(row, `the body is not JSON: ${JSON.stringify(request.body.slice(0, 80))}`);
    }
    const value = (body as Record<string, unknown>)[row.name];
    const type = jsonTypeOf(value);
    if (!(documentedTypes(row.documented) as string[]).includes(type)) failRow(row, `sent ${row.name} as ${type}`);
  });
});

describe("path parameters: the segment the SDK fills in has the documented type", () => {
  test.each(of("param"))("%s", async (_id, row) => {
    const segments = row.path.split("/");
    const index = segments.indexOf(`{${row.name}}`);
    if (index < 0) failRow(row, `the path template has no {${row.name}}`);
    for (const op of operationsFor(row)) {
      const request = firstRequest(row, await send(op));
      if (!templateRegExp(row.path).test(request.path)) continue; // another route of the service
      const segment = decodeURIComponent(request.path.split("/")[index]);
      const ok = documentedTypes(row.documented).includes("Integer") ? /^\d+$/.test(segment) : segment !== "";
      if (!ok) failRow(row, `sent {${row.name}} as "${segment}"`);
    }
  });
});

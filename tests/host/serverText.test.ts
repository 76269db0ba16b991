/**
 * NCP's text in the provider's own messages, through the real dynamic-provider host: the keys a
 * sub account lists are quoted when a create is refused at the key limit, and a hostile listing
 * must not put a forged line, a CI annotation or a terminal escape into what `pulumi up` prints.
 */
import { rmSync } from "node:fs";
import { hostileHttp, type Hostile } from "../hostile/servers";
import { hostEnvironment } from "./ncloudStack";
import { dynamicType, providerKey, startProviderHost, urn, type ProviderHost } from "./providerHost";
import { serializedShim } from "./serializeProvider";
import { userProjectDir } from "./userProject";

const SUB = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";
// eslint-disable-next-line no-control-regex -- what must never be shown raw
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

let server: Hostile;
let host: ProviderHost;
let home: string;

beforeAll(async () => {
  // The key limit (409/9012) on create; a listing whose fields carry control characters.
  server = await hostileHttp((req, res) => {
    res.writeHead(req.method === "POST" ? 409 : 200, { "content-type": "application/json" });
    res.end(
      req.method === "POST"
        ? JSON.stringify({ errorCode: 9012, message: "too many keys" })
        : JSON.stringify([
            { accessKey: "AK1\u001b]0;pwned\u0007\u001b[2J", active: true, createTime: "2024-01-01T00:00:00Z" },
            { accessKey: "AK2\r\n::error file=main.ts::forged", active: true, createTime: "2024-01-02T00:00:00Z\u202eevil" },
          ]),
    );
  });
  const env = hostEnvironment();
  home = env.HOME!;
  host = await startProviderHost({ cwd: userProjectDir(), env });
  await host.configure({ "ncloud:accessKey": "AK", "ncloud:secretKey": "server-text-secret", "ncloud:apiUrl": server.url }, { secretKeys: ["ncloud:secretKey"] });
});

afterAll(async () => {
  await host?.close();
  await server?.close();
  rmSync(home, { recursive: true, force: true });
});

test("a create refused at the key limit names the listed keys with their control characters escaped", async () => {
  const u = urn(dynamicType("ncloud", "SubAccountAccessKey"), "limit");
  const provider = await serializedShim("subAccountAccessKey");
  const { inputs } = await host.check(u, {}, { subAccountId: SUB, [providerKey]: provider });
  const error = await host.create(u, inputs).then(
    () => undefined,
    (e: Error) => e,
  );
  expect(error?.message).toContain("already has 2 active access keys");
  expect(error?.message).toContain("AK1\\u001b]0;pwned\\u0007");
  expect(error?.message).toContain("AK2\\r\\n::error file=main.ts::forged");
  expect(error?.message).not.toMatch(UNSAFE);
  expect(host.output()).not.toContain("\r\n::error");
  expect(host.output()).not.toContain("\u001b]0;");
});

import { NcloudError } from "../../sdk";
import { type Harness, harness, rejection, sshPublicKey } from "./helpers";

describe("nsml client against the emulator", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });
  afterEach(() => h.close());

  test("create, list and delete an auth key", async () => {
    const key = sshPublicKey("me@laptop");
    const created = await h.client.nsml.createAuthKey({ title: "laptop-1", key });
    expect(created.title).toBe("laptop-1");
    expect(created.createTime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

    const listed = await h.client.nsml.listAuthKeys();
    expect(listed).toEqual({ keyList: [created], totalCount: 1 });

    await h.client.nsml.deleteAuthKey(created.title, created.name);
    expect(await h.client.nsml.listAuthKeys()).toEqual({ keyList: [], totalCount: 0 });
    expect(h.emulator.requests.at(-2)?.path).toBe(`/nsml/v1/auth-keys/title/laptop-1/name/${created.name}`);
  });

  test("deleting an unknown auth key is a 404 that says to check title and name", async () => {
    const error = await rejection(h.client.nsml.deleteAuthKey("nope", "nope"), NcloudError);
    expect(error.status).toBe(404);
    expect(error.message).toContain("check title and name");
  });

  test("a DELETE whose answer was lost and whose retry finds the key gone (NSML's 404, no code) has done what was asked", async () => {
    const created = await h.client.nsml.createAuthKey({ title: "laptop-2", key: sshPublicKey("me@laptop") });
    h.emulator.faults.add({ method: "DELETE", kind: "commitThenStatus", status: 503, times: 1 });
    await h.client.nsml.deleteAuthKey(created.title, created.name);
    expect(h.emulator.requests.filter((r) => r.method === "DELETE").map((r) => r.status)).toEqual([503, 404]);
    expect(h.emulator.state.nsmlKeys).toEqual([]);
  });

  test("a wrong API key is 401/210 Permission Denied: the sub account's policy, and the API key", async () => {
    const client = h.makeClient({ apiKey: "wrong-api-key-0000" });
    const error = await rejection(client.nsml.listAuthKeys(), NcloudError);
    expect(error).toMatchObject({ status: 401, code: "210" });
    expect(error.message).toContain("attach a policy that allows it to the key's sub account");
    expect(error.message).toContain("check the API key (ncloud:apiKey / NCLOUD_API_KEY");
    expect(error.message).not.toContain("machine clock");
    expect(error.message).not.toContain("wrong-api-key-0000");
  });

  test("no API key at all fails before sending, naming NCLOUD_API_KEY and apiKey", async () => {
    const client = h.makeClient({ apiKey: undefined });
    const error = await rejection(client.nsml.listAuthKeys(), NcloudError);
    expect(error.message).toContain("NCLOUD_API_KEY");
    expect(error.message).toContain("apiKey");
    expect(h.emulator.requests).toEqual([]);
  });

  test("a bad title or a key that is not an OpenSSH public key sends nothing", async () => {
    for (const input of [
      { title: "has space", key: sshPublicKey() },
      { title: "under_score", key: sshPublicKey() },
      { title: "double--dash", key: sshPublicKey() },
      { title: "9lives", key: sshPublicKey() },
      { title: "ok", key: "-----BEGIN OPENSSH PRIVATE KEY-----" },
      { title: "ok", key: sshKeyOfType("ssh-dss") },
      { title: "ok", key: sshKeyOfType("sk-ssh-ed25519@openssh.com") },
    ]) {
      const error = await rejection(h.client.nsml.createAuthKey(input), NcloudError);
      expect(error.code).toBe("InvalidInput");
    }
    expect(h.emulator.requests).toEqual([]);
  });
});

/** A syntactically valid public key line of any type name (the blob starts with that name). */
function sshKeyOfType(type: string): string {
  const name = Buffer.from(type);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(name.length);
  return `${type} ${Buffer.concat([length, name, Buffer.alloc(32, 7)]).toString("base64")} me@host`;
}

describe("nsml create as documented: no response body, the key found by listing it", () => {
  /**
   * A raw NSML stand-in: POST answers `createStatus` with `createBody` (the docs give none), GET
   * lists what was posted with the fingerprint NCP shows (MD5 of the key blob, colon hex).
   */
  async function nsmlServer(createStatus: number, createBody: string, listed: (title: string, key: string) => object[]) {
    const { createServer } = await import("node:http");
    const { createHash } = await import("node:crypto");
    const posted: Array<{ title: string; key: string }> = [];
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        if (req.method === "POST") {
          posted.push(JSON.parse(body) as { title: string; key: string });
          res.writeHead(createStatus, createBody === "" ? {} : { "content-type": "text/plain" });
          res.end(createBody);
          return;
        }
        const keyList = posted.flatMap(({ title, key }) => {
          const blob = Buffer.from(key.split(" ")[1], "base64");
          const fingerprint = createHash("md5").update(blob).digest("hex").match(/../g)!.join(":");
          return listed(title, fingerprint);
        });
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ keyList, totalCount: keyList.length }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    const { NcloudClient } = await import("../../sdk");
    const client = new NcloudClient({ endpoint: `http://127.0.0.1:${port}`, accessKey: "AK", secretKey: "SK", apiKey: "API", env: {}, maxAttempts: 1 });
    return {
      posted,
      client,
      async close() {
        await client.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      },
    };
  }

  const entry = (title: string, fingerprint: string, name: string) => ({ name, title, fingerprint, createTime: "2024-09-03 09:36:40" });

  test.each([
    ["201 with no body", 201, ""],
    ["200 with a plain-text body", 200, "OK"],
    ["201 with a JSON body of another shape", 201, '{"result":"SUCCESS"}'],
  ])("%s: returns the listed key matching title and fingerprint", async (_name, status, body) => {
    const s = await nsmlServer(status, body, (title, fingerprint) => [
      entry("other", fingerprint, "n-other"),
      entry(title, "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff", "n-wrong-key"),
      entry(title, fingerprint, "n-right"),
    ]);
    try {
      const created = await s.client.nsml.createAuthKey({ title: "laptop", key: sshPublicKey() });
      expect(created).toEqual(entry("laptop", created.fingerprint, "n-right"));
      expect(s.posted).toHaveLength(1);
    } finally {
      await s.close();
    }
  });

  test("a key the list does not show is an error that says to list before creating again", async () => {
    const s = await nsmlServer(201, "", () => []);
    try {
      const error = await rejection(s.client.nsml.createAuthKey({ title: "laptop", key: sshPublicKey() }), NcloudError);
      expect(error).toMatchObject({ code: "UnexpectedResponse", outcomeUnknown: true });
      expect(error.message).toContain("list the auth keys");
      expect(s.posted).toHaveLength(1);
    } finally {
      await s.close();
    }
  });

  test("the emulator answers create with 201 and no body, and the SDK still returns the key", async () => {
    const h = await harness();
    try {
      const created = await h.client.nsml.createAuthKey({ title: "ci-runner", key: sshPublicKey() });
      const post = h.emulator.requests.find((r) => r.method === "POST");
      expect(post?.status).toBe(201);
      expect((await h.client.nsml.listAuthKeys()).keyList).toEqual([created]);
    } finally {
      await h.close();
    }
  });
});

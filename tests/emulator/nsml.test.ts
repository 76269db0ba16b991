import { startEmulator, type Emulator } from "../../sdk/emulator";
import { signedRequest } from "./signedRequest";

/* Vectors made with `ssh-keygen -t ... && ssh-keygen -l -E md5 -f key.pub`, outside our code. */
const ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIO7qZfR5uMdI+a/DaXgw9Lv6rDDO/8DpDYNQ7JrcTTdy vector@test";
const ED25519_MD5 = "f3:0a:09:e6:71:ad:dc:5a:75:68:e1:1c:d4:2c:9f:31";
const ECDSA =
  "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBLWaWl9GpBzb06erAd4hOJdnpZJQEpNFoPV+fWtl28/VsFqViLhyZmdF1W+9cWdg8xjPz5vSKWUNNEuSWbXwk68=";
const ECDSA_MD5 = "1c:77:ce:84:41:f1:85:e2:42:30:a2:96:65:36:35:5f";

const LIST = "/nsml/v1/auth-keys";

interface AuthKey {
  name: string;
  title: string;
  fingerprint: string;
  createTime: string;
}

describe("emulator: CLOVA NSML auth keys", () => {
  let emulator: Emulator;
  const fixedNow = Date.parse("2024-09-03T09:36:40.123Z");
  beforeEach(async () => {
    emulator = await startEmulator({ now: () => fixedNow });
  });
  afterEach(() => emulator.close());

  const call = (method: string, path: string, body?: unknown) =>
    signedRequest(emulator, { method, path, body, timestamp: fixedNow });

  test("the list starts empty", async () => {
    const res = await call("GET", LIST);
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ keyList: [], totalCount: 0 });
  });

  /** The key the list shows under a title: create documents no response body, so it is listed. */
  const listed = async (title: string): Promise<AuthKey> => {
    const list = (await call("GET", LIST)).json() as { keyList: AuthKey[] };
    return list.keyList.filter((k) => k.title === title).at(-1)!;
  };

  test("POST answers 201 with no body; the list shows the key's ssh-keygen MD5 fingerprint, a 32-hex name and an NSML time", async () => {
    const res = await call("POST", LIST, { title: "laptop", key: ED25519 });
    expect(res.status).toBe(201);
    expect(res.text).toBe("");
    const key = await listed("laptop");
    expect(key).toEqual({
      name: expect.stringMatching(/^[0-9a-f]{32}$/),
      title: "laptop",
      fingerprint: ED25519_MD5,
      createTime: "2024-09-03 09:36:40",
    });
    expect(emulator.state.nsmlKeys[0]).toEqual({ ...key, publicKey: ED25519 });
    expect((await call("POST", LIST, { title: "ci", key: ECDSA })).status).toBe(201);
    expect((await listed("ci")).fingerprint).toBe(ECDSA_MD5);
    const list = (await call("GET", LIST)).json() as { keyList: AuthKey[]; totalCount: number };
    expect(list.totalCount).toBe(2);
    expect(list.keyList.map((k) => k.title)).toEqual(["laptop", "ci"]);
  });

  test.each([
    ["not a key", "hello"],
    ["an unsupported type", "ssh-dss AAAAB3NzaC1kc3MAAACBAP== x"],
    ["a blob of another type", ED25519.replace("ssh-ed25519", "ssh-rsa")],
    ["a blob that is not base64", "ssh-ed25519 !!!! x"],
    ["a private key", "-----BEGIN OPENSSH PRIVATE KEY-----"],
  ])("a key that is %s is refused with 400", async (_what, key) => {
    const res = await call("POST", LIST, { title: "t", key });
    expect(res.status).toBe(400);
    expect(emulator.state.nsmlKeys).toEqual([]);
  });

  test("a body without title or key is 400", async () => {
    for (const body of [{ key: ED25519 }, { title: "t" }, { title: "", key: ED25519 }, "nope"]) {
      expect((await call("POST", LIST, body)).status).toBe(400);
    }
  });

  test("titles follow the documented rule: letters, digits and -, a letter first, no --", async () => {
    for (const title of ["my key", "under_score", "9lives", "-dash", "two--dashes"]) {
      expect((await call("POST", LIST, { title, key: ED25519 })).status).toBe(400);
    }
    expect(emulator.state.nsmlKeys).toEqual([]);
    expect((await call("POST", LIST, { title: "a-1-b", key: ED25519 })).status).toBe(201);
  });

  test("ecdsa-sha2-nistp384 and nistp521 keys are accepted, as documented", async () => {
    for (const [title, bits] of [["p384", "384"], ["p521", "521"]]) {
      const type = `ecdsa-sha2-nistp${bits}`;
      const field = (text: string) => {
        const length = Buffer.alloc(4);
        length.writeUInt32BE(text.length);
        return Buffer.concat([length, Buffer.from(text)]);
      };
      const blob = Buffer.concat([field(type), field(`nistp${bits}`), field("\x04point")]);
      expect((await call("POST", LIST, { title, key: `${type} ${blob.toString("base64")}` })).status).toBe(201);
    }
  });

  test("a title that is not a string is 400", async () => {
    for (const body of [{ title: 5, key: ED25519 }]) {
      expect((await call("POST", LIST, body)).status).toBe(400);
    }
  });

  test("DELETE by title and name removes the key (200, no documented body); a second DELETE is 404", async () => {
    // A title from before today's rules (made in the console, say) can still be deleted.
    emulator.state.nsmlKeys.push({ name: "0123456789abcdef0123456789abcdef", title: "my key", fingerprint: ED25519_MD5, createTime: "2024-09-03 09:36:40", publicKey: ED25519 });
    const key = await listed("my key");
    const path = `${LIST}/title/${encodeURIComponent(key.title)}/name/${key.name}`;
    const res = await call("DELETE", path);
    expect(res.status).toBe(200);
    expect(res.text).toBe("");
    expect(emulator.state.nsmlKeys).toEqual([]);
    const again = await call("DELETE", path);
    expect(again.status).toBe(404);
    // NSML's errors carry no code (ja:ai-application-service-clovansml): the status and its message.
    expect(again.json()).toEqual({ message: "Not Found" });
  });

  test("DELETE needs both title and name to match", async () => {
    await call("POST", LIST, { title: "a", key: ED25519 });
    const key = await listed("a");
    const res = await call("DELETE", `${LIST}/title/b/name/${key.name}`);
    expect(res.status).toBe(404);
    expect(emulator.state.nsmlKeys).toHaveLength(1);
  });
});

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

  test("a wrong API key is 403/210: check NCLOUD_API_KEY / ncloud:apiKey", async () => {
    const client = h.makeClient({ apiKey: "wrong-api-key-0000" });
    const error = await rejection(client.nsml.listAuthKeys(), NcloudError);
    expect(error).toMatchObject({ status: 403, code: "210" });
    expect(error.message).toContain("check the API key (NCLOUD_API_KEY / ncloud:apiKey)");
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
      { title: "x".repeat(65), key: sshPublicKey() },
      { title: "ok", key: "-----BEGIN OPENSSH PRIVATE KEY-----" },
    ]) {
      const error = await rejection(h.client.nsml.createAuthKey(input), NcloudError);
      expect(error.code).toBe("InvalidInput");
    }
    expect(h.emulator.requests).toEqual([]);
  });
});

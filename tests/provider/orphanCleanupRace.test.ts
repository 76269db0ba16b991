import { createAccessKeyWithoutOrphans } from "../../provider/handlers/orphanSafeCreate";
import { clientFor, hostileHttp, type Hostile } from "../hostile/servers";

/*
 * A lost create's cleanup lists the sub account, finds the key NCP stamped while the POST was in
 * flight, and deletes it. If someone else deletes that key first, NCP answers 400/904: the key
 * is gone, as the cleanup wanted, so the create goes on instead of failing.
 */
const SUB = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";

let server: Hostile;
let posts = 0;
let orphanStamp = "";
beforeAll(async () => {
  server = await hostileHttp((req, res) => {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method === "POST") {
      posts += 1;
      // First POST: committed at NCP (stamped now), but the answer is a proxy's 503.
      if (posts === 1) {
        orphanStamp = new Date().toISOString().replace(/\.\d+Z$/, "Z");
        return json(503, { errorCode: "503", message: "upstream connect error or disconnect/reset before headers" });
      }
      return json(201, { accessKey: "NEWKEY00000000000002", keySecret: "new-key-secret", createTime: new Date().toISOString() });
    }
    if (req.method === "GET") return json(200, [{ accessKey: "ORPHAN00000000000001", active: true, createTime: orphanStamp }]);
    // DELETE: someone else removed the orphan a moment ago.
    return json(400, { errorCode: 904, message: "Nonexistent access key" });
  });
});
afterAll(() => server.close());

test("a lost create whose orphan someone else already deleted still creates the key", async () => {
  const client = clientFor(server.url);
  try {
    await expect(createAccessKeyWithoutOrphans(client, SUB)).resolves.toMatchObject({ accessKey: "NEWKEY00000000000002" });
    expect(server.requests.map((r) => r.method)).toEqual(["POST", "GET", "DELETE", "POST"]);
  } finally {
    await client.close();
  }
});

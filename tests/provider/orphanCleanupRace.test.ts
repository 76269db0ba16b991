import { createAccessKeyWithoutOrphans } from "../../provider/handlers/orphanSafeCreate";
import { clientFor, hostileHttp, type Hostile } from "../hostile/servers";

/*
 * A lost create's cleanup deletes the key a count proves is its own (NCP answered 2xx, the body
 * was unreadable, and it is the only key of the sub account). If someone else deletes that key
 * first, NCP answers 400/904: the key is gone, as the cleanup wanted, so the create goes on.
 */
const SUB = "4e066e50-9c3a-11e7-8a66-1e5021fa7c80";

let server: Hostile;
let posts = 0;
let orphanStamp = "";
let orphanGone = false;
beforeAll(async () => {
  server = await hostileHttp((req, res) => {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(typeof body === "string" ? body : JSON.stringify(body));
    };
    if (req.method === "POST") {
      posts += 1;
      // First POST: committed at NCP (stamped now), but its 201 body is cut short.
      if (posts === 1) {
        orphanStamp = new Date().toISOString().replace(/\.\d+Z$/, "Z");
        return json(201, '{"accessKey":"ORPHAN0');
      }
      return json(201, { accessKey: "NEWKEY00000000000002", keySecret: "new-key-secret", createTime: new Date().toISOString() });
    }
    if (req.method === "GET") return json(200, orphanGone ? [] : [{ accessKey: "ORPHAN00000000000001", active: true, createTime: orphanStamp }]);
    // DELETE: someone else removed the orphan a moment ago.
    orphanGone = true;
    return json(400, { errorCode: 904, message: "Nonexistent access key" });
  });
});
afterAll(() => server.close());

test("a proven orphan that someone else already deleted does not stop the create", async () => {
  const client = clientFor(server.url);
  const said = jest.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    await expect(createAccessKeyWithoutOrphans(client, SUB)).resolves.toMatchObject({ accessKey: "NEWKEY00000000000002" });
    // POST (unreadable 201), list, delete (already gone), POST, and the last look.
    expect(server.requests.map((r) => r.method)).toEqual(["POST", "GET", "DELETE", "POST", "GET"]);
    expect(said).toHaveBeenCalledWith(expect.stringMatching(/created NEWKEY00000000000002 .* Deleted ORPHAN00000000000001 .*No key of the lost requests is left\./));
  } finally {
    said.mockRestore();
    await client.close();
  }
});

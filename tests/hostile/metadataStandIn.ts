import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";

/**
 * A loopback stand-in for an NCP VPC server's metadata API (http://169.254.169.254, which no test
 * here may ever send to), serving the role paths of
 * https://api.ncloud-docs.com/docs/en/compute-vmetadata-roledata: the role ids, each role's
 * temporary credentials as NCP's SDKs parse them, and the role's details.
 */
export interface StandInRole {
  roleId: string;
  roleName: string;
  accessKey: string;
  secretKey: string;
  /** ISO 8601. */
  expiration: string;
}

export interface MetadataStandIn {
  /** `http://127.0.0.1:PORT`: set NCLOUD_METADATA_API_ENDPOINT (or the metadataEndpoint option) to it. */
  url: string;
  roles: StandInRole[];
  /** Paths requested, in order. */
  readonly requests: string[];
  /** `silent`: accept and never answer (a machine that is not an NCP server, seen from a client with a deadline). */
  mode: "answer" | "silent";
  close(): Promise<void>;
}

const BASE = "/latest/meta-data/iam/";

export function standInRole(name: string, overrides: Partial<StandInRole> = {}): StandInRole {
  return {
    roleId: `${name}-0a1b2c3d-4e5f-6789`,
    roleName: name,
    accessKey: `ncp_iam_ROLE${name.toUpperCase().replace(/[^A-Z0-9]/g, "").padEnd(16, "X").slice(0, 16)}`,
    secretKey: `role-secret-${name}-SENTINEL-9f8e7d6c`,
    expiration: new Date(Date.now() + 6 * 3600_000).toISOString().replace(/\.\d{3}Z$/, "Z"),
    ...overrides,
  };
}

export async function startMetadataStandIn(roles: StandInRole[] = []): Promise<MetadataStandIn> {
  const sockets = new Set<Socket>();
  const self: MetadataStandIn = {
    url: "",
    roles,
    requests: [],
    mode: "answer",
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
  const answer = (res: ServerResponse, status: number, body: string) => {
    res.writeHead(status, { "content-type": status === 200 && body.startsWith("{") ? "application/json" : "text/plain" });
    res.end(body);
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? "";
    self.requests.push(path);
    if (self.mode === "silent") return;
    if (req.method !== "GET" || !path.startsWith(BASE)) return answer(res, 404, "Path Not found.");
    const rest = path.slice(BASE.length);
    if (rest === "info") {
      const role = self.roles[0];
      return role ? answer(res, 200, JSON.stringify({ roleId: role.roleId, roleName: role.roleName, roleType: "Server", createTime: "2024-05-04T08:24:35Z" })) : answer(res, 404, "Path Not found.");
    }
    if (rest === "security-credentials" || rest === "security-credentials/") {
      // The role ids, without a trailing newline (the roledata page).
      return self.roles.length ? answer(res, 200, self.roles.map((r) => r.roleId).join("\n")) : answer(res, 404, "Path Not found.");
    }
    const role = self.roles.find((r) => rest === `security-credentials/${encodeURIComponent(r.roleId)}`);
    if (!role) return answer(res, 404, "Path Not found.");
    return answer(res, 200, JSON.stringify({ AccessKeyId: role.accessKey, SecretAccessKey: role.secretKey, Expiration: role.expiration, Code: "Success" }));
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  self.url = `http://127.0.0.1:${address.port}`;
  return self;
}

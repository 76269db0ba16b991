import { createHash } from "node:crypto";
import { randomHex } from "../ids";
import { nsmlError, reply, type Reply } from "../reply";
import type { NsmlKey } from "../state";
import { decodeSegment, jsonObject, type Route, type RouteContext } from "./context";

const LIST_PATH = "/nsml/v1/auth-keys";
const DELETE_PATH = /^\/nsml\/v1\/auth-keys\/title\/([^/]+)\/name\/([^/]+)$/;
/** Key types and title rules of https://api.ncloud-docs.com/docs/en/ai-application-service-clovansml-authkey-create. */
const OPENSSH_PUBLIC_KEY = /^(ssh-rsa|ssh-ed25519|ecdsa-sha2-nistp(?:256|384|521)) ([A-Za-z0-9+/]+={0,2})(?: [^\r\n]*)?$/;
const TITLE = /^[A-Za-z](?:-?[A-Za-z0-9])*-?$/;

/** CLOVA NSML auth keys: list, register an SSH public key, delete by title and name. */
export const nsmlRoute: Route = (request, context) => {
  if (request.path === LIST_PATH) {
    if (request.method === "GET") {
      const keyList = context.state.nsmlKeys.map(({ name, title, fingerprint, createTime }) => ({
        name,
        title,
        fingerprint,
        createTime,
      }));
      return reply(200, { keyList, totalCount: keyList.length });
    }
    if (request.method === "POST") return createKey(request.body, context);
    return undefined;
  }
  const match = DELETE_PATH.exec(request.path);
  if (!match || request.method !== "DELETE") return undefined;
  const title = decodeSegment(match[1]);
  const name = decodeSegment(match[2]);
  const index = context.state.nsmlKeys.findIndex((k) => k.title === title && k.name === name);
  if (index < 0) return nsmlError(404);
  context.state.nsmlKeys.splice(index, 1);
  // 200 with no documented body (https://api.ncloud-docs.com/docs/en/ai-application-service-clovansml-authkey-delete).
  return reply(200, undefined);
};

function createKey(body: string, context: RouteContext): Reply {
  const input = jsonObject(body);
  if (!input || typeof input.title !== "string" || input.title === "" || typeof input.key !== "string") {
    return nsmlError(400, "Request body must be JSON {\"title\": string, \"key\": OpenSSH public key}");
  }
  if (!TITLE.test(input.title)) return nsmlError(400, "title must be letters, digits and -, start with a letter, without --");
  const fingerprint = md5Fingerprint(input.key.trim());
  if (!fingerprint) return nsmlError(400, "key is not an OpenSSH public key (ssh-rsa, ssh-ed25519, ecdsa-sha2-nistp256/384/521)");
  const key: NsmlKey = {
    name: randomHex(16),
    title: input.title,
    fingerprint,
    createTime: nsmlTime(context.now()),
    publicKey: input.key,
  };
  context.state.nsmlKeys.push(key);
  // 201 Created with no documented body (https://api.ncloud-docs.com/docs/ko/ai-application-service-clovansml-authkey-create).
  return reply(201, undefined);
}

/**
 * `ssh-keygen -l -E md5` of an OpenSSH public key line: MD5 of the decoded key blob, as colon
 * hex. Undefined when the line is not a key, or its blob does not start with its own type name
 * (the check sshd makes).
 */
export function md5Fingerprint(line: string): string | undefined {
  const match = OPENSSH_PUBLIC_KEY.exec(line);
  if (!match) return undefined;
  const blob = Buffer.from(match[2], "base64");
  if (blob.length < 4) return undefined;
  const typeLength = blob.readUInt32BE(0);
  if (blob.subarray(4, 4 + typeLength).toString("latin1") !== match[1]) return undefined;
  const hex = createHash("md5").update(blob).digest("hex");
  return hex.match(/../g)!.join(":");
}

/** NSML reports times as `YYYY-MM-DD HH:mm:ss` (the emulator uses UTC). */
function nsmlTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
}

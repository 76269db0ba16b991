/**
 * What the demo checks after each step, at both ends: at NCP (the emulator's own state and the
 * requests it received) and in the Pulumi state (the file backend, read from disk).
 */
import { plaintextUnder, readCheckpoint, secretValues } from "../engine/stateScan";
import { check } from "./report";
import { PROJECT, SERVICE_GROUP, STACK, SUB_ACCOUNT, type Demo } from "./setup";

const CREATE_KEY = `POST /api/v1/sub-accounts/${SUB_ACCOUNT}/access-keys`;
const SET_ACTIVE = `PUT /api/v1/sub-accounts/${SUB_ACCOUNT}/access-keys`;
const DELETE_KEY = `DELETE /api/v1/sub-accounts/${SUB_ACCOUNT}/access-keys`;
const HAND_OVER = `POST /api/v2/snapshot/updateAPIAuthenticationKey/${SERVICE_GROUP}`;

/** The calls that change something at NCP, in the order they arrived: creates, activations, deletes, hand-overs. */
export const WRITES = { CREATE_KEY, SET_ACTIVE, DELETE_KEY, HAND_OVER };

/** Every key secret NCP holds now joins the secrets the state must never contain. */
export function rememberSecrets(demo: Demo): void {
  for (const account of demo.emulator.state.subAccounts.values()) {
    for (const key of account.keys.values()) demo.secrets.add(key.keySecret);
  }
}

/** The requests that changed something, since request number `from`, as `METHOD path`. */
export function writesSince(demo: Demo, from: number): string[] {
  return demo.emulator.requests
    .slice(from)
    .filter((r) => r.method !== "GET")
    .map((r) => `${r.method} ${r.path}`);
}

export function checkWrites(demo: Demo, from: number, expected: string[], what: string): void {
  const writes = writesSince(demo, from);
  const same = writes.length === expected.length && writes.every((w, i) => w === expected[i]);
  check(same, `${what} (sent: ${writes.join(", ") || "nothing"})`);
}

/** NCP after a converged step: exactly one key, active, the stack's, and the service group holds it. */
export function checkOneKeyHeld(demo: Demo, accessKey: string): void {
  rememberSecrets(demo);
  const keys = [...(demo.emulator.state.subAccounts.get(SUB_ACCOUNT)?.keys.values() ?? [])];
  const live = keys.map((k) => `${k.accessKey}${k.active ? "" : " (inactive)"}`).join(", ") || "none";
  check(keys.length === 1 && keys[0].accessKey === accessKey && keys[0].active, `NCP: the sub account has one active key, the stack's ${accessKey} (has: ${live})`);
  const group = demo.emulator.state.serviceGroups.get(SERVICE_GROUP);
  check(
    group?.accessKeyId === accessKey && group.secretKey === keys[0]?.keySecret,
    `NCP: service group ${SERVICE_GROUP} holds that key and its secret (holds: ${group?.accessKeyId ?? "none"})`,
  );
}

export function checkNoKey(demo: Demo, why: string): void {
  rememberSecrets(demo);
  const keys = demo.emulator.state.liveKeys(SUB_ACCOUNT).map((k) => k.accessKey);
  check(keys.length === 0, `NCP: the sub account has no key, ${why} (has: ${keys.join(", ") || "none"})`);
}

/** The resource types in the stack's latest checkpoint. */
export function typesInState(demo: Demo): string[] {
  const deployment = readCheckpoint(demo.local.backendDir, PROJECT, STACK) as { checkpoint?: { latest?: { resources?: Array<{ type: string }> } } };
  return (deployment.checkpoint?.latest?.resources ?? []).map((r) => r.type);
}

/**
 * Every secret in the checkpoint is ciphertext (at least one while the stack holds a key), and no
 * secret seen so far is anywhere under the backend directory: checkpoint, backups and history.
 */
export function checkState(demo: Demo, holdsKey: boolean): void {
  rememberSecrets(demo);
  const { ciphertext, notCiphertext } = secretValues(readCheckpoint(demo.local.backendDir, PROJECT, STACK));
  const enough = holdsKey ? ciphertext > 0 : true;
  check(notCiphertext.length === 0 && enough, `state: every secret is ciphertext (${ciphertext} ciphertexts${notCiphertext.length ? `; not ciphertext: ${notCiphertext.join(", ")}` : ""})`);
  const found = plaintextUnder(demo.local.backendDir, [...demo.secrets]);
  check(found.length === 0, `state: none of the ${demo.secrets.size} secrets seen so far is anywhere under the backend directory${found.length ? ` (found: ${found.join("; ")})` : ""}`);
}

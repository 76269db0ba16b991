import type { CreateFault, FaultPlan } from "./faultProxy";

/*
 * The lost-create fault matrix (docs/orphans.md): each row, in each of its modes, is one
 * SubAccountAccessKey on a sub account of its own, with the faults below between the provider and
 * the emulator; the rows that share a `Date` offset run in one `pulumi up`, both modes side by side
 * (./runGroup, ./upsOf). Every row is judged the same way (./judge): no foreign key deleted; every
 * key left behind named where the user sees it; with exclusive, none left behind (unless the row's
 * cleanup itself fails, when it is named).
 */

export type Mode = "default" | "exclusive";

/** Another writer (another stack, a pipeline, the console): it creates a key straight at NCP. */
export type OtherWriter = () => Promise<void>;

export interface Row {
  name: string;
  /** The proxy's faults for the row's sub account; `otherWriter` creates a foreign key there when called. */
  plan(otherWriter: OtherWriter): FaultPlan;
  /** Moves the `Date` header of every answer (NCP's backend clock stays): such rows get an up of their own. */
  dateOffsetMs?: number;
  /**
   * The key the row's own retry creates is what tells the provider process NCP's backend clock:
   * the row runs in an up of its own in each mode, so no sibling's key tells it first.
   */
  clockFromOwnKey?: boolean;
  /** Active keys someone else holds on the sub account before the up, made a minute earlier; default 1 (0 with noOlderKey). */
  olderKeys?: number;
  /** The SubAccountAccessKey's `active`; default true. */
  active?: boolean;
  /** The modes the row runs in. A foreign key made inside the window is, with exclusive, the user's broken promise. */
  modes: Mode[];
  /**
   * What the row's create does, per mode: succeeds, or fails with a message that, after
   * "sub account <its id>" on the same line, matches the pattern.
   */
  expect: Record<Mode, "succeeds" | RegExp>;
  /** How many keys of its own the up leaves without exclusive, each named: proof the fault struck. */
  left: number;
  /** The row's cleanup cannot finish (NCP refuses the DELETE): even with exclusive its keys stay, named. */
  cleanupFails?: boolean;
  /**
   * Leave out the keys someone else made a minute before the up. With one, no count can prove a
   * key is the provider's (one key more than lost creates): rows about the proof leave them out.
   */
  noOlderKey?: boolean;
  /** A count proves the lost create's key, so it is deleted, in either mode, and the output says so. */
  proven?: boolean;
}

const lostThen = (fault: CreateFault): FaultPlan => ({ creates: [fault] });
const both: Mode[] = ["default", "exclusive"];
const succeeds = { default: "succeeds", exclusive: "succeeds" } as const;

export const rows: Row[] = [
  {
    name: "our timeout; NCP runs the POST after our first look",
    plan: () => lostThen({ answer: "timeout", commit: "later" }),
    left: 1,
    modes: both,
    expect: succeeds,
  },
  {
    name: "502 after NCP made the key",
    plan: () => lostThen({ answer: { status: 502, message: "Bad Gateway" }, commit: "first" }),
    left: 1,
    modes: both,
    expect: succeeds,
  },
  {
    name: "502 before NCP ran the POST",
    plan: () => lostThen({ answer: { status: 502, message: "Bad Gateway" }, commit: "never" }),
    left: 0,
    modes: both,
    expect: succeeds,
  },
  {
    name: "504/510 Endpoint Timeout; NCP's backend commits after our first look",
    plan: () => lostThen({ answer: { status: 504, code: "510", message: "Endpoint Timeout" }, commit: "later" }),
    left: 1,
    modes: both,
    expect: succeeds,
  },
  {
    name: "connection reset after NCP made the key",
    plan: () => lostThen({ answer: "reset", commit: "first" }),
    left: 1,
    modes: both,
    expect: succeeds,
  },
  {
    // Others hold 4 of the sub account's 5 active places; the late commit takes the last: the retry gets 409/9012.
    name: "409 on the retry after a timeout",
    plan: () => lostThen({ answer: "timeout", commit: "later" }),
    olderKeys: 4,
    left: 1,
    modes: both,
    expect: { default: / failed: NCP refused attempt 2 with 409\/9012: [^\n]*A key a lost request made may be holding one of those places\.[^\n]*Left behind, not deleted: /, exclusive: "succeeds" },
  },
  {
    name: "several attempts: a timeout that commits later, a 502 after NCP made the key, then success",
    plan: () => ({
      creates: [
        { answer: "timeout", commit: "later" },
        { answer: { status: 502, message: "Bad Gateway" }, commit: "first" },
      ],
    }),
    left: 2,
    modes: both,
    expect: succeeds,
  },
  {
    // The retry's own key tells the backend's clock: the gateway's Date is not needed.
    name: "a Date header 30 s ahead of NCP's backend, 502 after NCP made the key, then success",
    plan: () => lostThen({ answer: { status: 502, message: "Bad Gateway" }, commit: "first" }),
    dateOffsetMs: 30_000,
    clockFromOwnKey: true,
    left: 1,
    modes: both,
    expect: succeeds,
  },
  {
    // No key of ours to read the backend's clock from: the Date header, less 5 s of tolerance.
    name: "a Date header 3 s ahead of NCP's backend, every attempt 502 after NCP made the key",
    plan: () => ({ creates: [1, 2, 3].map((): CreateFault => ({ answer: { status: 502, message: "Bad Gateway" }, commit: "first" })) }),
    dateOffsetMs: 3000,
    left: 3,
    modes: both,
    expect: { default: / failed: all 3 attempts lost their answer\.[^\n]*Left behind, not deleted: /, exclusive: / failed: all 3 attempts lost their answer\.[^\n]*Deleted [^\n]*No key of the lost requests is left\./ },
  },
  {
    // The sub account holds no other key: NCP answered 2xx, one key appeared, so it is the provider's.
    name: "NCP answers 201 with an unreadable body, on a sub account with no other key",
    plan: () => lostThen({ answer: "unreadable", commit: "first" }),
    noOlderKey: true,
    proven: true,
    left: 0,
    modes: both,
    expect: succeeds,
  },
  {
    name: "another writer creates a key when our POST arrives; the connection resets after NCP made ours",
    plan: (otherWriter) => lostThen({ answer: "reset", commit: "first", meanwhile: otherWriter }),
    left: 1,
    modes: ["default"],
    expect: succeeds,
  },
  {
    // NCP answered 2xx, so one key is certainly ours, but two appeared: no proof, nothing deleted.
    name: "another writer creates a key when our POST arrives; NCP answers 201 with an unreadable body",
    plan: (otherWriter) => lostThen({ answer: "unreadable", commit: "first", meanwhile: otherWriter }),
    noOlderKey: true,
    left: 1,
    modes: ["default"],
    expect: succeeds,
  },
  {
    // Proven (2xx) without exclusive, allowed with it: the DELETE is refused either way.
    name: "a failing cleanup: NCP answers 201 unreadably, then refuses every DELETE",
    plan: () => ({ creates: [{ answer: "unreadable", commit: "first" }], failDeletes: true }),
    noOlderKey: true,
    left: 1,
    modes: both,
    cleanupFails: true,
    expect: {
      default: / failed: cleaning up after a lost answer failed\.[^\n]*Deleting \S+ \(created [^)]+\) failed, so it is still live/,
      exclusive: / failed: cleaning up after a lost answer failed\.[^\n]*Deleting \S+ \(created [^)]+\) failed, so it is still live/,
    },
  },
  {
    name: "every attempt 502 after NCP made the key",
    plan: () => ({ creates: [1, 2, 3].map((): CreateFault => ({ answer: { status: 502, message: "Bad Gateway" }, commit: "first" })) }),
    left: 3,
    modes: both,
    expect: { default: / failed: all 3 attempts lost their answer\.[^\n]*Left behind, not deleted: /, exclusive: / failed: all 3 attempts lost their answer\.[^\n]*Deleted [^\n]*No key of the lost requests is left\./ },
  },
  {
    // After the POST: NCP made the key, deactivating it fails; the provider deletes it and says so.
    name: "active: false, and deactivating the new key fails",
    plan: () => ({ creates: [], failPuts: true }),
    active: false,
    left: 0,
    modes: ["default"],
    expect: { default: /, but deactivating it failed, so the key was deleted again: nothing is left behind/, exclusive: "succeeds" },
  },
  {
    name: "active: false, and deactivating the new key fails, and so does deleting it",
    plan: () => ({ creates: [], failPuts: true, failDeletes: true }),
    active: false,
    left: 1,
    modes: ["default"],
    cleanupFails: true,
    expect: { default: /, but deactivating it failed and deleting it failed too: \S+ is live and active, and no stack holds it/, exclusive: "succeeds" },
  },
];

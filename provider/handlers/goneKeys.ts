import { NcloudError, type NcloudClient } from "../../sdk";

/**
 * NCP's answers for a key that is not there: 400/904 (no such access key) and code 30 (no such
 * sub account), which NCP documents as 404 on POST, 401 on PUT
 * (https://api.ncloud-docs.com/docs/en/management-subaccount-suspendkey) and 401 on DELETE (the gov
 * delete page). A 401 with code 30 is not the gateway's 401/200 for bad keys: the code tells them apart.
 */
export function isKeyGone(error: unknown): boolean {
  if (!(error instanceof NcloudError)) return false;
  return (error.status === 400 && error.code === "904") || ((error.status === 401 || error.status === 404) && error.code === "30");
}

/** Deletes a key; one that is already gone (or whose sub account is) is as deleted as asked. */
export async function deleteKeyIfPresent(client: NcloudClient, subAccountId: string, accessKey: string): Promise<void> {
  try {
    await client.subAccount.deleteAccessKey(subAccountId, accessKey);
  } catch (error) {
    if (!isKeyGone(error)) throw error;
  }
}

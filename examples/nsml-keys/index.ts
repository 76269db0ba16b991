import * as pulumi from "@pulumi/pulumi";
import * as ncloud from "pulumi-ncloud-keys";

const config = new pulumi.Config();

// NSML needs an API Gateway API key besides the access key: `pulumi config set --secret ncloud:apiKey …`
// (or NCLOUD_API_KEY). `pulumi refresh` reads the keys again.
const keys = new ncloud.NsmlAuthKeys("nsml", { title: config.get("title") });

/** The MD5 fingerprints of the keys whose title matches, to compare with `ssh-keygen -l -E md5`. */
export const fingerprints = keys.keys.apply((list) => list.map((key) => key.fingerprint));
export const totalCount = keys.totalCount;

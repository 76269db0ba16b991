import type * as pulumi from "@pulumi/pulumi";

/**
 * The engine's own floor: a dynamic provider whose create returns at once, with outputs shaped like
 * a SubAccountAccessKey's, and the default check, diff and read. `padding` only lengthens the
 * provider's serialized text (the `__provider` stored twice per resource in state): the bench pads it
 * to the length of ours to tell the cost of state size apart from the cost of our handlers.
 */
export function noopProvider(padding: string): pulumi.dynamic.ResourceProvider {
  return {
    async create(inputs) {
      const accessKey = Math.random().toString(36).slice(2).toUpperCase() + padding.slice(0, 0);
      return { id: accessKey, outs: { ...inputs, accessKey, keySecret: `secret-${accessKey}`, active: true, createTime: new Date().toISOString() } };
    },
  };
}

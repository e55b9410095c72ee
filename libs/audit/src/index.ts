export {
  EMPTY_ROOT,
  RootAccumulator,
  consistencyProof,
  inclusionProof,
  leafHash,
  nodeHash,
  rootHash,
  verifyConsistency,
  verifyInclusion,
  verifyLeafInclusion,
} from './log-tree/merkle-tree';
export type { Bytes } from './log-tree/merkle-tree';
export {
  DIGEST_DOMAIN,
  MalformedDigest,
  digestMessage,
  keyIdOf,
  publicKeyPem,
  rawPublicKey,
  signDigest,
  verifyDigest,
} from './digest/digest';
export type { Digest } from './digest/digest';

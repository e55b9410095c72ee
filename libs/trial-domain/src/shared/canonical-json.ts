/**
 * Two JSON values are equal in the contract's sense (key order, whitespace, 5 vs 5.0 do not
 * matter) exactly when their canonical forms are equal; signatures bind the hash of this form.
 */
export { canonicalJson, contentHash, sha256Hex } from '../../../canonical-json/src';

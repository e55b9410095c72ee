/**
 * Merkle tree vectors of the Community Cryptography Test Vectors (CCTV), `merkle/`: proposed for
 * C2SP/CCTV by its author (Rasmus Dahlberg) and kept on the `merkle` branch of
 * https://github.com/rgdd/CCTV at commit 825c87df3b6c183c790846f2ba8b3dafbe05cbaf (BSD-2-Clause); not (yet) in the C2SP/CCTV main
 * tree. Transcribed from `merkle/testdata/*.json`, base64 turned to hex.
 *
 * The tree of size k has the leaves `[a]`, `[a, b]`, ...: leaf data one ASCII letter each.
 */

/** `merkle_tree.json`: each leaf's data, its leaf hash, and the root of the tree ending with it. */
export const CCTV_TREE: { leafData: string; leafHash: string; rootHash: string }[] = [
  {
    leafData: 'a',
    leafHash: '022a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c',
    rootHash: '022a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c',
  },
  {
    leafData: 'b',
    leafHash: '57eb35615d47f34ec714cacdf5fd74608a5e8e102724e80b24b287c0c27b6a31',
    rootHash: 'b137985ff484fb600db93107c77b0365c80d78f5b429ded0fd97361d077999eb',
  },
  {
    leafData: 'c',
    leafHash: '597fcb31282d34654c200d3418fca5705c648ebf326ec73d8ddef11841f876d8',
    rootHash: '36642e73c2540ab121e3a6bf9545b0a24982cd830eb13d3cd19de3ce6c021ec1',
  },
  {
    leafData: 'd',
    leafHash: 'd070dc5b8da9aea7dc0f5ad4c29d89965200059c9a0ceca3abd5da2492dcb71d',
    rootHash: '33376a3bd63e9993708a84ddfe6c28ae58b83505dd1fed711bd924ec5a6239f0',
  },
  {
    leafData: 'e',
    leafHash: '2824a7ccda2caa720c85c9fba1e8b5b735eecfdb03878e4f8dfe6c3625030bc4',
    rootHash: 'fe14a5426fbd70c0fa73f52342afed0da0bd23c4838662ccf6b88a3070ead97b',
  },
  {
    leafData: 'f',
    leafHash: 'f5a06d3c52937089c51b7c6c1cc1948ccdc5581328b2ebb578e8cca66a7b5221',
    rootHash: 'e069fc12e231ccfd4516bf1617945fb3ccd5cc8910d92d6265289f088f777fdd',
  },
  {
    leafData: 'g',
    leafHash: '5aeb196e83598231b45c61f3e0c5a0fda49b0d4f86a6db5f893aacccf514fa99',
    rootHash: '4ae191939f548d9934740b88dea2c5cb89bb8870fc4505cd79dec6bbfaaee9cb',
  },
  {
    leafData: 'h',
    leafHash: 'e593490a360ac8104e842141c4059603e0d90b79de99e5b6b6f05afe14945659',
    rootHash: 'a5dac6b1ff1dca13dcf9423dcbf1bbb4dbce7e8cbf7f4c014cf40c6c8171a2bd',
  },
  {
    leafData: 'i',
    leafHash: '0f2c7f7e50abf7ce2200ae61f3ae429ca9f31d1c7cd57e94248f0b9b5d4fac03',
    rootHash: 'fd4aed6078aa764f14dbd30999ded8582b0271fe27c0f53eec11b27738e07be9',
  },
  {
    leafData: 'j',
    leafHash: '4daeb7b535a01efb089d2750ed30174df27667c2f3b38dbcd01d91b273f977c4',
    rootHash: '5fad5aa198c2f6c30fd2265a89e125168b0e1f60826413b45b810a220950bd25',
  },
  {
    leafData: 'k',
    leafHash: 'f6dc1034b093dd79d1b96f328cb1e489ff00868c9a1fdb2f1f929e5bf31f9e51',
    rootHash: '33a2c461343aaf565361ed17f698da1f6cc6b8ea4f1f1e7f16ae5b0abb91c327',
  },
  {
    leafData: 'l',
    leafHash: '58fe086fe8376a7f83e2774a29fb609cde97ea058d84c931194e2b967b79bef3',
    rootHash: '08212952976996fee2a01eee397303379e7eb99deec9da3b28c660372662243c',
  },
  {
    leafData: 'm',
    leafHash: '8c941a526a0adc76166600d48309556769aac616405011874d3ca7c2048064e7',
    rootHash: 'd223463a887e1d1de184512cea2eaeac7a840ecd666e66a0869440b965bd3e58',
  },
  {
    leafData: 'n',
    leafHash: '0d84902cc0f636b02b84346ed79c43d5626284d5baabf7e997a936270680cd2b',
    rootHash: 'b86dfe40b214ef5486b1e3592445d51677c8dd934b1820d4f06d1d311392c7ad',
  },
  {
    leafData: 'o',
    leafHash: 'f3a5441d11e0c900d8957d0e72f4a82f1490c4a0a4d9e1c0f3b29328e3898ed0',
    rootHash: '8e7a74fe3bd52c61138c3654ddc913859d7308dbd16e43cbe790070fa5e38070',
  },
  {
    leafData: 'p',
    leafHash: '4cf5af027d9a949a881e505bd7c7b14c5eb61ff47d159b585a331d690501d13d',
    rootHash: '09719c6d8c99470f2a2bd1cff94cfbd7f53ff138e8c161669c85f9a6c6140313',
  },
];

export interface CctvInclusion {
  leafHash: string;
  leafIndex: number;
  treeSize: number;
  rootHash: string;
  path: string[];
  comment?: string;
}

export interface CctvConsistency {
  oldSize: number;
  newSize: number;
  oldRoot: string;
  newRoot: string;
  path: string[];
  comment?: string;
}

/** `inclusion-valid.json`. */
export const CCTV_INCLUSION_VALID: CctvInclusion[] = [
  {
    leafHash: '022a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c',
    leafIndex: 0,
    treeSize: 1,
    rootHash: '022a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c',
    path: [],
  },
  {
    leafHash: '022a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c',
    leafIndex: 0,
    treeSize: 2,
    rootHash: 'b137985ff484fb600db93107c77b0365c80d78f5b429ded0fd97361d077999eb',
    path: ['57eb35615d47f34ec714cacdf5fd74608a5e8e102724e80b24b287c0c27b6a31'],
  },
  {
    leafHash: '57eb35615d47f34ec714cacdf5fd74608a5e8e102724e80b24b287c0c27b6a31',
    leafIndex: 1,
    treeSize: 2,
    rootHash: 'b137985ff484fb600db93107c77b0365c80d78f5b429ded0fd97361d077999eb',
    path: ['022a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c'],
  },
  {
    leafHash: '022a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c',
    leafIndex: 0,
    treeSize: 10,
    rootHash: '5fad5aa198c2f6c30fd2265a89e125168b0e1f60826413b45b810a220950bd25',
    path: [
      '57eb35615d47f34ec714cacdf5fd74608a5e8e102724e80b24b287c0c27b6a31',
      'dbbd68c325614a73dacb4e7a87a2b7b4ae9724b489e5629ee83151fe8f0eafd7',
      '942c3c763f29608957d92d095589e6e5fb65414c3ef9ae26fc1f49f07f5e0dc7',
      '93a8c10565e6793991df80b2aaedd1c504b3a72be5d71821b420dc483bcb5e4d',
    ],
  },
];

/** `inclusion-invalid.json`. */
export const CCTV_INCLUSION_INVALID: CctvInclusion[] = [
  {
    leafHash: '032a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c',
    leafIndex: 0,
    treeSize: 1,
    rootHash: '022a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c',
    path: [],
    comment: 'mutated "leaf_hash"',
  },
  {
    leafHash: '032a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c',
    leafIndex: 0,
    treeSize: 2,
    rootHash: 'b137985ff484fb600db93107c77b0365c80d78f5b429ded0fd97361d077999eb',
    path: ['57eb35615d47f34ec714cacdf5fd74608a5e8e102724e80b24b287c0c27b6a31'],
    comment: 'mutated "leaf_hash"',
  },
  {
    leafHash: '58eb35615d47f34ec714cacdf5fd74608a5e8e102724e80b24b287c0c27b6a31',
    leafIndex: 1,
    treeSize: 2,
    rootHash: 'b137985ff484fb600db93107c77b0365c80d78f5b429ded0fd97361d077999eb',
    path: ['022a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c'],
    comment: 'mutated "leaf_hash"',
  },
  {
    leafHash: '032a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c',
    leafIndex: 0,
    treeSize: 10,
    rootHash: '5fad5aa198c2f6c30fd2265a89e125168b0e1f60826413b45b810a220950bd25',
    path: [
      '57eb35615d47f34ec714cacdf5fd74608a5e8e102724e80b24b287c0c27b6a31',
      'dbbd68c325614a73dacb4e7a87a2b7b4ae9724b489e5629ee83151fe8f0eafd7',
      '942c3c763f29608957d92d095589e6e5fb65414c3ef9ae26fc1f49f07f5e0dc7',
      '93a8c10565e6793991df80b2aaedd1c504b3a72be5d71821b420dc483bcb5e4d',
    ],
    comment: 'mutated "leaf_hash"',
  },
];

/** `consistency-valid.json`. */
export const CCTV_CONSISTENCY_VALID: CctvConsistency[] = [
  {
    oldSize: 0,
    newSize: 0,
    oldRoot: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    newRoot: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    path: [],
  },
  {
    oldSize: 0,
    newSize: 1,
    oldRoot: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    newRoot: '022a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c',
    path: [],
  },
  {
    oldSize: 1,
    newSize: 1,
    oldRoot: '022a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c',
    newRoot: '022a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c',
    path: [],
  },
  {
    oldSize: 1,
    newSize: 10,
    oldRoot: '022a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c',
    newRoot: '5fad5aa198c2f6c30fd2265a89e125168b0e1f60826413b45b810a220950bd25',
    path: [
      '57eb35615d47f34ec714cacdf5fd74608a5e8e102724e80b24b287c0c27b6a31',
      'dbbd68c325614a73dacb4e7a87a2b7b4ae9724b489e5629ee83151fe8f0eafd7',
      '942c3c763f29608957d92d095589e6e5fb65414c3ef9ae26fc1f49f07f5e0dc7',
      '93a8c10565e6793991df80b2aaedd1c504b3a72be5d71821b420dc483bcb5e4d',
    ],
  },
];

/** `consistency-invalid.json`. */
export const CCTV_CONSISTENCY_INVALID: CctvConsistency[] = [
  {
    oldSize: 1,
    newSize: 0,
    oldRoot: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    newRoot: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    path: [],
    comment: 'mutated "old_size"',
  },
  {
    oldSize: 1,
    newSize: 1,
    oldRoot: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    newRoot: '022a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c',
    path: [],
    comment: 'mutated "old_size"',
  },
  {
    oldSize: 2,
    newSize: 1,
    oldRoot: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    newRoot: '022a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c',
    path: [],
    comment: 'mutated "old_size"',
  },
  {
    oldSize: 0,
    newSize: 1,
    oldRoot: '022a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c',
    newRoot: '022a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c',
    path: [],
    comment: 'mutated "old_size"',
  },
  {
    oldSize: 2,
    newSize: 1,
    oldRoot: '022a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c',
    newRoot: '022a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c',
    path: [],
    comment: 'mutated "old_size"',
  },
  {
    oldSize: 0,
    newSize: 10,
    oldRoot: '022a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c',
    newRoot: '5fad5aa198c2f6c30fd2265a89e125168b0e1f60826413b45b810a220950bd25',
    path: [
      '57eb35615d47f34ec714cacdf5fd74608a5e8e102724e80b24b287c0c27b6a31',
      'dbbd68c325614a73dacb4e7a87a2b7b4ae9724b489e5629ee83151fe8f0eafd7',
      '942c3c763f29608957d92d095589e6e5fb65414c3ef9ae26fc1f49f07f5e0dc7',
      '93a8c10565e6793991df80b2aaedd1c504b3a72be5d71821b420dc483bcb5e4d',
    ],
    comment: 'mutated "old_size"',
  },
  {
    oldSize: 2,
    newSize: 10,
    oldRoot: '022a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c',
    newRoot: '5fad5aa198c2f6c30fd2265a89e125168b0e1f60826413b45b810a220950bd25',
    path: [
      '57eb35615d47f34ec714cacdf5fd74608a5e8e102724e80b24b287c0c27b6a31',
      'dbbd68c325614a73dacb4e7a87a2b7b4ae9724b489e5629ee83151fe8f0eafd7',
      '942c3c763f29608957d92d095589e6e5fb65414c3ef9ae26fc1f49f07f5e0dc7',
      '93a8c10565e6793991df80b2aaedd1c504b3a72be5d71821b420dc483bcb5e4d',
    ],
    comment: 'mutated "old_size"',
  },
  {
    oldSize: 3,
    newSize: 10,
    oldRoot: '022a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c',
    newRoot: '5fad5aa198c2f6c30fd2265a89e125168b0e1f60826413b45b810a220950bd25',
    path: [
      '57eb35615d47f34ec714cacdf5fd74608a5e8e102724e80b24b287c0c27b6a31',
      'dbbd68c325614a73dacb4e7a87a2b7b4ae9724b489e5629ee83151fe8f0eafd7',
      '942c3c763f29608957d92d095589e6e5fb65414c3ef9ae26fc1f49f07f5e0dc7',
      '93a8c10565e6793991df80b2aaedd1c504b3a72be5d71821b420dc483bcb5e4d',
    ],
    comment: 'mutated "old_size"',
  },
  {
    oldSize: 4,
    newSize: 10,
    oldRoot: '022a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c',
    newRoot: '5fad5aa198c2f6c30fd2265a89e125168b0e1f60826413b45b810a220950bd25',
    path: [
      '57eb35615d47f34ec714cacdf5fd74608a5e8e102724e80b24b287c0c27b6a31',
      'dbbd68c325614a73dacb4e7a87a2b7b4ae9724b489e5629ee83151fe8f0eafd7',
      '942c3c763f29608957d92d095589e6e5fb65414c3ef9ae26fc1f49f07f5e0dc7',
      '93a8c10565e6793991df80b2aaedd1c504b3a72be5d71821b420dc483bcb5e4d',
    ],
    comment: 'mutated "old_size"',
  },
  {
    oldSize: 5,
    newSize: 10,
    oldRoot: '022a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c',
    newRoot: '5fad5aa198c2f6c30fd2265a89e125168b0e1f60826413b45b810a220950bd25',
    path: [
      '57eb35615d47f34ec714cacdf5fd74608a5e8e102724e80b24b287c0c27b6a31',
      'dbbd68c325614a73dacb4e7a87a2b7b4ae9724b489e5629ee83151fe8f0eafd7',
      '942c3c763f29608957d92d095589e6e5fb65414c3ef9ae26fc1f49f07f5e0dc7',
      '93a8c10565e6793991df80b2aaedd1c504b3a72be5d71821b420dc483bcb5e4d',
    ],
    comment: 'mutated "old_size"',
  },
  {
    oldSize: 6,
    newSize: 10,
    oldRoot: '022a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c',
    newRoot: '5fad5aa198c2f6c30fd2265a89e125168b0e1f60826413b45b810a220950bd25',
    path: [
      '57eb35615d47f34ec714cacdf5fd74608a5e8e102724e80b24b287c0c27b6a31',
      'dbbd68c325614a73dacb4e7a87a2b7b4ae9724b489e5629ee83151fe8f0eafd7',
      '942c3c763f29608957d92d095589e6e5fb65414c3ef9ae26fc1f49f07f5e0dc7',
      '93a8c10565e6793991df80b2aaedd1c504b3a72be5d71821b420dc483bcb5e4d',
    ],
    comment: 'mutated "old_size"',
  },
  {
    oldSize: 7,
    newSize: 10,
    oldRoot: '022a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c',
    newRoot: '5fad5aa198c2f6c30fd2265a89e125168b0e1f60826413b45b810a220950bd25',
    path: [
      '57eb35615d47f34ec714cacdf5fd74608a5e8e102724e80b24b287c0c27b6a31',
      'dbbd68c325614a73dacb4e7a87a2b7b4ae9724b489e5629ee83151fe8f0eafd7',
      '942c3c763f29608957d92d095589e6e5fb65414c3ef9ae26fc1f49f07f5e0dc7',
      '93a8c10565e6793991df80b2aaedd1c504b3a72be5d71821b420dc483bcb5e4d',
    ],
    comment: 'mutated "old_size"',
  },
  {
    oldSize: 8,
    newSize: 10,
    oldRoot: '022a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c',
    newRoot: '5fad5aa198c2f6c30fd2265a89e125168b0e1f60826413b45b810a220950bd25',
    path: [
      '57eb35615d47f34ec714cacdf5fd74608a5e8e102724e80b24b287c0c27b6a31',
      'dbbd68c325614a73dacb4e7a87a2b7b4ae9724b489e5629ee83151fe8f0eafd7',
      '942c3c763f29608957d92d095589e6e5fb65414c3ef9ae26fc1f49f07f5e0dc7',
      '93a8c10565e6793991df80b2aaedd1c504b3a72be5d71821b420dc483bcb5e4d',
    ],
    comment: 'mutated "old_size"',
  },
  {
    oldSize: 9,
    newSize: 10,
    oldRoot: '022a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c',
    newRoot: '5fad5aa198c2f6c30fd2265a89e125168b0e1f60826413b45b810a220950bd25',
    path: [
      '57eb35615d47f34ec714cacdf5fd74608a5e8e102724e80b24b287c0c27b6a31',
      'dbbd68c325614a73dacb4e7a87a2b7b4ae9724b489e5629ee83151fe8f0eafd7',
      '942c3c763f29608957d92d095589e6e5fb65414c3ef9ae26fc1f49f07f5e0dc7',
      '93a8c10565e6793991df80b2aaedd1c504b3a72be5d71821b420dc483bcb5e4d',
    ],
    comment: 'mutated "old_size"',
  },
  {
    oldSize: 10,
    newSize: 10,
    oldRoot: '022a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c',
    newRoot: '5fad5aa198c2f6c30fd2265a89e125168b0e1f60826413b45b810a220950bd25',
    path: [
      '57eb35615d47f34ec714cacdf5fd74608a5e8e102724e80b24b287c0c27b6a31',
      'dbbd68c325614a73dacb4e7a87a2b7b4ae9724b489e5629ee83151fe8f0eafd7',
      '942c3c763f29608957d92d095589e6e5fb65414c3ef9ae26fc1f49f07f5e0dc7',
      '93a8c10565e6793991df80b2aaedd1c504b3a72be5d71821b420dc483bcb5e4d',
    ],
    comment: 'mutated "old_size"',
  },
  {
    oldSize: 11,
    newSize: 10,
    oldRoot: '022a6979e6dab7aa5ae4c3e5e45f7e977112a7e63593820dbec1ec738a24f93c',
    newRoot: '5fad5aa198c2f6c30fd2265a89e125168b0e1f60826413b45b810a220950bd25',
    path: [
      '57eb35615d47f34ec714cacdf5fd74608a5e8e102724e80b24b287c0c27b6a31',
      'dbbd68c325614a73dacb4e7a87a2b7b4ae9724b489e5629ee83151fe8f0eafd7',
      '942c3c763f29608957d92d095589e6e5fb65414c3ef9ae26fc1f49f07f5e0dc7',
      '93a8c10565e6793991df80b2aaedd1c504b3a72be5d71821b420dc483bcb5e4d',
    ],
    comment: 'mutated "old_size"',
  },
];

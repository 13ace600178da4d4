/** Where a case's uploaded files are kept until retention or deletion. Local disk by default; an object store can take over. */
export interface CaseFileStore {
  /** Stores one file atomically (never a half-written file under the key). Returns the key to read it back. */
  put(options: { caseId: string; fileId: string; bytes: Uint8Array }): Promise<{ storageKey: string }>;
  /** The bytes under a key, or undefined when they are gone (deleted, purged, lost). */
  get(storageKey: string): Promise<Uint8Array | undefined>;
  /** Deletes all of a case's files; returns how many there were. Deleting a missing case is not an error. */
  deleteCase(caseId: string): Promise<number>;
  /** The cases with files stored, with when their files were last written (for the orphan sweep). */
  listCases(): Promise<{ caseId: string; modifiedAt: Date }[]>;
}

// Key files written whole or not at all. A key file is first written and synced under a temporary
// name, then published: by rename (replace) or by link (only when no file is there yet, so two
// nodes creating the same key at once keep one). A reader never sees a half-written key.
import { randomBytes } from "node:crypto";
import { chmod, link, open, rename, rm } from "node:fs/promises";

async function writeTemporary(file: string, text: string): Promise<string> {
  const temporary = `${file}.${randomBytes(4).toString("hex")}.tmp`;
  const handle = await open(temporary, "wx", 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  // The umask may have narrowed the mode, never widened it; set it as meant.
  await chmod(temporary, 0o600);
  return temporary;
}

/** Writes `text` to `file` (mode 0600), replacing what was there in one step. */
export async function replaceSecretFile(file: string, text: string): Promise<void> {
  const temporary = await writeTemporary(file, text);
  try {
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Writes `text` to `file` (mode 0600) unless a file is already there; true when this call made it.
 * Either way the file, once visible, is complete.
 */
export async function createSecretFile(file: string, text: string): Promise<boolean> {
  const temporary = await writeTemporary(file, text);
  try {
    await link(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    await rm(temporary, { force: true });
  }
}

// Results files are written to a temporary file and renamed into place (write-file-atomic), so
// a reader or a crash never sees half a file.
import writeFileAtomic from 'write-file-atomic';

export async function writeTextAtomic(file: string, text: string): Promise<void> {
  await writeFileAtomic(file, text, { encoding: 'utf8', fsync: true });
}

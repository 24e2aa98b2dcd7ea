import { readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * The workflow ids `<app-type>/<slug>` of the files `<app-type>/<slug><extension>` one folder
 * below `folder`, sorted. Files directly in `folder` are not workflows (shared code, index pages).
 */
export function workflowIdsIn(folder: string, extension: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) =>
      readdirSync(path.join(folder, dir.name), { withFileTypes: true })
        .filter((entry) => entry.isFile() && entry.name.endsWith(extension))
        .map((file) => `${dir.name}/${file.name.slice(0, -extension.length)}`),
    )
    .sort();
}

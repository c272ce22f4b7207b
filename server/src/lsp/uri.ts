import { fileURLToPath, pathToFileURL } from 'node:url';

export const URI = {
  toFsPath(uri: string): string {
    if (uri.startsWith('file:')) {
      try {
        return fileURLToPath(uri);
      } catch {
        return uri;
      }
    }
    return uri.replace(/^[a-z-]+:\/\/[^/]*/, '');
  },
  fromFsPath(path: string): string {
    return pathToFileURL(path).toString();
  },
};

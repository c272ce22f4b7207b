// The one reader of sfdx-project.json: package directories (the default one first chosen by `default: true`)
// and sourceApiVersion. The project index, the CLI generators and the VS Code generators all read it here.
// Source: Salesforce DX Developer Guide, "Salesforce DX Project Configuration" (packageDirectories, default,
// sourceApiVersion).

export interface SfdxProject {
  /** Every package directory path, in file order. */
  packageDirectories: string[];
  /** The default package directory (`default: true`, else the first; `force-app` when none is declared). */
  defaultPackageDir: string;
  apiVersion?: string;
}

/** Parses sfdx-project.json; throws (JSON.parse's message) on invalid JSON. */
export function parseSfdxProject(text: string): SfdxProject {
  const json = JSON.parse(text) as { packageDirectories?: unknown; sourceApiVersion?: unknown } | null;
  const dirs = Array.isArray(json?.packageDirectories)
    ? (json!.packageDirectories as { path?: unknown; default?: unknown }[]).filter((d): d is { path: string; default?: unknown } => !!d && typeof d.path === 'string')
    : [];
  const pick = dirs.find((d) => d.default === true) ?? dirs[0];
  return {
    packageDirectories: dirs.map((d) => d.path),
    defaultPackageDir: pick?.path ?? 'force-app',
    apiVersion: typeof json?.sourceApiVersion === 'string' ? json.sourceApiVersion : undefined,
  };
}

/** Like parseSfdxProject, but an unreadable file is an empty project (the default package directory). */
export function readSfdxProject(text: string | undefined): SfdxProject {
  if (text !== undefined) {
    try {
      return parseSfdxProject(text);
    } catch {
      // fall through: an unreadable file is reported by the project index, not here
    }
  }
  return { packageDirectories: [], defaultPackageDir: 'force-app' };
}

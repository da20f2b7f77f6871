import type { TFramework } from "../rule";

/** The checked-in list of a framework's control ids (with titles) that rules may map to. */
export interface TFrameworkControlList {
  framework: TFramework;
  name: string;
  /** Shape every control id of this framework has. */
  idPattern: RegExp;
  /** Where the ids and titles were read (see docs/framework-mappings.md). */
  sources: string[];
  controls: Readonly<Record<string, string>>;
}

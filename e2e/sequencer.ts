import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The e2e files share one server and database: run them in name order, so the read-only checks
 * of the seeded story (1-…) see it before the files that change data (2-…).
 */
export class ByFileName extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((a, b) => a.moduleId.localeCompare(b.moduleId));
  }
}

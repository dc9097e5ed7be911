import { z } from 'zod';
import { Code, Cursor, Instant, Limit, listOf, NOT_EMPTY } from './common';
import { said } from './text';

/** Levels are data (the 2025 reform removed districts), not an enum: any lowercase word. */
export const Level = z
  .string()
  .regex(/^[a-z][a-z_]{0,31}$/, said('must be a lowercase word such as "province", "district", "commune", "department"', 'cấp là một từ viết thường không dấu, như "province", "district", "commune", "department"'));

export const UnitImportRow = z.object({
  code: Code,
  name: z.string().trim().min(1, NOT_EMPTY).max(200),
  level: Level,
  parent: z.union([Code, z.literal(''), z.null()]).optional().meta({ description: 'parent code; absent, null or "" for a root' }),
});
export type UnitImportRow = z.infer<typeof UnitImportRow>;

export const MAX_IMPORT_ROWS = 50_000;
export const UnitImportBody = z
  .object({ units: z.array(UnitImportRow).min(1, said('must list at least one unit', 'phải có ít nhất một đơn vị')).max(MAX_IMPORT_ROWS) })
  .meta({ id: 'UnitImport' });
export type UnitImportBody = z.infer<typeof UnitImportBody>;

export const UnitImportQuery = z.object({
  dryRun: z.enum(['true', 'false']).optional().meta({ description: 'report what would change without writing' }),
});

export const UnitImportResult = z
  .object({
    dryRun: z.boolean(),
    total: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    moved: z.number().int().meta({ description: 'existing units that changed parent (their subtrees moved with them)' }),
  })
  .meta({ id: 'UnitImportResult' });
export type UnitImportResult = z.infer<typeof UnitImportResult>;

export const Unit = z
  .object({
    code: Code,
    name: z.string(),
    level: z.string(),
    parent: z.string().nullable(),
    ancestors: z.array(z.string()).meta({ description: 'codes from the root down to the parent' }),
    depth: z.number().int(),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'Unit' });
export type Unit = z.infer<typeof Unit>;

export const UnitList = listOf(Unit).meta({ id: 'UnitList' });

export const CodeParam = z.object({ code: Code });
export const ChildrenQuery = z.object({ level: z.string().max(32).optional(), limit: Limit, cursor: Cursor });
export const TreeQuery = z.object({ depth: z.coerce.number().int().min(0).max(10).default(1) });

export type UnitTreeNode = { code: string; name: string; level: string; children: UnitTreeNode[] };
export const UnitTreeNode: z.ZodType<UnitTreeNode> = z
  .object({
    code: z.string(),
    name: z.string(),
    level: z.string(),
    get children() {
      return z.array(UnitTreeNode);
    },
  })
  .meta({ id: 'UnitTreeNode' });

import { z } from 'zod';
import { Code, Cursor, Instant, Limit, listOf, LocalDate, NOT_EMPTY } from './common';
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

export const SUCCESSION_TYPES = ['full', 'partial'] as const;
/** Another unit in a reorganisation: wholly (`full`) or in part (`partial`, a commune split between several). */
export const Succession = z.object({ code: Code, name: z.string(), type: z.enum(SUCCESSION_TYPES), effective: LocalDate }).meta({ id: 'Succession' });

export const Unit = z
  .object({
    code: Code,
    name: z.string(),
    level: z.string(),
    parent: z.string().nullable(),
    ancestors: z.array(z.string()).meta({ description: 'codes from the root down to the parent' }),
    depth: z.number().int(),
    validFrom: LocalDate.nullable().meta({ description: 'the first day this version holds (null: since records began)' }),
    validTo: LocalDate.nullable().meta({ description: 'the first day it no longer holds: the unit closed, or (with ?at=) a later version took over; null: in force' }),
    successors: z.array(Succession).optional().meta({ description: 'the units a closed unit went into (on GET /v1/units/{code})' }),
    predecessors: z.array(Succession).optional().meta({ description: 'the units that went into this one (on GET /v1/units/{code})' }),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'Unit' });
export type Unit = z.infer<typeof Unit>;

export const UnitList = listOf(Unit).meta({ id: 'UnitList' });

export const CodeParam = z.object({ code: Code });
const At = LocalDate.optional().meta({ description: 'the day to read the hierarchy as it was (default: today, the units in force)' });
export const UnitQuery = z.object({ at: At });
export const ChildrenQuery = z.object({ level: z.string().max(32).optional(), at: At, limit: Limit, cursor: Cursor });
export const TreeQuery = z.object({ depth: z.coerce.number().int().min(0).max(10).default(1), at: At });

export const UnitVersion = z.object({
  name: z.string(), level: z.string(), parent: z.string().nullable(), validFrom: LocalDate.nullable(), validTo: LocalDate.nullable(),
}).meta({ id: 'UnitVersion' });
export const UnitHistory = z.object({
  code: Code,
  versions: z.array(UnitVersion).meta({ description: 'oldest first; the last is the unit as it is now (or was at its closing)' }),
  predecessors: z.array(Succession),
  successors: z.array(Succession),
}).meta({ id: 'UnitHistory' });

export const ReorganiseBody = z.object({
  effective: LocalDate.meta({ description: 'the first day of the new hierarchy' }),
  units: z.array(UnitImportRow).min(1, said('must list at least one unit', 'phải có ít nhất một đơn vị')).max(MAX_IMPORT_ROWS)
    .meta({ description: 'the whole hierarchy in force from `effective`: every stored unit in force not listed closes' }),
  successions: z.array(z.object({ from: Code, to: Code, type: z.enum(SUCCESSION_TYPES) })).max(100_000).default([]),
}).meta({ id: 'Reorganisation' });
export const ReorganiseResult = z.object({
  dryRun: z.boolean(),
  effective: LocalDate,
  created: z.number().int(), continued: z.number().int(), changed: z.number().int().meta({ description: 'continuing units renamed or moved' }),
  closed: z.number().int(), successions: z.number().int(),
  obligationsCancelled: z.number().int(), obligationsCreated: z.number().int(), obligationsMoved: z.number().int(), plansClosed: z.number().int(),
}).meta({ id: 'ReorganiseResult' });

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

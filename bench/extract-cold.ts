// `node extract-cold.mjs KEY`: the first extraction of one seed text in a process that has done nothing else,
// printed as JSON for bench/extract.ts. Kept apart from run.ts so the process loads only the extractor.
import { coldMain } from './extract';

coldMain(process.argv[2] ?? '');

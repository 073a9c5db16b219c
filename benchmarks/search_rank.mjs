// Rank queries with the bigram engine in Node: `node search_rank.mjs index.json < queries.json` prints, per
// query, the page URLs of the results best first (JSON list of lists). Used by bench_search.py / compare_search.py.
import { readFileSync } from "node:fs";
import { createIndex, search } from "../docs/assets/kb/search/engine.mjs";

const index = createIndex(JSON.parse(readFileSync(process.argv[2], "utf-8")));
const queries = JSON.parse(readFileSync(0, "utf-8"));
process.stdout.write(JSON.stringify(queries.map((q) => search(index, q).map((hit) => hit.page.data.url))));

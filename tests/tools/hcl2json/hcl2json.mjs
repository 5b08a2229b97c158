// Prints the JSON form of one HCL2 file, parsed by HashiCorp's own HCL2 parser (hashicorp/hcl v2 compiled to
// WebAssembly in @cdktf/hcl2json): `node hcl2json.mjs FILE`. Expressions that are not literals (var.x, "${...}")
// come out as "${...}" strings. Exit 1 with the parser's message on a syntax error.
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { parse } from "@cdktf/hcl2json";

const [file] = process.argv.slice(2);
if (!file) {
  console.error("usage: node hcl2json.mjs FILE");
  process.exit(2);
}

try {
  const json = await parse(basename(file), await readFile(file, "utf8"));
  process.stdout.write(JSON.stringify(json, null, 2) + "\n");
} catch (error) {
  console.error(`${file}: ${error?.message ?? error}`);
  process.exit(1);
}

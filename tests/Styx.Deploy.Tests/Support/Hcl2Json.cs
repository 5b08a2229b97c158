using System.Text.Json.Nodes;
using Styx.EndToEnd.Tests.Support;
using Styx.Ssh.Tests.Support;

namespace Styx.Deploy.Tests.Support;

/// <summary>
/// HashiCorp's HCL2 parser, run through <c>tests/tools/hcl2json</c> (the npm package <c>@cdktf/hcl2json</c>: hashicorp/hcl
/// v2 compiled to WebAssembly, run by Node.js). <c>scripts/test.sh</c> installs Node.js from Debian when it is missing
/// and runs <c>npm ci</c> there; a missing tool fails the test, as every tool the tests drive does.
/// </summary>
internal static class Hcl2Json
{
    private const string ToolDirectory = "tests/tools/hcl2json";

    /// <summary>The file's JSON form: blocks become arrays of objects (labelled ones nested under their labels),
    /// literals keep their types, and any other expression is its source text wrapped in <c>${…}</c>.</summary>
    public static async Task<JsonObject> ParseAsync(string file)
    {
        var node = RequiredTool.Path("node", "nodejs");
        var tool = RepositoryRoot.File(ToolDirectory);
        if (!Directory.Exists(Path.Combine(tool, "node_modules", "@cdktf", "hcl2json")))
        {
            throw new InvalidOperationException($"@cdktf/hcl2json is not installed in {ToolDirectory}; run ./scripts/test.sh, or npm ci --prefix {ToolDirectory}");
        }

        var result = await ProcessRunner.RunAsync(node, [Path.Combine(tool, "hcl2json.mjs"), file]);
        if (result.ExitCode != 0)
        {
            throw new InvalidDataException($"hcl2json refused {file} (exit {result.ExitCode}): {result.Stderr.Trim()}");
        }

        return JsonNode.Parse(result.Stdout)?.AsObject() ?? throw new InvalidDataException($"hcl2json printed no JSON for {file}");
    }
}

using System.Collections.Concurrent;
using Styx.Deploy.Tests.Nomad;
using Styx.Deploy.Tests.Support;

namespace Styx.Deploy.Tests;

/// <summary>The committed job files, each parsed once per test class (a Node.js start and the parser's WebAssembly
/// load per file), and the Job schema.</summary>
public sealed class DeployFiles
{
    public const string RawExecJob = "deploy/styx-tui.nomad";
    public const string ContainerJob = "deploy/styx-tui-container.nomad";

    private readonly ConcurrentDictionary<string, Lazy<Task<JobFile>>> _files = new(StringComparer.Ordinal);
    private readonly Lazy<JobSchema> _schema = new(() => JobSchema.Load(Path.Combine(AppContext.BaseDirectory, "TestData", "nomad-openapi.yaml")));

    internal Task<JobFile> JobAsync(string relativePath) =>
        _files.GetOrAdd(relativePath, path => new Lazy<Task<JobFile>>(() => JobFile.LoadAsync(path))).Value;

    internal JobSchema Schema => _schema.Value;

    internal static string Read(string relativePath) => File.ReadAllText(RepositoryRoot.File(relativePath));
}

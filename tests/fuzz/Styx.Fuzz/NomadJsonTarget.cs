using System.Text.Json;
using Styx.Cluster.Nomad;

namespace Styx.Fuzz;

/// <summary>
/// Nomad's answers as the client reads them: <see cref="JsonSerializer"/> with <see cref="NomadJson.Options"/> into the
/// types of <see cref="INomadApi"/>, the event stream's frames (and each event's payload into its topic's type, as
/// <see cref="NomadEvent.Payload"/> says to read it), and the log stream through <see cref="StreamFrameReader"/>.
/// A body Nomad could not have sent is a <see cref="JsonException"/> (or the log reader's
/// <see cref="InvalidDataException"/>); anything else is a crash, and so is failing to write back (<c>--json</c>
/// output) what was read. The first byte picks the type.
/// </summary>
internal static class NomadJsonTarget
{
    /// <summary>Each type the client reads, with the samples (tests/Styx.Cluster.Tests/TestData/nomad) that seed it.</summary>
    private static readonly (Action<byte[]> Read, string[] Samples)[] s_types =
    [
        (Read<List<JobListStub>>, ["jobs-list.json"]),
        (Read<Job>, ["job-read.json"]),
        (Read<List<NodeListStub>>, ["nodes-list.json"]),
        (Read<Node>, ["node-read.json"]),
        (Read<List<AllocationListStub>>, ["allocations-list.json", "job-allocations.json"]),
        (Read<Allocation>, ["allocation-read.json"]),
        (Read<List<Allocation>>, ["node-allocations.json"]),
        (Read<List<Deployment>>, ["deployments-list.json", "job-deployments.json"]),
        (Read<Deployment>, ["deployment-read.json", "job-deployment-latest.json"]),
        (Read<JobSummary>, ["job-summary.json"]),
        (Read<List<ServiceRegistrationListStub>>, ["services-list.json"]),
        (Read<List<ServiceRegistration>>, ["service-read.json", "job-services.json"]),
        (ReadEvents, ["event-stream.json"]),
        (ReadLogFrames, ["client-fs-logs.frames.txt"]),
        (Read<AgentSelf>, ["agent-self.json"]),
        (Read<AclToken>, ["acl-token-self.json"]),
        (Read<JobVersionsResponse>, ["job-versions.json"]),
        (Read<JobScaleStatus>, ["job-scale-status.json"]),
        (Read<AllocResourceUsage>, ["client-allocation-stats.json"]),
        (Read<HostStats>, ["client-stats.json"]),
        (Read<JobRegisterResponse>, ["jobs-register.response.json", "job-scale.response.json"]),
        (Read<NodeUpdateResponse>, ["node-drain.response.json"]),
        (Read<AllocStopResponse>, ["allocation-stop.response.json"]),
    ];

    public static void Run(byte[] data)
    {
        if (data.Length == 0)
        {
            return;
        }

        try
        {
            s_types[data[0] % s_types.Length].Read(data[1..]);
        }
        catch (JsonException)
        {
        }
    }

    /// <summary>Each sample as a seed: the type's index, then the sample's bytes.</summary>
    public static IEnumerable<(string Name, byte[] Input)> Seeds(string samples) =>
        s_types.SelectMany((type, index) => type.Samples.Select(name => (name, (byte[])[(byte)index, .. File.ReadAllBytes(Path.Combine(samples, name))])));

    private static void Read<T>(byte[] body)
    {
        var value = JsonSerializer.Deserialize<T>(body, NomadJson.Options);
        JsonSerializer.SerializeToUtf8Bytes(value, NomadJson.Options);
    }

    /// <summary>One NDJSON line per frame, as <see cref="NomadStreams.StreamEventsAsync"/> reads them.</summary>
    private static void ReadEvents(byte[] body)
    {
        foreach (var line in System.Text.Encoding.UTF8.GetString(body).Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var frame = JsonSerializer.Deserialize<NomadEventsFrame>(line, NomadJson.Options) ?? new NomadEventsFrame();
            _ = frame.IsHeartbeat;
            foreach (var e in frame.Events ?? [])
            {
                if (e?.Payload is not { ValueKind: JsonValueKind.Object } payload || !payload.TryGetProperty(e.Topic, out var value))
                {
                    continue;
                }

                _ = e.Topic switch
                {
                    "Job" => value.Deserialize<Job>(NomadJson.Options) as object,
                    "Allocation" => value.Deserialize<Allocation>(NomadJson.Options),
                    "Node" => value.Deserialize<Node>(NomadJson.Options),
                    "Deployment" => value.Deserialize<Deployment>(NomadJson.Options),
                    "Service" => value.Deserialize<ServiceRegistration>(NomadJson.Options),
                    _ => null,
                };
            }

            JsonSerializer.SerializeToUtf8Bytes(frame, NomadJson.Options);
        }
    }

    /// <summary>The log stream as it arrives: back-to-back JSON frames, read through the client's own reader.</summary>
    private static void ReadLogFrames(byte[] body)
    {
        try
        {
            var frames = StreamFrameReader.ReadAsync(new MemoryStream(body), CancellationToken.None).GetAsyncEnumerator();
            while (frames.MoveNextAsync().AsTask().GetAwaiter().GetResult())
            {
                _ = frames.Current.IsHeartbeat;
            }
        }
        catch (InvalidDataException)
        {
        }
    }
}

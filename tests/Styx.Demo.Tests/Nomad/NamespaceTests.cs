using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Styx.Testing;

namespace Styx.Demo.Tests.Nomad;

/// <summary>
/// Namespaces as Nomad has them: the list and one namespace, the <c>namespace</c> parameter on every endpoint
/// (default <c>default</c>, <c>*</c> on lists), the same job ID in two namespaces read and stopped in the right one,
/// allocation IDs global, and events carrying their namespace.
/// </summary>
public sealed class NamespaceTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private DemoServer _demo = null!;
    private HttpClient _http = null!;

    private CancellationToken Ct => _timeout.Token;

    public async Task InitializeAsync()
    {
        _demo = await DemoServer.StartAsync(new DemoOptions
        {
            StartDelay = TimeSpan.FromMilliseconds(200),
            HealthyDelay = TimeSpan.FromMilliseconds(100),
            StopDelay = TimeSpan.FromMilliseconds(100),
            Tick = TimeSpan.FromMilliseconds(50),
        });
        _http = Client(_demo.Acl.Admin.SecretId);
        await UntilAsync(async () => (await GetAsync("/v1/allocations?namespace=*")).EnumerateArray().All(a => a.GetProperty("ClientStatus").GetString() == "running"));
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _demo.DisposeAsync();
        _timeout.Dispose();
    }

    [Fact]
    public async Task Namespaces_List_DefaultAndStagingByName()
    {
        using var response = await _http.GetAsync("/v1/namespaces", Ct);
        var namespaces = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(["default", "staging"], namespaces.EnumerateArray().Select(n => n.GetProperty("Name").GetString()));
        Assert.Equal("Default shared namespace", namespaces[0].GetProperty("Description").GetString());
        Assert.True(response.Headers.Contains("X-Nomad-Index"), "a blocking query endpoint");
        Assert.Equal("staging", (await GetAsync("/v1/namespaces?prefix=st"))[0].GetProperty("Name").GetString());
    }

    [Fact]
    public async Task Namespaces_AnonymousToken_SeesNone()
    {
        using var anonymous = Client(null);
        Assert.Equal(0, (await anonymous.GetFromJsonAsync<JsonElement>("/v1/namespaces", Ct)).GetArrayLength());
        using var refused = await anonymous.GetAsync("/v1/namespace/default", Ct);
        await AssertTextErrorAsync(refused, HttpStatusCode.Forbidden, "Permission denied");
    }

    [Fact]
    public async Task Namespace_ReadOneAndUnknown()
    {
        var staging = await GetAsync("/v1/namespace/staging");
        Assert.Equal("staging", staging.GetProperty("Name").GetString());
        Assert.Equal("styx", staging.GetProperty("Meta").GetProperty("owner").GetString());
        using var missing = await _http.GetAsync("/v1/namespace/nosuch", Ct);
        await AssertTextErrorAsync(missing, HttpStatusCode.NotFound, "Namespace not found");
    }

    [Fact]
    public async Task Jobs_NamespaceParameter_DefaultStagingAndAll()
    {
        var byDefault = Ids(await GetAsync("/v1/jobs"));
        Assert.Contains("web", byDefault);
        Assert.DoesNotContain("mailer", byDefault);
        Assert.Equal(byDefault, Ids(await GetAsync("/v1/jobs?namespace=default")));

        var staging = await GetAsync("/v1/jobs?namespace=staging");
        Assert.Equal(["mailer", "web"], Ids(staging));
        Assert.All(staging.EnumerateArray(), j => Assert.Equal("staging", j.GetProperty("Namespace").GetString()));

        // "*": every namespace, in the jobs table's (namespace, ID) order.
        var all = (await GetAsync("/v1/jobs?namespace=*")).EnumerateArray().Select(j => (j.GetProperty("Namespace").GetString(), j.GetProperty("ID").GetString())).ToList();
        Assert.Equal(byDefault.Count + 2, all.Count);
        Assert.Equal(all.OrderBy(j => j.Item1, StringComparer.Ordinal).ThenBy(j => j.Item2, StringComparer.Ordinal), all);
        Assert.Equal(2, all.Count(j => j.Item2 == "web"));

        Assert.Equal(0, (await GetAsync("/v1/jobs?namespace=nosuch")).GetArrayLength());
    }

    [Fact]
    public async Task Job_SameIdInTwoNamespaces_EachReadInItsOwn()
    {
        var web = await GetAsync("/v1/job/web");
        var stagingWeb = await GetAsync("/v1/job/web?namespace=staging");
        Assert.Equal("default", web.GetProperty("Namespace").GetString());
        Assert.Equal("staging", stagingWeb.GetProperty("Namespace").GetString());
        Assert.Equal("ghcr.io/styx/web:1.8.2", Image(web));
        Assert.Equal("ghcr.io/styx/web:1.9.0-rc.1", Image(stagingWeb));

        Assert.Equal("staging", (await GetAsync("/v1/job/web/summary?namespace=staging")).GetProperty("Namespace").GetString());
        Assert.Equal("staging", (await GetAsync("/v1/job/web/scale?namespace=staging")).GetProperty("Namespace").GetString());
        Assert.All((await GetAsync("/v1/job/web/allocations?namespace=staging")).EnumerateArray(), a => Assert.Equal("staging", a.GetProperty("Namespace").GetString()));
        Assert.Equal(1, (await GetAsync("/v1/job/web/allocations?namespace=staging")).GetArrayLength());
        Assert.Equal(2, (await GetAsync("/v1/job/web/allocations")).GetArrayLength());

        using var mailer = await _http.GetAsync("/v1/job/mailer", Ct);
        await AssertTextErrorAsync(mailer, HttpStatusCode.NotFound, "job not found");
    }

    [Fact]
    public async Task Stop_WebInStaging_StopsOnlyThatOne()
    {
        using var stop = await _http.DeleteAsync("/v1/job/web?namespace=staging", Ct);
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);

        Assert.True((await GetAsync("/v1/job/web?namespace=staging")).GetProperty("Stop").GetBoolean());
        Assert.False((await GetAsync("/v1/job/web")).GetProperty("Stop").GetBoolean());
        await UntilAsync(async () => (await GetAsync("/v1/job/web/allocations?namespace=staging")).EnumerateArray().All(a => a.GetProperty("ClientStatus").GetString() == "complete"));
        Assert.All((await GetAsync("/v1/job/web/allocations")).EnumerateArray(), a => Assert.Equal("running", a.GetProperty("ClientStatus").GetString()));
    }

    [Fact]
    public async Task Stop_JobMissingInThatNamespace_NoEvaluationLikeNomad()
    {
        using var stop = await _http.DeleteAsync("/v1/job/mailer", Ct);
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        Assert.Equal("", (await stop.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("EvalID").GetString());
        Assert.False((await GetAsync("/v1/job/mailer?namespace=staging")).GetProperty("Stop").GetBoolean());
    }

    [Fact]
    public async Task Scale_InStaging_LeavesDefaultAlone()
    {
        using var scale = await PostAsync("/v1/job/web/scale?namespace=staging", ScaleBody(2));
        Assert.Equal(HttpStatusCode.OK, scale.StatusCode);
        await UntilAsync(async () => (await GetAsync("/v1/job/web/allocations?namespace=staging")).EnumerateArray().Count(a => a.GetProperty("ClientStatus").GetString() == "running") == 2);
        Assert.Equal(2, Count(await GetAsync("/v1/job/web?namespace=staging")));
        Assert.Equal(2, Count(await GetAsync("/v1/job/web")));
    }

    [Fact]
    public async Task Register_QueryNamespaceWinsOverTheJobs_AndMustExist()
    {
        var job = (JsonObject)JsonNode.Parse((await GetAsync("/v1/job/mailer?namespace=staging")).GetRawText())!;
        job["Namespace"] = "staging";
        using var toDefault = await PostAsync("/v1/jobs?namespace=default", new JsonObject { ["Job"] = job.DeepClone() });
        Assert.Equal(HttpStatusCode.OK, toDefault.StatusCode);
        Assert.Equal("default", (await GetAsync("/v1/job/mailer")).GetProperty("Namespace").GetString());

        using var nowhere = await PostAsync("/v1/jobs?namespace=nosuch", new JsonObject { ["Job"] = job.DeepClone() });
        await AssertTextErrorAsync(nowhere, HttpStatusCode.InternalServerError, "1 error occurred:\n\t* job \"mailer\" is in nonexistent namespace \"nosuch\"\n\n");
    }

    [Fact]
    public async Task Allocations_ListPerNamespace_ReadByIdFromAnywhere()
    {
        var byDefault = await GetAsync("/v1/allocations");
        var all = await GetAsync("/v1/allocations?namespace=*");
        var staging = await GetAsync("/v1/allocations?namespace=staging");
        Assert.Equal(byDefault.GetArrayLength() + staging.GetArrayLength(), all.GetArrayLength());
        Assert.All(byDefault.EnumerateArray(), a => Assert.Equal("default", a.GetProperty("Namespace").GetString()));
        Assert.Equal(2, staging.GetArrayLength());

        // An allocation ID is global: it is read whatever namespace the request names.
        var id = staging[0].GetProperty("ID").GetString();
        Assert.Equal("staging", (await GetAsync($"/v1/allocation/{id}")).GetProperty("Namespace").GetString());
        Assert.Equal("staging", (await GetAsync($"/v1/allocation/{id}?namespace=default")).GetProperty("Namespace").GetString());
    }

    [Fact]
    public async Task Deployments_ListPerNamespace()
    {
        var staging = await GetAsync("/v1/deployments?namespace=staging");
        Assert.NotEqual(0, staging.GetArrayLength());
        Assert.All(staging.EnumerateArray(), d => Assert.Equal("staging", d.GetProperty("Namespace").GetString()));
        Assert.Equal(
            (await GetAsync("/v1/deployments")).GetArrayLength() + staging.GetArrayLength(),
            (await GetAsync("/v1/deployments?namespace=*")).GetArrayLength());
    }

    [Fact]
    public async Task Services_ListOneEntryPerNamespace_ReadInOne()
    {
        var all = await GetAsync("/v1/services?namespace=*");
        Assert.Equal(["default", "staging"], all.EnumerateArray().Select(n => n.GetProperty("Namespace").GetString()));
        var byDefault = Assert.Single((await GetAsync("/v1/services")).EnumerateArray());
        Assert.Equal("default", byDefault.GetProperty("Namespace").GetString());

        var stagingWeb = await GetAsync("/v1/service/web?namespace=staging");
        var instance = Assert.Single(stagingWeb.EnumerateArray());
        Assert.Equal("staging", instance.GetProperty("Namespace").GetString());
        Assert.Equal(2, (await GetAsync("/v1/service/web")).GetArrayLength());
        // Reading one service looks in exactly the namespace named: "*" is not expanded there.
        Assert.Equal(0, (await GetAsync("/v1/service/web?namespace=*")).GetArrayLength());
    }

    [Fact]
    public async Task EventStream_Namespace_OnlyThatNamespacesEvents()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/event/stream?topic=Job&topic=Allocation&namespace=staging");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct), Encoding.UTF8);

        using (var scaled = await PostAsync("/v1/job/web/scale", ScaleBody(3)))
        {
            Assert.Equal(HttpStatusCode.OK, scaled.StatusCode);
        }

        using (var scaled = await PostAsync("/v1/job/web/scale?namespace=staging", ScaleBody(2)))
        {
            Assert.Equal(HttpStatusCode.OK, scaled.StatusCode);
        }

        var namespaces = new List<string>();
        while (!namespaces.Contains("staging"))
        {
            var line = await reader.ReadLineAsync(Ct);
            Assert.NotNull(line);
            var frame = JsonDocument.Parse(line).RootElement;
            if (frame.TryGetProperty("Events", out var events))
            {
                namespaces.AddRange(events.EnumerateArray().Select(e => e.GetProperty("Namespace").GetString()!));
            }
        }

        Assert.All(namespaces, ns => Assert.Equal("staging", ns));
    }

    private HttpClient Client(string? token)
    {
        var http = new HttpClient { BaseAddress = _demo.NomadAddress };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Add("X-Nomad-Token", token);
        }

        return http;
    }

    private async Task<JsonElement> GetAsync(string path) => await _http.GetFromJsonAsync<JsonElement>(path, Ct);

    /// <summary>Posts Nomad's JSON as written (the web defaults of PostAsJsonAsync would camel-case the names).</summary>
    private Task<HttpResponseMessage> PostAsync(string path, JsonObject body) =>
        _http.PostAsync(path, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), Ct);

    private static JsonObject ScaleBody(int count) => new() { ["Count"] = count, ["Target"] = new JsonObject { ["Group"] = "web" } };

    private static Task UntilAsync(Func<Task<bool>> condition) => Eventually.True(_ => condition(), "the demo reached the expected state");

    private static List<string?> Ids(JsonElement jobs) => jobs.EnumerateArray().Select(j => j.GetProperty("ID").GetString()).ToList();

    private static string? Image(JsonElement job) =>
        job.GetProperty("TaskGroups")[0].GetProperty("Tasks")[0].GetProperty("Config").GetProperty("image").GetString();

    private static int Count(JsonElement job) => job.GetProperty("TaskGroups")[0].GetProperty("Count").GetInt32();

    private async Task AssertTextErrorAsync(HttpResponseMessage response, HttpStatusCode status, string text)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(text, await response.Content.ReadAsStringAsync(Ct));
    }
}

using System.Diagnostics;
using System.Text;

namespace Styx.Ssh.Tests.Support;

/// <summary>Runs a client program to completion with a timeout, capturing stdout/stderr; killed by its own PID on timeout.</summary>
internal static class ProcessRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr, byte[] StdoutBytes);

    public static async Task<Result> RunAsync(string file, IEnumerable<string> arguments, byte[]? stdin = null, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = new MemoryStream();
        var readOut = process.StandardOutput.BaseStream.CopyToAsync(output);
        var readErr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.BaseStream.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(file)} did not finish: {await readErr}");
        }

        await readOut;
        var bytes = output.ToArray();
        return new Result(process.ExitCode, Encoding.UTF8.GetString(bytes), await readErr, bytes);
    }
}

using System.Diagnostics;

namespace PublicServices.Testing;

/// <summary>Runs a built service the way an operator does: `dotnet PublicServices.X.dll …` in its build output folder.</summary>
public static class ServiceCommands
{
    /// <summary>services/{name} of the repository these tests were built from, built like the tests (configuration, framework).</summary>
    public static string Dll(string service)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PublicServices.sln")))
                return Dll(Path.Combine(dir.FullName, "services", service), service);
        throw new InvalidOperationException("The tests do not run inside the repository.");
    }

    /// <summary>The service project in <paramref name="projectDirectory"/>, built like the tests.</summary>
    public static string Dll(string projectDirectory, string service)
    {
        // The tests run from bin/<configuration>/<framework>/; the service was built the same way.
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(projectDirectory, "bin", framework.Parent!.Name, framework.Name, $"PublicServices.{service}.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the {service} service first: {dll} is missing.", dll);
    }

    /// <summary>
    /// Runs the service with these arguments, environment variables and standard input; a process still running after
    /// the timeout (a server that started) is killed and reported with exit code -1.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string dll, IEnumerable<string> args,
        IReadOnlyDictionary<string, string> environment, string? input = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardInput = true,
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var inherited in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "PUBLICSERVICES_ADMIN_PASSWORD" })
            start.Environment.Remove(inherited);
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (input is not null) await process.StandardInput.WriteLineAsync(input);
        process.StandardInput.Close();
        using var wait = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (-1, await output + await errors);
        }
        return (process.ExitCode, await output + await errors);
    }

    /// <summary>The identity service's `bootstrap-admin user-name`, the password on standard input.</summary>
    public static Task<(int ExitCode, string Output)> BootstrapAdminAsync(string identityDll, string userName, string password,
        IReadOnlyDictionary<string, string> environment) =>
        RunAsync(identityDll, ["bootstrap-admin", userName], environment, password);
}

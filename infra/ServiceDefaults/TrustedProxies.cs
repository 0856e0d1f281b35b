using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PublicServices.ServiceDefaults;

/// <summary>
/// Which peers may tell a process who the client is (X-Forwarded-For, and the scheme where asked): only the proxies
/// listed in configuration, as addresses ("10.0.0.5") or networks ("10.0.0.0/8"). None listed (the default) means the
/// socket's peer is the client and forwarded headers are ignored. Only the last hop is read (ForwardLimit 1): the one
/// proxy in front of this process appends the address it saw, so what a client wrote before it is never believed.
/// </summary>
public static class TrustedProxies
{
    /// <summary>Binds the list at <paramref name="configurationKey"/> (e.g. Gateway:TrustedProxies) into ForwardedHeadersOptions.</summary>
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, string configurationKey, ForwardedHeaders headers) =>
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((o, configuration) =>
            Apply(o, configuration.GetSection(configurationKey).Get<string[]>() ?? [], headers, configurationKey)).Services;

    static void Apply(ForwardedHeadersOptions o, IReadOnlyCollection<string> proxies, ForwardedHeaders headers, string key)
    {
        // The framework trusts loopback by default; here only what the operator named counts.
        o.KnownProxies.Clear();
        o.KnownIPNetworks.Clear();
        foreach (var entry in proxies.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()))
        {
            if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var network))
                o.KnownIPNetworks.Add(network);
            else if (IPAddress.TryParse(entry, out var address))
                o.KnownProxies.Add(address);
            else
                throw new InvalidOperationException($"{key}: '{entry}' is neither an IP address nor a network such as 10.0.0.0/8");
        }
        o.ForwardLimit = 1;
        // With no known proxy at all the middleware would believe every peer: then it forwards nothing.
        o.ForwardedHeaders = o.KnownProxies.Count + o.KnownIPNetworks.Count == 0 ? ForwardedHeaders.None : headers;
    }

    /// <summary>
    /// The address a client's limits and counters are kept under: IPv4 as is (also when mapped into IPv6), IPv6 by its
    /// /64 network, since one subscriber usually gets a whole /64 and could otherwise use a new address per request.
    /// </summary>
    public static IPAddress Partition(IPAddress? address)
    {
        if (address is null)
            return IPAddress.IPv6None;
        if (address.IsIPv4MappedToIPv6)
            return address.MapToIPv4();
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            return address;
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes);
    }
}
